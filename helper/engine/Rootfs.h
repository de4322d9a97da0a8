// The container's filesystem view: root (plain directory or overlay of image layers),
// spec mounts, /dev, masked and read-only paths, pivot_root, read-only root, sysctl.
//
// The parent plans (parses the spec, resolves and checks every path inside the container
// root, allocates); the child only executes the plan, async-signal-safe.
#pragma once

#include "ChildFailure.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <memory>

namespace isolde::engine {

struct RootfsPlan; // defined in Rootfs.cpp; owned by the parent, read by the child

struct RootfsPlanDeleter
{
    void operator()(RootfsPlan *plan) const;
};
using RootfsPlanPtr = std::unique_ptr<RootfsPlan, RootfsPlanDeleter>;

// Parent, before clone. `bundleDir` is the absolute bundle directory; a relative root.path
// is taken from it. Fails with the offending field (root.path, mounts[i].destination, ...).
Expected<RootfsPlanPtr> planRootfs(const spec::OciSpec &spec, const QString &bundleDir);

// Child, in its new mount namespace (and user namespace, ids already mapped, running as
// container root). In the order of the architecture page: make / private (rootfsPropagation),
// mount the root (overlay or bind), spec mounts, /dev, sysctl (written before the read-only
// paths usually make /proc/sys read-only), masked and read-only paths, pivot_root, read-only
// root. On return the cwd is the new "/". The plan must outlive the child's call: it holds
// the detached overlay mount (Overlay.h) that the child attaches.
bool setupRootfs(const RootfsPlan &plan, ChildFailure &failure);

// Parent, after planRootfs, when process.terminal is true: a detached bind mount of the pty's
// replica side (open_tree OPEN_TREE_CLONE, Console.h) that the child attaches on /dev/console;
// the replica itself cannot be bound from the child's new mount namespace. The fd stays owned
// by the caller and must stay open (and be inherited by the child) until setupRootfs has run.
// Without it /dev/console is left an empty file.
void setRootfsConsole(RootfsPlan &plan, int ptyReplicaFd);

} // namespace isolde::engine
