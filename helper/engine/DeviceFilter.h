// cgroup v2 has no devices.allow: access to device nodes is decided by a
// BPF_PROG_TYPE_CGROUP_DEVICE program attached to the cgroup. This builds one from OCI
// device rules, instruction by instruction: the rules are tested newest first so that the
// last matching rule wins, and a device no rule matches is denied.
#pragma once

#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <linux/bpf.h>
#include <vector>

namespace isolde::engine {

std::vector<bpf_insn> buildDeviceFilter(const QList<spec::DeviceRule> &rules);
// Loads the program; returns its fd (O_CLOEXEC). The verifier's log is in the error.
Expected<int> loadDeviceFilter(const std::vector<bpf_insn> &program);
// Loads and attaches (BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI) to the cgroup directory fd. The
// attachment keeps the program alive; it goes with the cgroup.
Expected<void> attachDeviceFilter(int cgroupFd, const QList<spec::DeviceRule> &rules);

} // namespace isolde::engine
