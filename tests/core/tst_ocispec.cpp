// The typed config.json model: load/save and get/set round trips keep every field, known or
// not, and the typed sections read what real runtimes write.
#include "RuntimeSpecs.h"
#include "spec/OciSpec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <limits>
#include <unistd.h>

using namespace isolde::spec;

namespace {

constexpr uint64_t Uint64Max = std::numeric_limits<uint64_t>::max();

OciSpec parse(const QByteArray &json)
{
    auto spec = OciSpec::fromJson(json);
    if (!spec)
        qFatal("test JSON does not parse: %s", qPrintable(spec.error().toString()));
    return *spec;
}

// The value at a slash-separated path of keys and array indexes: "mounts/1/options".
QJsonValue at(const QJsonObject &document, const QString &path)
{
    QJsonValue value = document;
    for (const QString &step : path.split(u'/')) {
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        value = isIndex ? value.toArray().at(index) : value.toObject().value(step);
    }
    return value;
}

// Sets every section from its own getter: must change nothing.
void setEverySectionFromItself(OciSpec &spec)
{
    spec.setOciVersion(spec.ociVersion());
    spec.setProcess(spec.process());
    spec.setRoot(spec.root());
    spec.setHostname(spec.hostname());
    spec.setDomainname(spec.domainname());
    spec.setMounts(spec.mounts());
    spec.setLinux(spec.linux());
    spec.setAnnotations(spec.annotations());
}

QStringList namespaceTypes(const Linux &linux)
{
    QStringList types;
    for (const Namespace &ns : linux.namespaces)
        types << ns.type;
    return types;
}

Process fullProcess()
{
    Process process;
    process.terminal = true;
    process.consoleSize = ConsoleSize{.height = 24, .width = 80};
    process.user = User{.uid = 1000,
                        .gid = 1001,
                        .umask = 022,
                        .additionalGids = {10, 20},
                        .username = QStringLiteral("alice")};
    process.args = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo hi")};
    process.env = {QStringLiteral("PATH=/bin"), QStringLiteral("HOME=/home/alice")};
    process.cwd = QStringLiteral("/work");
    process.capabilities = Capabilities{.bounding = {QStringLiteral("CAP_CHOWN")},
                                        .effective = {QStringLiteral("CAP_KILL")},
                                        .inheritable = {QStringLiteral("CAP_SETUID")},
                                        .permitted = {QStringLiteral("CAP_NET_RAW")},
                                        .ambient = {QStringLiteral("CAP_SYS_TIME")}};
    process.rlimits = {Rlimit{QStringLiteral("RLIMIT_NOFILE"), 4096, 1024},
                       Rlimit{QStringLiteral("RLIMIT_CORE"), Uint64Max, Uint64Max}};
    process.noNewPrivileges = true;
    process.apparmorProfile = QStringLiteral("docker-default");
    process.selinuxLabel = QStringLiteral("system_u:system_r:container_t:s0");
    process.oomScoreAdj = -500;
    return process;
}

QList<Mount> fullMounts()
{
    const QList<IdMapping> mapping = {IdMapping{0, 100000, 65536}};
    return {
        Mount{QStringLiteral("/proc"), QStringLiteral("proc"), QStringLiteral("proc"), {}, {}, {}},
        Mount{QStringLiteral("/data"),
              QStringLiteral("bind"),
              QStringLiteral("/srv/data"),
              {QStringLiteral("rbind"), QStringLiteral("ro"), QStringLiteral("idmap")},
              mapping,
              mapping}};
}

Linux fullLinux()
{
    Linux linux;
    linux.namespaces = {Namespace{QStringLiteral("pid"), {}},
                        Namespace{QStringLiteral("network"), QStringLiteral("/proc/1/ns/net")},
                        Namespace{QStringLiteral("user"), {}}};
    linux.uidMappings = {IdMapping{0, 100000, 65536}};
    linux.gidMappings = {IdMapping{0, 200000, 65536}, IdMapping{65536, 300000, 1}};
    linux.sysctl = {{QStringLiteral("net.ipv4.ip_forward"), QStringLiteral("1")},
                    {QStringLiteral("kernel.shmmax"), QStringLiteral("65536")}};
    Resources resources;
    resources.devices = {DeviceRule{false, {}, std::nullopt, std::nullopt, QStringLiteral("rwm")},
                         DeviceRule{true, QStringLiteral("c"), 1, 3, QStringLiteral("rw")}};
    resources.cpu = CpuResources{.shares = 512,
                                 .quota = 50000,
                                 .period = 100000,
                                 .realtimeRuntime = 950000,
                                 .realtimePeriod = 1000000,
                                 .idle = 0,
                                 .cpus = QStringLiteral("0-3,5"),
                                 .mems = QStringLiteral("0")};
    resources.memory = MemoryResources{.limit = 536870912,
                                       .reservation = 268435456,
                                       .swap = 1073741824,
                                       .kernel = -1,
                                       .kernelTCP = 16777216,
                                       .swappiness = 60,
                                       .disableOOMKiller = true,
                                       .useHierarchy = false,
                                       .checkBeforeUpdate = true};
    resources.pidsLimit = 100;
    resources.blockIO = BlockIoResources{
        .weight = 500,
        .leafWeight = 300,
        .weightDevice = {WeightDevice{8, 0, 200, 100}, WeightDevice{8, 16, std::nullopt, 50}},
        .throttleReadBpsDevice = {ThrottleDevice{8, 0, 1048576}},
        .throttleWriteBpsDevice = {ThrottleDevice{8, 0, 2097152}},
        .throttleReadIOPSDevice = {ThrottleDevice{8, 16, 1000}},
        .throttleWriteIOPSDevice = {ThrottleDevice{8, 16, 500}, ThrottleDevice{8, 32, 7}}};
    resources.unified = {{QStringLiteral("memory.high"), QStringLiteral("400M")}};
    linux.resources = resources;
    linux.cgroupsPath = QStringLiteral("/isolde/full");
    Seccomp seccomp;
    seccomp.defaultAction = QStringLiteral("SCMP_ACT_ERRNO");
    seccomp.defaultErrnoRet = 1;
    seccomp.architectures = {QStringLiteral("SCMP_ARCH_X86_64"), QStringLiteral("SCMP_ARCH_X86")};
    seccomp.flags = {QStringLiteral("SECCOMP_FILTER_FLAG_LOG")};
    seccomp.listenerPath = QStringLiteral("/run/listener.sock");
    seccomp.listenerMetadata = QStringLiteral("meta");
    seccomp.syscalls = {
        SeccompSyscall{{QStringLiteral("read"), QStringLiteral("write")},
                       QStringLiteral("SCMP_ACT_ALLOW"),
                       std::nullopt,
                       {}},
        SeccompSyscall{{QStringLiteral("personality")},
                       QStringLiteral("SCMP_ACT_ALLOW"),
                       std::nullopt,
                       {SeccompArg{0, Uint64Max, 0, QStringLiteral("SCMP_CMP_EQ")},
                        SeccompArg{1, 0x7E020000, 0x10000, QStringLiteral("SCMP_CMP_MASKED_EQ")}}},
        SeccompSyscall{{QStringLiteral("ptrace")}, QStringLiteral("SCMP_ACT_ERRNO"), 38, {}}};
    linux.seccomp = seccomp;
    linux.rootfsPropagation = QStringLiteral("rprivate");
    linux.maskedPaths = {QStringLiteral("/proc/kcore"), QStringLiteral("/sys/firmware")};
    linux.readonlyPaths = {QStringLiteral("/proc/sys")};
    linux.mountLabel = QStringLiteral("system_u:object_r:container_file_t:s0");
    linux.devices = {Device{QStringLiteral("/dev/fuse"), QStringLiteral("c"), 10, 229, 0666, 0, 0},
                     Device{QStringLiteral("/dev/fifo"), QStringLiteral("p"), 0, 0, std::nullopt,
                            std::nullopt, std::nullopt}};
    return linux;
}

OciSpec fullSpec()
{
    OciSpec spec;
    spec.setOciVersion(QStringLiteral("1.0.2"));
    spec.setProcess(fullProcess());
    spec.setRoot(Root{QStringLiteral("rootfs"), true});
    spec.setHostname(QStringLiteral("box"));
    spec.setDomainname(QStringLiteral("example.org"));
    spec.setMounts(fullMounts());
    spec.setLinux(fullLinux());
    spec.setAnnotations({{QString::fromLatin1(AnnotationName), QStringLiteral("web")},
                         {QString::fromLatin1(AnnotationImage), QStringLiteral("busybox")}});
    return spec;
}

} // namespace

