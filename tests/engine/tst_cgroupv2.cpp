// cgroup v2: the exact values written to a directory laid out like a v2 cgroupfs (names and
// formats from Documentation/admin-guide/cgroup-v2.rst), stat parsing, mountinfo parsing,
// and, on this host's real cgroup2 mount, the BPF device filter, cgroup.freeze and
// clone3(CLONE_INTO_CGROUP). Limits on a kernel with v2 controllers: tests/vm.
#include "Cgroup.h"
#include "CgroupFiles.h"
#include "CgroupHierarchy.h"
#include "CgroupStats.h"
#include "CgroupTestSupport.h"
#include "CgroupV2.h"
#include "DeviceFilter.h"
#include "spec/SpecDefaults.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <cerrno>
#include <fcntl.h>
#include <linux/sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

using namespace isolde;
using namespace isolde::engine;
using namespace isolde::engine::test;

namespace {

constexpr int64_t MiB = 1024 * 1024;

// The files of a non-root v2 cgroup with the cpu, cpuset, io, memory and pids controllers,
// holding the kernel's defaults.
const QList<std::pair<const char *, const char *>> kFakeFiles = {
    {"cgroup.controllers", "cpuset cpu io memory pids\n"},
    {"cgroup.procs", ""},
    {"cgroup.freeze", "0\n"},
    {"cgroup.events", "populated 0\nfrozen 0\n"},
    {"cpu.weight", "100\n"},
    {"cpu.max", "max 100000\n"},
    {"cpu.idle", "0\n"},
    {"cpuset.cpus", "\n"},
    {"cpuset.mems", "\n"},
    {"memory.max", "max\n"},
    {"memory.low", "0\n"},
    {"memory.high", "max\n"},
    {"memory.swap.max", "max\n"},
    {"pids.max", "max\n"},
    {"io.weight", "default 100\n"},
    {"io.max", ""},
};

class FakeCgroup
{
public:
    FakeCgroup()
    {
        for (const auto &[name, content] : kFakeFiles)
            put(name, content);
    }
    void put(const char *name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(QLatin1String(name)));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(content);
    }
    QByteArray get(const char *name) const
    {
        QFile file(m_dir.filePath(QLatin1String(name)));
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray("<missing>");
    }
    QString path() const { return m_dir.path(); }
    CgroupV2 open() const { return CgroupV2::openDirectory(m_dir.path()).value(); }

private:
    QTemporaryDir m_dir;
};

spec::Resources memoryResources(std::optional<int64_t> limit, std::optional<int64_t> swap)
{
    spec::Resources resources;
    resources.memory = spec::MemoryResources{};
    resources.memory->limit = limit;
    resources.memory->swap = swap;
    return resources;
}

} // namespace

