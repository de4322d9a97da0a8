// Waits, without blocking the event loop, for a child process of the helper to exit, reaps it
// and reports its exit status (128 + signal when killed).
#pragma once

#include "SafePath.h"

#include <QObject>
#include <QSocketNotifier>
#include <functional>
#include <memory>
#include <sys/types.h>

namespace isolde::service {

class ChildWatch : public QObject
{
    Q_OBJECT
public:
    // `pidfd` must be a pidfd of a child of this process.
    ChildWatch(pid_t pid, engine::UniqueFd pidfd, QObject *parent = nullptr);
    ~ChildWatch() override;

    // `exited` runs once, on this thread, with the status; it may deleteLater() this watch.
    void onExit(std::function<void(int status)> exited) { m_exited = std::move(exited); }

    pid_t pid() const { return m_pid; }
    bool hasExited() const { return !m_pidfd.valid(); }
    void kill(int signal) const;

private:
    void onReadable();

    pid_t m_pid = 0;
    engine::UniqueFd m_pidfd;
    std::unique_ptr<QSocketNotifier> m_notifier;
    std::function<void(int)> m_exited;
};

// Reaps the child behind `pidfd` once it has exited: its exit code, or 128 + signal; -1 when
// the kernel has no status for it (not our child, or reaped elsewhere).
int reapChild(int pidfd);

} // namespace isolde::service
