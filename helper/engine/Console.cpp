#include "Console.h"

#include <QFile>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

namespace isolde::engine {

namespace {

QString errnoText(int errnum)
{
    return QString::fromLocal8Bit(strerror(errnum));
}

Error consoleError(const QString &what)
{
    return Error{QStringLiteral("process.terminal"),
                 QStringLiteral("%1: %2").arg(what, errnoText(errno))};
}

} // namespace

Expected<Pty> openPty(const std::optional<spec::ConsoleSize> &size)
{
    Pty pty;
    pty.master.reset(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!pty.master.valid())
        return consoleError(QStringLiteral("cannot open a pseudo-terminal"));
    char name[64];
    if (::grantpt(pty.master.get()) != 0 || ::unlockpt(pty.master.get()) != 0 ||
        ::ptsname_r(pty.master.get(), name, sizeof name) != 0)
        return consoleError(QStringLiteral("cannot unlock the pseudo-terminal"));
    pty.replica.reset(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!pty.replica.valid())
        return consoleError(QStringLiteral("cannot open %1").arg(QString::fromLocal8Bit(name)));
    pty.replicaMount.reset(
        ::open_tree(pty.replica.get(), "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH));
    if (!pty.replicaMount.valid())
        return consoleError(
            QStringLiteral("cannot make a bind mount of %1").arg(QString::fromLocal8Bit(name)));
    if (size) {
        winsize window{};
        window.ws_row = static_cast<unsigned short>(size->height);
        window.ws_col = static_cast<unsigned short>(size->width);
        if (::ioctl(pty.master.get(), TIOCSWINSZ, &window) != 0)
            return Error{QStringLiteral("process.consoleSize"),
                         QStringLiteral("cannot set the terminal size: %1").arg(errnoText(errno))};
    }
    return pty;
}

Expected<void> sendConsole(const QString &socketPath, int fd)
{
    const QByteArray path = QFile::encodeName(socketPath);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.isEmpty() || std::size_t(path.size()) >= sizeof address.sun_path)
        return Error{QStringLiteral("--console-socket"),
                     QStringLiteral("\"%1\" is not a usable socket path").arg(socketPath)};
    std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));
    UniqueFd socket(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!socket.valid() ||
        ::connect(socket.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
        return Error{QStringLiteral("--console-socket"),
                     QStringLiteral("cannot connect to %1: %2").arg(socketPath, errnoText(errno))};
    // One byte of payload carries the descriptor; runc sends the pty's name, which says nothing
    // the descriptor does not.
    char payload = 'c';
    iovec data{&payload, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(header), &fd, sizeof fd);
    ssize_t sent = 0;
    while ((sent = ::sendmsg(socket.get(), &message, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
    }
    if (sent != 1)
        return Error{
            QStringLiteral("--console-socket"),
            QStringLiteral("cannot send the terminal to %1: %2").arg(socketPath, errnoText(errno))};
    return {};
}

bool attachConsole(int replica)
{
    if (::setsid() < 0 || ::ioctl(replica, TIOCSCTTY, 0) != 0)
        return false;
    for (int fd = 0; fd < 3; ++fd) {
        if (::dup2(replica, fd) != fd)
            return false;
    }
    return true;
}

} // namespace isolde::engine