class TestOciSpec : public QObject
{
    Q_OBJECT

private slots:
    void runtimeSpecLoadSave_data() { isolde::test::addRuntimeSpecRows(); }
    void runtimeSpecLoadSave()
    {
        QFETCH(QString, runtime);
        QFETCH(bool, rootless);
        QString error;
        const QByteArray json = isolde::test::generateRuntimeSpec(runtime, rootless, &error);
        QVERIFY2(!json.isEmpty(), qPrintable(error));
        QTemporaryDir dir;
        const QString original = dir.filePath(QStringLiteral("original.json"));
        const QString copy = dir.filePath(QStringLiteral("copy.json"));
        QFile file(original);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();

        const auto loaded = OciSpec::load(original);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        QCOMPARE(loaded->document(), QJsonDocument::fromJson(json).object());
        const auto saved = loaded->save(copy);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
        const auto reloaded = OciSpec::load(copy);
        QVERIFY(reloaded.ok());
        QCOMPARE(reloaded->document(), loaded->document());
        QVERIFY(*reloaded == *loaded);
    }

    void runtimeSpecGetSetKeepsDocument_data() { isolde::test::addRuntimeSpecRows(); }
    void runtimeSpecGetSetKeepsDocument()
    {
        QFETCH(QString, runtime);
        QFETCH(bool, rootless);
        QString error;
        const QByteArray json = isolde::test::generateRuntimeSpec(runtime, rootless, &error);
        QVERIFY2(!json.isEmpty(), qPrintable(error));
        OciSpec spec = parse(json);
        const QJsonObject before = spec.document();
        setEverySectionFromItself(spec);
        QCOMPARE(spec.document(), before);
        QVERIFY(spec.schemaErrors().isEmpty());
    }

