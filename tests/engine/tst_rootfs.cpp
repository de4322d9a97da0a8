// planRootfs + setupRootfs against the real kernel: each case runs the plan in a forked child
// that has its own mount, PID, UTS and IPC namespaces (as the launcher's child does), lets it
// look at its new root from inside and report back over a pipe. The host's mount table must be
// the same after every case.
#include "DefaultImage.h"
#include "ImageStore.h"
#include "Overlay.h"
#include "Rootfs.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QtTest>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace isolde;
using namespace isolde::engine;

namespace {

// Not in <linux/magic.h>: the kernel keeps it in ipc/mqueue.c.
constexpr long mqueueMagic = 0x19800202;

// Set before fork, read by the probe in the child (no allocation there).
char g_hostPath[512];

void report(int fd, const char *key, const char *value)
{
    char line[1024];
    const int n = std::snprintf(line, sizeof line, "%s=%s\n", key, value);
    if (n > 0 && ::write(fd, line, static_cast<size_t>(n)) < 0)
        _exit(120);
}

const char *yesNo(bool value)
{
    return value ? "yes" : "no";
}

// "ok" when a file can be created at `path`, else the errno name.
const char *createResult(const char *path)
{
    const int fd = ::open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    if (fd >= 0) {
        ::close(fd);
        return "ok";
    }
    return strerrorname_np(errno);
}

bool fsType(const char *path, long type)
{
    struct statfs st = {};
    return ::statfs(path, &st) == 0 && st.f_type == type;
}

long bytesReadable(const char *path)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buffer[64];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    ::close(fd);
    return n;
}

void linkTarget(int fd, const char *key, const char *path)
{
    char target[256] = {};
    if (::readlink(path, target, sizeof target - 1) < 0)
        std::snprintf(target, sizeof target, "%s", strerrorname_np(errno));
    report(fd, key, target);
}

// The default devices, whatever made them.
void probeDevices(int fd)
{
    struct stat st = {};
    report(
        fd, "devNull",
        yesNo(::stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)));
    report(fd, "devNullWrite", createResult("/dev/null"));
    report(fd, "devUrandom", yesNo(bytesReadable("/dev/urandom") == 64));
}

// Everything the full spec below should have produced, as seen from inside.
void probeFull(int fd)
{
    char cwd[256] = {};
    char number[32];
    std::snprintf(number, sizeof number, "%d", ::getpid());
    report(fd, "pid", number);
    report(fd, "cwd", ::getcwd(cwd, sizeof cwd) ? cwd : "?");
    report(fd, "marker", yesNo(::access("/marker", F_OK) == 0));
    report(fd, "hostPathVisible", yesNo(::access(g_hostPath, F_OK) == 0));
    report(fd, "procfs", yesNo(fsType("/proc", PROC_SUPER_MAGIC)));
    report(fd, "proc1", yesNo(::access("/proc/1/stat", F_OK) == 0));
    std::snprintf(number, sizeof number, "%ld", bytesReadable("/proc/timer_list"));
    report(fd, "timerListBytes", number);
    report(fd, "acpiTmpfs", yesNo(fsType("/proc/acpi", TMPFS_MAGIC)));
    std::snprintf(number, sizeof number, "%ld", bytesReadable("/secret"));
    report(fd, "secretBytes", number);
    report(fd, "maskedDirInner", yesNo(::access("/masked-dir/inner", F_OK) == 0));
    report(fd, "maskedDirWrite", createResult("/masked-dir/new"));
    report(fd, "readonlyDataWrite", createResult("/data/new"));
    report(fd, "procSysWrite", createResult("/proc/sys/kernel/domainname"));
    struct utsname names = {};
    ::uname(&names);
    report(fd, "domainname", names.domainname);
    report(fd, "rootWrite", createResult("/newfile"));
    report(fd, "tmpWrite", createResult("/tmp/newfile"));
    report(fd, "tmpfs", yesNo(fsType("/tmp", TMPFS_MAGIC)));
    probeDevices(fd);
    struct stat st = {};
    report(fd, "devMknod",
           yesNo(::stat("/dev/isolde-zero", &st) == 0 && S_ISCHR(st.st_mode) &&
                 st.st_rdev == makedev(1, 5) && (st.st_mode & 07777) == 0620 && st.st_uid == 7));
    linkTarget(fd, "ptmx", "/dev/ptmx");
    linkTarget(fd, "devFd", "/dev/fd");
    linkTarget(fd, "devStderr", "/dev/stderr");
    report(fd, "devpts", yesNo(fsType("/dev/pts", DEVPTS_SUPER_MAGIC)));
    report(fd, "mqueue", yesNo(fsType("/dev/mqueue", mqueueMagic)));
    report(fd, "sysfs", yesNo(fsType("/sys", SYSFS_MAGIC)));
    report(fd, "sysWrite", createResult("/sys/kernel/isolde"));
    report(fd, "cgroupTree",
           yesNo(fsType("/sys/fs/cgroup/memory", CGROUP_SUPER_MAGIC) ||
                 fsType("/sys/fs/cgroup", CGROUP2_SUPER_MAGIC)));
    report(fd, "cgroupWrite", createResult("/sys/fs/cgroup/isolde"));
    report(fd, "bindReadonlyWrite", createResult("/mnt/ro/new"));
    report(fd, "bindWritableWrite", createResult("/mnt/rw/from-container"));
}

