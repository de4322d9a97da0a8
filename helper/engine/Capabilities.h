// process.capabilities, process.user, rlimits, oomScoreAdj, umask: who the container process
// is and what it may do. Planned in the parent (libcap name lookup), applied in the child.
#pragma once

#include "ChildFailure.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <cstdint>
#include <sys/resource.h>
#include <sys/types.h>
#include <vector>

namespace isolde::engine {

struct CapabilityPlan
{
    uint64_t bounding = 0;
    uint64_t effective = 0;
    uint64_t permitted = 0;
    uint64_t inheritable = 0;
    uint64_t ambient = 0;
    int lastCap = 0; // the kernel's highest capability number (/proc/sys/kernel/cap_last_cap)
};

struct IdentityPlan
{
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> additionalGids;
    bool setgroupsAllowed = true; // false in a user namespace whose setgroups is "deny"
    bool hasUmask = false;
    mode_t umask = 022;
};

// Fails naming process.capabilities.<set>[i] for an unknown capability name.
Expected<CapabilityPlan> planCapabilities(const std::optional<spec::Capabilities> &capabilities);
IdentityPlan planIdentity(const spec::User &user, bool setgroupsAllowed);

// Child, after the rootfs and hostname: switch to the spec's user and groups keeping the
// capabilities the plan names, then set all five sets. Async-signal-safe.
bool applyIdentityAndCapabilities(const IdentityPlan &identity, const CapabilityPlan &caps,
                                  ChildFailure &failure);

// process.noNewPrivileges. Child, before loadSeccomp. Async-signal-safe.
bool setNoNewPrivileges(ChildFailure &failure);

// The kernel's highest capability number, read from /proc/sys/kernel/cap_last_cap.
int kernelLastCapability();
// CAP_* names of the bits of `mask`, in number order.
QStringList capabilityNames(uint64_t mask);

// process.rlimits, planned in the parent (names to RLIMIT_* numbers, checks), set by the child.
struct RlimitPlan
{
    struct Limit
    {
        int resource = 0;
        rlimit limit{};
        char field[32] = {}; // "process.rlimits[3]", for the child's failure report
    };
    std::vector<Limit> limits;
};

// Fails naming process.rlimits[i].type (unknown or repeated) or process.rlimits[i].soft.
Expected<RlimitPlan> planRlimits(const QList<spec::Rlimit> &rlimits);
// Child, while it still has CAP_SYS_RESOURCE (raising a hard limit needs it). Async-signal-safe.
bool applyRlimits(const RlimitPlan &plan, ChildFailure &failure);

} // namespace isolde::engine