class TestCgroupV2 : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase()
    {
        Cgroup::removeIfEmpty(QStringLiteral("/isolde-test-v2-%1").arg(getpid()));
    }

    void cpuSharesToWeight_data()
    {
        QTest::addColumn<quint64>("shares");
        QTest::addColumn<quint64>("weight");
        QTest::newRow("minimum") << quint64(2) << quint64(1);
        QTest::newRow("default") << quint64(1024) << quint64(39);
        QTest::newRow("half") << quint64(512) << quint64(20);
        QTest::newRow("maximum") << quint64(262144) << quint64(10000);
        QTest::newRow("above maximum") << quint64(1'000'000) << quint64(10000);
    }

    void cpuSharesToWeight()
    {
        QFETCH(quint64, shares);
        QFETCH(quint64, weight);
        QCOMPARE(cpuWeightFromShares(shares), weight);
    }

    void writesCpu()
    {
        FakeCgroup fake;
        CgroupV2 cgroup = fake.open();
        QVERIFY(cgroup.hasController(QStringLiteral("cpu")));
        QVERIFY(!cgroup.hasController(QStringLiteral("hugetlb")));
        spec::CpuResources cpu;
        cpu.shares = 1024;
        cpu.quota = 50000;
        cpu.period = 100000;
        cgroupfs::WriteLog log;
        QVERIFY(cgroup.applyCpu(cpu, log));
        QCOMPARE(fake.get("cpu.weight"), QByteArray("39"));
        QCOMPARE(fake.get("cpu.max"), QByteArray("50000 100000"));

        cpu = {};
        cpu.quota = -1; // unlimited, period kept
        QVERIFY(cgroup.applyCpu(cpu, log));
        QCOMPARE(fake.get("cpu.max"), QByteArray("max"));

        fake.put("cpu.max", "20000 100000\n");
        cpu = {};
        cpu.period = 50000; // a lone period keeps the quota
        QVERIFY(cgroup.applyCpu(cpu, log));
        QCOMPARE(fake.get("cpu.max"), QByteArray("20000 50000"));

        cpu = {};
        cpu.realtimeRuntime = 1000;
        const auto refused = cgroup.applyCpu(cpu, log);
        QVERIFY(!refused);
        QCOMPARE(refused.error().field, QStringLiteral("linux.resources.cpu.realtimeRuntime"));
    }

    void writesCpuset()
    {
        FakeCgroup fake;
        CgroupV2 cgroup = fake.open();
        spec::CpuResources cpu;
        cpu.cpus = QStringLiteral("0-1,3");
        cpu.mems = QStringLiteral("0");
        cgroupfs::WriteLog log;
        QVERIFY(cgroup.applyCpuset(cpu, log));
        QCOMPARE(fake.get("cpuset.cpus"), QByteArray("0-1,3"));
        QCOMPARE(fake.get("cpuset.mems"), QByteArray("0"));
    }

    void writesMemory()
    {
        FakeCgroup fake;
        CgroupV2 cgroup = fake.open();
        cgroupfs::WriteLog log;
        spec::Resources resources = memoryResources(64 * MiB, 96 * MiB);
        resources.memory->reservation = 32 * MiB;
        QVERIFY(cgroup.applyMemory(*resources.memory, log));
        QCOMPARE(fake.get("memory.max"), QByteArray::number(64 * MiB));
        QCOMPARE(fake.get("memory.low"), QByteArray::number(32 * MiB));
        QCOMPARE(fake.get("memory.swap.max"), QByteArray::number(32 * MiB)); // swap alone

        QVERIFY(cgroup.applyMemory(*memoryResources(-1, -1).memory, log));
        QCOMPARE(fake.get("memory.max"), QByteArray("max"));
        QCOMPARE(fake.get("memory.swap.max"), QByteArray("max"));
    }

    void refusesSwapItCannotExpress_data()
    {
        QTest::addColumn<qint64>("limit"); // 0: unset
        QTest::addColumn<qint64>("swap");
        QTest::newRow("no limit") << qint64(0) << qint64(64 * MiB);
        QTest::newRow("unlimited limit") << qint64(-1) << qint64(64 * MiB);
        QTest::newRow("below limit") << qint64(64 * MiB) << qint64(32 * MiB);
    }

    void refusesSwapItCannotExpress()
    {
        QFETCH(qint64, limit);
        QFETCH(qint64, swap);
        const auto value = swapMaxValue(swap, limit ? std::optional<int64_t>(limit) : std::nullopt);
        QVERIFY(!value);
        QCOMPARE(value.error().field, QStringLiteral("linux.resources.memory.swap"));
    }

    void writesPids()
    {
        FakeCgroup fake;
        CgroupV2 cgroup = fake.open();
        cgroupfs::WriteLog log;
        QVERIFY(cgroup.applyPids(100, log));
        QCOMPARE(fake.get("pids.max"), QByteArray("100"));
        QVERIFY(cgroup.applyPids(-1, log));
        QCOMPARE(fake.get("pids.max"), QByteArray("max"));
    }

    void writesBlockIo()
    {
        FakeCgroup fake;
        CgroupV2 cgroup = fake.open();
        cgroupfs::WriteLog log;
        spec::BlockIoResources io;
        io.weight = 500;
        QVERIFY(cgroup.applyBlockIo(io, log));
        QCOMPARE(fake.get("io.weight"), QByteArray("4950")); // 1 + (490 * 9999) / 990

        fake.put("io.bfq.weight", "default 100\n"); // BFQ takes blkio's scale as is
        QVERIFY(fake.open().applyBlockIo(io, log));
        QCOMPARE(fake.get("io.bfq.weight"), QByteArray("500"));

        io = {};
        io.throttleReadBpsDevice = {spec::ThrottleDevice{8, 0, 1048576}};
        QVERIFY(cgroup.applyBlockIo(io, log));
        QCOMPARE(fake.get("io.max"), QByteArray("8:0 rbps=1048576"));
        io = {};
        io.throttleWriteIOPSDevice = {spec::ThrottleDevice{8, 16, 0}};
        QVERIFY(cgroup.applyBlockIo(io, log));
        QCOMPARE(fake.get("io.max"), QByteArray("8:16 wiops=max"));
    }

    void writesUnifiedFiles()
    {
        FakeCgroup fake;
        CgroupV2 cgroup = fake.open();
        cgroupfs::WriteLog log;
        QVERIFY(
            cgroup.applyUnified({{QStringLiteral("memory.high"), QStringLiteral("1000000")}}, log));
        QCOMPARE(fake.get("memory.high"), QByteArray("1000000"));
        for (const char *name : {"../escape", "cgroup.procs", "sub/memory.max"}) {
            const auto refused =
                cgroup.applyUnified({{QLatin1String(name), QStringLiteral("1")}}, log);
            QVERIFY(!refused);
            QCOMPARE(refused.error().field,
                     QStringLiteral("linux.resources.unified.%1").arg(QLatin1String(name)));
        }
    }

    void refusedWriteRestoresEarlierValues()
    {
        FakeCgroup fake;
        CgroupV2 cgroup = fake.open();
        fake.put("memory.swap.max", "max\n");
        // A directory where memory.swap.max should be: opening it for writing fails.
        QVERIFY(QFile::remove(fake.path() + QStringLiteral("/memory.swap.max")));
        QVERIFY(QDir(fake.path()).mkdir(QStringLiteral("memory.swap.max")));
        cgroupfs::WriteLog log;
        spec::CpuResources cpu;
        cpu.shares = 512;
        QVERIFY(cgroup.applyCpu(cpu, log));
        QCOMPARE(fake.get("cpu.weight"), QByteArray("20"));
        const auto refused = cgroup.applyMemory(*memoryResources(64 * MiB, 128 * MiB).memory, log);
        QVERIFY(!refused);
        QCOMPARE(refused.error().field, QStringLiteral("linux.resources.memory.swap"));
        QCOMPARE(fake.get("memory.max"), QByteArray::number(64 * MiB));
        log.rollback();
        QCOMPARE(fake.get("memory.max"), QByteArray("max"));
        QCOMPARE(fake.get("cpu.weight"), QByteArray("100"));
    }

    void parsesStatFiles()
    {
        FakeCgroup fake;
        fake.put("cpu.stat", "usage_usec 2000\nuser_usec 1500\nsystem_usec 500\nnr_periods 40\n"
                             "nr_throttled 7\nthrottled_usec 3000\nnr_bursts 0\nburst_usec 0\n");
        fake.put("memory.current", "10485760\n");
        fake.put("memory.stat", "anon 4194304\nfile 5242880\nkernel 655360\nkernel_stack 32768\n"
                                "pagetables 65536\nsock 0\nshmem 1048576\nfile_mapped 0\n"
                                "inactive_anon 0\nactive_anon 4194304\ninactive_file 3145728\n"
                                "active_file 2097152\nunevictable 0\n");
        fake.put("memory.max", "67108864\n");
        fake.put("memory.swap.current", "4096\n");
        fake.put("memory.events", "low 0\nhigh 3\nmax 5\noom 2\noom_kill 1\noom_group_kill 0\n");
        fake.put("pids.current", "4\n");
        fake.put("pids.max", "max\n");
        fake.put("io.stat",
                 "8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0\n"
                 "253:0 rbytes=4096 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n");
        fake.put("cpu.pressure", "some avg10=1.50 avg60=0.00 avg300=0.00 total=12345\n"
                                 "full avg10=0.25 avg60=0.00 avg300=0.00 total=678\n");
        fake.put("memory.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
                                    "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        CgroupV2 cgroup = fake.open();
        const CgroupStatsSampler sampler = CgroupStatsSampler::open(nullptr, &cgroup);
        CgroupStats stats;
        QVERIFY(sampler.sample(stats));
        QCOMPARE(stats.cpu.usageNs, uint64_t(2'000'000));
        QCOMPARE(stats.cpu.userNs, uint64_t(1'500'000));
        QCOMPARE(stats.cpu.systemNs, uint64_t(500'000));
        QCOMPARE(stats.cpu.periods, uint64_t(40));
        QCOMPARE(stats.cpu.throttledPeriods, uint64_t(7));
        QCOMPARE(stats.cpu.throttledNs, uint64_t(3'000'000));
        QCOMPARE(stats.memory.usage, uint64_t(10485760));
        QCOMPARE(stats.memory.workingSet, uint64_t(10485760 - 3145728));
        QCOMPARE(stats.memory.anon, uint64_t(4194304));
        QCOMPARE(stats.memory.file, uint64_t(5242880));
        QCOMPARE(stats.memory.kernel, uint64_t(655360));
        QCOMPARE(stats.memory.shmem, uint64_t(1048576));
        QCOMPARE(stats.memory.limit, std::optional<uint64_t>(67108864));
        QCOMPARE(stats.memory.swap, uint64_t(4096));
        QCOMPARE(stats.memory.high, uint64_t(3));
        QCOMPARE(stats.memory.max, uint64_t(5));
        QCOMPARE(stats.memory.oom, uint64_t(2));
        QCOMPARE(stats.memory.oomKill, uint64_t(1));
        QCOMPARE(stats.pids.current, uint64_t(4));
        QCOMPARE(stats.pids.limit, std::optional<uint64_t>());
        QCOMPARE(stats.io.size(), size_t(2));
        QCOMPARE(stats.io[0].major, uint32_t(8));
        QCOMPARE(stats.io[0].minor, uint32_t(16));
        QCOMPARE(stats.io[0].readBytes, uint64_t(1459200));
        QCOMPARE(stats.io[0].writeBytes, uint64_t(314773504));
        QCOMPARE(stats.io[0].readOps, uint64_t(192));
        QCOMPARE(stats.io[0].writeOps, uint64_t(353));
        QCOMPARE(stats.io[1].major, uint32_t(253));
        QVERIFY(stats.cpuPressure.present);
        QCOMPARE(stats.cpuPressure.someAvg10, 1.5);
        QCOMPARE(stats.cpuPressure.fullAvg10, 0.25);
        QCOMPARE(stats.cpuPressure.someTotalUs, uint64_t(12345));
        QCOMPARE(stats.cpuPressure.fullTotalUs, uint64_t(678));
        QVERIFY(stats.memoryPressure.present);
        QVERIFY(!stats.ioPressure.present); // no io.pressure file: no PSI for io

        // Before Linux 5.18 memory.stat had no "kernel" line: the parts add up instead.
        fake.put(
            "memory.stat",
            "anon 0\nkernel_stack 32768\npagetables 65536\npercpu 1024\nsock 2048\nslab 4096\n");
        QVERIFY(CgroupStatsSampler::open(nullptr, &cgroup).sample(stats));
        QCOMPARE(stats.memory.kernel, uint64_t(32768 + 65536 + 1024 + 2048 + 4096));
    }

    void cpuPercentFormulas()
    {
        // One of two CPUs fully busy over a second of host time (2 s of CPU time): 100%.
        QCOMPARE(dockerCpuPercent(0, 1'000'000'000, 0, 2'000'000'000, 2), 100.0);
        QCOMPARE(dockerCpuPercent(5, 5, 0, 100, 2), 0.0);
        // 0.25 s of CPU in 1 s under a 0.5 CPU quota: half the quota.
        QCOMPARE(*quotaCpuPercent(0, 250'000'000, 1'000'000'000, 50000, 100000), 50.0);
        QVERIFY(!quotaCpuPercent(0, 1, 1, -1, 100000));
    }

    void parsesMountinfo_data()
    {
        QTest::addColumn<QByteArray>("mountinfo");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("memoryMount"); // empty: memory is not on v1
        QTest::addColumn<QString>("unifiedMount");
        QTest::newRow("unified")
            << QByteArray("25 30 0:22 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 "
                          "rw,nsdelegate,memory_recursiveprot\n")
            << int(CgroupMode::Unified) << QString() << QStringLiteral("/sys/fs/cgroup");
        QTest::newRow("legacy")
            << QByteArray(
                   "30 22 0:27 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
                   "31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
                   "32 30 0:29 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
                   "33 30 0:29 / /mnt/again rw - cgroup cgroup rw,memory\n")
            << int(CgroupMode::Legacy) << QStringLiteral("/sys/fs/cgroup/memory") << QString();
        QTest::newRow("hybrid")
            << QByteArray(
                   "34 30 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
                   "39 30 0:36 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n"
                   "40 30 0:37 / /sys/fs/cgroup/uni\\040fied rw - cgroup2 cgroup2 rw\n")
            << int(CgroupMode::Hybrid) << QStringLiteral("/sys/fs/cgroup/memory")
            << QStringLiteral("/sys/fs/cgroup/uni fied");
    }

    void parsesMountinfo()
    {
        QFETCH(QByteArray, mountinfo);
        QFETCH(int, mode);
        QFETCH(QString, memoryMount);
        QFETCH(QString, unifiedMount);
        const QStringList known = {QStringLiteral("cpu"), QStringLiteral("cpuacct"),
                                   QStringLiteral("memory")};
        const auto host = parseCgroupHost(mountinfo, known);
        QVERIFY2(host, why(host).constData());
        QCOMPARE(int(host->mode), mode);
        const CgroupMount *memory = host->v1MountOf(QStringLiteral("memory"));
        QCOMPARE(memory ? memory->mountPoint : QString(), memoryMount);
        const CgroupMount *unified = host->unifiedMount();
        QCOMPARE(unified ? unified->mountPoint : QString(), unifiedMount);
        if (mode == int(CgroupMode::Legacy)) {
            QCOMPARE(host->v1Mounts().size(),
                     2); // the second mount of memory is the same hierarchy
            QCOMPARE(host->v1MountOf(QStringLiteral("cpuacct"))->controllers,
                     QStringList({QStringLiteral("cpu"), QStringLiteral("cpuacct")}));
        }
        if (mode == int(CgroupMode::Hybrid))
            QCOMPARE(host->v1Mounts().at(1)->controllers,
                     QStringList{QStringLiteral("name=systemd")});
    }

    void directoryOfStripsMountRoot()
    {
        CgroupMount mount;
        mount.mountPoint = QStringLiteral("/sys/fs/cgroup");
        mount.root = QStringLiteral("/");
        QCOMPARE(mount.directoryOf(QStringLiteral("/isolde/c1")),
                 QStringLiteral("/sys/fs/cgroup/isolde/c1"));
        mount.root = QStringLiteral("/user.slice");
        QCOMPARE(mount.directoryOf(QStringLiteral("/user.slice/isolde/c1")),
                 QStringLiteral("/sys/fs/cgroup/isolde/c1"));
    }

    // The rest runs on this host's real cgroup2 mount, which has no controllers here but
    // does have the device filter hook, cgroup.freeze and clone3(CLONE_INTO_CGROUP).
    void deviceFilterPassesTheVerifier()
    {
        if (geteuid() != 0)
            QSKIP("loading a BPF program needs root");
        const std::vector<bpf_insn> program = buildDeviceFilter(spec::defaultAllowedDevices());
        // The prologue, 8 rules testing type, major and minor, /dev/pts/* without a minor, the
        // final deny.
        QCOMPARE(program.size(), size_t(6 + 8 * 5 + 4 + 2));
        // A rule for every device ends the program: nothing before it can match.
        const std::vector<bpf_insn> denyAll = buildDeviceFilter(
            {spec::DeviceRule{true, QStringLiteral("c"), 1, 3, QStringLiteral("rwm")},
             spec::DeviceRule{false, {}, std::nullopt, std::nullopt, QStringLiteral("rwm")}});
        QCOMPARE(denyAll.size(), size_t(6 + 2));
        QCOMPARE(denyAll.back().code, uint8_t(BPF_JMP | BPF_EXIT));
        const auto fd = loadDeviceFilter(program);
        QVERIFY2(fd, why(fd).constData());
        ::close(*fd);
    }

    void deviceFilterEnforcesRulesInOrder()
    {
        const auto unified = realUnifiedMount();
        if (!unified)
            QSKIP("needs root and a cgroup2 mount");
        QTemporaryDir dir;
        const QByteArray kmsg = dir.filePath(QStringLiteral("kmsg")).toLocal8Bit();
        const QByteArray null = dir.filePath(QStringLiteral("null")).toLocal8Bit();
        const QByteArray made = dir.filePath(QStringLiteral("made")).toLocal8Bit();
        QCOMPARE(mknod(kmsg.constData(), S_IFCHR | 0600, makedev(1, 11)), 0);
        QCOMPARE(mknod(null.constData(), S_IFCHR | 0600, makedev(1, 3)), 0);
        const QByteArray other = dir.filePath(QStringLiteral("loop-control")).toLocal8Bit();
        QCOMPARE(mknod(other.constData(), S_IFCHR | 0600, makedev(10, 237)), 0);

        QStringList created;
        auto cgroup = CgroupV2::create(*unified, testPath("devices"), created);
        QVERIFY2(cgroup, why(cgroup).constData());
        const RemoveOnExit remove{created};
        const auto attached = cgroup->applyDevices({
            spec::DeviceRule{false, {}, std::nullopt, std::nullopt, QStringLiteral("rwm")},
            spec::DeviceRule{true, QStringLiteral("c"), 1, 11, QStringLiteral("rw")},
            spec::DeviceRule{false, QStringLiteral("c"), 1, 11,
                             QStringLiteral("w")}, // the later rule wins
        });
        QVERIFY2(attached, why(attached).constData());
        TestProcess prober([&] {
            const int readable = open(kmsg.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
            if (readable < 0)
                return 10;
            if (open(kmsg.constData(), O_WRONLY | O_CLOEXEC) >= 0 || errno != EPERM)
                return 11;
            if (open(null.constData(), O_RDWR | O_CLOEXEC) < 0) // allowed by default
                return 12;
            if (mknod(made.constData(), S_IFCHR | 0600, makedev(1, 11)) == 0 || errno != EPERM)
                return 13;
            if (open(other.constData(), O_RDWR | O_CLOEXEC) >= 0 ||
                errno != EPERM) // no rule: denied
                return 14;
            return 0;
        });
        QVERIFY(cgroup->attach(prober.pid()));
        QCOMPARE(prober.runToExit(), 0);
    }

    void freezeWaitsForFrozenEvent()
    {
        const auto unified = realUnifiedMount();
        if (!unified)
            QSKIP("needs root and a cgroup2 mount");
        QStringList created;
        auto cgroup = CgroupV2::create(*unified, testPath("freeze"), created);
        QVERIFY2(cgroup, why(cgroup).constData());
        const RemoveOnExit remove{created};
        QVERIFY(cgroup->hasController(QStringLiteral("freezer")));
        TestProcess spinner(spin);
        QVERIFY(cgroup->attach(spinner.pid()));
        spinner.release();
        const CgroupStatsSampler sampler = CgroupStatsSampler::open(nullptr, &*cgroup);
        CgroupStats first;
        CgroupStats second;
        const auto frozen = cgroup->setFrozen(true);
        QVERIFY2(frozen, why(frozen).constData());
        QCOMPARE(cgroupfs::keyedValue(*cgroupfs::read(cgroup->fd(), "cgroup.events"), "frozen"),
                 QByteArray("1"));
        QVERIFY(sampler.sample(first));
        QThread::msleep(300);
        QVERIFY(sampler.sample(second));
        QCOMPARE(second.cpu.usageNs, first.cpu.usageNs);
        QVERIFY(cgroup->setFrozen(false));
        QThread::msleep(300);
        QVERIFY(sampler.sample(first));
        QVERIFY(first.cpu.usageNs > second.cpu.usageNs);
        QVERIFY(cgroupfs::write(cgroup->fd(), "cgroup.kill", "1", {}));
        const int status = spinner.wait();
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    }

    void cloneIntoCgroupPlacesTheChild()
    {
        const auto unified = realUnifiedMount();
        if (!unified)
            QSKIP("needs root and a cgroup2 mount");
        QStringList created;
        const QString path = testPath("clone-into");
        auto cgroup = CgroupV2::create(*unified, path, created);
        QVERIFY2(cgroup, why(cgroup).constData());
        const RemoveOnExit remove{created};
        clone_args args{};
        args.flags = CLONE_INTO_CGROUP;
        args.exit_signal = SIGCHLD;
        args.cgroup = uint64_t(cgroup->fd());
        const long pid = syscall(SYS_clone3, &args, sizeof args);
        if (pid == 0) {
            pause();
            _exit(0);
        }
        QVERIFY(pid > 0);
        const auto procs = cgroupfs::read(cgroup->fd(), "cgroup.procs");
        ::kill(pid_t(pid), SIGKILL);
        waitpid(pid_t(pid), nullptr, 0);
        QVERIFY(procs);
        QCOMPARE(cgroupfs::parsePids(*procs), QList<pid_t>{pid_t(pid)});
    }

    // On a pure v2 host with the controllers delegated (the VM test, most desktops): the
    // limits enforced by the kernel, through the same Cgroup API the runtime uses.
    void v2MemoryHogIsOomKilledAndLiveRaiseSaves()
    {
        std::optional<Cgroup> cgroup =
            createOnPureV2("memory", memoryResources(32 * MiB, 32 * MiB));
        if (!cgroup)
            return;
        CgroupGuard guard(cgroup);
        QCOMPARE(cgroupfs::read(cgroup->v2()->fd(), "memory.max")->trimmed(),
                 QByteArray::number(32 * MiB));
        QCOMPARE(cgroupfs::read(cgroup->v2()->fd(), "memory.swap.max")->trimmed(), QByteArray("0"));
        {
            TestProcess hog([] { return touch(96 * MiB); });
            QVERIFY(cgroup->attach(hog.pid()));
            hog.release();
            const int status = hog.wait();
            QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                     qPrintable(QString::number(status)));
        }
        CgroupStats stats;
        QVERIFY(CgroupStatsSampler::open(*cgroup).sample(stats));
        QVERIFY(stats.memory.oomKill >= 1);
        QVERIFY(stats.memory.max >= 1);

        TestProcess survivor([] { return touch(96 * MiB); });
        QVERIFY(cgroup->attach(survivor.pid()));
        const auto raised = cgroup->update(memoryResources(256 * MiB, 256 * MiB));
        QVERIFY2(raised, why(raised).constData());
        survivor.release();
        const int status = survivor.wait();
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }

    void v2PidsLimitStopsForks()
    {
        spec::Resources resources;
        resources.pidsLimit = 8;
        std::optional<Cgroup> cgroup = createOnPureV2("pids", resources);
        if (!cgroup)
            return;
        CgroupGuard guard(cgroup);
        TestProcess forker([] { return forkUntilRefused(20); });
        QVERIFY(cgroup->cloneIntoFd() >= 0); // pure v2: the runtime clones straight into it
        QVERIFY(cgroup->attach(forker.pid()));
        QCOMPARE(forker.runToExit(), 7);
    }

    void v2CpuQuotaHoldsBusyLoop()
    {
        spec::Resources resources;
        resources.cpu = spec::CpuResources{};
        resources.cpu->quota = 50000;
        resources.cpu->period = 100000;
        std::optional<Cgroup> cgroup = createOnPureV2("cpu", resources);
        if (!cgroup)
            return;
        CgroupGuard guard(cgroup);
        QCOMPARE(cgroupfs::read(cgroup->v2()->fd(), "cpu.max")->trimmed(),
                 QByteArray("50000 100000"));
        TestProcess spinner(spin);
        QVERIFY(cgroup->attach(spinner.pid()));
        spinner.release();
        const CgroupStatsSampler sampler = CgroupStatsSampler::open(*cgroup);
        CgroupStats before;
        CgroupStats after;
        QThread::msleep(200);
        QVERIFY(sampler.sample(before));
        QThread::msleep(2000);
        QVERIFY(sampler.sample(after));
        const double cpus = double(after.cpu.usageNs - before.cpu.usageNs) /
                            double(after.timestampNs - before.timestampNs);
        qInfo("busy loop under a 0.5 CPU quota used %.3f CPU", cpus);
        QVERIFY2(cpus > 0.2 && cpus < 0.65, qPrintable(QString::number(cpus)));
        QVERIFY(after.cpu.periods > before.cpu.periods);
    }

private:
    struct RemoveOnExit
    {
        QStringList directories;
        ~RemoveOnExit()
        {
            for (auto it = directories.crbegin(); it != directories.crend(); ++it)
                (void)cgroupfs::removeTree(*it);
        }
    };

    static std::optional<CgroupMount> realUnifiedMount()
    {
        if (geteuid() != 0)
            return std::nullopt;
        const auto host = detectCgroupHost();
        if (!host || !host->unifiedMount())
            return std::nullopt;
        return *host->unifiedMount();
    }

    std::optional<Cgroup> createOnPureV2(const char *name, const spec::Resources &resources)
    {
        const auto host = realUnifiedMount() ? detectCgroupHost() : Expected<CgroupHost>(Error{});
        if (!host || host->mode != CgroupMode::Unified) {
            QTest::qSkip("needs root on a pure cgroup v2 host (tests/vm/run-vm-test)", __FILE__,
                         __LINE__);
            return std::nullopt;
        }
        auto cgroup = Cgroup::create(testPath(name), QStringLiteral("unused"), resources);
        if (!cgroup) {
            QTest::qFail(why(cgroup).constData(), __FILE__, __LINE__);
            return std::nullopt;
        }
        return std::move(*cgroup);
    }

    static int touch(int64_t bytes)
    {
        void *memory = mmap(nullptr, size_t(bytes), PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED)
            return 3;
        for (int64_t i = 0; i < bytes; i += 4096)
            static_cast<volatile char *>(memory)[i] = 1;
        return 0;
    }

    static QString testPath(const char *name)
    {
        return QStringLiteral("/isolde-test-v2-%1/%2").arg(getpid()).arg(QLatin1String(name));
    }
};

QTEST_GUILESS_MAIN(TestCgroupV2)
#include "tst_cgroupv2.moc"
