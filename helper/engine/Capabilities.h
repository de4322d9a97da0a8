// process.capabilities, process.user, rlimits, oomScoreAdj, umask: who the container process
// is and what it may do. Planned in the parent (libcap name lookup), applied in the child.
#pragma once

#include "ChildFailure.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <sys/types.h>

#include <cstdint>
#include <vector>

namespace isolde::engine {

struct CapabilityPlan
{
    uint64_t bounding = 0;
    uint64_t effective = 0;
    uint64_t permitted = 0;
    uint64_t inheritable = 0;
    uint64_t ambient = 0;
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

} // namespace isolde::engine