// An overlay container: writes one file and changes one of the image's files.
void probeOverlay(int fd)
{
    report(fd, "otherContainersFile", yesNo(::access("/etc/written-by-a", F_OK) == 0));
    report(fd, "busybox", yesNo(::access("/bin/busybox", X_OK) == 0));
    report(fd, "write", createResult(g_hostPath));
    const int passwd = ::open("/etc/passwd", O_WRONLY | O_APPEND | O_CLOEXEC);
    report(fd, "passwdAppend",
           yesNo(passwd >= 0 && ::write(passwd, "extra:x:5:5::/:/bin/sh\n", 23) == 23));
    if (passwd >= 0)
        ::close(passwd);
}

struct ChildResult
{
    bool started = false;
    bool setupOk = false;
    ChildFailure failure;
    QMap<QString, QString> facts;
};

// Container root of the user-namespace case is this host uid (and gid).
constexpr unsigned mappedRoot = 100000;

// The parent's half of a user namespace: write the child's maps, as the launcher does.
bool writeIdMaps(pid_t pid)
{
    for (const char *map : {"uid_map", "gid_map"}) {
        QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(map)));
        const QByteArray line =
            QByteArray::number(0) + ' ' + QByteArray::number(mappedRoot) + " 65536\n";
        if (!file.open(QIODevice::WriteOnly) || file.write(line) != line.size())
            return false;
    }
    return true;
}

// fork -> [unshare(user), wait for the maps, become container root] -> unshare(mount, PID,
// UTS, IPC[, net]) -> fork: the grandchild is PID 1 of its namespace and runs setupRootfs,
// then `probe`.
ChildResult runInContainer(const RootfsPlan &plan, void (*probe)(int), bool userNamespace = false)
{
    ChildResult result;
    int fds[2];
    int mapsDone[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return result;
    if (::pipe2(mapsDone, O_CLOEXEC) != 0)
        return result;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        ::close(mapsDone[1]);
        int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC;
        if (userNamespace) {
            char done = 0;
            if (::unshare(CLONE_NEWUSER) != 0 || ::write(fds[1], "u", 1) != 1 ||
                ::read(mapsDone[0], &done, 1) != 1 || ::setresgid(0, 0, 0) != 0 ||
                ::setresuid(0, 0, 0) != 0)
                _exit(103);
            // sysfs may only be mounted by the owner of the network namespace.
            flags |= CLONE_NEWNET;
        }
        if (::unshare(flags) != 0)
            _exit(100);
        const pid_t inner = ::fork();
        if (inner == 0) {
            ChildFailure failure;
            timespec start = {}, end = {};
            ::clock_gettime(CLOCK_MONOTONIC, &start);
            const char ok = setupRootfs(plan, failure) ? '1' : '0';
            ::clock_gettime(CLOCK_MONOTONIC, &end);
            if (::write(fds[1], &ok, 1) != 1 ||
                ::write(fds[1], &failure, sizeof failure) != sizeof failure)
                _exit(101);
            char micros[32];
            std::snprintf(micros, sizeof micros, "%ld",
                          (end.tv_sec - start.tv_sec) * 1000000 +
                              (end.tv_nsec - start.tv_nsec) / 1000);
            if (ok == '1')
                report(fds[1], "setupUs", micros);
            if (ok == '1' && probe)
                probe(fds[1]);
            _exit(0);
        }
        int status = 0;
        ::waitpid(inner, &status, 0);
        _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 102);
    }
    ::close(mapsDone[0]);
    if (userNamespace) {
        char ready = 0;
        if (::read(fds[0], &ready, 1) == 1 && writeIdMaps(pid))
            (void)!::write(mapsDone[1], "m", 1);
    }
    ::close(mapsDone[1]);
    ::close(fds[1]);
    QByteArray data;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
        data.append(buffer, n);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        data.size() < qsizetype(1 + sizeof(ChildFailure)))
        return result;
    result.started = true;
    result.setupOk = data.at(0) == '1';
    std::memcpy(&result.failure, data.constData() + 1, sizeof(ChildFailure));
    for (const QByteArray &line : data.mid(1 + sizeof(ChildFailure)).split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            result.facts.insert(QString::fromUtf8(line.left(eq)),
                                QString::fromUtf8(line.mid(eq + 1)));
    }
    return result;
}

