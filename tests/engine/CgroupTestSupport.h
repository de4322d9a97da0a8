// Helpers shared by the cgroup tests: a forked process parked until the test has placed it
// into a cgroup, and a guard that kills and removes a test cgroup even when a check fails.
#pragma once

#include "Cgroup.h"

#include <QString>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <optional>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

namespace isolde::engine::test {

// fork()ed child that blocks on a pipe until release(), then runs `body` and _exit()s with
// its result. The body must stay async-signal-safe (the parent is a Qt program).
class TestProcess
{
public:
    template<typename Body>
    explicit TestProcess(Body body)
    {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
            return;
        m_pid = fork();
        if (m_pid == 0) {
            ::close(fds[1]);
            char byte;
            if (::read(fds[0], &byte, 1) != 1)
                _exit(120);
            _exit(body());
        }
        ::close(fds[0]);
        m_releaseFd = fds[1];
    }
    TestProcess(const TestProcess &) = delete;
    TestProcess &operator=(const TestProcess &) = delete;
    ~TestProcess()
    {
        if (m_releaseFd >= 0)
            ::close(m_releaseFd);
        if (m_pid > 0 && !m_reaped) {
            ::kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }

    pid_t pid() const { return m_pid; }
    void release()
    {
        if (m_releaseFd >= 0) {
            (void)!::write(m_releaseFd, "x", 1);
            ::close(m_releaseFd);
            m_releaseFd = -1;
        }
    }
    // The wait status (WIFEXITED, WTERMSIG, ...).
    int wait()
    {
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_reaped = true;
        return status;
    }
    // Releases the child and waits: its exit code, or -1 when a signal ended it.
    int runToExit()
    {
        release();
        const int status = wait();
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    bool running() const { return m_pid > 0 && !m_reaped && ::kill(m_pid, 0) == 0; }

private:
    pid_t m_pid = -1;
    int m_releaseFd = -1;
    bool m_reaped = false;
};

// Destroys the cgroup at scope exit; failures are reported by the test's own checks.
class CgroupGuard
{
public:
    explicit CgroupGuard(std::optional<Cgroup> &cgroup)
        : m_cgroup(cgroup)
    {}
    ~CgroupGuard()
    {
        if (m_cgroup)
            (void)m_cgroup->destroy();
    }

private:
    std::optional<Cgroup> &m_cgroup;
};

// The error of a failed call, for QVERIFY2 (which evaluates its message even on success).
template<typename T>
QByteArray why(const Expected<T> &result)
{
    return result ? QByteArray() : result.error().toString().toLocal8Bit();
}

// Busy-loops forever: used by CPU and freezer tests.
[[noreturn]] inline int spin()
{
    for (;;)
        __asm__ __volatile__("" ::: "memory");
}

// A fork bomb on a leash, for a TestProcess in a pids-limited cgroup: forks up to `attempts`
// children that wait forever and returns how many forks succeeded before the kernel said
// EAGAIN (100 on any other error).
inline int forkUntilRefused(int attempts)
{
    int forked = 0;
    for (int i = 0; i < attempts; ++i) {
        const pid_t child = fork();
        if (child == 0) {
            pause();
            _exit(0);
        }
        if (child < 0)
            return errno == EAGAIN ? forked : 100;
        ++forked;
    }
    return forked;
}

} // namespace isolde::engine::test
