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

    Expected<void> update(const spec::Resources &resources);
    Expected<void> setFrozen(bool frozen);
    QList<pid_t> pids() const;

    // Kills what is left inside and removes the directories in every hierarchy.
    Expected<void> destroy();

    QString path() const; // the cgroup path relative to each hierarchy's root

private:
    struct Private;
    explicit Cgroup(Private *d);
    Private *d = nullptr;
};

} // namespace isolde::engine
