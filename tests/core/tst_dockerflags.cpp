// docker run flags to a spec and back.
#include "spec/CapabilityCatalog.h"
#include "spec/DockerFlags.h"
#include "spec/SeccompProfile.h"
#include "spec/SpecDefaults.h"
#include "spec/SpecValidator.h"
#include "spec/Units.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace isolde;
using namespace isolde::spec;

namespace {

constexpr int64_t MiB = 1024 * 1024;
constexpr int64_t GiB = 1024 * MiB;

// A block device node in /dev, which the throttle flags need; empty when the host has none.
QString someBlockDevice()
{
    const QStringList names =
        QDir(QStringLiteral("/dev")).entryList(QDir::System | QDir::NoSymLinks, QDir::Name);
    for (const QString &name : names) {
        struct stat st = {};
        const QString path = QStringLiteral("/dev/") + name;
        if (::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISBLK(st.st_mode))
            return path;
    }
    return QString();
}

QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestDockerFlags : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_envFile;
    QString m_seccompFile;
    QString m_blockDevice;

    OciSpec parse(const QStringList &args, const OciSpec &base = defaultSpec())
    {
        const Expected<OciSpec> spec = specFromDockerArgs(args, base);
        if (!spec.ok())
            qWarning() << args << spec.error().reason;
        return spec.ok() ? *spec : OciSpec();
    }

    QString parseError(const QStringList &args)
    {
        const Expected<OciSpec> spec = specFromDockerArgs(args);
        return spec.ok() ? QStringLiteral("(accepted)") : spec.error().reason;
    }

    // Replaces the placeholders ENVFILE, SECCOMP and BLOCKDEV in a row's arguments.
    QStringList expand(QStringList args)
    {
        for (QString &arg : args) {
            arg.replace(QLatin1String("ENVFILE"), m_envFile);
            arg.replace(QLatin1String("SECCOMP"), m_seccompFile);
            arg.replace(QLatin1String("BLOCKDEV"), m_blockDevice);
        }
        return args;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_envFile = m_dir.filePath(QStringLiteral("env.list"));
        QFile env(m_envFile);
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write("# comment\n\n  GREETING=hello world\nEMPTY=\nISOLDE_TST_FROM_HOST\r\n"
                  "ISOLDE_TST_UNSET\n");
        env.close();
        m_seccompFile = m_dir.filePath(QStringLiteral("profile.json"));
        QFile profile(m_seccompFile);
        QVERIFY(profile.open(QIODevice::WriteOnly));
        profile.write(R"({"defaultAction": "SCMP_ACT_ALLOW",
                          "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]})");
        profile.close();
        m_blockDevice = someBlockDevice();
        qputenv("ISOLDE_TST_FROM_HOST", "from-host");
        qunsetenv("ISOLDE_TST_UNSET");
    }

    void noFlagsGivesTheBase()
    {
        QCOMPARE(parse({}).toJson(), defaultSpec().toJson());
        QCOMPARE(parse({QStringLiteral("--")}).toJson(), defaultSpec().toJson());
    }

    void command()
    {
        QCOMPARE(parse(words("-m 512m -- sh -c true")).process().args, words("sh -c true"));
        // The first word that is not a flag starts the command; what follows is its own.
        QCOMPARE(parse(words("-m 512m echo --memory 1g")).process().args,
                 words("echo --memory 1g"));
        QCOMPARE(parse(words("--rm - x")).process().args, words("- x"));
        QCOMPARE(parse(words("--rm")).process().args, defaultSpec().process().args);
        OciSpec base = defaultSpec();
        Process process = base.process();
        process.args = words("/bin/init --serve");
        base.setProcess(process);
        QCOMPARE(parse(words("--rm"), base).process().args, words("/bin/init --serve"));
    }

    void flagSpellings()
    {
        const int64_t limit = 512 * MiB;
        for (const char *args : {"--memory 512m", "--memory=512m", "-m 512m", "-m512m", "-m=512m"})
            QCOMPARE(parse(words(args)).linux().resources->memory->limit, limit);
        QVERIFY(parse(words("--read-only")).root().readonly);
        QVERIFY(parse(words("--read-only=true")).root().readonly);
        QVERIFY(parse(words("--read-only=1")).root().readonly);
        QVERIFY(!parse(words("--read-only --read-only=false")).root().readonly);
        // The last value of a single-valued flag wins.
        QCOMPARE(parse(words("-m 1g -m 512m")).linux().resources->memory->limit, limit);
        QCOMPARE(parse(words("--net host")).linux().namespaces.size(),
                 defaultSpec().linux().namespaces.size() - 1);
    }

