#include "CgroupV1.h"

#include "spec/SpecDefaults.h"

#include <cerrno>
#include <unistd.h>

namespace isolde::engine {

namespace {

const QString kCpu = QStringLiteral("linux.resources.cpu");
const QString kMemory = QStringLiteral("linux.resources.memory");
const QString kBlockIo = QStringLiteral("linux.resources.blockIO");

QByteArray number(int64_t value)
{
    return QByteArray::number(qlonglong(value));
}

// v1 cpuset refuses tasks until cpus and mems are set: a new cgroup starts empty, so each
// level below the hierarchy's top takes its parent's sets.
Expected<void> inheritCpuset(const QString &mountPoint, const QString &relative)
{
    QString parent = mountPoint;
    for (const QString &part : relative.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const QString child = parent + QLatin1Char('/') + part;
        const int parentFd = cgroupfs::openDirectory(parent);
        const int childFd = cgroupfs::openDirectory(child);
        Expected<void> result;
        for (const char *file : {"cpuset.cpus", "cpuset.mems"}) {
            const auto mine = cgroupfs::read(childFd, file);
            if (mine && !mine->trimmed().isEmpty())
                continue;
            const auto inherited = cgroupfs::read(parentFd, file);
            result = inherited ? cgroupfs::write(childFd, file, inherited->trimmed(),
                                                 QStringLiteral("linux.cgroupsPath"))
                               : Expected<void>(Error{QStringLiteral("linux.cgroupsPath"),
                                                      inherited.error().reason});
            if (!result)
                break;
        }
        ::close(parentFd);
        ::close(childFd);
        if (!result)
            return result;
        parent = child;
    }
    return {};
}

const char *firstExisting(int fd, std::initializer_list<const char *> files)
{
    for (const char *file : files) {
        if (cgroupfs::exists(fd, file))
            return file;
    }
    return nullptr;
}

Expected<void> writeThrottles(int fd, const char *file, const QList<spec::ThrottleDevice> &devices,
                              const QString &field, cgroupfs::WriteLog &log)
{
    for (qsizetype i = 0; i < devices.size(); ++i) {
        const spec::ThrottleDevice &device = devices[i];
        const QByteArray key = number(device.major) + ':' + number(device.minor);
        if (auto written = log.writeKeyed(fd, file, key,
                                          key + ' ' + QByteArray::number(qulonglong(device.rate)),
                                          "0", QStringLiteral("%1[%2]").arg(field).arg(i));
            !written)
            return written;
    }
    return {};
}

} // namespace

QByteArray v1DeviceRule(const spec::DeviceRule &rule)
{
    const QByteArray type = rule.type.isEmpty() ? QByteArray("a") : rule.type.toLatin1();
    const QByteArray major = rule.major ? number(*rule.major) : QByteArray("*");
    const QByteArray minor = rule.minor ? number(*rule.minor) : QByteArray("*");
    const QByteArray access = rule.access.isEmpty() ? QByteArray("rwm") : rule.access.toLatin1();
    return type + ' ' + major + ':' + minor + ' ' + access;
}

Expected<CgroupV1> CgroupV1::create(const CgroupHost &host, const QString &path,
                                    QStringList &created)
{
    CgroupV1 cgroup;
    for (const CgroupMount *mount : host.v1Mounts()) {
        const QString directory = mount->directoryOf(path);
        const QString relative = directory.mid(mount->mountPoint.size());
        if (auto made = cgroupfs::makeDirectories(mount->mountPoint, relative, created); !made)
            return made.error();
        if (mount->controllers.contains(QLatin1String("cpuset"))) {
            if (auto inherited = inheritCpuset(mount->mountPoint, relative); !inherited)
                return inherited.error();
        }
        const int fd = cgroupfs::openDirectory(directory);
        if (fd < 0)
            return Error{QStringLiteral("linux.cgroupsPath"),
                         QStringLiteral("cannot open cgroup directory %1: %2")
                             .arg(directory, qt_error_string(errno))};
        cgroup.m_directories.append({mount->controllers, directory, fd});
    }
    return cgroup;
}

Expected<CgroupV1> CgroupV1::open(const CgroupHost &host, const QString &path)
{
    CgroupV1 cgroup;
    for (const CgroupMount *mount : host.v1Mounts()) {
        const QString directory = mount->directoryOf(path);
        const int fd = cgroupfs::openDirectory(directory);
        if (fd >= 0)
            cgroup.m_directories.append({mount->controllers, directory, fd});
    }
    if (cgroup.m_directories.isEmpty() && !host.v1Mounts().isEmpty())
        return Error{QStringLiteral("linux.cgroupsPath"),
                     QStringLiteral("no cgroup %1 exists in any v1 hierarchy").arg(path)};
    return cgroup;
}

CgroupV1::CgroupV1(CgroupV1 &&other) noexcept
    : m_directories(std::exchange(other.m_directories, {}))
{}

CgroupV1 &CgroupV1::operator=(CgroupV1 &&other) noexcept
{
    std::swap(m_directories, other.m_directories);
    return *this;
}

CgroupV1::~CgroupV1()
{
    for (const Directory &directory : std::as_const(m_directories))
        ::close(directory.fd);
}

int CgroupV1::fdOf(const QString &controller) const
{
    for (const Directory &directory : m_directories) {
        if (directory.controllers.contains(controller))
            return directory.fd;
    }
    return -1;
}

Expected<void> CgroupV1::attach(pid_t pid) const
{
    for (const Directory &directory : m_directories) {
        if (auto written = cgroupfs::write(directory.fd, "cgroup.procs", QByteArray::number(pid),
                                           QStringLiteral("linux.cgroupsPath"));
            !written)
            return Error{written.error().field, QStringLiteral("cannot move pid %1 into %2: %3")
                                                    .arg(pid)
                                                    .arg(directory.path, written.error().reason)};
    }
    return {};
}

bool CgroupV1::hasController(const QString &name) const
{
    return fdOf(name == QLatin1String("io") ? QStringLiteral("blkio") : name) >= 0;
}

Expected<void> CgroupV1::applyCpu(const spec::CpuResources &cpu, cgroupfs::WriteLog &log)
{
    const int fd = fdOf(QStringLiteral("cpu"));
    if (cpu.shares) {
        if (auto w = log.write(fd, "cpu.shares", QByteArray::number(qulonglong(*cpu.shares)),
                               kCpu + ".shares");
            !w)
            return w;
    }
    if (cpu.period) {
        if (auto w = log.write(fd, "cpu.cfs_period_us", QByteArray::number(qulonglong(*cpu.period)),
                               kCpu + ".period");
            !w)
            return w;
    }
    if (cpu.quota) {
        if (auto w = log.write(fd, "cpu.cfs_quota_us", number(*cpu.quota > 0 ? *cpu.quota : -1),
                               kCpu + ".quota");
            !w)
            return w;
    }
    if (cpu.realtimePeriod) {
        if (auto w = log.write(fd, "cpu.rt_period_us",
                               QByteArray::number(qulonglong(*cpu.realtimePeriod)),
                               kCpu + ".realtimePeriod");
            !w)
            return w;
    }
    if (cpu.realtimeRuntime) {
        if (auto w = log.write(fd, "cpu.rt_runtime_us", number(*cpu.realtimeRuntime),
                               kCpu + ".realtimeRuntime");
            !w)
            return w;
    }
    if (cpu.idle) {
        if (auto w = log.write(fd, "cpu.idle", number(*cpu.idle), kCpu + ".idle"); !w)
            return w;
    }
    return {};
}

Expected<void> CgroupV1::applyCpuset(const spec::CpuResources &cpu, cgroupfs::WriteLog &log)
{
    const int fd = fdOf(QStringLiteral("cpuset"));
    if (!cpu.cpus.isEmpty()) {
        if (auto w = log.write(fd, "cpuset.cpus", cpu.cpus.toLatin1(), kCpu + ".cpus"); !w)
            return w;
    }
    if (!cpu.mems.isEmpty()) {
        if (auto w = log.write(fd, "cpuset.mems", cpu.mems.toLatin1(), kCpu + ".mems"); !w)
            return w;
    }
    return {};
}

Expected<void> CgroupV1::applyMemory(const spec::MemoryResources &memory, cgroupfs::WriteLog &log)
{
    const int fd = fdOf(QStringLiteral("memory"));
    const bool hasMemsw = cgroupfs::exists(fd, "memory.memsw.limit_in_bytes");
    if (memory.swap && !hasMemsw && *memory.swap != -1)
        return Error{kMemory + ".swap",
                     QStringLiteral("this kernel does not account swap (no memory.memsw.* files; "
                                    "boot with swapaccount=1)")};
    auto writeLimit = [&]() -> Expected<void> {
        if (!memory.limit)
            return {};
        return log.write(fd, "memory.limit_in_bytes", number(*memory.limit), kMemory + ".limit");
    };
    auto writeSwap = [&]() -> Expected<void> {
        if (!memory.swap || !hasMemsw)
            return {};
        return log.write(fd, "memory.memsw.limit_in_bytes", number(*memory.swap),
                         kMemory + ".swap");
    };
    // The kernel keeps limit <= memsw at every moment: when memsw grows, write it first.
    bool swapFirst = false;
    if (memory.swap && hasMemsw) {
        const auto current = cgroupfs::read(fd, "memory.memsw.limit_in_bytes");
        swapFirst =
            *memory.swap == -1 || (current && *memory.swap >= current->trimmed().toLongLong());
    }
    if (auto w = swapFirst ? writeSwap() : writeLimit(); !w)
        return w;
    if (auto w = swapFirst ? writeLimit() : writeSwap(); !w)
        return w;
    if (memory.reservation) {
        if (auto w = log.write(fd, "memory.soft_limit_in_bytes", number(*memory.reservation),
                               kMemory + ".reservation");
            !w)
            return w;
    }
    if (memory.swappiness) {
        if (auto w = log.write(fd, "memory.swappiness",
                               QByteArray::number(qulonglong(*memory.swappiness)),
                               kMemory + ".swappiness");
            !w)
            return w;
    }
    if (memory.disableOOMKiller) {
        if (auto w = log.write(fd, "memory.oom_control", *memory.disableOOMKiller ? "1" : "0",
                               kMemory + ".disableOOMKiller");
            !w)
            return w;
    }
    // kernel and kernelTCP: Linux removed v1 kmem limits (5.16+); like runc, they are not set.
    return {};
}

Expected<void> CgroupV1::applyPids(int64_t limit, cgroupfs::WriteLog &log)
{
    return log.write(fdOf(QStringLiteral("pids")), "pids.max", pidsMaxValue(limit),
                     QStringLiteral("linux.resources.pids.limit"));
}

Expected<void> CgroupV1::applyBlockIo(const spec::BlockIoResources &blockIO,
                                      cgroupfs::WriteLog &log)
{
    const int fd = fdOf(QStringLiteral("blkio"));
    if (blockIO.weight || !blockIO.weightDevice.isEmpty()) {
        const char *weightFile = firstExisting(fd, {"blkio.weight", "blkio.bfq.weight"});
        if (!weightFile)
            return Error{
                kBlockIo + ".weight",
                QStringLiteral("no block device here uses a weight-based I/O scheduler (BFQ), so "
                               "blkio.weight does not exist")};
        if (blockIO.weight) {
            if (auto w = log.write(fd, weightFile, QByteArray::number(*blockIO.weight),
                                   kBlockIo + ".weight");
                !w)
                return w;
        }
        const QByteArray deviceFile = QByteArray(weightFile) + "_device";
        for (qsizetype i = 0; i < blockIO.weightDevice.size(); ++i) {
            const spec::WeightDevice &device = blockIO.weightDevice[i];
            if (!device.weight)
                continue;
            const QByteArray key = number(device.major) + ':' + number(device.minor);
            if (auto w = log.writeKeyed(fd, deviceFile.constData(), key,
                                        key + ' ' + QByteArray::number(*device.weight), "0",
                                        QStringLiteral("%1.weightDevice[%2]").arg(kBlockIo).arg(i));
                !w)
                return w;
        }
    }
    if (blockIO.leafWeight)
        return Error{kBlockIo + ".leafWeight",
                     QStringLiteral("leaf weights belonged to the CFQ scheduler, which "
                                    "Linux no longer has")};
    const std::pair<const char *, const QList<spec::ThrottleDevice> *> throttles[] = {
        {"blkio.throttle.read_bps_device", &blockIO.throttleReadBpsDevice},
        {"blkio.throttle.write_bps_device", &blockIO.throttleWriteBpsDevice},
        {"blkio.throttle.read_iops_device", &blockIO.throttleReadIOPSDevice},
        {"blkio.throttle.write_iops_device", &blockIO.throttleWriteIOPSDevice},
    };
    const char *fields[] = {".throttleReadBpsDevice", ".throttleWriteBpsDevice",
                            ".throttleReadIOPSDevice", ".throttleWriteIOPSDevice"};
    for (size_t i = 0; i < std::size(throttles); ++i) {
        if (auto w = writeThrottles(fd, throttles[i].first, *throttles[i].second,
                                    kBlockIo + QLatin1String(fields[i]), log);
            !w)
            return w;
    }
    return {};
}

Expected<void> CgroupV1::applyDevices(const QList<spec::DeviceRule> &rules)
{
    const int fd = fdOf(QStringLiteral("devices"));
    const QString field = QStringLiteral("linux.resources.devices");
    if (auto w = cgroupfs::write(fd, "devices.deny", "a", field); !w)
        return w;
    const QList<spec::DeviceRule> all = rules + spec::defaultAllowedDevices();
    for (qsizetype i = 0; i < all.size(); ++i) {
        const spec::DeviceRule &rule = all[i];
        const QString ruleField =
            i < rules.size() ? QStringLiteral("%1[%2]").arg(field).arg(i) : field;
        if (auto w = cgroupfs::write(fd, rule.allow ? "devices.allow" : "devices.deny",
                                     v1DeviceRule(rule), ruleField);
            !w)
            return w;
    }
    return {};
}

Expected<void> CgroupV1::setFrozen(bool frozen)
{
    const int fd = fdOf(QStringLiteral("freezer"));
    const QByteArray wanted = frozen ? "FROZEN" : "THAWED";
    const QString field = QStringLiteral("freezer.state");
    // A freeze can stall in FREEZING while a task is in an uninterruptible sleep: write again
    // until it settles, for up to five seconds.
    for (int attempt = 0; attempt < 5000; ++attempt) {
        if (attempt % 10 == 0) {
            if (auto w = cgroupfs::write(fd, "freezer.state", wanted, field); !w)
                return w;
        }
        const auto state = cgroupfs::read(fd, "freezer.state");
        if (!state)
            return Error{field, state.error().reason};
        if (state->trimmed() == wanted)
            return {};
        usleep(1000);
    }
    if (frozen)
        (void)cgroupfs::write(fd, "freezer.state", "THAWED", field);
    return Error{
        field, QStringLiteral("the cgroup did not reach %1 within 5 s").arg(QLatin1String(wanted))};
}

} // namespace isolde::engine