    void runtimeSpecTypedValues_data() { isolde::test::addRuntimeSpecRows(); }
    void runtimeSpecTypedValues()
    {
        QFETCH(QString, runtime);
        QFETCH(bool, rootless);
        QString error;
        const QByteArray json = isolde::test::generateRuntimeSpec(runtime, rootless, &error);
        QVERIFY2(!json.isEmpty(), qPrintable(error));
        const OciSpec spec = parse(json);
        const QStringList defaultCaps = {QStringLiteral("CAP_AUDIT_WRITE"),
                                         QStringLiteral("CAP_KILL"),
                                         QStringLiteral("CAP_NET_BIND_SERVICE")};

        QVERIFY(spec.ociVersion().startsWith(QLatin1String("1.0.")));
        QVERIFY(spec.hasProcess());
        const Process process = spec.process();
        QCOMPARE(process.args, QStringList{QStringLiteral("sh")});
        QCOMPARE(process.cwd, QStringLiteral("/"));
        QVERIFY(process.terminal);
        QVERIFY(process.noNewPrivileges);
        QCOMPARE(process.user.uid, 0u);
        QCOMPARE(process.user.gid, 0u);
        QVERIFY(!process.user.umask);
        QCOMPARE(process.env.size(), 2);
        QVERIFY(process.env.first().startsWith(QLatin1String("PATH=")));
        QVERIFY(process.capabilities.has_value());
        QCOMPARE(process.capabilities->bounding, defaultCaps);
        QCOMPARE(process.capabilities->effective, defaultCaps);
        QCOMPARE(process.capabilities->permitted, defaultCaps);
        QCOMPARE(process.capabilities->ambient, defaultCaps);
        QVERIFY(process.capabilities->inheritable.isEmpty());
        QCOMPARE(process.rlimits.size(), 1);
        QCOMPARE(process.rlimits.first(), (Rlimit{QStringLiteral("RLIMIT_NOFILE"), 1024, 1024}));
        QVERIFY(!process.oomScoreAdj);

        QCOMPARE(spec.root(), (Root{QStringLiteral("rootfs"), true}));
        QCOMPARE(spec.hostname(), runtime);

        const QList<Mount> mounts = spec.mounts();
        QCOMPARE(mounts.size(), 7);
        QCOMPARE(mounts.at(0), (Mount{QStringLiteral("/proc"),
                                      QStringLiteral("proc"),
                                      QStringLiteral("proc"),
                                      {},
                                      {},
                                      {}}));
        QCOMPARE(mounts.at(2).destination, QStringLiteral("/dev/pts"));
        QCOMPARE(mounts.at(2).type, QStringLiteral("devpts"));
        QVERIFY(mounts.at(2).options.contains(QStringLiteral("newinstance")));
        QCOMPARE(mounts.at(3).destination, QStringLiteral("/dev/shm"));
        QCOMPARE(mounts.at(3).options.last(), QStringLiteral("size=65536k"));
        QCOMPARE(mounts.at(6).destination, QStringLiteral("/sys/fs/cgroup"));

        const Linux linux = spec.linux();
        QCOMPARE(linux.maskedPaths.size(), 10);
        QVERIFY(linux.maskedPaths.contains(QStringLiteral("/proc/kcore")));
        QCOMPARE(linux.maskedPaths.last(), QStringLiteral("/proc/scsi"));
        QCOMPARE(linux.readonlyPaths,
                 (QStringList{QStringLiteral("/proc/bus"), QStringLiteral("/proc/fs"),
                              QStringLiteral("/proc/irq"), QStringLiteral("/proc/sys"),
                              QStringLiteral("/proc/sysrq-trigger")}));
        const QStringList types = namespaceTypes(linux);
        for (const char *type : {"pid", "ipc", "uts", "mount"})
            QVERIFY2(types.contains(QLatin1String(type)), type);
        QCOMPARE(types.contains(QStringLiteral("user")), rootless);
        for (const Namespace &ns : linux.namespaces)
            QVERIFY(ns.path.isEmpty());
        QVERIFY(!linux.seccomp);

        if (rootless && runtime == QLatin1String("runc")) {
            // runc maps the caller's own uid and gid to root and needs no network namespace.
            const QList<IdMapping> uids = {IdMapping{0, uint32_t(geteuid()), 1}};
            const QList<IdMapping> gids = {IdMapping{0, uint32_t(getegid()), 1}};
            QCOMPARE(linux.uidMappings, uids);
            QCOMPARE(linux.gidMappings, gids);
            QVERIFY(!types.contains(QStringLiteral("network")));
            QCOMPARE(mounts.at(5).type, QStringLiteral("none"));
            QVERIFY(mounts.at(5).options.contains(QStringLiteral("rbind")));
        } else {
            // crun leaves the mapping of a rootless container to run time.
            QVERIFY(linux.uidMappings.isEmpty());
            QVERIFY(linux.gidMappings.isEmpty());
            QVERIFY(types.contains(QStringLiteral("network")));
        }
        if (!(rootless && runtime == QLatin1String("runc"))) {
            QVERIFY(linux.resources.has_value());
            const QList<DeviceRule> denyAll = {
                DeviceRule{false, {}, std::nullopt, std::nullopt, QStringLiteral("rwm")}};
            QCOMPARE(linux.resources->devices, denyAll);
            QVERIFY(!linux.resources->memory);
            QVERIFY(!linux.resources->pidsLimit);
        }
    }