QByteArray describe(const ChildFailure &failure)
{
    return QByteArray(failure.step) + " [" + failure.field + "] " + failure.detail + ": " +
           strerror(failure.errnum);
}

QByteArray mountTable()
{
    QFile file(QStringLiteral("/proc/self/mountinfo"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QJsonObject mount(const QString &destination, const QString &type, const QString &source,
                  const QStringList &options)
{
    return QJsonObject{{QStringLiteral("destination"), destination},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("source"), source},
                       {QStringLiteral("options"), QJsonArray::fromStringList(options)}};
}

// The mounts of `crun spec`, which every OCI bundle starts from.
QJsonArray standardMounts()
{
    return {mount("/proc", "proc", "proc", {}),
            mount("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}),
            mount("/dev/pts", "devpts", "devpts",
                  {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}),
            mount("/dev/shm", "tmpfs", "shm",
                  {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}),
            mount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}),
            mount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}),
            mount("/sys/fs/cgroup", "cgroup", "cgroup",
                  {"nosuid", "noexec", "nodev", "relatime", "ro"})};
}

spec::OciSpec makeSpec(const QJsonObject &document)
{
    return spec::OciSpec(document);
}

} // namespace

class TestRootfs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void fullSpec();
    void rootPathErrors_data();
    void rootPathErrors();
    void planErrors_data();
    void planErrors();
    void destinationThroughMagicLink();
    void destinationThroughDanglingSymlink();
    void overlayWritesLandInUpper();
    void overlayLayersOutsideStoreRefused();
    void overlayInUserNamespace();
    void defaultDevicesOnNodevDev();

private:
    QByteArray m_mountsBefore;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bundle;
    QString m_rootfs;
};

void TestRootfs::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root and the real kernel (mount namespaces, pivot_root)");
}

void TestRootfs::init()
{
    m_mountsBefore = mountTable();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("ISOLDE_DATA_DIR", QFile::encodeName(m_dir->filePath(QStringLiteral("data"))));
    m_bundle = m_dir->filePath(QStringLiteral("bundle"));
    m_rootfs = m_bundle + QStringLiteral("/rootfs");
    QVERIFY(QDir().mkpath(m_rootfs));
    ::chmod(QFile::encodeName(m_dir->path()).constData(), 0755);
}

void TestRootfs::cleanup()
{
    // Every mount was made in the child's own mount namespace: none may show on the host.
    QCOMPARE(mountTable(), m_mountsBefore);
    m_dir.reset();
    qunsetenv("ISOLDE_DATA_DIR");
}

