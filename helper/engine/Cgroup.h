// A container's cgroup on whatever this host has: cgroup v2 (unified), v1 (legacy) or a
// hybrid of both, detected at run time. One object per container; its directories live in
// every hierarchy that holds a controller we use.
#pragma once

#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QList>
#include <QString>
#include <sys/types.h>

namespace isolde::engine {

class CgroupV1;
class CgroupV2;
enum class CgroupMode;

class Cgroup
{
public:
    // Creates the cgroup named by linux.cgroupsPath (or /isolde/<containerId> when empty) in
    // every hierarchy and applies `resources`. On failure nothing is left behind.
    static Expected<Cgroup> create(const QString &cgroupsPath, const QString &containerId,
                                   const std::optional<spec::Resources> &resources);
    // An existing container cgroup (update, stats, delete).
    static Expected<Cgroup> open(const QString &cgroupsPath, const QString &containerId);

    Cgroup(Cgroup &&other) noexcept;
    Cgroup &operator=(Cgroup &&other) noexcept;
    Cgroup(const Cgroup &) = delete;
    Cgroup &operator=(const Cgroup &) = delete;
    ~Cgroup(); // closes descriptors; never removes the cgroup

    // A directory fd for clone3(CLONE_INTO_CGROUP) when the host is pure v2, else -1.
    int cloneIntoFd() const;
    // Moves `pid` into the container cgroup of every hierarchy (v1 and hybrid hosts): done by
    // the parent before the child unshares its cgroup namespace.
    Expected<void> attach(pid_t pid) const;

    // Applies a new set of limits. Devices are set once, by create(). When the kernel
    // refuses a value, every file written so far is put back and the error names the field.
    Expected<void> update(const spec::Resources &resources);
    // v1 freezer.state or v2 cgroup.freeze; returns once the kernel reports the new state.
    Expected<void> setFrozen(bool frozen);
    QList<pid_t> pids() const; // cgroup.procs

    // Kills what is left inside and removes the directories in every hierarchy.
    Expected<void> destroy();

    QString path() const; // the cgroup path relative to each hierarchy's root

    // rmdir of `path` (as resolvePath gives it) in every hierarchy where it holds no cgroup
    // and no process: for parents such as /isolde once their last container is gone.
    static void removeIfEmpty(const QString &path);

    // linux.cgroupsPath as a path within each hierarchy: empty gives /isolde/<containerId>, a
    // relative path goes under /isolde, "slice:prefix:name" (systemd) is refused, and so is
    // any ".." component.
    static Expected<QString> resolvePath(const QString &cgroupsPath, const QString &containerId);

    CgroupMode mode() const;
    // The two sides of the cgroup, for the stats sampler; nullptr where the host has none.
    const CgroupV1 *v1() const;
    const CgroupV2 *v2() const;

private:
    struct Private;
    explicit Cgroup(Private *d);
    void killTree(const QStringList &directories);
    Private *d = nullptr;
};

} // namespace isolde::engine
