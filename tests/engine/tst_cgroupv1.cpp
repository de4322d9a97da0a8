// The container cgroup on this machine's real cgroup v1 (hybrid) hierarchies: placement,
// clean-up, every limit enforced by the kernel, live updates, the freezer. Root only.
#include "Cgroup.h"
#include "CgroupFiles.h"
#include "CgroupHierarchy.h"
#include "CgroupStats.h"
#include "CgroupTestSupport.h"
#include "CgroupV1.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <cerrno>
#include <cmath>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace isolde;
using namespace isolde::engine;
using namespace isolde::engine::test;

namespace {

constexpr int64_t MiB = 1024 * 1024;

QByteArray readV1(const Cgroup &cgroup, const char *controller, const char *file)
{
    const auto content = cgroupfs::read(cgroup.v1()->fdOf(QLatin1String(controller)), file);
    return content ? content->trimmed() : QByteArray("<unreadable>");
}

int64_t readV1Number(const Cgroup &cgroup, const char *controller, const char *file)
{
    return readV1(cgroup, controller, file).toLongLong();
}

int64_t oomKills(const Cgroup &cgroup)
{
    const auto control =
        cgroupfs::read(cgroup.v1()->fdOf(QStringLiteral("memory")), "memory.oom_control");
    return control ? cgroupfs::keyedValue(*control, "oom_kill").value_or("-1").toLongLong() : -1;
}

// Touches `bytes` of anonymous memory, then returns 0 (or 3 if mmap failed).
int allocate(int64_t bytes)
{
    void *memory =
        mmap(nullptr, size_t(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        return 3;
    for (int64_t i = 0; i < bytes; i += 4096)
        static_cast<volatile char *>(memory)[i] = 1;
    return 0;
}

} // namespace

class TestCgroupV1 : public QObject
{
    Q_OBJECT

    QString m_parent; // every cgroup of this run lives below it
    int m_counter = 0;

    QString uniquePath(const char *name)
    {
        return QStringLiteral("%1/%2-%3").arg(m_parent, QLatin1String(name)).arg(++m_counter);
    }

    std::optional<Cgroup> create(const char *name,
                                 const std::optional<spec::Resources> &resources = {})
    {
        auto cgroup = Cgroup::create(uniquePath(name), QStringLiteral("unused"), resources);
        if (!cgroup) {
            qWarning() << "create failed:" << cgroup.error().toString();
            return std::nullopt;
        }
        return std::move(*cgroup);
    }

    // The directories a cgroup path has (or would have) in every hierarchy of this host.
    static QStringList directoriesOf(const QString &path)
    {
        QStringList list;
        const auto host = detectCgroupHost();
        for (const CgroupMount &mount : host->mounts)
            list.append(mount.directoryOf(path));
        return list;
    }

    // destroy() kills `inside` and leaves none of `directories`.
    static void destroyKillsAndRemoves(Cgroup &cgroup, TestProcess &inside,
                                       const QStringList &directories)
    {
        const auto destroyed = cgroup.destroy();
        QVERIFY2(destroyed, why(destroyed).constData());
        const int status = inside.wait();
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        for (const QString &directory : directories)
            QVERIFY2(!QFile::exists(directory), qPrintable(directory));
    }

private slots:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("needs root and the real cgroup v1 hierarchies");
        const auto host = detectCgroupHost();
        QVERIFY2(host, why(host).constData());
        if (host->mode == CgroupMode::Unified)
            QSKIP("this host has no cgroup v1 hierarchies");
        for (const char *controller :
             {"cpu", "cpuacct", "memory", "pids", "freezer", "devices", "blkio", "cpuset"}) {
            if (!host->v1MountOf(QLatin1String(controller)))
                QSKIP(qPrintable(QStringLiteral("the %1 controller is not on cgroup v1 here")
                                     .arg(QLatin1String(controller))));
        }
        m_parent = QStringLiteral("/isolde-test-v1-%1").arg(getpid());
    }

    void cleanupTestCase()
    {
        // The per-run parent, made by the first create(), goes last.
        Cgroup::removeIfEmpty(m_parent);
        for (const QString &directory : directoriesOf(m_parent))
            QVERIFY2(!QFile::exists(directory), qPrintable(directory));
    }

    void detectsHybridHost()
    {
        const auto host = detectCgroupHost();
        QVERIFY(host);
        QCOMPARE(host->mode, host->unifiedMount() ? CgroupMode::Hybrid : CgroupMode::Legacy);
        // Every controller the kernel lists as bound to a v1 hierarchy is found on a mount
        // whose directory holds that controller's files.
        QVERIFY(QFile::exists(host->v1MountOf(QStringLiteral("memory"))->mountPoint +
                              "/memory.limit_in_bytes"));
        QVERIFY(
            QFile::exists(host->v1MountOf(QStringLiteral("pids"))->mountPoint + "/cgroup.procs"));
        QVERIFY(QFile::exists(host->v1MountOf(QStringLiteral("cpuacct"))->mountPoint +
                              "/cpuacct.usage"));
    }

    void createAttachDestroyLeavesNothing()
    {
        std::optional<Cgroup> cgroup = create("lifecycle");
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        const QStringList directories = directoriesOf(cgroup->path());
        for (const QString &directory : directories)
            QVERIFY2(QFileInfo(directory).isDir(), qPrintable(directory));
        QCOMPARE(cgroup->cloneIntoFd(), -1); // v1 joins by attach()

        TestProcess sleeper([] {
            pause();
            return 0;
        });
        const auto attached = cgroup->attach(sleeper.pid());
        QVERIFY2(attached, why(attached).constData());
        QCOMPARE(cgroup->pids(), QList<pid_t>{sleeper.pid()});

        // /proc/PID/cgroup lists the container path in every hierarchy, v2 included.
        QFile procCgroup(QStringLiteral("/proc/%1/cgroup").arg(sleeper.pid()));
        QVERIFY(procCgroup.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = procCgroup.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), directories.size());
        for (const QByteArray &line : lines)
            QVERIFY2(line.endsWith(":" + cgroup->path().toLatin1()), line.constData());

        // cpuset is usable: the new cgroup inherited cpus and mems from its parent.
        QVERIFY(!readV1(*cgroup, "cpuset", "cpuset.cpus").isEmpty());
        QVERIFY(!readV1(*cgroup, "cpuset", "cpuset.mems").isEmpty());

        destroyKillsAndRemoves(*cgroup, sleeper, directories);
    }

