#include "Init.h"

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace isolde::engine {

static void writeAll(int fd, const char *text)
{
    std::size_t length = 0;
    while (text[length])
        ++length;
    while (length > 0) {
        const ssize_t n = ::write(fd, text, length);
        if (n <= 0)
            return;
        text += n;
        length -= static_cast<std::size_t>(n);
    }
}

[[noreturn]] static void execUserProcess(int programFd, const char *path, char *const argv[],
                                         char *const envp[], const sigset_t &original)
{
    ::sigprocmask(SIG_SETMASK, &original, nullptr);
    if (programFd >= 0)
        ::syscall(SYS_execveat, programFd, "", argv, envp, AT_EMPTY_PATH);
    else
        ::execve(path, argv, envp);
    writeAll(2, "isolde-init: cannot execute ");
    writeAll(2, programFd >= 0 ? argv[0] : path);
    writeAll(2, "\n");
    ::_exit(127);
}

static int statusOf(int waitStatus)
{
    if (WIFSIGNALED(waitStatus))
        return 128 + WTERMSIG(waitStatus);
    return WEXITSTATUS(waitStatus);
}

void runInit(int programFd, const char *path, char *const argv[], char *const envp[])
{
    // Every signal is taken synchronously with sigwaitinfo(): no handler runs, so nothing
    // here needs to be reentrant.
    sigset_t all;
    sigset_t original;
    ::sigfillset(&all);
    ::sigprocmask(SIG_SETMASK, &all, &original);

    // A raw clone: no fork handlers of the (multi-threaded) parent run in this process.
    const long child = ::syscall(SYS_clone, SIGCHLD, nullptr, nullptr, nullptr, nullptr);
    if (child < 0) {
        writeAll(2, "isolde-init: cannot start the user process\n");
        ::_exit(127);
    }
    if (child == 0)
        execUserProcess(programFd, path, argv, envp, original);

    for (;;) {
        siginfo_t info{};
        const int signal = ::sigwaitinfo(&all, &info);
        if (signal < 0)
            continue;
        if (signal != SIGCHLD) {
            ::kill(static_cast<pid_t>(child), signal);
            continue;
        }
        int waitStatus = 0;
        pid_t reaped = 0;
        while ((reaped = ::waitpid(-1, &waitStatus, WNOHANG)) > 0) {
            if (reaped == child)
                ::_exit(statusOf(waitStatus));
        }
    }
}

} // namespace isolde::engine
