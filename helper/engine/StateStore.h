// Where the runtime remembers its containers: one directory per container under a root
// directory (isolde-runtime --root, or the helper's state dir), holding state.json (the OCI
// state plus what the runtime needs to find the container again), a copy of config.json and,
// between create and start, the exec fifo. Several runtimes may work on one root at once:
// creating a container is an exclusive mkdir, every change holds an flock on its directory,
// and state.json is replaced atomically (write a temporary file, then rename).
#pragma once

#include "util/Expected.h"

#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <sys/types.h>

namespace isolde::engine {

// The OCI runtime-spec state, plus the runtime's own bookkeeping.
struct ContainerState
{
    QString ociVersion;
    QString id;
    QString status; // creating | created | running | stopped
    pid_t pid = 0;  // the container process, as the host sees it
    QString bundle;
    QMap<QString, QString> annotations;

    // Field 22 of /proc/<pid>/stat when the container process started: a pid that the
    // kernel has since given to another process has another start time.
    uint64_t pidStartTime = 0;
    QDateTime created;
    uid_t owner = 0;      // who asked for the container (the helper records the D-Bus caller)
    QString cgroupsPath;  // linux.cgroupsPath, to find the cgroup again
    bool started = false; // `start` has released the process

    // OCI state JSON (`isolde-runtime state`): ociVersion, id, status, pid, bundle,
    // annotations.
    QByteArray toOciJson() const;
};

// Holds an flock on one container's directory; released when destroyed.
class ContainerLock
{
public:
    ContainerLock() = default;
    explicit ContainerLock(int fd)
        : m_fd(fd)
    {}
    ContainerLock(ContainerLock &&other) noexcept;
    ContainerLock &operator=(ContainerLock &&other) noexcept;
    ContainerLock(const ContainerLock &) = delete;
    ContainerLock &operator=(const ContainerLock &) = delete;
    ~ContainerLock();

    int fd() const { return m_fd; } // the container directory, O_DIRECTORY

private:
    int m_fd = -1;
};

class StateStore
{
public:
    explicit StateStore(QString root);

    QString root() const { return m_root; }
    QString containerDir(const QString &id) const;
    QString execFifoPath(const QString &id) const;
    QString specPath(const QString &id) const;
    // Compiled seccomp programs (see compileSeccomp); a leading '.' keeps it apart from ids.
    QString seccompCacheDir() const;

    // A container id is a file name: letters, digits, '_', '-', '.', not starting with '.'.
    static Expected<void> checkId(const QString &id);

    // Makes the container's directory; fails when the id is taken. Returns it locked.
    Expected<ContainerLock> createContainerDir(const QString &id) const;
    // Locks an existing container's directory; fails when there is no such container.
    Expected<ContainerLock> lock(const QString &id) const;

    Expected<ContainerState> load(const QString &id) const;
    Expected<void> save(const ContainerState &state) const;
    // The container's own copy of config.json, stored as given.
    Expected<void> saveSpec(const QString &id, const QByteArray &json) const;
    // Removes the directory and everything in it (the caller holds the lock).
    Expected<void> remove(const QString &id) const;

    QStringList ids() const;

private:
    // Replaces `name` in the container's directory atomically. No fsync: the state lives on
    // a tmpfs (/run) and means nothing after a reboot; the rename is what keeps a crashed
    // runtime from leaving half a file.
    Expected<void> replaceFile(const QString &id, const char *name,
                               const QByteArray &contents) const;

    QString m_root;
};

// Start time of a process (field 22 of /proc/<pid>/stat), 0 when it does not exist.
uint64_t processStartTime(pid_t pid);
// True while `pid` is the process `state` recorded and it has not exited (a zombie is dead).
bool isProcessAlive(const ContainerState &state);

} // namespace isolde::engine