    // A container may make cgroups of its own below its cgroup (systemd in a container does):
    // destroy cannot just rmdir then, it kills what is in them and removes the whole tree.
    void destroyRemovesNestedCgroupsAndTheirProcesses()
    {
        std::optional<Cgroup> cgroup = create("nested");
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        const QStringList directories = directoriesOf(cgroup->path());
        TestProcess sleeper([] {
            pause();
            return 0;
        });
        for (const QString &directory : directories) {
            const QString nested = directory + QStringLiteral("/inner");
            QVERIFY2(::mkdir(QFile::encodeName(nested).constData(), 0755) == 0, qPrintable(nested));
            QFile procs(nested + QStringLiteral("/cgroup.procs"));
            QVERIFY(procs.open(QIODevice::WriteOnly));
            QVERIFY(procs.write(QByteArray::number(sleeper.pid())) > 0);
        }
        destroyKillsAndRemoves(*cgroup, sleeper, directories);
    }

    void openFindsExistingCgroup()
    {
        std::optional<Cgroup> cgroup = create("open");
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        TestProcess sleeper([] {
            pause();
            return 0;
        });
        QVERIFY(cgroup->attach(sleeper.pid()));
        auto opened = Cgroup::open(cgroup->path(), QStringLiteral("unused"));
        QVERIFY2(opened, why(opened).constData());
        QCOMPARE(opened->pids(), QList<pid_t>{sleeper.pid()});
        QCOMPARE(opened->v1()->directories().size(), cgroup->v1()->directories().size());

        const auto missing = Cgroup::open(uniquePath("never-created"), QStringLiteral("unused"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().field, QStringLiteral("linux.cgroupsPath"));
    }

    void refusesBusyCgroup()
    {
        std::optional<Cgroup> cgroup = create("busy");
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        TestProcess sleeper([] {
            pause();
            return 0;
        });
        QVERIFY(cgroup->attach(sleeper.pid()));
        const auto second = Cgroup::create(cgroup->path(), QStringLiteral("unused"), std::nullopt);
        QVERIFY(!second);
        QVERIFY2(second.error().reason.contains(QLatin1String("already holds processes")),
                 qPrintable(second.error().toString()));
        QVERIFY(sleeper.running());
        QVERIFY(QFileInfo(directoriesOf(cgroup->path()).constFirst()).isDir());
    }

    void failedCreateLeavesNothing()
    {
        spec::Resources resources;
        resources.cpu = spec::CpuResources{};
        resources.cpu->shares = 512;
        resources.cpu->cpus = QStringLiteral("4095"); // no such CPU
        const QString path = uniquePath("rollback") + QStringLiteral("/nested");
        const auto cgroup = Cgroup::create(path, QStringLiteral("unused"), resources);
        QVERIFY(!cgroup);
        QCOMPARE(cgroup.error().field, QStringLiteral("linux.resources.cpu.cpus"));
        QVERIFY2(cgroup.error().reason.contains(QLatin1String("cpuset.cpus")),
                 qPrintable(cgroup.error().reason));
        for (const QString &directory : directoriesOf(path))
            QVERIFY2(!QFile::exists(directory), qPrintable(directory));
        for (const QString &directory : directoriesOf(QFileInfo(path).path()))
            QVERIFY2(!QFile::exists(directory), qPrintable(directory));
    }

    void memoryHogIsOomKilledAtLimit()
    {
        spec::Resources resources;
        resources.memory = spec::MemoryResources{};
        resources.memory->limit = 32 * MiB;
        resources.memory->swap = 32 * MiB;
        std::optional<Cgroup> cgroup = create("oom", resources);
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        QCOMPARE(readV1Number(*cgroup, "memory", "memory.limit_in_bytes"), 32 * MiB);
        QCOMPARE(readV1Number(*cgroup, "memory", "memory.memsw.limit_in_bytes"), 32 * MiB);
        const int64_t killsBefore = oomKills(*cgroup);
        QCOMPARE(killsBefore, 0);

        TestProcess hog([] { return allocate(128 * MiB); });
        QVERIFY(cgroup->attach(hog.pid()));
        hog.release();
        const int status = hog.wait();
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                 qPrintable(QString::number(status)));
        QVERIFY(oomKills(*cgroup) > killsBefore);

        CgroupStats stats;
        QVERIFY(CgroupStatsSampler::open(*cgroup).sample(stats));
        QVERIFY(stats.memory.oomKill >= 1);
        QCOMPARE(stats.memory.limit, std::optional<uint64_t>(32 * MiB));
    }