void TestRootfs::fullSpec()
{
    for (const char *dir : {"proc", "sys", "dev", "tmp", "data", "masked-dir", "etc"})
        QVERIFY(QDir(m_rootfs).mkpath(QLatin1String(dir)));
    QVERIFY(writeFile(m_rootfs + "/marker", "here"));
    QVERIFY(writeFile(m_rootfs + "/secret", "do not read me"));
    QVERIFY(writeFile(m_rootfs + "/masked-dir/inner", "hidden"));
    const QString hostRo = m_dir->filePath("host-ro");
    const QString hostRw = m_dir->filePath("host-rw");
    QVERIFY(QDir().mkpath(hostRo) && QDir().mkpath(hostRw));
    // A symlink in the image pointing at a host path: the mount behind it must land inside.
    // Both the host and the rootfs have that path: the rootfs's is used.
    const QString hostSide = m_dir->filePath("hostside");
    QVERIFY(QDir().mkpath(hostSide) && QDir().mkpath(m_rootfs + hostSide));
    QVERIFY(QFile::link(hostSide, m_rootfs + "/escape"));
    qstrncpy(g_hostPath, QFile::encodeName(m_dir->filePath("bundle")).constData(),
             sizeof g_hostPath);

    QJsonArray mounts = standardMounts();
    // Before the /tmp tmpfs, which would hide the rootfs's own /tmp/... path.
    mounts.append(mount("/escape/made-inside", "tmpfs", "tmpfs", {}));
    mounts.append(mount("/tmp", "tmpfs", "tmpfs", {"nosuid", "nodev", "mode=1777"}));
    mounts.append(mount("/mnt/ro", "bind", hostRo, {"rbind", "ro", "nosuid"}));
    mounts.append(mount("/mnt/rw", "none", hostRw, {"bind", "rprivate"}));
    const QJsonObject zero{{"path", "/dev/isolde-zero"}, {"type", "c"}, {"major", 1}, {"minor", 5},
                           {"fileMode", 0620},           {"uid", 7},    {"gid", 7}};
    const QJsonObject document{
        {"ociVersion", "1.0.2"},
        {"process", QJsonObject{{"args", QJsonArray{"sh"}}, {"cwd", "/"}}},
        {"root", QJsonObject{{"path", "rootfs"}, {"readonly", true}}},
        {"mounts", mounts},
        {"linux",
         QJsonObject{{"maskedPaths", QJsonArray{"/proc/kcore", "/proc/timer_list", "/proc/acpi",
                                                "/secret", "/masked-dir", "/does-not-exist"}},
                     {"readonlyPaths", QJsonArray{"/proc/sys", "/data", "/not-there"}},
                     {"sysctl", QJsonObject{{"kernel.domainname", "isolde.test"}}},
                     {"devices", QJsonArray{zero}},
                     {"rootfsPropagation", "rprivate"}}}};

    QElapsedTimer timer;
    timer.start();
    auto plan = planRootfs(makeSpec(document), m_bundle);
    const qint64 planUs = timer.nsecsElapsed() / 1000;
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    timer.restart();
    const ChildResult result = runInContainer(**plan, probeFull);
    qInfo("planRootfs %lld us; setupRootfs %s us; fork+unshare+setup+probe %lld us", planUs,
          qPrintable(result.facts.value("setupUs")), timer.nsecsElapsed() / 1000);
    QVERIFY(result.started);
    QVERIFY2(result.setupOk, describe(result.failure).constData());
    const QMap<QString, QString> &f = result.facts;
    QCOMPARE(f["pid"], "1");
    QCOMPARE(f["cwd"], "/");
    QCOMPARE(f["marker"], "yes");         // pivot_root into the bundle's rootfs
    QCOMPARE(f["hostPathVisible"], "no"); // and the host's tree is gone
    QCOMPARE(f["procfs"], "yes");
    QCOMPARE(f["proc1"], "yes");
    QCOMPARE(f["timerListBytes"], "0"); // masked file: /dev/null
    QCOMPARE(f["acpiTmpfs"], "yes");    // masked directory: empty tmpfs
    QCOMPARE(f["secretBytes"], "0");
    QCOMPARE(f["maskedDirInner"], "no"); // masked dir: empty read-only tmpfs
    QCOMPARE(f["maskedDirWrite"], "EROFS");
    QCOMPARE(f["readonlyDataWrite"], "EROFS");
    QCOMPARE(f["procSysWrite"], "EROFS");
    QCOMPARE(f["domainname"], "isolde.test"); // linux.sysctl, written before /proc/sys went ro
    QCOMPARE(f["rootWrite"], "EROFS");        // root.readonly
    QCOMPARE(f["tmpWrite"], "ok");            // a tmpfs mount keeps its own flags
    QCOMPARE(f["tmpfs"], "yes");
    QCOMPARE(f["devNull"], "yes");
    QCOMPARE(f["devNullWrite"], "ok");
    QCOMPARE(f["devUrandom"], "yes");
    QCOMPARE(f["devMknod"], "yes");
    QCOMPARE(f["ptmx"], "pts/ptmx");
    QCOMPARE(f["devFd"], "/proc/self/fd");
    QCOMPARE(f["devStderr"], "/proc/self/fd/2");
    QCOMPARE(f["devpts"], "yes");
    QCOMPARE(f["mqueue"], "yes");
    QCOMPARE(f["sysfs"], "yes");
    QCOMPARE(f["sysWrite"], "EROFS");
    QCOMPARE(f["cgroupTree"], "yes");
    QCOMPARE(f["cgroupWrite"], "EROFS");
    QCOMPARE(f["bindReadonlyWrite"], "EROFS");
    QCOMPARE(f["bindWritableWrite"], "ok");

    QVERIFY(QFileInfo::exists(hostRw + "/from-container"));
    QVERIFY(QDir(hostRo).isEmpty());
    QVERIFY(QDir(hostSide).isEmpty()); // the symlinked destination stayed in the rootfs
    QVERIFY(QFileInfo(m_rootfs + hostSide + "/made-inside").isDir());
}

