// Isolde's defaults on the real kernel. The default seccomp profile: ordinary programs
// (busybox, glibc programs with threads and subprocesses, a package manager, a small TCP
// server) work under it, and the calls it restricts by argument or capability are refused
// exactly as intended. The whole default spec: runc, the reference runtime, runs it as Docker
// would run `docker run busybox sh`.
#include "Capabilities.h"
#include "Seccomp.h"
#include "spec/CapabilityCatalog.h"
#include "spec/SeccompProfile.h"
#include "spec/SpecDefaults.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <fcntl.h>
#include <functional>
#include <linux/sched.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace isolde;
using namespace isolde::engine;

namespace {

SeccompPlan planFor(const QStringList &capabilities)
{
    const auto seccomp = spec::SeccompProfile::builtinDefault().resolve(capabilities);
    auto plan = compileSeccomp(seccomp);
    if (!plan)
        qFatal("default profile does not compile: %s", qPrintable(plan.error().toString()));
    return std::move(*plan);
}

// Runs `program` with the filter loaded between fork and exec; stdout and stderr together.
struct Run
{
    int exitCode = -1;
    QByteArray output;
};

Run runConfined(const SeccompPlan &plan, const QString &program, const QStringList &arguments,
                const QString &workingDirectory, const QStringList &extraEnv = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(workingDirectory);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : extraEnv)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.setChildProcessModifier([&plan] {
        ChildFailure failure;
        if (!setNoNewPrivileges(failure) || !loadSeccomp(plan, failure))
            _exit(120);
    });
    process.start(program, arguments);
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.output = "timed out: " + process.readAll();
        return run;
    }
    run.output = process.readAll();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

