// The unified (v2) side of a container cgroup: one directory under the cgroup2 mount, the
// limits in v2's file names and formats (Documentation/admin-guide/cgroup-v2.rst), devices
// as a BPF_CGROUP_DEVICE program, freezing through cgroup.freeze.
#pragma once

#include "CgroupBackend.h"
#include "CgroupHierarchy.h"

#include <QMap>
#include <QStringList>

namespace isolde::engine {

class CgroupV2 final : public CgroupBackend
{
public:
    // Makes `path` under the cgroup2 `mount` and enables, in each ancestor's
    // cgroup.subtree_control, the controllers Isolde uses that the ancestor offers.
    // `created` lists the directories made, deepest last, which the caller removes on failure.
    static Expected<CgroupV2> create(const CgroupMount &mount, const QString &path,
                                     QStringList &created);
    static Expected<CgroupV2> open(const CgroupMount &mount, const QString &path);
    // Any existing directory laid out like a v2 cgroup (the unit tests use a temporary one).
    static Expected<CgroupV2> openDirectory(const QString &directory);

    CgroupV2(CgroupV2 &&other) noexcept;
    CgroupV2 &operator=(CgroupV2 &&other) noexcept;
    ~CgroupV2() override;

    int fd() const { return m_fd; }
    const QString &directory() const { return m_directory; }

    Expected<void> attach(pid_t pid) const;
    // linux.resources.unified: file name -> value, written as given.
    Expected<void> applyUnified(const QMap<QString, QString> &files, cgroupfs::WriteLog &log);

    bool hasController(const QString &name) const override;
    Expected<void> applyCpu(const spec::CpuResources &cpu, cgroupfs::WriteLog &log) override;
    Expected<void> applyCpuset(const spec::CpuResources &cpu, cgroupfs::WriteLog &log) override;
    Expected<void> applyMemory(const spec::MemoryResources &memory,
                               cgroupfs::WriteLog &log) override;
    Expected<void> applyPids(int64_t limit, cgroupfs::WriteLog &log) override;
    Expected<void> applyBlockIo(const spec::BlockIoResources &blockIO,
                                cgroupfs::WriteLog &log) override;
    Expected<void> applyDevices(const QList<spec::DeviceRule> &rules) override;
    Expected<void> setFrozen(bool frozen) override;

private:
    CgroupV2(QString directory, int fd);
    QString m_directory;
    int m_fd = -1;
    QStringList m_controllers; // cgroup.controllers of this cgroup
};

// cpu.shares (2..262144, default 1024) to cpu.weight (1..10000, default 100), the mapping
// runc and crun use: weight = 1 + ((shares - 2) * 9999) / 262142.
uint64_t cpuWeightFromShares(uint64_t shares);
// blkio.weight (10..1000) to io.weight (1..10000): 1 + ((weight - 10) * 9999) / 990.
uint64_t ioWeightFromBlkioWeight(uint64_t weight);
// OCI's memory.swap is memory+swap; v2's memory.swap.max is swap alone. Returns the value for
// memory.swap.max ("max" for -1), or an error when it cannot be expressed.
Expected<QByteArray> swapMaxValue(int64_t swap, std::optional<int64_t> limit);

} // namespace isolde::engine
