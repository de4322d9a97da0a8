#include "CgroupV2.h"

#include "DeviceFilter.h"
#include "spec/SpecDefaults.h"

#include <cerrno>
#include <unistd.h>

namespace isolde::engine {

namespace {

const QString kCpu = QStringLiteral("linux.resources.cpu");
const QString kMemory = QStringLiteral("linux.resources.memory");
const QString kBlockIo = QStringLiteral("linux.resources.blockIO");
// The controllers whose limits Isolde sets on v2.
const char *const kUsedControllers[] = {"cpu", "cpuset", "memory", "pids", "io", "hugetlb"};

QByteArray maxOr(int64_t value)
{
    return value < 0 ? QByteArray("max") : QByteArray::number(qlonglong(value));
}

QByteArray rateOrMax(uint64_t rate)
{
    return rate == 0 ? QByteArray("max") : QByteArray::number(qulonglong(rate));
}

QStringList controllersOf(int fd)
{
    const auto list = cgroupfs::read(fd, "cgroup.controllers");
    return list ? QString::fromLatin1(list->trimmed()).split(QLatin1Char(' '), Qt::SkipEmptyParts)
                : QStringList();
}

// Each level below the mount must delegate our controllers to the next one down.
void enableControllers(const QString &mountPoint, const QString &relative)
{
    QString current = mountPoint;
    const QStringList parts = relative.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const int fd = cgroupfs::openDirectory(current);
        const QStringList offered = controllersOf(fd);
        for (const char *controller : kUsedControllers) {
            // A refusal (a process in an inner cgroup) shows up later as a missing file
            // with the field that needed it.
            if (offered.contains(QLatin1String(controller)))
                (void)cgroupfs::write(fd, "cgroup.subtree_control", QByteArray("+") + controller,
                                      {});
        }
        ::close(fd);
        current += QLatin1Char('/') + parts[i];
    }
}

} // namespace

uint64_t cpuWeightFromShares(uint64_t shares)
{
    shares = std::clamp<uint64_t>(shares, 2, 262144);
    return 1 + ((shares - 2) * 9999) / 262142;
}

uint64_t ioWeightFromBlkioWeight(uint64_t weight)
{
    weight = std::clamp<uint64_t>(weight, 10, 1000);
    return 1 + ((weight - 10) * 9999) / 990;
}

Expected<QByteArray> swapMaxValue(int64_t swap, std::optional<int64_t> limit)
{
    const QString field = kMemory + QLatin1String(".swap");
    if (swap == -1)
        return QByteArray("max");
    if (!limit || *limit == -1)
        return Error{field,
                     QStringLiteral("memory+swap needs a memory limit on cgroup v2, where swap is "
                                    "limited on its own (memory.swap.max = swap - limit)")};
    if (swap < *limit)
        return Error{field, QStringLiteral("memory+swap (%1) is below the memory limit (%2)")
                                .arg(swap)
                                .arg(*limit)};
    return QByteArray::number(qlonglong(swap - *limit));
}

CgroupV2::CgroupV2(QString directory, int fd)
    : m_directory(std::move(directory))
    , m_fd(fd)
{
    m_controllers = controllersOf(fd);
}

Expected<CgroupV2> CgroupV2::create(const CgroupMount &mount, const QString &path,
                                    QStringList &created)
{
    const QString directory = mount.directoryOf(path);
    const QString relative = directory.mid(mount.mountPoint.size());
    if (auto made = cgroupfs::makeDirectories(mount.mountPoint, relative, created); !made)
        return made.error();
    enableControllers(mount.mountPoint, relative);
    return openDirectory(directory);
}

Expected<CgroupV2> CgroupV2::open(const CgroupMount &mount, const QString &path)
{
    return openDirectory(mount.directoryOf(path));
}

Expected<CgroupV2> CgroupV2::openDirectory(const QString &directory)
{
    const int fd = cgroupfs::openDirectory(directory);
    if (fd < 0)
        return Error{QStringLiteral("linux.cgroupsPath"),
                     QStringLiteral("cannot open cgroup directory %1: %2")
                         .arg(directory, qt_error_string(errno))};
    return CgroupV2(directory, fd);
}

CgroupV2::CgroupV2(CgroupV2 &&other) noexcept
    : m_directory(std::move(other.m_directory))
    , m_fd(std::exchange(other.m_fd, -1))
    , m_controllers(std::move(other.m_controllers))
{}

CgroupV2 &CgroupV2::operator=(CgroupV2 &&other) noexcept
{
    std::swap(m_directory, other.m_directory);
    std::swap(m_fd, other.m_fd);
    std::swap(m_controllers, other.m_controllers);
    return *this;
}