void TestRootfs::rootPathErrors_data()
{
    QTest::addColumn<QString>("rootPath");
    QTest::newRow("missing") << QStringLiteral("nothere");
    QTest::newRow("file") << QStringLiteral("afile");
    QTest::newRow("empty") << QString();
    QTest::newRow("host root") << QStringLiteral("/");
}

void TestRootfs::rootPathErrors()
{
    QFETCH(QString, rootPath);
    QVERIFY(writeFile(m_bundle + "/afile", "x"));
    const QJsonObject document{{"root", QJsonObject{{"path", rootPath}}}};
    auto plan = planRootfs(makeSpec(document), m_bundle);
    QVERIFY(!plan);
    QCOMPARE(plan.error().field, "root.path");
}

void TestRootfs::planErrors_data()
{
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<QString>("field");
    const QJsonObject root{{"path", "rootfs"}};
    QTest::newRow("sysctl slash")
        << QJsonObject{{"root", root},
                       {"linux", QJsonObject{{"sysctl", QJsonObject{{"kernel/../x", "1"}}}}}}
        << "linux.sysctl.kernel/../x";
    QTest::newRow("sysctl dots")
        << QJsonObject{{"root", root},
                       {"linux", QJsonObject{{"sysctl", QJsonObject{{"net..x", "1"}}}}}}
        << "linux.sysctl.net..x";
    QTest::newRow("unknown fs") << QJsonObject{{"root", root},
                                               {"mounts",
                                                QJsonArray{mount("/proc", "proc", "proc", {}),
                                                           mount("/x", "nosuchfs", "x", {})}}}
                                << "mounts[1].type";
    QTest::newRow("bind without source")
        << QJsonObject{{"root", root}, {"mounts", QJsonArray{mount("/x", "bind", "", {"bind"})}}}
        << "mounts[0].source";
    QTest::newRow("bind missing source")
        << QJsonObject{{"root", root},
                       {"mounts", QJsonArray{mount("/x", "bind", "/nonexistent/x", {"rbind"})}}}
        << "mounts[0].source";
    QTest::newRow("bind with fs option")
        << QJsonObject{{"root", root},
                       {"mounts", QJsonArray{mount("/x", "bind", "/tmp", {"rbind", "size=1k"})}}}
        << "mounts[0].options[1]";
    QTest::newRow("empty destination")
        << QJsonObject{{"root", root}, {"mounts", QJsonArray{mount("", "tmpfs", "tmpfs", {})}}}
        << "mounts[0].destination";
    QTest::newRow("propagation") << QJsonObject{{"root", root},
                                                {"linux",
                                                 QJsonObject{{"rootfsPropagation", "sideways"}}}}
                                 << "linux.rootfsPropagation";
    QTest::newRow("device type")
        << QJsonObject{{"root", root},
                       {"linux", QJsonObject{{"devices", QJsonArray{QJsonObject{{"path", "/dev/x"},
                                                                                {"type", "q"}}}}}}}
        << "linux.devices[0].type";
}