    void raisingMemoryLimitLiveLetsHogSurvive()
    {
        spec::Resources resources;
        resources.memory = spec::MemoryResources{};
        resources.memory->limit = 32 * MiB;
        resources.memory->swap = 32 * MiB;
        std::optional<Cgroup> cgroup = create("raise", resources);
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        TestProcess hog([] { return allocate(96 * MiB); });
        QVERIFY(cgroup->attach(hog.pid()));

        spec::Resources raised;
        raised.memory = spec::MemoryResources{};
        raised.memory->limit = 256 * MiB;
        raised.memory->swap = 256 * MiB; // memsw grows first, or the kernel refuses the limit
        const auto updated = cgroup->update(raised);
        QVERIFY2(updated, why(updated).constData());
        QCOMPARE(readV1Number(*cgroup, "memory", "memory.limit_in_bytes"), 256 * MiB);
        hog.release();
        const int status = hog.wait();
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                 qPrintable(QString::number(status)));
        QCOMPARE(oomKills(*cgroup), 0);

        // And back down, limit before memsw this time.
        spec::Resources lowered;
        lowered.memory = spec::MemoryResources{};
        lowered.memory->limit = 64 * MiB;
        lowered.memory->swap = 64 * MiB;
        QVERIFY(cgroup->update(lowered));
        QCOMPARE(readV1Number(*cgroup, "memory", "memory.memsw.limit_in_bytes"), 64 * MiB);
    }

    void refusedUpdateKeepsOldLimits()
    {
        spec::Resources resources;
        resources.memory = spec::MemoryResources{};
        resources.memory->limit = 128 * MiB;
        std::optional<Cgroup> cgroup = create("refused", resources);
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        const int64_t sharesBefore = readV1Number(*cgroup, "cpu", "cpu.shares");
        TestProcess holder([] {
            // Locked anonymous memory cannot be reclaimed, so a lower limit cannot be met.
            const int64_t bytes = 64 * MiB;
            void *memory = mmap(nullptr, size_t(bytes), PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (memory == MAP_FAILED || mlock(memory, size_t(bytes)) != 0)
                return 3;
            pause();
            return 0;
        });
        QVERIFY(cgroup->attach(holder.pid()));
        holder.release();
        const CgroupStatsSampler sampler = CgroupStatsSampler::open(*cgroup);
        CgroupStats stats;
        QTRY_VERIFY_WITH_TIMEOUT(sampler.sample(stats) && stats.memory.usage >= uint64_t(64 * MiB),
                                 10000);

        spec::Resources update;
        update.cpu = spec::CpuResources{};
        update.cpu->shares = sharesBefore / 2; // written first, must be put back
        update.memory = spec::MemoryResources{};
        update.memory->limit = 16 * MiB;
        const auto refused = cgroup->update(update);
        QVERIFY(!refused);
        QCOMPARE(refused.error().field, QStringLiteral("linux.resources.memory.limit"));
        QVERIFY2(
            refused.error().reason.contains(QLatin1String("below what the container already uses")),
            qPrintable(refused.error().reason));
        QCOMPARE(readV1Number(*cgroup, "memory", "memory.limit_in_bytes"), 128 * MiB);
        QCOMPARE(readV1Number(*cgroup, "cpu", "cpu.shares"), sharesBefore);
        QVERIFY(holder.running());
    }

    void cpuQuotaHoldsBusyLoopNearHalfACpu()
    {
        spec::Resources resources;
        resources.cpu = spec::CpuResources{};
        resources.cpu->quota = 50000;
        resources.cpu->period = 100000;
        std::optional<Cgroup> cgroup = create("quota", resources);
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        QCOMPARE(readV1Number(*cgroup, "cpu", "cpu.cfs_quota_us"), 50000);
        TestProcess spinner(spin);
        QVERIFY(cgroup->attach(spinner.pid()));
        spinner.release();
        QThread::msleep(200);

        const CgroupStatsSampler sampler = CgroupStatsSampler::open(*cgroup);
        CgroupStats before;
        CgroupStats after;
        QVERIFY(sampler.sample(before));
        QThread::msleep(2000);
        QVERIFY(sampler.sample(after));
        // From cpuacct, not wall time: the CPU the loop really got.
        const double cpus = double(after.cpu.usageNs - before.cpu.usageNs) /
                            double(after.timestampNs - before.timestampNs);
        qInfo("busy loop under a 0.5 CPU quota used %.3f CPU", cpus);
        // Never above the quota; below it as far as the load of the machine says.
        QVERIFY2(cpus > 0 && cpus < 0.65, qPrintable(QString::number(cpus)));
        // The quota is in force in every period; when the loop got its whole share (a busy
        // machine may give it less), the kernel throttled it.
        QVERIFY(after.cpu.periods > before.cpu.periods + 10);
        if (cpus > 0.45)
            QVERIFY(after.cpu.throttledPeriods > before.cpu.throttledPeriods);
        const auto ofQuota = quotaCpuPercent(before.cpu.usageNs, after.cpu.usageNs,
                                             after.timestampNs - before.timestampNs, 50000, 100000);
        QVERIFY(ofQuota && std::abs(*ofQuota - cpus * 200) < 1);
    }

    void pidsLimitStopsForks()
    {
        spec::Resources resources;
        resources.pidsLimit = 8;
        std::optional<Cgroup> cgroup = create("pids", resources);
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        TestProcess forker([] { return forkUntilRefused(20); });
        QVERIFY(cgroup->attach(forker.pid()));
        QCOMPARE(forker.runToExit(), 7); // 8 tasks: the forker and seven children
        CgroupStats stats;
        QVERIFY(CgroupStatsSampler::open(*cgroup).sample(stats));
        QCOMPARE(stats.pids.limit, std::optional<uint64_t>(8));
        QCOMPARE(stats.pids.current, uint64_t(7)); // the forker has exited
        QVERIFY(cgroup->destroy());
    }

    void freezerFreezesAndThaws()
    {
        std::optional<Cgroup> cgroup = create("freezer");
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        TestProcess spinner(spin);
        QVERIFY(cgroup->attach(spinner.pid()));
        spinner.release();
        const CgroupStatsSampler sampler = CgroupStatsSampler::open(*cgroup);
        CgroupStats first;
        CgroupStats second;

        const auto frozen = cgroup->setFrozen(true);
        QVERIFY2(frozen, why(frozen).constData());
        QCOMPARE(readV1(*cgroup, "freezer", "freezer.state"), QByteArray("FROZEN"));
        QVERIFY(sampler.sample(first));
        QThread::msleep(300);
        QVERIFY(sampler.sample(second));
        QCOMPARE(second.cpu.usageNs, first.cpu.usageNs);

        QVERIFY(cgroup->setFrozen(false));
        QCOMPARE(readV1(*cgroup, "freezer", "freezer.state"), QByteArray("THAWED"));
        QThread::msleep(300);
        QVERIFY(sampler.sample(first));
        QVERIFY(first.cpu.usageNs > second.cpu.usageNs);
    }

    void deviceRulesDenyMknodAndOpen()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray denied = dir.filePath(QStringLiteral("kmsg")).toLocal8Bit();
        const QByteArray allowed = dir.filePath(QStringLiteral("null")).toLocal8Bit();
        const QByteArray made = dir.filePath(QStringLiteral("made")).toLocal8Bit();
        QCOMPARE(mknod(denied.constData(), S_IFCHR | 0600, makedev(1, 11)), 0);
        QCOMPARE(mknod(allowed.constData(), S_IFCHR | 0600, makedev(1, 3)), 0);

        spec::Resources resources;
        resources.devices = {
            spec::DeviceRule{false, {}, std::nullopt, std::nullopt, QStringLiteral("rwm")}};
        std::optional<Cgroup> cgroup = create("devices", resources);
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        TestProcess prober([&] {
            const int deniedFd = open(denied.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
            if (deniedFd >= 0 || errno != EPERM)
                return 10;
            const int allowedFd = open(allowed.constData(), O_RDWR | O_CLOEXEC);
            if (allowedFd < 0)
                return 11;
            if (mknod(made.constData(), S_IFCHR | 0600, makedev(1, 11)) == 0 || errno != EPERM)
                return 12;
            return 0;
        });
        QVERIFY(cgroup->attach(prober.pid()));
        QCOMPARE(prober.runToExit(), 0);
    }

    void laterDeviceRuleWins()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray node = dir.filePath(QStringLiteral("kmsg")).toLocal8Bit();
        QCOMPARE(mknod(node.constData(), S_IFCHR | 0600, makedev(1, 11)), 0);
        spec::Resources resources;
        resources.devices = {
            spec::DeviceRule{false, {}, std::nullopt, std::nullopt, QStringLiteral("rwm")},
            spec::DeviceRule{true, QStringLiteral("c"), 1, 11, QStringLiteral("r")},
        };
        std::optional<Cgroup> cgroup = create("devices-order", resources);
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        TestProcess prober([&] {
            const int readFd = open(node.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
            if (readFd < 0)
                return 10;
            if (open(node.constData(), O_WRONLY | O_CLOEXEC) >= 0 || errno != EPERM)
                return 11;
            return 0;
        });
        QVERIFY(cgroup->attach(prober.pid()));
        QCOMPARE(prober.runToExit(), 0);
    }

    void writeBpsThrottleSlowsDirectWrites()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString backing = dir.filePath(QStringLiteral("disk.img"));
        {
            QFile file(backing);
            QVERIFY(file.open(QIODevice::WriteOnly) && file.resize(32 * MiB));
        }
        QProcess losetup;
        losetup.start(QStringLiteral("losetup"),
                      {QStringLiteral("--find"), QStringLiteral("--show"), backing});
        QVERIFY(losetup.waitForFinished() && losetup.exitCode() == 0);
        const QByteArray loop = losetup.readAllStandardOutput().trimmed();
        struct Detach
        {
            QByteArray device;
            ~Detach()
            {
                QProcess::execute(QStringLiteral("losetup"),
                                  {QStringLiteral("-d"), QString::fromLatin1(device)});
            }
        } detach{loop};
        struct stat info
        {};
        QCOMPARE(stat(loop.constData(), &info), 0);
        const auto loopMajor = int64_t(major(info.st_rdev));
        const auto loopMinor = int64_t(minor(info.st_rdev));

        const int64_t bytes = 2 * MiB;
        auto writer = [&] {
            const int fd = open(loop.constData(), O_WRONLY | O_DIRECT | O_CLOEXEC);
            if (fd < 0)
                return 10;
            void *buffer = nullptr;
            if (posix_memalign(&buffer, 4096, 64 * 1024) != 0)
                return 11;
            for (int64_t done = 0; done < bytes; done += 64 * 1024) {
                if (pwrite(fd, buffer, 64 * 1024, done) != 64 * 1024)
                    return 12;
            }
            return 0;
        };
        auto timedRun = [&](Cgroup &cgroup) -> qint64 {
            TestProcess process(writer);
            if (!cgroup.attach(process.pid()))
                return -1;
            QElapsedTimer timer;
            timer.start();
            process.release();
            const int status = process.wait();
            return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? timer.elapsed() : -2;
        };

        spec::Resources resources;
        resources.devices = {spec::DeviceRule{true, QStringLiteral("b"), loopMajor, std::nullopt,
                                              QStringLiteral("rw")}};
        resources.blockIO = spec::BlockIoResources{};
        resources.blockIO->throttleWriteBpsDevice = {
            spec::ThrottleDevice{loopMajor, loopMinor, uint64_t(MiB)}};
        std::optional<Cgroup> throttled = create("bps", resources);
        QVERIFY(throttled);
        CgroupGuard throttledGuard(throttled);
        QCOMPARE(readV1(*throttled, "blkio", "blkio.throttle.write_bps_device"),
                 QByteArray::number(qlonglong(loopMajor)) + ':' +
                     QByteArray::number(qlonglong(loopMinor)) + " 1048576");
        resources.blockIO.reset();
        std::optional<Cgroup> free = create("nobps", resources);
        QVERIFY(free);
        CgroupGuard freeGuard(free);

        const qint64 unthrottledMs = timedRun(*free);
        const qint64 throttledMs = timedRun(*throttled);
        qInfo("2 MiB of O_DIRECT writes: %lld ms unthrottled, %lld ms at 1 MiB/s", unthrottledMs,
              throttledMs);
        QVERIFY(unthrottledMs >= 0);
        QVERIFY2(throttledMs >= 1000, qPrintable(QString::number(throttledMs)));
        QVERIFY(throttledMs > 2 * unthrottledMs);

        CgroupStats stats;
        QVERIFY(CgroupStatsSampler::open(*throttled).sample(stats));
        const auto device =
            std::find_if(stats.io.cbegin(), stats.io.cend(), [&](const CgroupStats::IoDevice &d) {
                return d.major == uint32_t(loopMajor) && d.minor == uint32_t(loopMinor);
            });
        QVERIFY(device != stats.io.cend());
        QCOMPARE(device->writeBytes, uint64_t(bytes));
        QCOMPARE(device->writeOps, uint64_t(bytes / (64 * 1024)));

        // Removing the throttle live puts the device back to full speed.
        spec::Resources unthrottle;
        unthrottle.blockIO = spec::BlockIoResources{};
        unthrottle.blockIO->throttleWriteBpsDevice = {
            spec::ThrottleDevice{loopMajor, loopMinor, 0}};
        QVERIFY(throttled->update(unthrottle));
        QVERIFY(readV1(*throttled, "blkio", "blkio.throttle.write_bps_device").isEmpty());
    }

    void statsDescribeARunningProcess()
    {
        spec::Resources resources;
        resources.memory = spec::MemoryResources{};
        resources.memory->limit = 256 * MiB;
        resources.pidsLimit = 100;
        std::optional<Cgroup> cgroup = create("stats", resources);
        QVERIFY(cgroup);
        CgroupGuard guard(cgroup);
        TestProcess holder([] {
            if (allocate(16 * MiB) != 0)
                return 3;
            pause();
            return 0;
        });
        QVERIFY(cgroup->attach(holder.pid()));
        holder.release();
        const CgroupStatsSampler sampler = CgroupStatsSampler::open(*cgroup);
        CgroupStats stats;
        QTRY_VERIFY_WITH_TIMEOUT(sampler.sample(stats) && stats.memory.anon >= uint64_t(16 * MiB),
                                 10000);
        QVERIFY(stats.memory.usage >= stats.memory.anon);
        QCOMPARE(stats.memory.workingSet, stats.memory.usage - stats.memory.inactiveFile);
        QCOMPARE(stats.memory.limit, std::optional<uint64_t>(256 * MiB));
        QCOMPARE(stats.pids.current, uint64_t(1));
        QCOMPARE(stats.pids.limit, std::optional<uint64_t>(100));
        // The total is exact; the user/system split comes in scheduler ticks, so the two
        // need not add up to it.
        QVERIFY(stats.cpu.usageNs > 0);
        // The chart scope reads three files and agrees with the full sample.
        const CgroupStatsSampler chart = CgroupStatsSampler::open(*cgroup, StatsScope::Chart);
        QCOMPARE(chart.fileCount(), 3);
        CgroupStats light;
        QVERIFY(chart.sample(light));
        QCOMPARE(light.pids.current, uint64_t(1));
        QVERIFY(light.memory.usage >= uint64_t(16 * MiB));
        QVERIFY(light.cpu.usageNs >= stats.cpu.usageNs);
        QVERIFY(!light.pids.limit && !light.memory.limit); // not read in this scope
        // This host's v2 mount has no controllers, but pressure is there.
        if (cgroup->v2())
            QVERIFY(stats.cpuPressure.present && stats.memoryPressure.present &&
                    stats.ioPressure.present);
    }

    void resolvesCgroupsPath_data()
    {
        QTest::addColumn<QString>("cgroupsPath");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("default") << QString() << QStringLiteral("/isolde/c1");
        QTest::newRow("absolute") << QStringLiteral("/a/b/") << QStringLiteral("/a/b");
        QTest::newRow("relative") << QStringLiteral("web/c1") << QStringLiteral("/isolde/web/c1");
        QTest::newRow("systemd") << QStringLiteral("system.slice:isolde:c1") << QString();
        QTest::newRow("dotdot") << QStringLiteral("/isolde/../../etc") << QString();
        QTest::newRow("root") << QStringLiteral("/") << QString();
    }

    void resolvesCgroupsPath()
    {
        QFETCH(QString, cgroupsPath);
        QFETCH(QString, expected);
        const auto path = Cgroup::resolvePath(cgroupsPath, QStringLiteral("c1"));
        if (expected.isEmpty()) {
            QVERIFY(!path);
            QCOMPARE(path.error().field, QStringLiteral("linux.cgroupsPath"));
        } else {
            QVERIFY2(path, why(path).constData());
            QCOMPARE(*path, expected);
        }
        if (cgroupsPath.contains(QLatin1Char(':')))
            QVERIFY(path.error().reason.contains(
                QLatin1String("systemd cgroup driver is not supported")));
    }
};

QTEST_GUILESS_MAIN(TestCgroupV1)
#include "tst_cgroupv1.moc"