CgroupV2::~CgroupV2()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Expected<void> CgroupV2::attach(pid_t pid) const
{
    if (auto written = cgroupfs::write(m_fd, "cgroup.procs", QByteArray::number(pid),
                                       QStringLiteral("linux.cgroupsPath"));
        !written)
        return Error{written.error().field, QStringLiteral("cannot move pid %1 into %2: %3")
                                                .arg(pid)
                                                .arg(m_directory, written.error().reason)};
    return {};
}

bool CgroupV2::hasController(const QString &name) const
{
    if (name == QLatin1String("devices"))
        return true; // a BPF program on any cgroup2 directory
    if (name == QLatin1String("freezer"))
        return cgroupfs::exists(m_fd, "cgroup.freeze");
    return m_controllers.contains(name);
}

Expected<void> CgroupV2::applyCpu(const spec::CpuResources &cpu, cgroupfs::WriteLog &log)
{
    if ((cpu.realtimeRuntime && *cpu.realtimeRuntime != 0) ||
        (cpu.realtimePeriod && *cpu.realtimePeriod != 0))
        return Error{
            kCpu + QLatin1String(cpu.realtimeRuntime ? ".realtimeRuntime" : ".realtimePeriod"),
            QStringLiteral("cgroup v2 has no real-time CPU bandwidth control")};
    if (cpu.shares && *cpu.shares != 0) {
        if (auto w = log.write(m_fd, "cpu.weight",
                               QByteArray::number(qulonglong(cpuWeightFromShares(*cpu.shares))),
                               kCpu + ".shares");
            !w)
            return w;
    }
    if (cpu.quota || cpu.period) {
        // cpu.max is "$MAX $PERIOD"; a lone period keeps the quota in force.
        QByteArray quota;
        if (cpu.quota) {
            quota = *cpu.quota > 0 ? QByteArray::number(qlonglong(*cpu.quota)) : QByteArray("max");
        } else {
            const auto current = cgroupfs::read(m_fd, "cpu.max");
            quota = current ? current->trimmed().split(' ').value(0) : QByteArray("max");
        }
        const QByteArray value =
            cpu.period ? quota + ' ' + QByteArray::number(qulonglong(*cpu.period)) : quota;
        if (auto w = log.write(m_fd, "cpu.max", value, kCpu + (cpu.quota ? ".quota" : ".period"));
            !w)
            return w;
    }
    if (cpu.idle) {
        if (auto w = log.write(m_fd, "cpu.idle", QByteArray::number(qlonglong(*cpu.idle)),
                               kCpu + ".idle");
            !w)
            return w;
    }
    return {};
}

Expected<void> CgroupV2::applyCpuset(const spec::CpuResources &cpu, cgroupfs::WriteLog &log)
{
    if (!cpu.cpus.isEmpty()) {
        if (auto w = log.write(m_fd, "cpuset.cpus", cpu.cpus.toLatin1(), kCpu + ".cpus"); !w)
            return w;
    }
    if (!cpu.mems.isEmpty()) {
        if (auto w = log.write(m_fd, "cpuset.mems", cpu.mems.toLatin1(), kCpu + ".mems"); !w)
            return w;
    }
    return {};
}

Expected<void> CgroupV2::applyMemory(const spec::MemoryResources &memory, cgroupfs::WriteLog &log)
{
    if (memory.limit) {
        if (auto w = log.write(m_fd, "memory.max", maxOr(*memory.limit), kMemory + ".limit"); !w)
            return w;
    }
    if (memory.reservation) {
        if (auto w =
                log.write(m_fd, "memory.low", maxOr(*memory.reservation), kMemory + ".reservation");
            !w)
            return w;
    }
    if (memory.swap) {
        const auto value = swapMaxValue(*memory.swap, memory.limit);
        if (!value)
            return value.error();
        if (auto w = log.write(m_fd, "memory.swap.max", *value, kMemory + ".swap"); !w)
            return w;
    }
    // swappiness, disableOOMKiller and the kmem limits have no v2 file; runc ignores them too.
    return {};
}

Expected<void> CgroupV2::applyPids(int64_t limit, cgroupfs::WriteLog &log)
{
    return log.write(m_fd, "pids.max", pidsMaxValue(limit),
                     QStringLiteral("linux.resources.pids.limit"));
}

