// linux.namespaces, linux.uidMappings, linux.gidMappings: which namespaces the container gets
// new (clone3 flags), which it joins by path (setns in the child, the user namespace first),
// and the id maps the parent writes for a new user namespace.
#pragma once

#include "ChildFailure.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QByteArray>
#include <sys/types.h>
#include <vector>

namespace isolde::engine {

struct NamespaceJoin
{
    int fd = -1;         // the namespace file, opened by the parent (O_CLOEXEC)
    int cloneFlag = 0;   // CLONE_NEWNET, ...
    char field[40] = {}; // "linux.namespaces[2].path", for the child's failure report
};

struct NamespacePlan
{
    NamespacePlan() = default;
    NamespacePlan(NamespacePlan &&other) noexcept;
    NamespacePlan &operator=(NamespacePlan &&other) noexcept;
    NamespacePlan(const NamespacePlan &) = delete;
    NamespacePlan &operator=(const NamespacePlan &) = delete;
    ~NamespacePlan(); // closes the join fds

    unsigned long long newFlags = 0;  // CLONE_NEW* of the namespaces the container gets new
    std::vector<NamespaceJoin> joins; // in join order: the user namespace first
    bool newUserNamespace = false;
    QByteArray uidMap; // the text written to /proc/<pid>/uid_map
    QByteArray gidMap;
    bool denySetgroups = false; // write "deny" to /proc/<pid>/setgroups before gid_map

    bool has(int cloneFlag) const; // new or joined
};

// The CLONE_NEW* flag of an OCI namespace type ("network" -> CLONE_NEWNET), 0 when unknown.
int namespaceCloneFlag(const QString &type);
// The name of a namespace in /proc/<pid>/ns/ for a CLONE_NEW* flag ("net"), nullptr if none.
const char *namespaceProcName(int cloneFlag);

// Parent. Opens and checks the namespaces joined by path; checks and formats the id maps.
// Errors name linux.namespaces[i].type / .path, linux.uidMappings[i], linux.gidMappings[i].
Expected<NamespacePlan> planNamespaces(const spec::Linux &linux);

// Parent, while the child waits: setgroups, uid_map and gid_map of the child's new user
// namespace. The kernel's refusals come back naming linux.uidMappings / linux.gidMappings.
Expected<void> writeIdMappings(pid_t pid, const NamespacePlan &plan);

// Child: setns() into every namespace of plan.joins, in order. Async-signal-safe.
bool joinNamespaces(const NamespacePlan &plan, ChildFailure &failure);

// The host id that `containerId` maps to under `mappings`; `containerId` itself without
// mappings; nullopt when the mappings do not cover it.
std::optional<uint32_t> hostIdOf(const QList<spec::IdMapping> &mappings, uint32_t containerId);

} // namespace isolde::engine