void TestRootfs::planErrors()
{
    QFETCH(QJsonObject, document);
    QFETCH(QString, field);
    auto plan = planRootfs(makeSpec(document), m_bundle);
    QVERIFY(!plan);
    QCOMPARE(plan.error().field, field);
}

// A destination through a symlink to a host path that the rootfs does not have: an error
// naming the mount, and nothing made on the host.
void TestRootfs::destinationThroughDanglingSymlink()
{
    const QString hostDir = m_dir->filePath("host-only");
    QVERIFY(QDir().mkpath(hostDir));
    QVERIFY(QFile::link(hostDir + "/sub", m_rootfs + "/evil"));
    const QJsonObject document{{"root", QJsonObject{{"path", "rootfs"}}},
                               {"mounts", QJsonArray{mount("/evil/x", "tmpfs", "tmpfs", {})}}};
    auto plan = planRootfs(makeSpec(document), m_bundle);
    QVERIFY(plan);
    const ChildResult result = runInContainer(**plan, nullptr);
    QVERIFY(result.started);
    QVERIFY(!result.setupOk);
    QCOMPARE(QString::fromLatin1(result.failure.field), "mounts[0].destination");
    QCOMPARE(result.failure.errnum, ENOENT);
    QVERIFY(QDir(hostDir).isEmpty());
}

// /proc/self/cwd is a magic link: a destination reaching through it would escape any root, so
// resolution refuses it and the error names the mount.
void TestRootfs::destinationThroughMagicLink()
{
    QVERIFY(QDir(m_rootfs).mkpath("proc"));
    QVERIFY(QFile::link("/proc/self/cwd", m_rootfs + "/evil"));
    const QJsonObject document{{"root", QJsonObject{{"path", "rootfs"}}},
                               {"mounts", QJsonArray{mount("/proc", "proc", "proc", {}),
                                                     mount("/evil/x", "tmpfs", "tmpfs", {})}}};
    auto plan = planRootfs(makeSpec(document), m_bundle);
    QVERIFY(plan);
    const ChildResult result = runInContainer(**plan, nullptr);
    QVERIFY(result.started);
    QVERIFY(!result.setupOk);
    QCOMPARE(QString::fromLatin1(result.failure.field), "mounts[1].destination");
    QCOMPARE(result.failure.errnum, ELOOP);
}

