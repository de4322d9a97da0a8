#include "ConsoleRelay.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

namespace isolde::runtime {

namespace {

bool writeAll(int fd, const char *data, ssize_t size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, std::size_t(size));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        size -= written;
    }
    return true;
}

// Copies one read's worth from `from` to `to`; false at end-of-file or error (EIO on a
// master whose replica is closed everywhere).
bool copyOnce(int from, int to)
{
    char buffer[16384];
    ssize_t got = 0;
    while ((got = ::read(from, buffer, sizeof buffer)) < 0 && errno == EINTR) {
    }
    return got > 0 && writeAll(to, buffer, got);
}

void copyWindowSize(int master)
{
    winsize window{};
    if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &window) == 0)
        ::ioctl(master, TIOCSWINSZ, &window);
}

// Raw mode on our terminal for as long as it lives.
class RawTerminal
{
public:
    RawTerminal()
    {
        if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &m_saved) != 0)
            return;
        termios raw = m_saved;
        ::cfmakeraw(&raw);
        m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    ~RawTerminal()
    {
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    RawTerminal(const RawTerminal &) = delete;
    RawTerminal &operator=(const RawTerminal &) = delete;
    bool active() const { return m_active; }

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

void relayConsole(int master, int pidfd)
{
    const RawTerminal terminal;
    // SIGWINCH as a descriptor, so that the resize happens in this loop.
    sigset_t winch;
    sigset_t previous;
    ::sigemptyset(&winch);
    ::sigaddset(&winch, SIGWINCH);
    ::sigprocmask(SIG_BLOCK, &winch, &previous);
    const int resized = terminal.active() ? ::signalfd(-1, &winch, SFD_CLOEXEC | SFD_NONBLOCK) : -1;
    if (terminal.active())
        copyWindowSize(master);

    enum { Exited, Master, Input, Resized };
    pollfd fds[] = {
        {pidfd, POLLIN, 0}, {master, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}, {resized, POLLIN, 0}};
    for (;;) {
        if (::poll(fds, sizeof fds / sizeof fds[0], -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[Master].revents && !copyOnce(master, STDOUT_FILENO))
            fds[Master].fd = -1;
        // At the end of our input the container keeps its terminal; we stop reading.
        if (fds[Input].revents && !copyOnce(STDIN_FILENO, master))
            fds[Input].fd = -1;
        if (fds[Resized].revents) {
            signalfd_siginfo info{};
            while (::read(resized, &info, sizeof info) == sizeof info) {
            }
            copyWindowSize(master);
        }
        if (fds[Exited].revents)
            break;
    }
    // What the process wrote just before it exited is still in the master's buffer.
    if (fds[Master].fd >= 0) {
        ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
        while (copyOnce(master, STDOUT_FILENO)) {
        }
    }
    if (resized >= 0)
        ::close(resized);
    ::sigprocmask(SIG_SETMASK, &previous, nullptr);
}

} // namespace isolde::runtime
