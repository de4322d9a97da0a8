// Docker's defaults, so that users meet what they know: a spec for `docker run busybox sh`.
#pragma once

#include "spec/OciSpec.h"

namespace isolde::spec {

// ociVersion 1.0.2; process: args ["sh"], PATH and TERM env, cwd "/", uid/gid 0, the 14
// default capabilities in bounding/effective/permitted, noNewPrivileges false,
// RLIMIT_NOFILE 1024:1024; root "rootfs"; hostname; Docker's mounts (/proc, /dev, /dev/pts,
// /dev/shm, /dev/mqueue, /sys, /sys/fs/cgroup); namespaces pid, network, ipc, uts, mount,
// cgroup; Docker's masked and read-only paths; Docker's device rules in
// linux.resources.devices; linux.seccomp from the default profile
// (SeccompProfile::builtinDefault()) resolved against those capabilities on this host.
OciSpec defaultSpec();

QStringList defaultMaskedPaths();
QStringList defaultReadonlyPaths();
QList<Mount> defaultMounts();
// PATH and TERM, as Docker sets them when the image names none.
QStringList defaultEnv();
// pid, network, ipc, uts, mount, cgroup: all new, none joined.
QList<Namespace> defaultNamespaces();
// The standard character devices every container may use (null, zero, full, random, urandom,
// tty, console, ptmx, pts); the engine allows them whatever a spec's rules say, as runc does.
QList<DeviceRule> defaultAllowedDevices();
// linux.resources.devices: deny everything, then allow mknod of any c/b device and use of the
// standard character devices (null, zero, full, random, urandom, tty, console, ptmx, pts).
QList<DeviceRule> defaultDeviceRules();
inline constexpr auto DefaultHostname = "isolde";

} // namespace isolde::spec