// Two containers of one image: each writes to its own upper dir, the shared layer is never
// written, and neither sees the other's files.
void TestRootfs::overlayWritesLandInUpper()
{
    ImageStore store;
    auto image = ensureDefaultImage(store);
    QVERIFY2(image, qPrintable(image ? QString() : image.error().toString()));
    const QString layer = store.layerDir(image->layers.first());
    QFile passwd(layer + "/etc/passwd");
    QVERIFY(passwd.open(QIODevice::ReadOnly));
    const QByteArray layerPasswd = passwd.readAll();

    const QJsonObject document{{"process", QJsonObject{{"args", QJsonArray{"sh"}}}},
                               {"root", QJsonObject{{"path", "anything"}}},
                               {"mounts", standardMounts()}};
    QStringList bundles;
    for (const char *name : {"a", "b"}) {
        const QString bundle = m_dir->filePath(QLatin1String(name));
        QVERIFY(store.makeBundle(*image, bundle, makeSpec(document)));
        auto spec = spec::OciSpec::load(bundle + "/config.json");
        QVERIFY(spec);
        QCOMPARE(spec->annotation(QLatin1String(AnnotationRootfsLayers)), layer);
        auto plan = planRootfs(*spec, bundle);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
        qstrncpy(g_hostPath, name[0] == 'a' ? "/etc/written-by-a" : "/etc/written-by-b",
                 sizeof g_hostPath);
        const ChildResult result = runInContainer(**plan, probeOverlay);
        QVERIFY(result.started);
        QVERIFY2(result.setupOk, describe(result.failure).constData());
        QCOMPARE(result.facts["busybox"], "yes");
        QCOMPARE(result.facts["otherContainersFile"], "no");
        QCOMPARE(result.facts["write"], "ok");
        QCOMPARE(result.facts["passwdAppend"], "yes");
        bundles.append(bundle);
    }
    QVERIFY(QFileInfo::exists(bundles[0] + "/upper/etc/written-by-a"));
    QVERIFY(QFileInfo::exists(bundles[1] + "/upper/etc/written-by-b"));
    QVERIFY(!QFileInfo::exists(bundles[1] + "/upper/etc/written-by-a"));
    QVERIFY(!QFileInfo::exists(layer + "/etc/written-by-a"));
    QVERIFY(!QFileInfo::exists(layer + "/etc/written-by-b"));
    QFile upperPasswd(bundles[0] + "/upper/etc/passwd");
    QVERIFY(upperPasswd.open(QIODevice::ReadOnly));
    QVERIFY(upperPasswd.readAll().endsWith("extra:x:5:5::/:/bin/sh\n"));
    passwd.seek(0);
    QCOMPARE(passwd.readAll(), layerPasswd);
    // The bundle's rootfs/ is only a mount point: nothing was written into it.
    QVERIFY(QDir(bundles[0] + "/rootfs").isEmpty());
}

void TestRootfs::overlayLayersOutsideStoreRefused()
{
    QVERIFY(QDir(m_dir->path()).mkpath("fake-layer"));
    QJsonObject document{{"root", QJsonObject{{"path", "rootfs"}}},
                         {"annotations", QJsonObject{{QLatin1String(AnnotationRootfsLayers),
                                                      m_dir->filePath("fake-layer")}}}};
    auto plan = planRootfs(makeSpec(document), m_bundle);
    QVERIFY(!plan);
    QCOMPARE(plan.error().field,
             QStringLiteral("annotations[\"%1\"]").arg(QLatin1String(AnnotationRootfsLayers)));
    document["annotations"] =
        QJsonObject{{QLatin1String(AnnotationRootfsLayers), QStringLiteral("/etc")}};
    QVERIFY(!planRootfs(makeSpec(document), m_bundle));
}

void probeUserNamespace(int fd)
{
    report(fd, "busybox", yesNo(::access("/bin/busybox", X_OK) == 0));
    report(fd, "tmpWrite", createResult("/tmp/from-userns"));
    report(fd, "rootWrite", createResult("/at-root"));
    char number[32];
    std::snprintf(number, sizeof number, "%ld", bytesReadable("/proc/timer_list"));
    report(fd, "timerListBytes", number);
    report(fd, "acpiTmpfs", yesNo(fsType("/proc/acpi", TMPFS_MAGIC)));
    // A sysctl container root may write (its network namespace's), but for the ro bind.
    report(fd, "procSysWrite", createResult("/proc/sys/net/ipv4/ip_forward"));
    report(fd, "cgroupTree",
           yesNo(fsType("/sys/fs/cgroup/memory", CGROUP_SUPER_MAGIC) ||
                 fsType("/sys/fs/cgroup", CGROUP2_SUPER_MAGIC)));
    report(fd, "devNullWrite", createResult("/dev/null"));
}

