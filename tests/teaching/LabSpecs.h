// Specs for the lab's tests: Docker's default spec, and for each experiment the default spec
// tightened so that its mechanism holds the act back (for acts the defaults let through).
#pragma once

#include "spec/OciSpec.h"
#include "spec/SpecDefaults.h"
#include "teaching/Experiments.h"

namespace isolde::teaching::labspecs {

// The default spec, tightened where Docker's defaults do not restrict `experimentId`.
inline spec::OciSpec restrictedSpec(const QString &experimentId)
{
    return presetSpec(experimentId);
}

// What each experiment gives under restrictedSpec() (the documented outcome), which
// mechanism decides it, and what its relaxed twin gives.
struct Expectation
{
    const char *id;
    Outcome restricted;
    Mechanism mechanism;
    Outcome relaxed;
    // The layers that each alone refused it, "+"-joined, as the runner reports them.
    const char *decidedBy;
};

inline const QList<Expectation> &expectations()
{
    static const QList<Expectation> list = {
        {"whoami", Outcome::Isolated, Mechanism::PidNamespace, Outcome::Shared, "pidNamespace"},
        {"reboot", Outcome::Refused, Mechanism::Seccomp, Outcome::Allowed, "seccomp+capabilities"},
        {"mount", Outcome::Refused, Mechanism::Seccomp, Outcome::Allowed, "seccomp+capabilities"},
        {"module", Outcome::Refused, Mechanism::Seccomp, Outcome::Allowed, "seccomp+capabilities"},
        {"ptrace", Outcome::Refused, Mechanism::Seccomp, Outcome::Allowed, "seccomp"},
        {"ping", Outcome::Refused, Mechanism::Capabilities, Outcome::Allowed, "capabilities"},
        {"hostname", Outcome::Refused, Mechanism::Capabilities, Outcome::Allowed, "capabilities"},
        {"port80", Outcome::Isolated, Mechanism::NetworkNamespace, Outcome::Shared,
         "networkNamespace"},
        {"forkbomb", Outcome::Refused, Mechanism::PidsLimit, Outcome::Allowed, "pidsLimit"},
        {"memhog", Outcome::Killed, Mechanism::MemoryLimit, Outcome::Allowed, "memoryLimit"},
        {"cpuhog", Outcome::Throttled, Mechanism::CpuLimit, Outcome::Allowed, "cpuLimit"},
        {"readonly", Outcome::Refused, Mechanism::ReadonlyRoot, Outcome::Allowed, "readonlyRoot"},
        {"masked", Outcome::Refused, Mechanism::MaskedPaths, Outcome::Allowed, "maskedPaths"},
        {"userns", Outcome::Isolated, Mechanism::UserNamespace, Outcome::Shared, "userNamespace"},
        {"uts", Outcome::Isolated, Mechanism::UtsNamespace, Outcome::Shared, "utsNamespace"},
    };
    return list;
}

} // namespace isolde::teaching::labspecs