    void cpus()
    {
        const CpuResources cpu = *parse(words("--cpus 1.5")).linux().resources->cpu;
        QCOMPARE(cpu.quota, std::optional<int64_t>(150000));
        QCOMPARE(cpu.period, std::optional<uint64_t>(100000));
        const CpuResources own = *parse(words("--cpu-period 50000 --cpu-quota 25000 -c 512 "
                                              "--cpuset-cpus 0-1 --cpuset-mems 0"))
                                      .linux()
                                      .resources->cpu;
        QCOMPARE(own.quota, std::optional<int64_t>(25000));
        QCOMPARE(own.period, std::optional<uint64_t>(50000));
        QCOMPARE(own.shares, std::optional<uint64_t>(512));
        QCOMPARE(parse(words("--cpu-quota 50000")).linux().resources->cpu->period,
                 std::optional<uint64_t>(DockerCpuPeriod));
        QCOMPARE(own.cpus, QStringLiteral("0-1"));
        QCOMPARE(own.mems, QStringLiteral("0"));
        // Docker clamps shares to what cgroup v1 takes, and 0 means "not set".
        QCOMPARE(parse(words("-c 1")).linux().resources->cpu->shares, std::optional<uint64_t>(2));
        QCOMPARE(parse(words("-c 1000000")).linux().resources->cpu->shares,
                 std::optional<uint64_t>(262144));
        QVERIFY(!parse(words("-c 0 --cpus 0")).linux().resources->cpu);
    }

    void memory()
    {
        const MemoryResources m =
            *parse(words("-m 1g --memory-reservation 512m")).linux().resources->memory;
        QCOMPARE(m.limit, std::optional<int64_t>(GiB));
        QCOMPARE(m.swap, std::optional<int64_t>(2 * GiB)); // Docker's default
        QCOMPARE(m.reservation, std::optional<int64_t>(512 * MiB));
        QCOMPARE(parse(words("-m 1g --memory-swap -1")).linux().resources->memory->swap,
                 std::optional<int64_t>(-1));
        QCOMPARE(parse(words("-m 1g --memory-swap 1g")).linux().resources->memory->swap,
                 std::optional<int64_t>(GiB));
        QCOMPARE(parse(words("--pids-limit 100")).linux().resources->pidsLimit,
                 std::optional<int64_t>(100));
        QCOMPARE(parse(words("--pids-limit 0")).linux().resources->pidsLimit,
                 std::optional<int64_t>(-1));
        QCOMPARE(parse(words("--blkio-weight 300")).linux().resources->blockIO->weight,
                 std::optional<uint16_t>(300));
    }

