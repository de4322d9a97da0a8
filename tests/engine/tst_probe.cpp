// isolde-probe against the real kernel: run on the host it reports the host's view; run in a
// child with new namespaces, dropped capabilities, no_new_privs and a seccomp filter from
// compileSeccomp, it reports exactly those.
#include "Capabilities.h"
#include "Seccomp.h"
#include "spec/CapabilityCatalog.h"
#include "spec/SpecDefaults.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <fcntl.h>
#include <functional>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace isolde;
using namespace isolde::engine;

namespace {

QString probePath()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/isolde-probe");
}

QJsonObject parse(const QByteArray &output)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(output, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qWarning("not a JSON object (%s): %s", qPrintable(error.errorString()), output.constData());
    return document.object();
}

// Forks; the child runs `setup` (async-signal-safe only; false aborts), then execs the probe
// with stdout on a pipe, while the parent runs `parentSide` with the child's pid. Returns what
// the probe printed; `exitStatus` gets the wait status.
QByteArray runProbe(const std::function<bool()> &setup, int &exitStatus,
                    const std::function<void(pid_t)> &parentSide = {})
{
    const QByteArray path = QFile::encodeName(probePath());
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0)
        return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        if (!setup())
            _exit(120);
        char *const argv[] = {const_cast<char *>(path.constData()), nullptr};
        execv(argv[0], argv);
        _exit(121);
    }
    close(out[1]);
    if (parentSide)
        parentSide(pid);
    QByteArray output;
    char buffer[65536];
    for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        output.append(buffer, n);
    }
    close(out[0]);
    waitpid(pid, &exitStatus, 0);
    return output;
}

quint64 ownNamespace(const char *name)
{
    struct stat st = {};
    stat(QByteArray("/proc/self/ns/").append(name).constData(), &st);
    return st.st_ino;
}

QString ownStatusField(const QString &name)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(name.toLatin1() + ':'))
            return QString::fromLatin1(line.mid(name.size() + 1).trimmed());
    }
    return {};
}

QStringList strings(const QJsonValue &value)
{
    QStringList result;
    for (const QJsonValue &item : value.toArray())
        result << item.toString();
    return result;
}

QList<int> fdNumbers(const QJsonValue &fds)
{
    QList<int> numbers;
    for (const QJsonValue &fd : fds.toArray())
        numbers << fd.toObject().value(QLatin1String("fd")).toInt();
    return numbers;
}

// The calls the default profile, without CAP_SYS_ADMIN and friends, refuses.
const QStringList RefusedByDefault = {"reboot",  "mount",      "umount2",      "pivot_root",
                                      "ptrace",  "kexec_load", "keyctl",       "add_key",
                                      "unshare", "setns",      "bpf",          "swapon",
                                      "swapoff", "acct",       "settimeofday", "open_by_handle_at",
                                      "fsopen",  "move_mount", "init_module"};

} // namespace

