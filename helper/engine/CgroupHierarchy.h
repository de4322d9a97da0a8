// Which cgroup hierarchies this host has and where they are mounted, read from
// /proc/self/mountinfo and /proc/cgroups. A host is pure v2 (one cgroup2 mount), pure v1
// (only "cgroup" mounts) or hybrid (v1 controllers plus a cgroup2 mount holding few or none).
#pragma once

#include "util/Expected.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace isolde::engine {

enum class CgroupMode { Unified, Legacy, Hybrid };

struct CgroupMount
{
    QString mountPoint;      // /sys/fs/cgroup/memory
    QString root;            // the cgroup this mount shows as its top ("/" unless bound)
    QStringList controllers; // v1: its controllers and any "name=..."; v2: cgroup.controllers
    bool unified = false;    // a cgroup2 mount

    // The directory of cgroup `path` (absolute within the hierarchy) under this mount.
    QString directoryOf(const QString &path) const;
};

struct CgroupHost
{
    CgroupMode mode = CgroupMode::Legacy;
    QList<CgroupMount> mounts; // one per hierarchy; the v2 mount, if any, last

    const CgroupMount *unifiedMount() const;
    const CgroupMount *v1MountOf(const QString &controller) const; // nullptr when not on v1
    QList<const CgroupMount *> v1Mounts() const;
};

// Parses the text of /proc/self/mountinfo. `knownControllers` are the names in the first
// column of /proc/cgroups, used to tell controllers from other super-block options.
Expected<CgroupHost> parseCgroupHost(const QByteArray &mountinfo,
                                     const QStringList &knownControllers);

// This host, as the current process sees it (the unified mount's controllers are read
// from its cgroup.controllers).
Expected<CgroupHost> detectCgroupHost();

QString cgroupModeName(CgroupMode mode);

} // namespace isolde::engine