// Forks; the child loads `plan` and exits with `checks()` (0: every check held, otherwise the
// number of the first that failed).
int checkConfined(const SeccompPlan &plan, const std::function<int()> &checks)
{
    const pid_t pid = fork();
    if (pid == 0) {
        ChildFailure failure;
        if (!setNoNewPrivileges(failure) || !loadSeccomp(plan, failure))
            _exit(120);
        _exit(checks());
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int errnoOf(long result)
{
    return result == -1 ? errno : 0;
}

// A raw clone with `flags` whose child exits at once; the errno, or 0 when it ran.
int cloneErrno(unsigned long flags)
{
    const long pid = syscall(SYS_clone, flags | SIGCHLD, nullptr, nullptr, nullptr, nullptr);
    if (pid == 0)
        _exit(0);
    if (pid < 0)
        return errno;
    waitpid(pid_t(pid), nullptr, 0);
    return 0;
}

constexpr unsigned long NamespaceFlags[] = {CLONE_NEWNS,    CLONE_NEWUTS, CLONE_NEWIPC,
                                            CLONE_NEWUSER,  CLONE_NEWPID, CLONE_NEWNET,
                                            CLONE_NEWCGROUP};

} // namespace

class TestDefaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("needs root: checks that the filter, not missing privilege, refuses calls");
        QVERIFY(m_dir.isValid());
    }

    void busyboxWorks()
    {
        // A busybox image: every applet on PATH is busybox itself (static, glibc).
        const QString bin = m_dir.filePath(QStringLiteral("busybox-bin"));
        QVERIFY(QDir().mkpath(bin));
        QVERIFY(QProcess::execute(QStringLiteral("/bin/busybox"),
                                  {QStringLiteral("--install"), QStringLiteral("-s"), bin}) == 0);
        const QString work = m_dir.filePath(QStringLiteral("busybox-work"));
        QVERIFY(QDir().mkpath(work));
        const char *script = R"(set -e
mkdir -p d/e
echo hello > d/f
cat d/f | tr a-z A-Z | grep -q HELLO
cp d/f d/g && mv d/g d/h && ln -s h d/link && readlink d/link
chmod 600 d/f && chown 1:1 d/f && touch -d '2020-01-01 00:00' d/h
tar czf t.tgz d && rm -r d && tar xzf t.tgz && test -f d/h
find . -name h | grep -q d/h
seq 1 1000 | sort -rn | head -1
seq 1 100 | awk '{ s += $1 } END { print "sum", s }'
sed -e s/hello/bye/ d/f
(sleep 0.1; echo background) & wait
date +%Y >/dev/null && id -u && uname -s && hostname >/dev/null
ps >/dev/null && df . >/dev/null && free >/dev/null
md5sum d/f | cut -c1-8
if unshare -m true 2>/dev/null; then echo "unshare was allowed"; exit 1; fi
echo done)";
        const Run run =
            runConfined(planFor(spec::dockerDefaultCapabilities()), bin + QStringLiteral("/sh"),
                        {QStringLiteral("-c"), QString::fromLatin1(script)}, work,
                        {QStringLiteral("PATH=") + bin});
        QVERIFY2(run.exitCode == 0, run.output.constData());
        for (const char *expected :
             {"1000", "sum 5050", "bye", "background", "0\n", "Linux", "done"})
            QVERIFY2(run.output.contains(expected), run.output.constData());
    }

    void glibcProgramsWork()
    {
        // Dynamically linked Debian programs; sort --parallel starts threads (glibc tries
        // clone3 first, gets ENOSYS and falls back to clone).
        const QString work = m_dir.filePath(QStringLiteral("glibc-work"));
        QVERIFY(QDir().mkpath(work));
        const char *script = R"(set -e
seq 1 200000 > numbers
sort --parallel=4 -S 1M -rn numbers | head -1
ls -la / >/dev/null
tar cf - numbers | gzip -1 | gzip -d | tar tf -
dpkg-query -W -f '${Package}\n' dpkg
apt-cache policy >/dev/null
perl -e 'print "perl ", 6 * 7, "\n"'
if dmesg --syslog >/dev/null 2>&1; then echo "syslog was allowed"; exit 1; fi
echo done)";
        const Run run =
            runConfined(planFor(spec::dockerDefaultCapabilities()), QStringLiteral("/bin/sh"),
                        {QStringLiteral("-c"), QString::fromLatin1(script)}, work);
        QVERIFY2(run.exitCode == 0, run.output.constData());
        for (const char *expected : {"200000", "numbers", "dpkg", "perl 42", "done"})
            QVERIFY2(run.output.contains(expected), run.output.constData());
    }

    void pythonServerWithThreadsAndSubprocessesWorks()
    {
        const QString python = QStringLiteral("/usr/bin/python3");
        if (!QFile::exists(python))
            QSKIP("no /usr/bin/python3 on this machine");
        const char *script = R"(
import multiprocessing, selectors, socket, subprocess, threading
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen()
port = server.getsockname()[1]
def client():
    with socket.create_connection(("127.0.0.1", port)) as c:
        c.sendall(b"ping")
        print(c.recv(4).decode())
thread = threading.Thread(target=client)
thread.start()
selector = selectors.DefaultSelector()
selector.register(server, selectors.EVENT_READ)
assert selector.select(10)
conn, _ = server.accept()
conn.sendall(b"pong" if conn.recv(4) == b"ping" else b"fail")
thread.join()
print(subprocess.run(["/bin/busybox", "echo", "child"], capture_output=True,
                     text=True).stdout.strip())
with multiprocessing.Pool(2) as pool:
    print("pool", sum(pool.map(abs, [-20, -22])))
print("done")
)";
        const Run run =
            runConfined(planFor(spec::dockerDefaultCapabilities()), python,
                        {QStringLiteral("-c"), QString::fromLatin1(script)}, m_dir.path());
        QVERIFY2(run.exitCode == 0, run.output.constData());
        for (const char *expected : {"pong", "child", "pool 42", "done"})
            QVERIFY2(run.output.contains(expected), run.output.constData());
    }

    void cloneMayNotCreateNamespaces()
    {
        const int result = checkConfined(planFor(spec::dockerDefaultCapabilities()), [] {
            if (cloneErrno(0) != 0) // plain fork through clone
                return 1;
            if (fork() == 0)
                _exit(0);
            wait(nullptr);
            int check = 10;
            for (const unsigned long flag : NamespaceFlags) {
                if (cloneErrno(flag) != EPERM)
                    return check;
                ++check;
            }
            if (errnoOf(syscall(SYS_unshare, CLONE_NEWNS)) != EPERM)
                return 2;
            clone_args args{};
            args.exit_signal = SIGCHLD;
            if (errnoOf(syscall(SYS_clone3, &args, sizeof args)) != ENOSYS)
                return 3;
            return 0;
        });
        QCOMPARE(result, 0);
    }

    void sysAdminAllowsNamespaces()
    {
        const QStringList caps = spec::dockerDefaultCapabilities()
                                 << QStringLiteral("CAP_SYS_ADMIN");
        const int result = checkConfined(planFor(caps), [] {
            if (cloneErrno(CLONE_NEWNS | CLONE_NEWUTS) != 0)
                return 1;
            if (errnoOf(syscall(SYS_unshare, CLONE_NEWNS)) != 0)
                return 2;
            // Now mount reaches the kernel, which refuses the missing directory itself.
            if (errnoOf(syscall(SYS_mount, "none", "/nonexistent-isolde", "tmpfs", 0, nullptr)) !=
                ENOENT)
                return 3;
            return 0;
        });
        QCOMPARE(result, 0);
    }

    void argumentAndCapabilityRestrictions()
    {
        const int result = checkConfined(planFor(spec::dockerDefaultCapabilities()), [] {
            if (personality(0xffffffff) == -1)
                return 1;
            if (errnoOf(personality(ADDR_NO_RANDOMIZE)) != EPERM)
                return 2;
            if (errnoOf(socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0)) != EPERM)
                return 3;
            const int inet = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (inet < 0)
                return 4;
            close(inet);
            if (errnoOf(syscall(SYS_ptrace, PTRACE_PEEKUSER, 1, nullptr, nullptr)) != EPERM)
                return 5;
            if (errnoOf(syscall(SYS_mount, "none", "/nonexistent-isolde", "tmpfs", 0, nullptr)) !=
                EPERM)
                return 6;
            if (errnoOf(syscall(SYS_setns, -1, 0)) != EPERM)
                return 7;
            if (errnoOf(syscall(SYS_syslog, 10 /* SYSLOG_ACTION_SIZE_BUFFER */, nullptr, 0)) !=
                EPERM)
                return 8;
            if (errnoOf(syscall(SYS_io_uring_setup, 1, nullptr)) != EPERM)
                return 9;
            if (errnoOf(syscall(SYS_chroot, "/")) != 0) // CAP_SYS_CHROOT is one of the 14
                return 10;
            return 0;
        });
        QCOMPARE(result, 0);
    }

    void defaultSpecRunsUnderRunc()
    {
        const QString runc = QStandardPaths::findExecutable(QStringLiteral("runc"));
        if (runc.isEmpty())
            QSKIP("runc is not installed (scripts/debian-packages.txt lists it)");
        const QString bundle = m_dir.filePath(QStringLiteral("bundle"));
        const QString rootfs = bundle + QStringLiteral("/rootfs");
        for (const char *dir : {"bin", "proc", "dev", "sys", "tmp", "mnt"})
            QVERIFY(QDir().mkpath(rootfs + QLatin1Char('/') + QLatin1String(dir)));
        QVERIFY(
            QFile::copy(QStringLiteral("/bin/busybox"), rootfs + QStringLiteral("/bin/busybox")));
        for (const char *applet : {"sh", "cat", "grep", "head", "wc", "hostname", "unshare",
                                   "mount", "mknod", "echo", "true"})
            QVERIFY(QFile::link(QStringLiteral("busybox"),
                                rootfs + QStringLiteral("/bin/") + QLatin1String(applet)));

        uint64_t bounding = 0;
        for (const QString &name : spec::dockerDefaultCapabilities())
            bounding |= uint64_t(1) << spec::findCapability(name)->number;
        const char *script = R"sh(hostname
grep -E '^(CapBnd|Seccomp):' /proc/self/status
echo "keys $(cat /proc/keys | wc -c)"
echo x > /proc/sys/kernel/domainname 2>/dev/null || echo procsys-readonly
echo 1 > /sys/kernel/profiling 2>/dev/null || echo sys-readonly
echo "urandom $(head -c 4 /dev/urandom | wc -c)"
echo data > /dev/null && echo devnull-writable
unshare -m true 2>/dev/null && echo unshare-allowed || echo unshare-refused
mount -t tmpfs none /mnt 2>/dev/null && echo mount-allowed || echo mount-refused
mknod /tmp/disk b 7 0 && cat /tmp/disk 2>&1 >/dev/null | grep -q 'not permitted' &&
  echo blockdevice-refused
echo done)sh";
        spec::OciSpec config = spec::defaultSpec();
        spec::Process process = config.process();
        process.args = {QStringLiteral("sh"), QStringLiteral("-c"), QString::fromLatin1(script)};
        config.setProcess(process);
        QVERIFY(config.save(bundle + QStringLiteral("/config.json")).ok());

        const QString state = m_dir.filePath(QStringLiteral("runc-state"));
        const QString id = QStringLiteral("isolde-defaults-%1").arg(getpid());
        const auto cleanup = qScopeGuard([&] {
            QProcess::execute(runc, {QStringLiteral("--root"), state, QStringLiteral("delete"),
                                     QStringLiteral("-f"), id});
        });
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(runc, {QStringLiteral("--root"), state, QStringLiteral("run"),
                         QStringLiteral("-b"), bundle, id});
        QVERIFY(run.waitForFinished(60000));
        const QByteArray output = run.readAll();
        QVERIFY2(run.exitCode() == 0, output.constData());
        const QByteArray capBnd =
            "CapBnd:\t" + QByteArray::number(qulonglong(bounding), 16).rightJustified(16, '0');
        QCOMPARE(QByteArray::number(qulonglong(bounding), 16), QByteArray("a80425fb"));
        for (const QByteArray &expected :
             {QByteArray("isolde\n"), capBnd, QByteArray("Seccomp:\t2"), QByteArray("keys 0"),
              QByteArray("procsys-readonly"), QByteArray("sys-readonly"), QByteArray("urandom 4"),
              QByteArray("devnull-writable"), QByteArray("unshare-refused"),
              QByteArray("mount-refused"), QByteArray("blockdevice-refused"), QByteArray("done")})
            QVERIFY2(output.contains(expected), (expected + " missing in:\n" + output).constData());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestDefaults)
#include "tst_defaults.moc"