    void blockDevices()
    {
        if (m_blockDevice.isEmpty())
            QSKIP("this host has no block device node in /dev");
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(m_blockDevice).constData(), &st), 0);
        const auto io = *parse(expand(words("--device-read-bps BLOCKDEV:1mb "
                                            "--device-write-bps BLOCKDEV:2048 "
                                            "--device-read-iops BLOCKDEV:100 "
                                            "--device-write-iops BLOCKDEV:200")))
                             .linux()
                             .resources->blockIO;
        const auto device = [&](uint64_t rate) {
            return QList<ThrottleDevice>{
                ThrottleDevice{int64_t(major(st.st_rdev)), int64_t(minor(st.st_rdev)), rate}};
        };
        QCOMPARE(io.throttleReadBpsDevice, device(MiB));
        QCOMPARE(io.throttleWriteBpsDevice, device(2048));
        QCOMPARE(io.throttleReadIOPSDevice, device(100));
        QCOMPARE(io.throttleWriteIOPSDevice, device(200));
        QCOMPARE(blockDevicePath(major(st.st_rdev), minor(st.st_rdev)), m_blockDevice);
    }

    void capabilities_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("caps");
        const QStringList defaults = dockerDefaultCapabilities();
        QStringList all;
        for (const CapabilityInfo &cap : allCapabilities())
            all << QLatin1String(cap.name);
        QTest::newRow("add appends")
            << words("--cap-add sys_admin") << (defaults + QStringList{"CAP_SYS_ADMIN"});
        QTest::newRow("add of a default changes nothing") << words("--cap-add CHOWN") << defaults;
        QStringList dropped = defaults;
        dropped.removeAll("CAP_CHOWN");
        dropped.removeAll("CAP_KILL");
        QTest::newRow("drop keeps the order, then add")
            << words("--cap-drop chown --cap-add CAP_SYS_PTRACE --cap-drop Kill")
            << (dropped + QStringList{"CAP_SYS_PTRACE"});
        QTest::newRow("drop ALL") << words("--cap-drop ALL") << QStringList();
        QTest::newRow("drop ALL, add in the given order")
            << words("--cap-drop all --cap-add NET_RAW --cap-add CHOWN")
            << QStringList{"CAP_NET_RAW", "CAP_CHOWN"};
        QStringList allButMknod = all;
        allButMknod.removeAll("CAP_MKNOD");
        QTest::newRow("add ALL minus drops, in number order")
            << words("--cap-add ALL --cap-drop MKNOD") << allButMknod;
    }
    void capabilities()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, caps);
        const OciSpec spec = parse(args);
        const Capabilities sets = *spec.process().capabilities;
        QCOMPARE(sets.bounding, caps);
        QCOMPARE(sets.effective, caps);
        QCOMPARE(sets.permitted, caps);
        // Docker's profile allows some syscalls only to some capabilities.
        QCOMPARE(*spec.linux().seccomp, SeccompProfile::builtinDefault().resolve(caps));
    }

    void security()
    {
        QVERIFY(parse(words("--security-opt no-new-privileges")).process().noNewPrivileges);
        QVERIFY(parse(words("--security-opt no-new-privileges:true")).process().noNewPrivileges);
        QVERIFY(!parse(words("--security-opt no-new-privileges --security-opt "
                             "no-new-privileges=false"))
                     .process()
                     .noNewPrivileges);
        const OciSpec unconfined = parse(words("--security-opt seccomp=unconfined"));
        QVERIFY(!unconfined.linux().seccomp);
        const OciSpec custom = parse(expand(words("--security-opt seccomp=SECCOMP")));
        QCOMPARE(*custom.linux().seccomp,
                 SeccompProfile::load(m_seccompFile)->resolve(dockerDefaultCapabilities()));
        QCOMPARE(custom.annotation(AnnotationSeccompProfile), m_seccompFile);
    }

    void user()
    {
        const User u = parse(words("-u 1000:100 --group-add 10 --group-add 20")).process().user;
        QCOMPARE(u.uid, 1000u);
        QCOMPARE(u.gid, 100u);
        QCOMPARE(u.additionalGids, (QList<uint32_t>{10, 20}));
        QCOMPARE(parse(words("--user 33")).process().user.gid, 0u);
    }

    void environment()
    {
        const QStringList env =
            parse(expand(words("--env-file ENVFILE -e A=1 -e PATH=/bin -e ISOLDE_TST_FROM_HOST "
                               "-e ISOLDE_TST_UNSET -e GREETING=hi")))
                .process()
                .env;
        QCOMPARE(env, (QStringList{"PATH=/bin", "TERM=xterm", "GREETING=hi",
                                   "EMPTY=", "ISOLDE_TST_FROM_HOST=from-host", "A=1"}));
        QCOMPARE(parse(words("-w /srv/../opt")).process().cwd, QStringLiteral("/opt"));
    }

    void mounts()
    {
        const QList<Mount> mounts =
            parse(words("-v /srv/data:/data/sub:ro,rslave --mount type=bind,src=/srv,dst=/data "
                        "--tmpfs /run:exec,size=16m --mount "
                        "type=tmpfs,target=/cache,tmpfs-size=64m,tmpfs-mode=1770,ro"))
                .mounts();
        const QList<Mount> defaults = defaultMounts();
        QCOMPARE(mounts.mid(0, defaults.size()), defaults);
        const QList<Mount> added = mounts.mid(defaults.size());
        // Parents before children, otherwise in flag order.
        QCOMPARE(added.size(), 4);
        QCOMPARE(added[0], (Mount{"/data", "bind", "/srv", {"rbind", "rprivate"}, {}, {}}));
        QCOMPARE(
            added[1],
            (Mount{"/run", "tmpfs", "tmpfs", {"exec", "nosuid", "nodev", "size=16m"}, {}, {}}));
        QCOMPARE(added[2], (Mount{"/cache",
                                  "tmpfs",
                                  "tmpfs",
                                  {"noexec", "nosuid", "nodev", "size=64m", "mode=1770", "ro"},
                                  {},
                                  {}}));
        QCOMPARE(added[3],
                 (Mount{"/data/sub", "bind", "/srv/data", {"rbind", "ro", "rslave"}, {}, {}}));
        // A mount on a default destination replaces the default.
        const QList<Mount> shm = parse(words("--tmpfs /dev/shm:size=128m")).mounts();
        QCOMPARE(shm.size(), defaults.size());
        QCOMPARE(shm.last().destination, QStringLiteral("/dev/shm"));
        QVERIFY(shm.last().options.contains("size=128m"));
    }

    void namespaces()
    {
        const auto types = [](const OciSpec &spec) {
            QStringList list;
            for (const Namespace &ns : spec.linux().namespaces)
                list << ns.type;
            return list;
        };
        QCOMPARE(types(parse(words("--network host --ipc host --pid host"))),
                 (QStringList{"uts", "mount", "cgroup"}));
        QCOMPARE(types(parse(words("--network none --ipc private"))), types(defaultSpec()));
        const OciSpec utsHost = parse(words("--uts host"));
        QVERIFY(utsHost.hostname().isEmpty());
        QCOMPARE(parse(words("-h web")).hostname(), QStringLiteral("web"));
        const Linux userns = parse(words("--userns private")).linux();
        QCOMPARE(types(parse(words("--userns private"))).last(), QStringLiteral("user"));
        const QList<IdMapping> mapping = {IdMapping{0, 100000, 65536}};
        QCOMPARE(userns.uidMappings, mapping);
        QCOMPARE(userns.gidMappings, mapping);
        QVERIFY(parse(words("--userns private --userns host")).linux().uidMappings.isEmpty());
    }

    void annotations()
    {
        const OciSpec spec = parse(words("--init --rm --name /web_1.a --image alpine:3.19"));
        QCOMPARE(spec.annotation(AnnotationInit), QStringLiteral("true"));
        QCOMPARE(spec.annotation(AnnotationAutoremove), QStringLiteral("true"));
        QCOMPARE(spec.annotation(AnnotationName), QStringLiteral("web_1.a"));
        QCOMPARE(spec.annotation(AnnotationImage), QStringLiteral("alpine:3.19"));
        QVERIFY(parse(words("--rm --rm=false")).annotations().isEmpty());
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        const int cpus = QThread::idealThreadCount();
        const QString cpuRange = QStringLiteral("Range of CPUs is from 0.01 to %1.00, as there are "
                                                "only %1 CPUs available")
                                     .arg(cpus);
        const auto row = [](const char *name, const QStringList &args, const QString &reason) {
            QTest::newRow(name) << args << reason;
        };
        row("unknown flag", words("--foo"), "unknown flag: --foo");
        row("unknown flag with value", words("--foo=1"), "unknown flag: --foo");
        row("unknown shorthand", words("-x"), "unknown shorthand flag: 'x' in -x");
        row("missing value", words("--memory"), "flag needs an argument: --memory");
        row("missing shorthand value", words("-m"), "flag needs an argument: 'm' in -m");
        row("bad size", words("-m abc"),
            R"(invalid argument "abc" for "-m, --memory" flag: invalid size: 'abc')");
        row("bad size with =", words("--memory=12x"),
            R"(invalid argument "12x" for "-m, --memory" flag: invalid suffix: 'x')");
        row("bad swap", words("--memory-swap lots"),
            R"(invalid argument "lots" for "--memory-swap" flag: invalid size: 'lots')");
        row("memory minimum", words("-m 4m"), "Minimum memory limit allowed is 6MB");
        row("swap without memory", words("--memory-swap 1g"),
            "You should always set the Memory limit when using Memoryswap limit, see usage");
        row("swap below memory", words("-m 1g --memory-swap 512m"),
            "Minimum memoryswap limit should be larger than memory limit, see usage");
        row("reservation minimum", words("--memory-reservation 1m"),
            "Minimum memory reservation allowed is 6MB");
        row("reservation above limit", words("-m 512m --memory-reservation 1g"),
            "Minimum memory limit can not be less than memory reservation limit, see usage");
        row("bad cpus", words("--cpus abc"),
            R"(invalid argument "abc" for "--cpus" flag: failed to parse abc as a rational number)");
        row("too precise cpus", words("--cpus 0.0000000001"),
            R"(invalid argument "0.0000000001" for "--cpus" flag: value is too precise)");
        row("cpus and quota", words("--cpus 1 --cpu-quota 50000"),
            "Conflicting options: --cpus and --cpu-quota cannot both be set");
        row("cpus and period", words("--cpu-period 50000 --cpus 1"),
            "Conflicting options: --cpus and --cpu-period cannot both be set");
        row("cpus too small", words("--cpus 0.001"), cpuRange);
        row("cpus too many", words("--cpus 100000"), cpuRange);
        row("negative cpus", words("--cpus=-1"), cpuRange);
        row("period range", words("--cpu-period 500"),
            "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        row("quota minimum", words("--cpu-quota 500"),
            "CPU cfs quota can not be less than 1ms (i.e. 1000)");
        row("bad shares", words("-c abc"),
            R"(invalid argument "abc" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "abc": invalid syntax)");
        row("shares out of range", words("--cpu-shares 99999999999999999999"),
            R"(invalid argument "99999999999999999999" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range)");
        row("bad pids limit", words("--pids-limit 1.5"),
            R"(invalid argument "1.5" for "--pids-limit" flag: strconv.ParseInt: parsing "1.5": invalid syntax)");
        row("blkio weight range", words("--blkio-weight 5"),
            "Range of blkio weight is from 10 to 1000");
        row("blkio weight uint16", words("--blkio-weight 70000"),
            R"(invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": value out of range)");
        row("bad cpuset", words("--cpuset-cpus 3-1"), "Invalid value 3-1 for cpuset cpus");
        row("bad cpuset mems", words("--cpuset-mems a"), "Invalid value a for cpuset mems");
        row("not a block device", words("--device-read-bps /dev/null:1mb"),
            R"(invalid argument "/dev/null:1mb" for "--device-read-bps" flag: /dev/null is not a block device)");
        row("no such device", words("--device-write-iops /dev/isolde-none:10"),
            R"(invalid argument "/dev/isolde-none:10" for "--device-write-iops" flag: stat /dev/isolde-none: No such file or directory)");
        row("device outside /dev", words("--device-read-bps sda:1mb"),
            R"(invalid argument "sda:1mb" for "--device-read-bps" flag: bad format for device path: sda:1mb)");
        row("device without rate", words("--device-read-bps /dev/sda"),
            R"(invalid argument "/dev/sda" for "--device-read-bps" flag: bad format: /dev/sda)");
        row("bad bps rate", words("--device-read-bps /dev/sda:fast"),
            R"(invalid argument "/dev/sda:fast" for "--device-read-bps" flag: invalid rate for device: /dev/sda:fast. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb)");
        row("bad iops rate", words("--device-read-iops /dev/sda:1k"),
            R"(invalid argument "/dev/sda:1k" for "--device-read-iops" flag: invalid rate for device: /dev/sda:1k. The correct format is <device-path>:<number>. Number must be a positive integer)");
        row("unknown capability", words("--cap-add FOO"),
            R"(invalid CapAdd: unknown capability: "CAP_FOO")");
        row("unknown dropped capability", words("--cap-drop cap_bar"),
            R"(invalid CapDrop: unknown capability: "CAP_BAR")");
        row("security-opt without value", words("--security-opt seccomp"),
            R"(Invalid --security-opt: "seccomp")");
        row("bad no-new-privileges", words("--security-opt no-new-privileges=maybe"),
            R"(invalid --security-opt 2: "no-new-privileges=maybe")");
        row("unknown security-opt", words("--security-opt apparmor=docker-default"),
            R"(invalid --security-opt 2: "apparmor=docker-default": Isolde knows only no-new-privileges and seccomp)");
        row("user name", words("--user bob"),
            "unable to find user bob: Isolde has no image passwd or group file to look names up "
            "in, give a numeric id");
        row("group name", words("-u 1000:staff"),
            "unable to find group staff: Isolde has no image passwd or group file to look names "
            "up in, give a numeric id");
        row("group-add name", words("--group-add wheel"),
            "unable to find group wheel: Isolde has no image passwd or group file to look names "
            "up in, give a numeric id");
        row("empty uid", words("-u :10"), "invalid user :10: the uid is empty");
        row("relative workdir", words("-w srv"),
            "the working directory 'srv' is invalid, it needs to be an absolute path");
        row("env without key", words("-e =x"), "invalid environment variable: =x");
        row("missing env file", words("--env-file /nonexistent/env"),
            "open /nonexistent/env: no such file or directory");
        row("named volume", words("-v data:/data"),
            R"(invalid argument "data:/data" for "-v, --volume" flag: invalid volume specification: 'data:/data': named volumes are not supported yet, the source must be an absolute host path)");
        row("anonymous volume", words("-v /data"),
            R"(invalid argument "/data" for "-v, --volume" flag: invalid volume specification: '/data': anonymous volumes are not supported yet, give SRC:DST)");
        row("relative destination", words("-v /a:b"),
            R"(invalid argument "/a:b" for "-v, --volume" flag: invalid volume specification: '/a:b': invalid mount path: 'b' mount path must be absolute)");
        row("root destination", words("-v /a:/"),
            R"(invalid argument "/a:/" for "-v, --volume" flag: invalid volume specification: '/a:/': destination can't be '/')");
        row("bad volume mode", words("-v /a:/b:rx"),
            R"(invalid argument "/a:/b:rx" for "-v, --volume" flag: invalid volume specification: '/a:/b:rx': invalid mode: rx)");
        row("duplicate mount point", words("-v /a:/b --tmpfs /b"), "Duplicate mount point: /b");
        row("volume mount", words("--mount target=/x"),
            R"(invalid argument "target=/x" for "--mount" flag: volumes are not supported yet: use type=bind or type=tmpfs)");
        row("bind without source", words("--mount type=bind,target=/x"),
            R"(invalid argument "type=bind,target=/x" for "--mount" flag: invalid mount config for type "bind": field Source must not be empty)");
        row("mount without target", words("--mount type=bind,source=/a"),
            R"(invalid argument "type=bind,source=/a" for "--mount" flag: target is required)");
        row("tmpfs with source", words("--mount type=tmpfs,source=/a,target=/b"),
            R"(invalid argument "type=tmpfs,source=/a,target=/b" for "--mount" flag: invalid mount config for type "tmpfs": field Source must not be specified)");
        row("unexpected mount key", words("--mount type=bind,src=/a,dst=/b,foo=bar"),
            R"(invalid argument "type=bind,src=/a,dst=/b,foo=bar" for "--mount" flag: unexpected key 'foo' in 'foo=bar')");
        row("mount field without value", words("--mount bogus"),
            R"(invalid argument "bogus" for "--mount" flag: invalid field 'bogus' must be a key=value pair)");
        row("too many colons", words("-v /a:/b:ro:x"),
            R"(invalid argument "/a:/b:ro:x" for "-v, --volume" flag: invalid volume specification: '/a:/b:ro:x': too many colons)");
        row("bad tmpfs mode", words("--mount type=tmpfs,target=/x,tmpfs-mode=9"),
            R"(invalid argument "type=tmpfs,target=/x,tmpfs-mode=9" for "--mount" flag: invalid value for tmpfs-mode: 9)");
        row("bad tmpfs size", words("--mount type=tmpfs,target=/x,tmpfs-size=big"),
            R"(invalid argument "type=tmpfs,target=/x,tmpfs-size=big" for "--mount" flag: invalid size: 'big')");
        row("tmpfs options on a bind", words("--mount type=bind,src=/a,dst=/b,tmpfs-size=1m"),
            R"(invalid argument "type=bind,src=/a,dst=/b,tmpfs-size=1m" for "--mount" flag: invalid mount config for type "bind": tmpfs options are only for type=tmpfs)");
        row("bad propagation", words("--mount type=bind,src=/a,dst=/b,bind-propagation=up"),
            R"(invalid argument "type=bind,src=/a,dst=/b,bind-propagation=up" for "--mount" flag: invalid propagation mode: up)");
        row("bad readonly", words("--mount type=bind,src=/a,dst=/b,readonly=maybe"),
            R"(invalid argument "type=bind,src=/a,dst=/b,readonly=maybe" for "--mount" flag: invalid value for readonly: maybe)");
        row("relative bind source", words("--mount type=bind,src=a,dst=/b"),
            R"(invalid argument "type=bind,src=a,dst=/b" for "--mount" flag: invalid mount config for type "bind": invalid mount path: 'a' mount path must be absolute)");
        row("unknown mount type", words("--mount type=npipe,target=/x"),
            R"(invalid argument "type=npipe,target=/x" for "--mount" flag: invalid mount type: npipe)");
        row("relative tmpfs", words("--tmpfs tmp"),
            R"(invalid argument "tmp" for "--tmpfs" flag: invalid mount path: 'tmp' mount path must be absolute)");
        row("bad tmpfs option", words("--tmpfs /tmp:fast"),
            R"(invalid argument "/tmp:fast" for "--tmpfs" flag: invalid tmpfs option "fast")");
        row("bridge network", words("--network bridge"),
            R"(invalid argument "bridge" for "--network" flag: network "bridge" does not exist: Isolde has only none (a private network namespace with loopback only) and host yet)");
        row("ipc mode", words("--ipc shareable"),
            R"(--ipc: invalid IPC mode: "shareable" (Isolde knows host and private))");
        row("pid mode", words("--pid container:web"),
            R"(--pid: invalid PID mode: "container:web" (Isolde knows host and private))");
        row("uts mode", words("--uts x"),
            R"(--uts: invalid UTS mode: "x" (Isolde knows host and private))");
        row("userns mode", words("--userns auto"),
            R"(--userns: invalid USER mode: "auto" (Isolde knows host and private))");
        row("hostname with host uts", words("--uts host -h web"),
            "conflicting options: hostname and the UTS mode");
        row("short name", words("--name a"),
            "Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        row("bad name", words("--name -web"),
            "Invalid container name (-web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        row("bad bool", words("--rm=maybe"),
            R"(invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": invalid syntax)");
        row("empty image", QStringList{"--image", ""},
            R"(invalid argument "" for "--image" flag: the image name is empty)");
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        QCOMPARE(parseError(args), reason);
    }

    void seccompFileErrors()
    {
        const QString missing = parseError(words("--security-opt seccomp=/nonexistent.json"));
        QVERIFY2(missing.startsWith("opening seccomp profile (/nonexistent.json) failed: "),
                 qPrintable(missing));
        const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[1, 2]");
        file.close();
        QVERIFY(parseError({"--security-opt", "seccomp=" + bad})
                    .startsWith(QStringLiteral("opening seccomp profile (%1) failed: ").arg(bad)));
    }

    void envFileErrors()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.env"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("GOOD=1\nBAD KEY=2\n");
        file.close();
        QCOMPARE(parseError({"--env-file", path}), "variable 'BAD KEY' contains whitespaces");
    }

    // Flags -> spec -> flags -> spec gives the same spec, and every flag set changes the spec.
    void roundTrip_data()
    {
        QTest::addColumn<QStringList>("args");
        const auto row = [](const char *args) { QTest::newRow(args) << words(args); };
        row("--cpus 1.5");
        row("--cpus=0.25");
        row("--cpus 2");
        row("--cpu-shares 512");
        row("-c 2048");
        row("--cpu-period 50000 --cpu-quota 25000");
        row("--cpu-quota 150000");
        row("--cpu-period 200000");
        row("--cpu-period 100000 --cpu-quota -1");
        row("--cpuset-cpus 0-1 --cpuset-mems 0");
        row("-m 512m");
        row("--memory=1g --memory-swap 2g");
        row("-m 1g --memory-swap 3g");
        row("-m 256m --memory-swap -1");
        row("-m 1000000000");
        row("--memory-reservation 128m");
        row("-m 1g --memory-reservation 512m");
        row("--pids-limit 100");
        row("--pids-limit -1");
        row("--blkio-weight 500");
        row("--cap-add NET_ADMIN");
        row("--cap-drop ALL");
        row("--cap-drop ALL --cap-add CHOWN --cap-add net_bind_service");
        row("--cap-drop all --cap-add NET_RAW --cap-add SYS_ADMIN --cap-add CHOWN");
        row("--cap-add ALL --cap-drop MKNOD");
        row("--cap-add ALL");
        row("--cap-drop chown --cap-drop KILL --cap-add SYS_PTRACE");
        row("--read-only");
        row("--security-opt no-new-privileges");
        row("--security-opt no-new-privileges=true --cap-drop ALL");
        row("--security-opt seccomp=unconfined");
        row("--security-opt seccomp=unconfined --cap-add SYS_ADMIN");
        row("--security-opt seccomp=SECCOMP");
        row("--security-opt seccomp=SECCOMP --cap-drop NET_RAW");
        row("--user 1000");
        row("-u 1000:1000 --group-add 10 --group-add 20");
        row("--hostname web");
        row("-h box");
        row("-e FOO=bar -e PATH=/bin");
        row("-e ISOLDE_TST_FROM_HOST -e EMPTY=");
        row("--env-file ENVFILE -e B=2");
        row("-w /srv");
        row("-v /srv/data:/data");
        row("-v /etc:/host/etc:ro --volume /var/log:/logs:ro,rslave");
        row("-v /a:/x/y -v /b:/x");
        row("--mount type=bind,source=/srv,target=/srv,readonly");
        row("--mount type=bind,source=/srv,target=/srv,bind-propagation=shared");
        row("--mount type=tmpfs,target=/cache,tmpfs-size=64m,tmpfs-mode=1770");
        row("--mount type=bind,src=/a,dst=/b,readonly=false,ro=1");
        row("--mount type=tmpfs,destination=/x,readonly --tmpfs /y:mode=700,uid=1000");
        row("--mount type=bind,source=/srv/,target=/data/./x/");
        row("--tmpfs /tmp");
        row("--tmpfs /run:exec,size=16m");
        row("--tmpfs /run:exec,noexec,ro");
        row("--tmpfs /dev/shm:size=128m");
        row("--network host");
        row("--ipc host --pid host --uts host");
        row("--uts host --network host");
        row("--userns private");
        row("--init --rm --name web_1 --image alpine:3.19");
        row("--init");
        row("-m 512m -- sh -c echo");
        row("--rm echo hello --memory 1g");
        row("--cpus 1 -m 1g --memory-swap 4g --memory-reservation 256m --pids-limit 64 "
            "--blkio-weight 100 --cap-drop ALL --cap-add NET_BIND_SERVICE --read-only "
            "--security-opt no-new-privileges -u 1000:1000 --group-add 5 -h app -e MODE=prod "
            "-w /app -v /srv/app:/app:ro --tmpfs /tmp:size=64m --network none --pid host "
            "--userns private --init --rm --name app --image nginx -- nginx -g daemon");
        row("--device-read-bps BLOCKDEV:1mb --device-write-bps BLOCKDEV:1000");
        row("--device-read-iops BLOCKDEV:100 --device-write-iops BLOCKDEV:200");
    }
    void roundTrip()
    {
        QFETCH(QStringList, args);
        if (args.join(' ').contains("BLOCKDEV") && m_blockDevice.isEmpty())
            QSKIP("this host has no block device node in /dev");
        const Expected<OciSpec> spec = specFromDockerArgs(expand(args));
        QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().reason));
        QVERIFY2(*spec != defaultSpec(), "the flags changed nothing");
        // What Docker accepts makes a spec the validator accepts.
        QStringList problems;
        for (const Error &e : validateSpec(*spec))
            problems << e.toString();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        const QStringList back = dockerArgsFromSpec(*spec);
        const Expected<OciSpec> again = specFromDockerArgs(back);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().reason));
        if (*again != *spec)
            qWarning() << "flags back:" << back;
        QCOMPARE(again->toJson(), spec->toJson());
        // And the flags themselves are a fixed point.
        QCOMPARE(dockerArgsFromSpec(*again), back);
    }

    void inverseFlags()
    {
        QCOMPARE(dockerArgsFromSpec(defaultSpec()), (QStringList{"--network", "none", "--", "sh"}));
        QCOMPARE(dockerArgsFromSpec(parse(words("--cpus 1.5 -m 1g --cap-drop ALL --cap-add "
                                                "chown -- top"))),
                 (QStringList{"--cap-drop", "ALL", "--cap-add", "CHOWN", "--network", "none",
                              "--cpus", "1.5", "--memory", "1g", "--", "top"}));
        QCOMPARE(runFlagsFromSpec(parse(words("--userns private --pid host --image x")),
                                  FlagDialect::Podman),
                 (QStringList{"--network", "none", "--pid", "host", "--uidmap", "0:100000:65536",
                              "--gidmap", "0:100000:65536"}));
        QCOMPARE(runFlagsFromSpec(parse(words("--userns private --image x")), FlagDialect::Docker),
                 (QStringList{"--network", "none"}));
    }

    void help()
    {
        const QString help = dockerFlagsHelp();
        QVERIFY(help.contains(QRegularExpression("\n  -m, --memory bytes +Memory limit")));
        QCOMPARE(help.count('\n'), dockerFlags().size());
    }
};

QTEST_GUILESS_MAIN(TestDockerFlags)
#include "tst_dockerflags.moc"