class TestProbe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(probePath()), qPrintable(probePath()));
        if (geteuid() != 0)
            QSKIP("needs root: compares with privileged calls and creates namespaces");
    }

    void isStatic()
    {
        QFile binary(probePath());
        QVERIFY(binary.open(QIODevice::ReadOnly));
        // A dynamic executable names its interpreter (PT_INTERP) in the file.
        QVERIFY(!binary.readAll().contains("/lib64/ld-linux"));
    }

    void hostViewHasEveryDocumentedField()
    {
        QProcess probe;
        probe.start(probePath(), {});
        QVERIFY(probe.waitForStarted(30000));
        const qint64 pid = probe.processId();
        QVERIFY(probe.waitForFinished(30000));
        QCOMPARE(probe.exitCode(), 0);
        const QJsonObject view = parse(probe.readAllStandardOutput());

        // Every field README.md documents, in its type.
        const QStringList numbers = {"probeVersion", "pid",  "ppid", "uid",
                                     "gid",          "euid", "egid", "oomScoreAdj"};
        for (const QString &key : numbers)
            QVERIFY2(view.value(key).isDouble(), qPrintable(key));
        for (const QString key : {"hostname", "domainname", "umask", "cwd"})
            QVERIFY2(view.value(key).isString(), qPrintable(key));
        for (const QString key : {"groups", "uidMap", "gidMap", "fds"})
            QVERIFY2(view.value(key).isArray(), qPrintable(key));
        for (const QString key :
             {"namespaces", "capabilities", "seccomp", "syscalls", "rootfs", "maskedPaths",
              "readonlyPaths", "cgroup", "network", "rlimitNofile"})
            QVERIFY2(view.value(key).isObject(), qPrintable(key));
        QVERIFY(view.value("noNewPrivs").isBool());

        QCOMPARE(view.value("probeVersion").toInt(), 1);
        QCOMPARE(view.value("pid").toInteger(), pid);
        QCOMPARE(view.value("ppid").toInteger(), qint64(getpid()));
        QCOMPARE(view.value("uid").toInt(), 0);
        QCOMPARE(view.value("euid").toInt(), 0);
        char hostname[256] = {};
        gethostname(hostname, sizeof hostname - 1);
        QCOMPARE(view.value("hostname").toString(), QString::fromLocal8Bit(hostname));
        const QJsonObject map = view.value("uidMap").toArray().first().toObject();
        QCOMPARE(map.value("inside").toInteger(), 0);
        QCOMPARE(map.value("count").toInteger(), qint64(4294967295));

        const QJsonObject namespaces = view.value("namespaces").toObject();
        for (const char *name : {"cgroup", "ipc", "mnt", "net", "pid", "user", "uts"})
            QCOMPARE(quint64(namespaces.value(QLatin1String(name)).toInteger()),
                     ownNamespace(name));

        const QJsonObject caps = view.value("capabilities").toObject();
        for (const QString set : {"inheritable", "permitted", "effective", "bounding", "ambient"}) {
            const QJsonObject entry = caps.value(set).toObject();
            QCOMPARE(entry.value("hex").toString().size(), 16);
            QCOMPARE(strings(entry.value("names")),
                     capabilityNames(entry.value("hex").toString().toULongLong(nullptr, 16)));
        }
        QCOMPARE(caps.value("bounding").toObject().value("hex").toString(),
                 ownStatusField("CapBnd"));
        QCOMPARE(view.value("seccomp").toObject().value("mode").toInt(),
                 ownStatusField("Seccomp").toInt());

        // Root on the host: the calls pass the (absent) filter and the capability checks.
        const QJsonObject syscalls = view.value("syscalls").toObject();
        QCOMPARE(syscalls.value("reboot").toString(), QStringLiteral("EINVAL"));
        QCOMPARE(syscalls.value("mount").toString(), QStringLiteral("EINVAL"));
        QCOMPARE(syscalls.value("unshare").toString(), QStringLiteral("OK"));
        QCOMPARE(syscalls.value("keyctl").toString(), QStringLiteral("ENOKEY"));
        QCOMPARE(syscalls.value("ptrace").toString(), QStringLiteral("ESRCH"));
        for (const QString &name : syscalls.keys())
            QVERIFY2(syscalls.value(name).toString() != QLatin1String("EPERM"), qPrintable(name));

        QCOMPARE(view.value("rootfs").toObject().value("readOnly").toBool(), false);
        QCOMPARE(view.value("rootfs").toObject().value("createFile").toString(),
                 QStringLiteral("OK"));
        QVERIFY(strings(view.value("network").toObject().value("interfaces"))
                    .contains(QStringLiteral("lo")));
        const QList<int> fds = fdNumbers(view.value("fds"));
        QVERIFY(fds.contains(0) && fds.contains(1) && fds.contains(2));
        QCOMPARE(view.value("umask").toString().size(), 4);
        QVERIFY(view.value("cgroup").toObject().value("memberships").toArray().size() > 0);
        QVERIFY(view.value("maskedPaths").toObject().contains("/proc/kcore"));
        QVERIFY(view.value("readonlyPaths").toObject().contains("/proc/sys"));
        QVERIFY(!view.value("readonlyPaths")
                     .toObject()
                     .value("/proc/sys")
                     .toObject()
                     .value("readOnly")
                     .toBool());
    }

    // A container in miniature: new namespaces, masked and read-only paths, the default
    // capabilities, no_new_privs and the default seccomp profile. The probe must see each.
    void confinedViewShowsEachMechanism()
    {
        const spec::OciSpec defaults = spec::defaultSpec();
        const auto seccomp = compileSeccomp(defaults.linux().seccomp);
        QVERIFY2(seccomp.ok(), qPrintable(seccomp.ok() ? QString() : seccomp.error().toString()));
        const auto caps = planCapabilities(defaults.process().capabilities);
        QVERIFY(caps.ok());
        const IdentityPlan identity = planIdentity(spec::User{}, true);

        int status = 0;
        const QByteArray output = runProbe(
            [&] {
                if (unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
                            CLONE_NEWPID | CLONE_NEWCGROUP) != 0)
                    return false;
                // The new PID namespace takes the next child as its PID 1.
                const pid_t init = fork();
                if (init != 0) {
                    int initStatus = 0;
                    waitpid(init, &initStatus, 0);
                    _exit(WIFEXITED(initStatus) ? WEXITSTATUS(initStatus) : 122);
                }
                ChildFailure failure;
                return mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
                       mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) ==
                           0 &&
                       mount("/dev/null", "/proc/keys", nullptr, MS_BIND, nullptr) == 0 &&
                       mount("tmpfs", "/sys/firmware", "tmpfs", MS_RDONLY, nullptr) == 0 &&
                       mount("/proc/sys", "/proc/sys", nullptr, MS_BIND | MS_REC, nullptr) == 0 &&
                       mount(nullptr, "/proc/sys", nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY,
                             nullptr) == 0 &&
                       sethostname("isolde-probe-test", 17) == 0 && close_range(3, ~0U, 0) == 0 &&
                       applyIdentityAndCapabilities(identity, *caps, failure) &&
                       setNoNewPrivileges(failure) && loadSeccomp(*seccomp, failure);
            },
            status);
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                 qPrintable(QString::number(status)));
        const QJsonObject view = parse(output);

        QCOMPARE(view.value("pid").toInt(), 1);
        QCOMPARE(view.value("ppid").toInt(), 0);
        QCOMPARE(view.value("hostname").toString(), QStringLiteral("isolde-probe-test"));

        const QJsonObject namespaces = view.value("namespaces").toObject();
        for (const char *name : {"cgroup", "ipc", "mnt", "net", "pid", "uts"})
            QVERIFY2(quint64(namespaces.value(QLatin1String(name)).toInteger()) !=
                         ownNamespace(name),
                     name);
        QCOMPARE(quint64(namespaces.value("user").toInteger()), ownNamespace("user"));

        const QJsonObject capsView = view.value("capabilities").toObject();
        const QStringList docker = spec::dockerDefaultCapabilities();
        for (const QString set : {"permitted", "effective", "bounding"})
            QCOMPARE(strings(capsView.value(set).toObject().value("names")), docker);
        QVERIFY(strings(capsView.value("ambient").toObject().value("names")).isEmpty());

        QCOMPARE(view.value("noNewPrivs").toBool(), true);
        const QJsonObject seccompView = view.value("seccomp").toObject();
        QCOMPARE(seccompView.value("modeName").toString(), QStringLiteral("filter"));
        QCOMPARE(seccompView.value("filters").toInt(), 1);

        const QJsonObject syscalls = view.value("syscalls").toObject();
        for (const QString &name : RefusedByDefault)
            QVERIFY2(syscalls.value(name).toString() == QLatin1String("EPERM"),
                     qPrintable(name + QStringLiteral(": ") + syscalls.value(name).toString()));

        const QJsonObject masked = view.value("maskedPaths").toObject();
        for (const QString path : {"/proc/keys", "/sys/firmware"}) {
            const QJsonObject entry = masked.value(path).toObject();
            QVERIFY2(entry.value("exists").toBool() && !entry.value("readable").toBool(),
                     qPrintable(path));
        }
        QVERIFY(view.value("readonlyPaths")
                    .toObject()
                    .value("/proc/sys")
                    .toObject()
                    .value("readOnly")
                    .toBool());

        QCOMPARE(strings(view.value("network").toObject().value("interfaces")), QStringList{"lo"});
        QCOMPARE(fdNumbers(view.value("fds")), QList<int>({0, 1, 2}));
        for (const QJsonValue &membership :
             view.value("cgroup").toObject().value("memberships").toArray())
            QCOMPARE(membership.toObject().value("path").toString(), QStringLiteral("/"));
    }

    void unprivilegedUserSeesNoCapabilities()
    {
        spec::User user;
        user.uid = 1000;
        user.gid = 1000;
        const IdentityPlan identity = planIdentity(user, true);
        const auto caps = planCapabilities(spec::defaultSpec().process().capabilities);
        QVERIFY(caps.ok());

        int status = 0;
        const QByteArray output = runProbe(
            [&] {
                ChildFailure failure;
                return applyIdentityAndCapabilities(identity, *caps, failure);
            },
            status);
        QCOMPARE(status, 0);
        const QJsonObject view = parse(output);
        QCOMPARE(view.value("uid").toInt(), 1000);
        QCOMPARE(view.value("egid").toInt(), 1000);
        QVERIFY(view.value("groups").toArray().isEmpty());
        // Exec as a non-root user without file capabilities keeps only the ambient set.
        const QJsonObject capsView = view.value("capabilities").toObject();
        QVERIFY(strings(capsView.value("effective").toObject().value("names")).isEmpty());
        QVERIFY(strings(capsView.value("permitted").toObject().value("names")).isEmpty());
        QCOMPARE(strings(capsView.value("bounding").toObject().value("names")),
                 spec::dockerDefaultCapabilities());
        QCOMPARE(view.value("rootfs").toObject().value("createFile").toString(),
                 QStringLiteral("EACCES"));
        // Refused for want of a capability, with no filter at all.
        QCOMPARE(view.value("syscalls").toObject().value("reboot").toString(),
                 QStringLiteral("EPERM"));
        QCOMPARE(view.value("seccomp").toObject().value("mode").toInt(), 0);
    }

    // Root in a user namespace whose ids map to unprivileged host ids: the capabilities
    // apply inside it only, and the maps are what the parent wrote.
    void userNamespaceRootIsUnprivilegedOutside()
    {
        const auto caps = planCapabilities(spec::defaultSpec().process().capabilities);
        QVERIFY(caps.ok());
        const IdentityPlan identity = planIdentity(spec::User{}, false);
        int ready[2], go[2];
        QVERIFY(pipe2(ready, O_CLOEXEC) == 0 && pipe2(go, O_CLOEXEC) == 0);

        int status = 0;
        const QByteArray output = runProbe(
            [&] {
                char byte = 0;
                ChildFailure failure;
                return unshare(CLONE_NEWUSER) == 0 && write(ready[1], "u", 1) == 1 &&
                       read(go[0], &byte, 1) == 1 && byte == 'm' &&
                       applyIdentityAndCapabilities(identity, *caps, failure);
            },
            status,
            [&](pid_t pid) {
                ::close(ready[1]);
                ::close(go[0]);
                char byte = 0;
                const QString proc = QStringLiteral("/proc/%1/").arg(pid);
                const auto write = [&](const char *file, const QByteArray &text) {
                    QFile out(proc + QLatin1String(file));
                    return out.open(QIODevice::WriteOnly) && out.write(text) == text.size();
                };
                const bool mapped =
                    ::read(ready[0], &byte, 1) == 1 && write("uid_map", "0 100000 65536\n") &&
                    write("setgroups", "deny") && write("gid_map", "0 100000 65536\n");
                ::write(go[1], mapped ? "m" : "x", 1);
                ::close(ready[0]);
                ::close(go[1]);
            });
        QCOMPARE(status, 0);
        const QJsonObject view = parse(output);

        QCOMPARE(view.value("uid").toInt(), 0);
        QCOMPARE(view.value("gid").toInt(), 0);
        for (const QString map : {"uidMap", "gidMap"}) {
            const QJsonArray lines = view.value(map).toArray();
            QCOMPARE(lines.size(), 1);
            QCOMPARE(lines[0].toObject().value("inside").toInt(), 0);
            QCOMPARE(lines[0].toObject().value("outside").toInt(), 100000);
            QCOMPARE(lines[0].toObject().value("count").toInt(), 65536);
        }
        QVERIFY(quint64(view.value("namespaces").toObject().value("user").toInteger()) !=
                ownNamespace("user"));
        const QJsonObject capsView = view.value("capabilities").toObject();
        QCOMPARE(strings(capsView.value("effective").toObject().value("names")),
                 spec::dockerDefaultCapabilities());
        // CAP_SYS_BOOT over the host's PID namespace and write access to the host's / belong
        // to the host's root, not to this one.
        const QJsonObject syscalls = view.value("syscalls").toObject();
        QCOMPARE(syscalls.value("reboot").toString(), QStringLiteral("EPERM"));
        QCOMPARE(syscalls.value("sethostname").toString(), QStringLiteral("EPERM"));
        QCOMPARE(view.value("rootfs").toObject().value("createFile").toString(),
                 QStringLiteral("EACCES"));
    }

    void killingFilterEndsOnlyThatCall()
    {
        spec::Seccomp profile;
        profile.defaultAction = QStringLiteral("SCMP_ACT_ALLOW");
        profile.syscalls = {spec::SeccompSyscall{{"acct"}, "SCMP_ACT_KILL_PROCESS", {}, {}},
                            spec::SeccompSyscall{{"reboot"}, "SCMP_ACT_ERRNO", ENOTBLK, {}},
                            spec::SeccompSyscall{{"syslog"}, "SCMP_ACT_TRAP", {}, {}}};
        const auto seccomp = compileSeccomp(profile);
        QVERIFY(seccomp.ok());
        int status = 0;
        const QByteArray output = runProbe(
            [&] {
                ChildFailure failure;
                return setNoNewPrivileges(failure) && loadSeccomp(*seccomp, failure);
            },
            status);
        QCOMPARE(status, 0);
        const QJsonObject syscalls = parse(output).value("syscalls").toObject();
        QCOMPARE(syscalls.value("acct").toString(), QStringLiteral("SIGSYS"));
        QCOMPARE(syscalls.value("syslog").toString(), QStringLiteral("SIGSYS"));
        QCOMPARE(syscalls.value("reboot").toString(), QStringLiteral("ENOTBLK"));
        QCOMPARE(syscalls.value("mount").toString(), QStringLiteral("EINVAL"));
    }

    void pathListsFromTheCommandLine()
    {
        QProcess probe;
        probe.start(probePath(), {"--masked", "/proc/self/status", "--readonly", "/"});
        QVERIFY(probe.waitForFinished(30000));
        QCOMPARE(probe.exitCode(), 0);
        const QJsonObject view = parse(probe.readAllStandardOutput());
        const QJsonObject masked = view.value("maskedPaths").toObject();
        QCOMPARE(masked.keys(), QStringList{"/proc/self/status"});
        QCOMPARE(masked.value("/proc/self/status").toObject().value("readable").toBool(), true);
        QCOMPARE(view.value("readonlyPaths").toObject().keys(), QStringList{"/"});

        QProcess bad;
        bad.start(probePath(), {"--frobnicate"});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestProbe)
#include "tst_probe.moc"