// Container root is host uid 100000: the overlay is mounted inside its user namespace
// (userxattr), its upper dir belongs to 100000, and the layer stays untouched.
void TestRootfs::overlayInUserNamespace()
{
    ImageStore store;
    auto image = ensureDefaultImage(store);
    QVERIFY(image);
    // A QTemporaryDir is 0700: the mapped root must be able to reach the bundle.
    QVERIFY(::chmod(QFile::encodeName(m_dir->path()).constData(), 0755) == 0);
    const QJsonObject map{{"containerID", 0}, {"hostID", int(mappedRoot)}, {"size", 65536}};
    const QJsonObject document{
        {"root", QJsonObject{{"path", "rootfs"}}},
        {"mounts", standardMounts()},
        {"linux", QJsonObject{{"namespaces", QJsonArray{QJsonObject{{"type", "user"}},
                                                        QJsonObject{{"type", "mount"}}}},
                              {"maskedPaths", QJsonArray{"/proc/timer_list", "/proc/acpi"}},
                              {"readonlyPaths", QJsonArray{"/proc/sys"}},
                              {"uidMappings", QJsonArray{map}},
                              {"gidMappings", QJsonArray{map}}}}};
    const QString bundle = m_dir->filePath("userns");
    QVERIFY(store.makeBundle(*image, bundle, makeSpec(document)));
    auto spec = spec::OciSpec::load(bundle + "/config.json");
    QVERIFY(spec);
    auto plan = planRootfs(*spec, bundle);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(QFileInfo(bundle + "/upper").ownerId(), mappedRoot);
    QCOMPARE(QFileInfo(bundle + "/upper").groupId(), mappedRoot);

    const ChildResult result = runInContainer(**plan, probeUserNamespace, true);
    QVERIFY(result.started);
    QVERIFY2(result.setupOk, describe(result.failure).constData());
    QCOMPARE(result.facts["busybox"], "yes");
    QCOMPARE(result.facts["tmpWrite"], "ok");
    QCOMPARE(result.facts["rootWrite"], "ok");
    QCOMPARE(result.facts["timerListBytes"], "0");
    QCOMPARE(result.facts["acpiTmpfs"], "yes");
    QCOMPARE(result.facts["procSysWrite"], "EROFS");
    QCOMPARE(result.facts["cgroupTree"], "yes");
    QCOMPARE(result.facts["devNullWrite"], "ok");
    const QFileInfo written(bundle + "/upper/tmp/from-userns");
    QVERIFY(written.exists());
    QCOMPARE(written.ownerId(), mappedRoot);
    QVERIFY(!QFileInfo::exists(store.layerDir(image->layers.first()) + "/tmp/from-userns"));
}

// A /dev mounted nodev would make nodes from mknod unusable: the host's are bound there.
void TestRootfs::defaultDevicesOnNodevDev()
{
    QVERIFY(QDir(m_rootfs).mkpath("dev"));
    const QJsonObject document{
        {"root", QJsonObject{{"path", "rootfs"}}},
        {"mounts", QJsonArray{mount("/dev", "tmpfs", "tmpfs", {"nosuid", "nodev", "mode=755"})}}};
    auto plan = planRootfs(makeSpec(document), m_bundle);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    const ChildResult result = runInContainer(**plan, probeDevices);
    QVERIFY(result.started);
    QVERIFY2(result.setupOk, describe(result.failure).constData());
    QCOMPARE(result.facts["devNull"], "yes");
    QCOMPARE(result.facts["devNullWrite"], "ok");
    QCOMPARE(result.facts["devUrandom"], "yes");

    // A device of the spec that the host has no node for cannot be bound either: the error
    // names the device and the nodev mount.
    QJsonObject withDevice = document;
    const QJsonObject zero{{"path", "/dev/isolde-zero"}, {"type", "c"}, {"major", 1}, {"minor", 5}};
    withDevice["linux"] = QJsonObject{{"devices", QJsonArray{zero}}};
    auto refused = planRootfs(makeSpec(withDevice), m_bundle);
    QVERIFY2(refused, qPrintable(refused ? QString() : refused.error().toString()));
    const ChildResult failed = runInContainer(**refused, probeDevices);
    QVERIFY(failed.started);
    QVERIFY(!failed.setupOk);
    QCOMPARE(QString::fromLatin1(failed.failure.field), "linux.devices[0].path");
    QCOMPARE(QString::fromLatin1(failed.failure.step), "mknod on a nodev mount");
    QCOMPARE(failed.failure.errnum, EACCES);
}

QTEST_GUILESS_MAIN(TestRootfs)
#include "tst_rootfs.moc"