    void everyTypedFieldRoundTrips()
    {
        const OciSpec spec = fullSpec();
        QCOMPARE(spec.process(), fullProcess());
        QCOMPARE(spec.mounts(), fullMounts());
        QCOMPARE(spec.linux(), fullLinux());
        QCOMPARE(spec.domainname(), QStringLiteral("example.org"));
        QCOMPARE(spec.annotation(QString::fromLatin1(AnnotationImage)), QStringLiteral("busybox"));
        QVERIFY(spec.schemaErrors().isEmpty());

        // Through text and back, as a saved file would go.
        OciSpec reloaded = parse(spec.toJson());
        QCOMPARE(reloaded.document(), spec.document());
        QCOMPARE(reloaded.process(), fullProcess());
        QCOMPARE(reloaded.linux(), fullLinux());
        QCOMPARE(reloaded.linux().seccomp->syscalls.at(1).args.at(0).value, Uint64Max);
        QCOMPARE(reloaded.process().rlimits.at(1).hard, Uint64Max);
        // As digits, which runc's and crun's parsers read into a uint64 (not 1.8e+19).
        QVERIFY(spec.toJson().contains("\"hard\": 18446744073709551615,"));
        QVERIFY(spec.toJson().contains("\"value\": 18446744073709551615,"));
        setEverySectionFromItself(reloaded);
        QCOMPARE(reloaded.document(), spec.document());

        // The JSON uses the OCI names.
        const QJsonObject document = spec.document();
        QCOMPARE(at(document, QStringLiteral("linux/resources/pids/limit")).toInteger(), 100);
        QCOMPARE(
            at(document, QStringLiteral("linux/resources/blockIO/throttleWriteIOPSDevice/1/rate"))
                .toInteger(),
            7);
        QCOMPARE(at(document, QStringLiteral("linux/seccomp/syscalls/2/errnoRet")).toInteger(), 38);
        QCOMPARE(
            at(document, QStringLiteral("linux/seccomp/syscalls/1/args/1/valueTwo")).toInteger(),
            0x10000);
        QCOMPARE(at(document, QStringLiteral("process/user/umask")).toInteger(), 022);
        QCOMPARE(at(document, QStringLiteral("process/consoleSize/width")).toInteger(), 80);
        QCOMPARE(at(document, QStringLiteral("linux/devices/0/fileMode")).toInteger(), 0666);
        QCOMPARE(at(document, QStringLiteral("mounts/1/uidMappings/0/hostID")).toInteger(), 100000);
        QVERIFY(at(document, QStringLiteral("linux/resources/memory/disableOOMKiller")).toBool());
        QVERIFY(at(document, QStringLiteral("linux/resources/unified")).isObject());
        // Optional fields left unset are not written.
        QVERIFY(!at(document, QStringLiteral("linux/resources/devices/0"))
                     .toObject()
                     .contains(QStringLiteral("major")));
        QVERIFY(!at(document, QStringLiteral("linux/seccomp/syscalls/0"))
                     .toObject()
                     .contains(QStringLiteral("errnoRet")));
        QVERIFY(!at(document, QStringLiteral("linux/namespaces/0"))
                     .toObject()
                     .contains(QStringLiteral("path")));
    }