Expected<void> CgroupV2::applyBlockIo(const spec::BlockIoResources &blockIO,
                                      cgroupfs::WriteLog &log)
{
    // BFQ takes blkio's 1..1000 scale as is; the io controller's own weight is 1..10000.
    const bool bfq = cgroupfs::exists(m_fd, "io.bfq.weight");
    const char *weightFile = bfq ? "io.bfq.weight" : "io.weight";
    auto weightValue = [bfq](uint16_t weight) {
        return QByteArray::number(qulonglong(bfq ? weight : ioWeightFromBlkioWeight(weight)));
    };
    if (blockIO.weight) {
        if (auto w =
                log.write(m_fd, weightFile, weightValue(*blockIO.weight), kBlockIo + ".weight");
            !w)
            return w;
    }
    if (blockIO.leafWeight)
        return Error{kBlockIo + ".leafWeight", QStringLiteral("cgroup v2 has no leaf weights")};
    for (qsizetype i = 0; i < blockIO.weightDevice.size(); ++i) {
        const spec::WeightDevice &device = blockIO.weightDevice[i];
        if (!device.weight)
            continue;
        const QByteArray key = QByteArray::number(qlonglong(device.major)) + ':' +
                               QByteArray::number(qlonglong(device.minor));
        if (auto w = log.writeKeyed(m_fd, weightFile, key, key + ' ' + weightValue(*device.weight),
                                    "default",
                                    QStringLiteral("%1.weightDevice[%2]").arg(kBlockIo).arg(i));
            !w)
            return w;
    }
    const std::pair<const char *, const QList<spec::ThrottleDevice> *> throttles[] = {
        {"rbps", &blockIO.throttleReadBpsDevice},
        {"wbps", &blockIO.throttleWriteBpsDevice},
        {"riops", &blockIO.throttleReadIOPSDevice},
        {"wiops", &blockIO.throttleWriteIOPSDevice},
    };
    const char *fields[] = {".throttleReadBpsDevice", ".throttleWriteBpsDevice",
                            ".throttleReadIOPSDevice", ".throttleWriteIOPSDevice"};
    for (size_t t = 0; t < std::size(throttles); ++t) {
        const QList<spec::ThrottleDevice> &devices = *throttles[t].second;
        for (qsizetype i = 0; i < devices.size(); ++i) {
            const QByteArray key = QByteArray::number(qlonglong(devices[i].major)) + ':' +
                                   QByteArray::number(qlonglong(devices[i].minor));
            const QByteArray value =
                key + ' ' + throttles[t].first + '=' + rateOrMax(devices[i].rate);
            if (auto w = log.writeKeyed(
                    m_fd, "io.max", key, value, "rbps=max wbps=max riops=max wiops=max",
                    QStringLiteral("%1%2[%3]").arg(kBlockIo, QLatin1String(fields[t])).arg(i));
                !w)
                return w;
        }
    }
    return {};
}

Expected<void> CgroupV2::applyDevices(const QList<spec::DeviceRule> &rules)
{
    return attachDeviceFilter(m_fd, rules + spec::defaultAllowedDevices());
}

Expected<void> CgroupV2::setFrozen(bool frozen)
{
    const QString field = QStringLiteral("cgroup.freeze");
    if (auto w = cgroupfs::write(m_fd, "cgroup.freeze", frozen ? "1" : "0", field); !w)
        return w;
    const QByteArray wanted = frozen ? "1" : "0";
    for (int attempt = 0; attempt < 5000; ++attempt) {
        const auto events = cgroupfs::read(m_fd, "cgroup.events");
        if (!events)
            return Error{field, events.error().reason};
        if (cgroupfs::keyedValue(*events, "frozen") == wanted)
            return {};
        usleep(1000);
    }
    if (frozen)
        (void)cgroupfs::write(m_fd, "cgroup.freeze", "0", field);
    return Error{field, QStringLiteral("cgroup.events did not report frozen %1 within 5 s")
                            .arg(QLatin1String(wanted))};
}

Expected<void> CgroupV2::applyUnified(const QMap<QString, QString> &files, cgroupfs::WriteLog &log)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString field = QStringLiteral("linux.resources.unified.%1").arg(it.key());
        // A file of this cgroup, never a path elsewhere, never its membership.
        if (it.key().contains(QLatin1Char('/')) || it.key().startsWith(QLatin1Char('.')) ||
            it.key() == QLatin1String("cgroup.procs") ||
            it.key() == QLatin1String("cgroup.threads"))
            return Error{field, QStringLiteral("not a cgroup control file name")};
        if (auto w = log.write(m_fd, it.key().toLatin1().constData(), it.value().toUtf8(), field);
            !w)
            return w;
    }
    return {};
}

} // namespace isolde::engine
