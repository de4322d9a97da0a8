// The legacy (v1) side of a container cgroup: one directory per mounted v1 hierarchy
// (cpu, cpuacct, memory, ..., and named ones such as name=systemd).
#pragma once

#include "CgroupBackend.h"
#include "CgroupHierarchy.h"

#include <QStringList>

namespace isolde::engine {

class CgroupV1 final : public CgroupBackend
{
public:
    struct Directory
    {
        QStringList controllers; // as the mount lists them: cpu, memory, name=systemd, ...
        QString path;            // the directory on the host
        int fd = -1;
    };

    // Makes `path` in every v1 hierarchy of `host`. `created` lists the directories it made,
    // deepest last, which the caller removes when anything fails.
    static Expected<CgroupV1> create(const CgroupHost &host, const QString &path,
                                     QStringList &created);
    // The directories that exist; an error when none does.
    static Expected<CgroupV1> open(const CgroupHost &host, const QString &path);

    CgroupV1(CgroupV1 &&other) noexcept;
    CgroupV1 &operator=(CgroupV1 &&other) noexcept;
    ~CgroupV1() override;

    const QList<Directory> &directories() const { return m_directories; }
    int fdOf(const QString &controller) const; // -1 when no v1 hierarchy has it

    Expected<void> attach(pid_t pid) const;

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
    CgroupV1() = default;
    QList<Directory> m_directories;
};

// "c 1:3 rwm" as devices.allow and devices.deny take it.
QByteArray v1DeviceRule(const spec::DeviceRule &rule);

} // namespace isolde::engine
