// What each cgroup backend (v1 directories, or one v2 directory) does for the limits of
// linux.resources. Cgroup sends each section to the backend that holds its controller, so
// a hybrid host uses every controller where it really is.
#pragma once

#include "CgroupFiles.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QList>
#include <QString>
#include <sys/types.h>

namespace isolde::engine {

class CgroupBackend
{
public:
    virtual ~CgroupBackend() = default;

    // Controller names in v2's words: cpu, cpuset, memory, pids, io, devices, freezer.
    virtual bool hasController(const QString &name) const = 0;

    virtual Expected<void> applyCpu(const spec::CpuResources &cpu, cgroupfs::WriteLog &log) = 0;
    virtual Expected<void> applyCpuset(const spec::CpuResources &cpu, cgroupfs::WriteLog &log) = 0;
    virtual Expected<void> applyMemory(const spec::MemoryResources &memory,
                                       cgroupfs::WriteLog &log) = 0;
    virtual Expected<void> applyPids(int64_t limit, cgroupfs::WriteLog &log) = 0;
    virtual Expected<void> applyBlockIo(const spec::BlockIoResources &blockIO,
                                        cgroupfs::WriteLog &log) = 0;
    // Rules in OCI order, the last match winning, every other device denied.
    virtual Expected<void> applyDevices(const QList<spec::DeviceRule> &rules) = 0;
    // Returns once the kernel reports every task frozen (or thawed).
    virtual Expected<void> setFrozen(bool frozen) = 0;
};

// The value OCI's pids.limit means in pids.max: zero or negative is "no limit".
QByteArray pidsMaxValue(int64_t limit);

} // namespace isolde::engine
