// linux.seccomp: compiled to a BPF program with libseccomp in the parent, loaded by the child
// as the last step before exec.
#pragma once

#include "ChildFailure.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <linux/filter.h>
#include <vector>

namespace isolde::engine {

struct SeccompPlan
{
    bool enabled = false;
    std::vector<sock_filter> program;
    unsigned int flags = 0; // SECCOMP_FILTER_FLAG_*
};

// Every action, errnoRet, argument condition and architecture of the OCI form. Fails naming
// linux.seccomp.syscalls[i].names[j] (unknown syscall), ...action, ...args[k].op, ...
Expected<SeccompPlan> compileSeccomp(const std::optional<spec::Seccomp> &seccomp);

// The same, keeping each compiled program in `cacheDir` (created mode 0700), keyed by a hash
// of the profile and of libseccomp's version and API level: libseccomp takes tens of
// milliseconds for the default profile, reading the cached program a fraction of one. An
// entry that is damaged, or not owned by this user and private to it, is compiled anew; a
// cache that cannot be written only costs the time.
Expected<SeccompPlan> compileSeccomp(const std::optional<spec::Seccomp> &seccomp,
                                     const QString &cacheDir);

// Child: seccomp(SECCOMP_SET_MODE_FILTER). Needs no_new_privs or CAP_SYS_ADMIN at this point.
bool loadSeccomp(const SeccompPlan &plan, ChildFailure &failure);

} // namespace isolde::engine
