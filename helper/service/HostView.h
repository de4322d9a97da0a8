// What the host sees of a container's init process: the "outside" half of the probe's
// side-by-side view (the inside half is isolde-probe's output).
#pragma once

#include <QJsonObject>
#include <sys/types.h>

namespace isolde::service {

// {"pid", "uid", "gid" (the Uid:/Gid: lines of /proc/<pid>/status), "CapEff", "CapPrm",
//  "CapBnd", "NoNewPrivs", "Seccomp", "namespaces": {name: {"container": inode, "host":
//  inode of the helper's own}}, "uid_map", "gid_map", "cgroup", "hostname"}. A member is
// null when the kernel would not tell.
QJsonObject hostViewOf(pid_t pid);

} // namespace isolde::service