    void unknownFieldsSurviveTypedEdits()
    {
        OciSpec spec = parse(R"({
            "ociVersion": "1.0.2", "x-top": {"nested": [1, 2]},
            "hooks": {"prestart": [{"path": "/bin/true"}]},
            "process": {"args": ["sh"], "cwd": "/", "x-process": true,
                "user": {"uid": 0, "gid": 0, "x-user": "keep"},
                "capabilities": {"bounding": ["CAP_KILL"], "x-caps": 1},
                "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 10, "soft": 10, "x-rlimit": 2}]},
            "root": {"path": "rootfs", "x-root": 3},
            "mounts": [
                {"destination": "/proc", "type": "proc", "source": "proc", "x-mount": "a"},
                {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "x-mount": "b"},
                {"destination": "/sys", "type": "sysfs", "source": "sysfs", "x-mount": "c"}],
            "linux": {"x-linux": [], "intelRdt": {"closID": "x"},
                "namespaces": [{"type": "pid", "x-ns": 1}],
                "resources": {"x-resources": 1,
                    "hugepageLimits": [{"pageSize": "2MB", "limit": 1}],
                    "memory": {"limit": 1048576000, "x-memory": "keep"},
                    "pids": {"limit": 10, "x-pids": 5},
                    "blockIO": {"weight": 100, "throttleReadBpsDevice": [
                        {"major": 8, "minor": 0, "rate": 1, "x-throttle": 1}]}},
                "seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "x-seccomp": 1,
                    "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                        "x-syscall": 1, "args": [
                            {"index": 0, "value": 8, "op": "SCMP_CMP_EQ", "x-arg": 1}]}]}},
            "annotations": {"a": "b"}
        })");
        const QJsonObject before = spec.document();
        setEverySectionFromItself(spec);
        QCOMPARE(spec.document(), before);

        Process process = spec.process();
        process.user.uid = 1000;
        process.capabilities->bounding << QStringLiteral("CAP_CHOWN");
        process.rlimits[0].soft = 5;
        spec.setProcess(process);
        Root root = spec.root();
        root.readonly = true;
        spec.setRoot(root);
        QList<Mount> mounts = spec.mounts();
        mounts.removeFirst();
        mounts[0].options = {QStringLiteral("nosuid")};
        spec.setMounts(mounts);
        Linux linux = spec.linux();
        linux.namespaces << Namespace{QStringLiteral("network"), {}};
        linux.resources->memory->limit = 2147483648;
        linux.resources->pidsLimit = 20;
        linux.resources->blockIO->throttleReadBpsDevice[0].rate = 2;
        linux.seccomp->syscalls[0].args[0].value = 9;
        spec.setLinux(linux);

        const QJsonObject after = spec.document();
        const auto keeps = [&](const char *path, const QJsonValue &value) {
            const QJsonValue actual = at(after, QString::fromLatin1(path));
            if (actual != value)
                qWarning("%s is %s", path, QJsonDocument(QJsonArray{actual}).toJson().constData());
            return actual == value;
        };
        QVERIFY(keeps("x-top", before.value(QStringLiteral("x-top"))));
        QVERIFY(keeps("hooks", before.value(QStringLiteral("hooks"))));
        QVERIFY(keeps("process/x-process", true));
        QVERIFY(keeps("process/user/x-user", QStringLiteral("keep")));
        QVERIFY(keeps("process/user/uid", 1000));
        QVERIFY(keeps("process/capabilities/x-caps", 1));
        QVERIFY(keeps("process/capabilities/bounding/1", QStringLiteral("CAP_CHOWN")));
        QVERIFY(keeps("process/rlimits/0/x-rlimit", 2));
        QVERIFY(keeps("process/rlimits/0/soft", 5));
        QVERIFY(keeps("root/x-root", 3));
        QVERIFY(keeps("root/readonly", true));
        QCOMPARE(after.value(QStringLiteral("mounts")).toArray().size(), 2);
        QVERIFY(keeps("mounts/0/x-mount", QStringLiteral("b")));
        QVERIFY(keeps("mounts/0/options/0", QStringLiteral("nosuid")));
        QVERIFY(keeps("mounts/1/x-mount", QStringLiteral("c")));
        QVERIFY(keeps("linux/x-linux", QJsonArray()));
        QVERIFY(keeps("linux/intelRdt/closID", QStringLiteral("x")));
        QVERIFY(keeps("linux/namespaces/0/x-ns", 1));
        QVERIFY(keeps("linux/namespaces/1/type", QStringLiteral("network")));
        QVERIFY(keeps("linux/resources/x-resources", 1));
        QVERIFY(keeps("linux/resources/hugepageLimits/0/pageSize", QStringLiteral("2MB")));
        QVERIFY(keeps("linux/resources/memory/x-memory", QStringLiteral("keep")));
        QVERIFY(keeps("linux/resources/memory/limit", qint64(2147483648)));
        QVERIFY(keeps("linux/resources/pids/x-pids", 5));
        QVERIFY(keeps("linux/resources/pids/limit", 20));
        QVERIFY(keeps("linux/resources/blockIO/throttleReadBpsDevice/0/x-throttle", 1));
        QVERIFY(keeps("linux/resources/blockIO/throttleReadBpsDevice/0/rate", 2));
        QVERIFY(keeps("linux/seccomp/x-seccomp", 1));
        QVERIFY(keeps("linux/seccomp/syscalls/0/x-syscall", 1));
        QVERIFY(keeps("linux/seccomp/syscalls/0/args/0/x-arg", 1));
        QVERIFY(keeps("linux/seccomp/syscalls/0/args/0/value", 9));

        // An element with nothing in common with the one it replaces does not inherit its
        // unknown keys.
        linux.namespaces = {Namespace{QStringLiteral("cgroup"), {}}};
        spec.setLinux(linux);
        QCOMPARE(at(spec.document(), QStringLiteral("linux/namespaces")).toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("cgroup")}}}));

        // Dropping the pids limit keeps the pids object's unknown key.
        linux.resources->pidsLimit.reset();
        spec.setLinux(linux);
        QCOMPARE(at(spec.document(), QStringLiteral("linux/resources/pids")).toObject(),
                 (QJsonObject{{QStringLiteral("x-pids"), 5}}));
        QVERIFY(!spec.linux().resources->pidsLimit);
    }

    void absentFieldsStayAbsent()
    {
        const QByteArray minimal = R"({"ociVersion": "1.0.2",
            "process": {"args": ["sh"], "cwd": "/", "user": {"uid": 0, "gid": 0}},
            "root": {"path": "rootfs"}})";
        OciSpec spec = parse(minimal);
        setEverySectionFromItself(spec);
        QCOMPARE(spec.document(), parse(minimal).document());

        // Typed defaults for what is absent.
        QVERIFY(!spec.process().capabilities);
        QVERIFY(!spec.process().terminal);
        QVERIFY(!spec.linux().resources);
        QVERIFY(spec.annotations().isEmpty());

        // Setting one value writes that value and nothing else.
        Linux linux = spec.linux();
        linux.resources = Resources();
        linux.resources->memory = MemoryResources();
        linux.resources->memory->limit = 64 * 1024 * 1024;
        spec.setLinux(linux);
        QCOMPARE(
            spec.document().value(QStringLiteral("linux")).toObject(),
            QJsonDocument::fromJson(R"({"resources": {"memory": {"limit": 67108864}}})").object());
        Process process = spec.process();
        process.env << QStringLiteral("A=1");
        spec.setProcess(process);
        QCOMPARE(spec.document().value(QStringLiteral("process")).toObject(),
                 QJsonDocument::fromJson(R"({"args": ["sh"], "cwd": "/", "env": ["A=1"],
                                             "user": {"uid": 0, "gid": 0}})")
                     .object());

        // Emptying a field removes it.
        spec.setHostname(QStringLiteral("box"));
        QCOMPARE(spec.document().value(QStringLiteral("hostname")).toString(),
                 QStringLiteral("box"));
        spec.setHostname(QString());
        QVERIFY(!spec.document().contains(QStringLiteral("hostname")));
        linux.resources.reset();
        spec.setLinux(linux);
        QCOMPARE(spec.document().value(QStringLiteral("linux")).toObject(), QJsonObject());
    }

    void sectionsWrittenFresh()
    {
        // A section that was absent is written whole, with its required fields.
        OciSpec spec;
        spec.setProcess(Process());
        spec.setMounts({Mount{
            QStringLiteral("/proc"), QStringLiteral("proc"), QStringLiteral("proc"), {}, {}, {}}});
        Linux linux;
        linux.uidMappings = {IdMapping{0, 0, 1}};
        linux.namespaces = {Namespace{QStringLiteral("user"), {}}};
        spec.setLinux(linux);
        Process process;
        process.rlimits = {Rlimit{QStringLiteral("RLIMIT_NOFILE"), 0, 0}};
        spec.setProcess(process);
        const QJsonObject document = spec.document();
        QCOMPARE(at(document, QStringLiteral("process/user")).toObject(),
                 (QJsonObject{{QStringLiteral("uid"), 0}, {QStringLiteral("gid"), 0}}));
        QCOMPARE(at(document, QStringLiteral("process/cwd")).toString(), QStringLiteral("/"));
        QCOMPARE(at(document, QStringLiteral("process/rlimits/0")).toObject(),
                 (QJsonObject{{QStringLiteral("type"), QStringLiteral("RLIMIT_NOFILE")},
                              {QStringLiteral("hard"), 0},
                              {QStringLiteral("soft"), 0}}));
        QCOMPARE(at(document, QStringLiteral("linux/uidMappings/0")).toObject(),
                 (QJsonObject{{QStringLiteral("containerID"), 0},
                              {QStringLiteral("hostID"), 0},
                              {QStringLiteral("size"), 1}}));
        QCOMPARE(at(document, QStringLiteral("mounts/0/destination")).toString(),
                 QStringLiteral("/proc"));
        QVERIFY(!at(document, QStringLiteral("mounts/0"))
                     .toObject()
                     .contains(QStringLiteral("options")));
    }

    void largeIntegers()
    {
        const OciSpec spec = parse(R"({"process": {"rlimits": [
            {"type": "RLIMIT_CORE", "hard": 18446744073709551615, "soft": 9223372036854775807},
            {"type": "RLIMIT_AS", "hard": 9223372036854775808, "soft": 0}]},
            "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 4294967295, "valueTwo": 18446744073709551615,
                           "op": "SCMP_CMP_EQ"}]}]}}})");
        const QList<Rlimit> rlimits = spec.process().rlimits;
        QCOMPARE(rlimits.at(0).hard, Uint64Max);
        QCOMPARE(rlimits.at(0).soft, uint64_t(std::numeric_limits<int64_t>::max()));
        QCOMPARE(rlimits.at(1).hard, uint64_t(1) << 63);
        const SeccompArg arg = spec.linux().seccomp->syscalls.at(0).args.at(0);
        QCOMPARE(arg.value, uint64_t(4294967295));
        QCOMPARE(arg.valueTwo, Uint64Max);

        // Negative, fractional and too large values are type errors, not wrapped numbers.
        const OciSpec bad = parse(R"({"ociVersion": "1.0.2", "root": {"path": "r"},
            "process": {"args": ["sh"], "cwd": "/",
                "user": {"uid": 4294967296, "gid": 1.5, "umask": -1},
                "rlimits": [{"type": "RLIMIT_CORE", "hard": -1, "soft": 36893488147419103232}]}})");
        QCOMPARE(bad.process().user.uid, 0u);
        QVERIFY(!bad.process().user.umask);
        QStringList fields;
        for (const isolde::Error &error : bad.schemaErrors())
            fields << error.field;
        QCOMPARE(fields, (QStringList{QStringLiteral("process.user.uid"),
                                      QStringLiteral("process.user.gid"),
                                      QStringLiteral("process.user.umask"),
                                      QStringLiteral("process.rlimits[0].hard"),
                                      QStringLiteral("process.rlimits[0].soft")}));
    }

    void schemaErrorsNameTheField()
    {
        const OciSpec spec = parse(R"({"process": {"args": "sh", "cwd": 7,
            "user": {"uid": "0", "gid": 0}, "capabilities": {"bounding": ["CAP_KILL", 3]}},
            "root": [], "mounts": [5, {"type": "proc"}],
            "linux": {"sysctl": {"net.ipv4.ip_forward": 1}, "resources": {"pids": 5},
                "namespaces": [{"type": "pid", "path": false}]},
            "annotations": "none"})");
        QMap<QString, QString> problems;
        for (const isolde::Error &error : spec.schemaErrors())
            problems.insert(error.field, error.reason);
        const QMap<QString, QString> expected = {
            {QStringLiteral("ociVersion"), QStringLiteral("is required")},
            {QStringLiteral("process.args"), QStringLiteral("must be an array")},
            {QStringLiteral("process.cwd"), QStringLiteral("must be a string")},
            {QStringLiteral("process.user.uid"),
             QStringLiteral("must be an integer from 0 to 4294967295")},
            {QStringLiteral("process.capabilities.bounding[1]"),
             QStringLiteral("must be a string")},
            {QStringLiteral("root"), QStringLiteral("must be an object")},
            {QStringLiteral("mounts[0]"), QStringLiteral("must be an object")},
            {QStringLiteral("mounts[1].destination"), QStringLiteral("is required")},
            {QStringLiteral("linux.sysctl[\"net.ipv4.ip_forward\"]"),
             QStringLiteral("must be a string")},
            {QStringLiteral("linux.resources.pids"), QStringLiteral("must be an object")},
            {QStringLiteral("linux.namespaces[0].path"), QStringLiteral("must be a string")},
            {QStringLiteral("annotations"), QStringLiteral("must be an object of strings")},
        };
        QCOMPARE(problems, expected);
        // The typed view still reads what it can.
        QCOMPARE(spec.process().capabilities->bounding,
                 (QStringList{QStringLiteral("CAP_KILL"), QString()}));
        QCOMPARE(spec.mounts().size(), 2);
        QCOMPARE(spec.mounts().at(1).type, QStringLiteral("proc"));
    }

    void nullReadsAsAbsent()
    {
        OciSpec spec = parse(R"({"ociVersion": "1.0.2", "hostname": null,
            "process": {"args": ["sh"], "cwd": "/", "user": {"uid": 0, "gid": 0},
                        "capabilities": null, "env": null},
            "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": null}}}})");
        QVERIFY(spec.schemaErrors().isEmpty());
        QVERIFY(!spec.process().capabilities);
        QVERIFY(!spec.linux().resources->memory->limit);
        const QJsonObject before = spec.document();
        setEverySectionFromItself(spec);
        QCOMPARE(spec.document(), before);
        // A required field that is null is missing.
        const OciSpec noArgs = parse(R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"},
            "process": {"args": null, "cwd": "/", "user": {"uid": 0, "gid": 0}}})");
        QCOMPARE(noArgs.schemaErrors().size(), 1);
        QCOMPARE(noArgs.schemaErrors().first().field, QStringLiteral("process.args"));
        QCOMPARE(noArgs.schemaErrors().first().reason, QStringLiteral("is required"));
    }

    void brokenValuesAreKeptUntilChanged()
    {
        // A field of the wrong type is not "fixed" by an unrelated edit.
        OciSpec spec = parse(R"({"process": {"args": ["sh"], "cwd": "/", "terminal": "yes",
            "user": {"uid": 0, "gid": 0}}, "mounts": [7, {"destination": "/a"}]})");
        Process process = spec.process();
        process.args << QStringLiteral("-l");
        spec.setProcess(process);
        QCOMPARE(at(spec.document(), QStringLiteral("process/terminal")).toString(),
                 QStringLiteral("yes"));
        QList<Mount> mounts = spec.mounts();
        mounts[1].type = QStringLiteral("tmpfs");
        spec.setMounts(mounts);
        QCOMPARE(at(spec.document(), QStringLiteral("mounts/0")).toInteger(), 7);
        QCOMPARE(at(spec.document(), QStringLiteral("mounts/1/type")).toString(),
                 QStringLiteral("tmpfs"));
    }

    void annotations()
    {
        OciSpec spec;
        spec.setAnnotation(QString::fromLatin1(AnnotationName), QStringLiteral("web"));
        spec.setAnnotation(QString::fromLatin1(AnnotationCreated),
                           QStringLiteral("2026-11-29T14:00:00Z"));
        QCOMPARE(spec.annotation(QString::fromLatin1(AnnotationName)), QStringLiteral("web"));
        QCOMPARE(at(spec.document(), QStringLiteral("annotations/org.isolde.created")).toString(),
                 QStringLiteral("2026-11-29T14:00:00Z"));
        QCOMPARE(spec.annotations().size(), 2);
        QCOMPARE(spec.annotation(QStringLiteral("missing")), QString());
    }

    void toJsonIsIndentedAndParses()
    {
        const OciSpec spec = fullSpec();
        const QByteArray json = spec.toJson();
        QVERIFY(json.contains("\n    \"linux\": {"));
        QCOMPARE(parse(json), spec);
    }

    void loadAndSaveErrors()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.json"));
        auto result = OciSpec::load(missing);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().reason.contains(missing), qPrintable(result.error().reason));
        QVERIFY2(result.error().reason.contains(QLatin1String("No such file")),
                 qPrintable(result.error().reason));

        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"ociVersion\": \"1.0.2\",");
        file.close();
        result = OciSpec::load(broken);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().reason.startsWith(broken + QStringLiteral(": not valid JSON")),
                 qPrintable(result.error().reason));

        const auto array = OciSpec::fromJson("[1, 2]");
        QVERIFY(!array.ok());
        QVERIFY(array.error().reason.contains(QLatin1String("must be a JSON object")));

        const QString unwritable = dir.filePath(QStringLiteral("no/such/dir/config.json"));
        const auto saved = OciSpec().save(unwritable);
        QVERIFY(!saved.ok());
        QVERIFY2(saved.error().reason.startsWith(QStringLiteral("cannot write ") + unwritable),
                 qPrintable(saved.error().reason));
    }
};

QTEST_GUILESS_MAIN(TestOciSpec)
#include "tst_ocispec.moc"
