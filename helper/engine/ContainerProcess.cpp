#include "ContainerProcess.h"

#include "Cgroup.h"
#include "Console.h"
#include "Init.h"

#include <QFile>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
// glibc 2.36 declares these without extern "C".
extern "C" {
#include <sys/pidfd.h>
}

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>

namespace isolde::engine {

namespace {

constexpr auto DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

QString errnoText(int errnum)
{
    return QString::fromLocal8Bit(strerror(errnum));
}

// ---- Child side: async-signal-safe only ----------------------------------------------------

void writeText(int fd, const char *text)
{
    const std::size_t length = std::strlen(text);
    if (::write(fd, text, length) < 0)
        return; // nowhere left to report to
}

[[noreturn]] void reportAndExit(int reportFd, const ChildFailure &failure)
{
    if (::write(reportFd, &failure, sizeof failure) != sizeof failure)
        writeText(2, "isolde: the container process failed and could not report why\n");
    ::_exit(1);
}

[[noreturn]] void fail(int reportFd, const char *step, const char *field, const char *detail,
                       int errnum)
{
    ChildFailure failure;
    setChildFailure(failure, step, field, detail, errnum);
    reportAndExit(reportFd, failure);
}

const char *findExecutable(const ExecPlan &exec)
{
    for (const char *candidate : exec.candidates) {
        if (::faccessat(AT_FDCWD, candidate, X_OK, 0) == 0)
            return candidate;
    }
    return nullptr;
}

bool writeLsmAttribute(const ProcessPlan &plan)
{
    if (plan.lsm.attrPath.isEmpty())
        return true;
    const int fd = ::openat(plan.proc.get(), plan.lsm.attrPath.constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const auto size = static_cast<std::size_t>(plan.lsm.value.size());
    const bool written = ::write(fd, plan.lsm.value.constData(), size) == ssize_t(size);
    ::close(fd);
    return written;
}

// close_range() over every gap between the descriptors in `keep` (-1 entries ignored).
bool closeAllExcept(const int *keep, std::size_t count)
{
    unsigned int from = 3;
    for (;;) {
        // The lowest kept descriptor at or above `from`: the end of the next gap.
        unsigned int next = ~0U;
        for (std::size_t i = 0; i < count; ++i) {
            if (keep[i] >= 0 && static_cast<unsigned int>(keep[i]) >= from &&
                static_cast<unsigned int>(keep[i]) < next)
                next = static_cast<unsigned int>(keep[i]);
        }
        if (next == ~0U)
            return ::syscall(SYS_close_range, from, ~0U, 0) == 0;
        if (next > from && ::syscall(SYS_close_range, from, next - 1, 0) != 0)
            return false;
        from = next + 1;
    }
}

// Puts the requested descriptors on 0, 1 and 2. Each is first copied above 2, so that a
// source that is itself one of 0..2 (or the same descriptor for two streams) is still intact
// when it is dup2()'d; dup2() onto a different number also clears O_CLOEXEC. The copies are
// O_CLOEXEC and go with the other descriptors before exec.
bool redirectStdio(const StdioFds &stdio)
{
    const int sources[3] = {stdio.in, stdio.out, stdio.err};
    int copies[3] = {-1, -1, -1};
    for (int target = 0; target < 3; ++target) {
        if (sources[target] >= 0 &&
            (copies[target] = ::fcntl(sources[target], F_DUPFD_CLOEXEC, 3)) < 0)
            return false;
    }
    for (int target = 0; target < 3; ++target) {
        if (copies[target] >= 0 && ::dup2(copies[target], target) != target)
            return false;
    }
    return true;
}

// Blocks until `start` opens the exec fifo for reading. The fifo is reopened for writing
// through the host's /proc: the container's own root no longer shows the state directory.
void waitForStart(const ProcessPlan &plan, int reportFd)
{
    ::close(reportFd); // end-of-file tells the parent the container is created
    const int fd = ::openat(plan.proc.get(), plan.execFifoPath, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || ::write(fd, "0", 1) != 1) {
        writeText(2, "isolde: the container process lost its exec fifo before start\n");
        ::_exit(127);
    }
    ::close(fd);
}

// The part shared by a new container and `exec`: cwd, LSM label, seccomp, user and
// capabilities, no_new_privs, then the program (through the built-in init when asked).
[[noreturn]] void secureAndExec(const ProcessPlan &plan, int reportFd, int programFd,
                                bool relayStatus)
{
    ChildFailure failure;
    if (::chdir(plan.exec.cwd.constData()) != 0)
        fail(reportFd, "chdir", "process.cwd", plan.exec.cwd.constData(), errno);
    if (!writeLsmAttribute(plan))
        fail(reportFd, "set the LSM label", "process.apparmorProfile", plan.lsm.value.constData(),
             errno);
    // Without no_new_privs, loading a filter needs CAP_SYS_ADMIN: load it before the drop.
    if (!plan.noNewPrivileges && plan.seccomp.enabled && !loadSeccomp(plan.seccomp, failure))
        reportAndExit(reportFd, failure);
    if (!applyIdentityAndCapabilities(plan.identity, plan.capabilities, failure))
        reportAndExit(reportFd, failure);
    if (plan.noNewPrivileges && !setNoNewPrivileges(failure))
        reportAndExit(reportFd, failure);
    if (plan.noNewPrivileges && plan.seccomp.enabled && !loadSeccomp(plan.seccomp, failure))
        reportAndExit(reportFd, failure);
    const char *path = nullptr;
    if (programFd < 0) {
        path = findExecutable(plan.exec);
        if (!path)
            fail(reportFd, "exec", "process.args[0]", plan.exec.notFound.constData(), ENOENT);
    }
    // Whatever the runtime had open stays out of the container: 0, 1, 2 only. What this
    // sequence still needs is O_CLOEXEC and goes at exec; the rest goes now (a state
    // directory lock among them).
    const int keep[] = {reportFd, plan.proc.get(), plan.execFifo.get(), programFd};
    if (!closeAllExcept(keep, sizeof keep / sizeof keep[0]))
        fail(reportFd, "close_range", "", "", errno);
    if (plan.execFifo.valid())
        waitForStart(plan, reportFd);
    if (plan.init || relayStatus) {
        if (!plan.execFifo.valid())
            ::close(reportFd);
        runInit(programFd, path, plan.exec.argv.data(), plan.exec.envp.data());
    }
    ::execve(path, plan.exec.argv.data(), plan.exec.envp.data());
    const int errnum = errno;
    if (plan.execFifo.valid()) {
        writeText(2, "isolde: cannot execute ");
        writeText(2, path);
        writeText(2, "\n");
        ::_exit(127);
    }
    fail(reportFd, "exec", "process.args[0]", path, errnum);
}

[[noreturn]] void runContainerChild(const ProcessPlan &plan, int syncFd, int reportFd,
                                    bool unshareCgroup)
{
    ChildFailure failure;
    char released = 0;
    if (::read(syncFd, &released, 1) != 1)
        ::_exit(1); // the parent gave up on us
    ::close(syncFd);
    if (!redirectStdio(plan.stdio))
        fail(reportFd, "redirect stdio", "stdio", "", errno);
    if (plan.consoleReplica >= 0 && !attachConsole(plan.consoleReplica))
        fail(reportFd, "attach the terminal", "process.terminal", "", errno);
    if (!joinNamespaces(plan.namespaces, failure))
        reportAndExit(reportFd, failure);
    // The parent has written the id maps: become the namespace's root, so that what the
    // rootfs setup creates belongs to a mapped id.
    if (plan.namespaces.newUserNamespace &&
        (::setresgid(0, 0, 0) != 0 || ::setresuid(0, 0, 0) != 0))
        fail(reportFd, "setresuid", "linux.uidMappings", "become root of the user namespace",
             errno);
    // The parent has moved us into the cgroup: the new cgroup namespace is rooted there.
    if (unshareCgroup && ::unshare(CLONE_NEWCGROUP) != 0)
        fail(reportFd, "unshare", "linux.namespaces", "cgroup", errno);
    if (plan.rootfs && !setupRootfs(*plan.rootfs, failure))
        reportAndExit(reportFd, failure);
    if (plan.setHostname &&
        ::sethostname(plan.hostname.constData(), std::size_t(plan.hostname.size())) != 0)
        fail(reportFd, "sethostname", "hostname", plan.hostname.constData(), errno);
    if (plan.setDomainname &&
        ::setdomainname(plan.domainname.constData(), std::size_t(plan.domainname.size())) != 0)
        fail(reportFd, "setdomainname", "domainname", plan.domainname.constData(), errno);
    if (!applyRlimits(plan.rlimits, failure))
        reportAndExit(reportFd, failure);
    secureAndExec(plan, reportFd, -1, false);
}

[[noreturn]] void runExecChild(const ProcessPlan &plan, int syncFd, int reportFd, int targetPidfd,
                               int setnsFlags, int programFd)
{
    char released = 0;
    if (::read(syncFd, &released, 1) != 1)
        ::_exit(1);
    ::close(syncFd);
    if (!redirectStdio(plan.stdio))
        fail(reportFd, "redirect stdio", "stdio", "", errno);
    if (setnsFlags != 0 && ::setns(targetPidfd, setnsFlags) != 0)
        fail(reportFd, "setns", "linux.namespaces", "join the container's namespaces", errno);
    // In the container's PID namespace only our children are: relay the status of one.
    secureAndExec(plan, reportFd, programFd, true);
}

// ---- Parent side ----------------------------------------------------------------------------

struct Pipe
{
    UniqueFd read;
    UniqueFd write;
};

Expected<Pipe> makePipe()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return Error{QString(), QStringLiteral("cannot create a pipe: %1").arg(errnoText(errno))};
    return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

Error errorFromChild(const ChildFailure &failure)
{
    QString reason = QString::fromUtf8(failure.step);
    if (failure.detail[0])
        reason += QStringLiteral(" (%1)").arg(QString::fromUtf8(failure.detail));
    reason += QStringLiteral(" failed");
    if (failure.errnum != 0)
        reason += QStringLiteral(": ") + errnoText(failure.errnum);
    return Error{QString::fromUtf8(failure.field), reason};
}

void killAndReap(const LaunchedProcess &process)
{
    ::pidfd_send_signal(process.pidfd.get(), SIGKILL, nullptr, 0);
    siginfo_t info{};
    while (::waitid(P_PIDFD, static_cast<id_t>(process.pidfd.get()), &info, WEXITED) != 0 &&
           errno == EINTR) {
    }
}

bool hasExited(const LaunchedProcess &process)
{
    siginfo_t info{};
    return ::waitid(P_PIDFD, static_cast<id_t>(process.pidfd.get()), &info,
                    WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid != 0;
}

Expected<void> writeOomScoreAdj(pid_t pid, int value)
{
    QFile file(QStringLiteral("/proc/%1/oom_score_adj").arg(pid));
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(value)) < 0)
        return Error{QStringLiteral("process.oomScoreAdj"),
                     QStringLiteral("cannot set %1: %2").arg(value).arg(file.errorString())};
    return {};
}

// Releases the child and reads its report: nothing (end-of-file) or one ChildFailure.
Expected<void> releaseAndWait(LaunchedProcess &process, Pipe &sync, Pipe &report,
                              bool waitsForStart)
{
    if (::write(sync.write.get(), "1", 1) != 1)
        return Error{
            QString(),
            QStringLiteral("cannot release the container process: %1").arg(errnoText(errno))};
    sync.write.reset();
    ChildFailure failure;
    std::size_t got = 0;
    while (got < sizeof failure) {
        const ssize_t n = ::read(report.read.get(), reinterpret_cast<char *>(&failure) + got,
                                 sizeof failure - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += std::size_t(n);
    }
    if (got == sizeof failure)
        return errorFromChild(failure);
    if (waitsForStart && hasExited(process))
        return Error{QStringLiteral("process"),
                     QStringLiteral("the container process died while it was being set up")};
    return {};
}

// What the child of launch() starts from, in either way of cloning it.
struct ChildStart
{
    const ProcessPlan *plan;
    int syncRead, syncWrite, reportRead, reportWrite;
    bool exec;
    int targetPidfd, setnsFlags, programFd; // exec
    bool unshareCgroup;                     // a new container
};

[[noreturn]] void runChild(const ChildStart &start)
{
    ::close(start.syncWrite);
    ::close(start.reportRead);
    if (start.exec)
        runExecChild(*start.plan, start.syncRead, start.reportWrite, start.targetPidfd,
                     start.setnsFlags, start.programFd);
    runContainerChild(*start.plan, start.syncRead, start.reportWrite, start.unshareCgroup);
}

int runSharingChild(void *start)
{
    runChild(*static_cast<const ChildStart *>(start));
}

// The stack of a child that shares our memory, unmapped once that child has exec'd or died.
class ChildStack
{
public:
    ChildStack()
        : m_base(::mmap(nullptr, Size, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0))
    {
        // A guard page below, so that an overflow faults instead of writing into our heap.
        if (m_base != MAP_FAILED && ::mprotect(m_base, GuardSize, PROT_NONE) != 0) {
            ::munmap(m_base, Size);
            m_base = MAP_FAILED;
        }
    }
    ~ChildStack()
    {
        if (m_base != MAP_FAILED)
            ::munmap(m_base, Size);
    }
    ChildStack(const ChildStack &) = delete;
    ChildStack &operator=(const ChildStack &) = delete;

    bool valid() const { return m_base != MAP_FAILED; }
    void *top() const { return static_cast<char *>(m_base) + Size; }

private:
    static constexpr std::size_t Size = 1 << 20;
    static constexpr std::size_t GuardSize = 1 << 12;
    void *m_base;
};

Expected<LaunchedProcess> launch(ProcessPlan &plan, const Cgroup &cgroup, bool exec,
                                 int targetPidfd, int setnsFlags, int programFd)
{
    auto sync = makePipe();
    if (!sync)
        return sync.error();
    auto report = makePipe();
    if (!report)
        return report.error();

    unsigned long long flags = exec ? 0 : plan.namespaces.newFlags;
    const int cgroupFd = cgroup.cloneIntoFd();
    // Without CLONE_INTO_CGROUP the child must be moved first, then unshare its cgroup namespace.
    const bool unshareCgroup = cgroupFd < 0 && (flags & CLONE_NEWCGROUP) != 0;
    if (unshareCgroup)
        flags &= ~static_cast<unsigned long long>(CLONE_NEWCGROUP);

    const ChildStart start{
        &plan, sync->read.get(), sync->write.get(), report->read.get(), report->write.get(),
        exec,  targetPidfd,      setnsFlags,        programFd,          unshareCgroup};
    // A child sure to exec or die before we return (no built-in init, no exec fifo, not an
    // exec, whose status relay stays) shares our memory: no copy of the runtime's page tables,
    // no copy-on-write faults, nothing for its exec to tear down (2 ms of a `run`, measured).
    // We stay blocked on its pipes while it runs, and it only reads the plan. glibc's clone()
    // has no CLONE_INTO_CGROUP: a cgroup v2 host keeps the copying clone3.
    std::optional<ChildStack> stack;
    if (!exec && !plan.init && !plan.execFifo.valid() && cgroupFd < 0)
        stack.emplace();
    int pidfd = -1;
    long pid = -1;
    if (stack && stack->valid()) {
        pid = ::clone(runSharingChild, stack->top(),
                      static_cast<int>(flags | CLONE_VM | CLONE_PIDFD) | SIGCHLD,
                      const_cast<ChildStart *>(&start), &pidfd);
    } else {
        pid = cloneProcess(flags, cgroupFd, &pidfd);
        if (pid == 0)
            runChild(start);
    }
    if (pid < 0)
        return Error{QStringLiteral("linux.namespaces"),
                     QStringLiteral("clone failed: %1").arg(errnoText(errno))};
    LaunchedProcess process{static_cast<pid_t>(pid), UniqueFd(pidfd)};
    sync->read.reset();
    report->write.reset();

    auto abort = [&process](const Error &error) -> Expected<LaunchedProcess> {
        killAndReap(process);
        return error;
    };
    if (!exec) {
        if (auto mapped = writeIdMappings(process.pid, plan.namespaces); !mapped)
            return abort(mapped.error());
    }
    if (cgroupFd < 0) {
        if (auto attached = cgroup.attach(process.pid); !attached)
            return abort(attached.error());
    }
    if (!exec && plan.oomScoreAdj) {
        if (auto written = writeOomScoreAdj(process.pid, *plan.oomScoreAdj); !written)
            return abort(written.error());
    }
    if (auto released = releaseAndWait(process, *sync, *report, !exec && plan.execFifo.valid());
        !released)
        return abort(released.error());
    return process;
}

// The namespaces of `target` that differ from ours, as setns() flags.
int differingNamespaces(pid_t target)
{
    static constexpr int flags[] = {CLONE_NEWUSER, CLONE_NEWNS,  CLONE_NEWPID,    CLONE_NEWNET,
                                    CLONE_NEWIPC,  CLONE_NEWUTS, CLONE_NEWCGROUP, CLONE_NEWTIME};
    int result = 0;
    for (const int flag : flags) {
        const char *name = namespaceProcName(flag);
        struct stat ours
        {};
        struct stat theirs
        {};
        char path[64];
        std::snprintf(path, sizeof path, "/proc/%d/ns/%s", static_cast<int>(target), name);
        if (::stat(path, &theirs) != 0)
            continue;
        std::snprintf(path, sizeof path, "/proc/self/ns/%s", name);
        if (::stat(path, &ours) != 0 || ours.st_ino != theirs.st_ino ||
            ours.st_dev != theirs.st_dev)
            result |= flag;
    }
    return result;
}

} // namespace

long cloneProcess(unsigned long long flags, int cgroupFd, int *pidfd)
{
    clone_args args{};
    args.flags = flags | CLONE_PIDFD;
    args.pidfd = reinterpret_cast<uint64_t>(pidfd);
    args.exit_signal = SIGCHLD;
    if (cgroupFd >= 0) {
        args.flags |= CLONE_INTO_CGROUP;
        args.cgroup = static_cast<uint64_t>(cgroupFd);
    }
    return ::syscall(SYS_clone3, &args, sizeof args);
}

Expected<void> checkStdio(const StdioFds &stdio)
{
    const struct
    {
        int fd;
        const char *field;
        bool forWriting;
    } streams[] = {{stdio.in, "stdio.in", false},
                   {stdio.out, "stdio.out", true},
                   {stdio.err, "stdio.err", true}};
    for (const auto &stream : streams) {
        if (stream.fd < 0)
            continue;
        const int flags = ::fcntl(stream.fd, F_GETFL);
        if (flags < 0)
            return Error{QLatin1String(stream.field),
                         QStringLiteral("descriptor %1 is not open").arg(stream.fd)};
        const int mode = flags & O_ACCMODE;
        // O_PATH reads as O_RDONLY but allows neither.
        if ((flags & O_PATH) != 0 || (stream.forWriting ? mode == O_RDONLY : mode == O_WRONLY))
            return Error{
                QLatin1String(stream.field),
                QStringLiteral("descriptor %1 is not open for %2")
                    .arg(stream.fd)
                    .arg(stream.forWriting ? QLatin1String("writing") : QLatin1String("reading"))};
    }
    return {};
}

Expected<ExecPlan> planExec(const spec::Process &process)
{
    if (process.args.isEmpty())
        return Error{QStringLiteral("process.args"),
                     QStringLiteral("no program to run: args is empty")};
    if (process.args.first().isEmpty())
        return Error{QStringLiteral("process.args[0]"),
                     QStringLiteral("no program to run: args[0] is an empty string")};
    if (!process.cwd.startsWith(QLatin1Char('/')))
        return Error{QStringLiteral("process.cwd"),
                     QStringLiteral("\"%1\" is not an absolute path").arg(process.cwd)};
    ExecPlan plan;
    const QString program = process.args.first();
    QString searchPath = QLatin1String(DefaultPath);
    for (const QString &variable : process.env) {
        if (variable.startsWith(QLatin1String("PATH=")))
            searchPath = variable.mid(5);
    }
    qsizetype candidateCount = 0;
    if (program.contains(QLatin1Char('/'))) {
        plan.strings.append(QFile::encodeName(program));
        candidateCount = 1;
    } else {
        for (const QString &dir : searchPath.split(QLatin1Char(':'))) {
            plan.strings.append(
                QFile::encodeName((dir.isEmpty() ? QStringLiteral(".") : dir) + '/' + program));
            ++candidateCount;
        }
    }
    for (const QString &arg : process.args)
        plan.strings.append(arg.toUtf8());
    for (const QString &variable : process.env)
        plan.strings.append(variable.toUtf8());
    // Pointers only once every string is in place: QByteArray data does not move.
    qsizetype i = 0;
    for (; i < candidateCount; ++i)
        plan.candidates.push_back(plan.strings[i].constData());
    for (qsizetype a = 0; a < process.args.size(); ++a, ++i)
        plan.argv.push_back(const_cast<char *>(plan.strings[i].constData()));
    plan.argv.push_back(nullptr);
    for (; i < plan.strings.size(); ++i)
        plan.envp.push_back(const_cast<char *>(plan.strings[i].constData()));
    plan.envp.push_back(nullptr);
    plan.cwd = QFile::encodeName(process.cwd);
    plan.notFound =
        QFile::encodeName(program) + " is not an executable file in the container" +
        (program.contains(QLatin1Char('/')) ? QByteArray() : " (PATH=" + searchPath.toUtf8() + ")");
    return plan;
}

static bool fileSays(const char *path, const char *expected)
{
    QFile file(QString::fromLatin1(path));
    return file.open(QIODevice::ReadOnly) && file.readAll().trimmed() == expected;
}

LsmPlan planLsm(const spec::Process &process)
{
    LsmPlan plan;
    QStringList notes;
    if (!process.apparmorProfile.isEmpty()) {
        if (fileSays("/sys/module/apparmor/parameters/enabled", "Y")) {
            plan.attrPath = "self/attr/apparmor/exec";
            plan.value = "exec " + process.apparmorProfile.toUtf8();
        } else {
            notes << QStringLiteral("apparmorProfile \"%1\" requested but AppArmor is not enabled "
                                    "on this host: not applied")
                         .arg(process.apparmorProfile);
        }
    }
    if (!process.selinuxLabel.isEmpty()) {
        if (QFile::exists(QStringLiteral("/sys/fs/selinux/enforce")) && plan.attrPath.isEmpty()) {
            plan.attrPath = "self/attr/exec";
            plan.value = process.selinuxLabel.toUtf8();
        } else {
            notes << QStringLiteral("selinuxLabel \"%1\" requested but SELinux is not enabled on "
                                    "this host: not applied")
                         .arg(process.selinuxLabel);
        }
    }
    plan.note = notes.join(QStringLiteral("; "));
    return plan;
}

Expected<ProcessPlan> planProcess(const spec::OciSpec &spec, const QString &seccompCacheDir)
{
    ProcessPlan plan;
    if (!spec.hasProcess())
        return Error{QStringLiteral("process"), QStringLiteral("the spec has no process to run")};
    const spec::Process process = spec.process();
    const spec::Linux linux = spec.linux();

    auto namespaces = planNamespaces(linux);
    if (!namespaces)
        return namespaces.error();
    plan.namespaces = std::move(namespaces.value());
    auto capabilities = planCapabilities(process.capabilities);
    if (!capabilities)
        return capabilities.error();
    plan.capabilities = capabilities.value();
    plan.identity = planIdentity(process.user, !plan.namespaces.denySetgroups);
    auto rlimits = planRlimits(process.rlimits);
    if (!rlimits)
        return rlimits.error();
    plan.rlimits = rlimits.value();
    auto seccomp = compileSeccomp(linux.seccomp, seccompCacheDir);
    if (!seccomp)
        return seccomp.error();
    plan.seccomp = seccomp.value();
    auto exec = planExec(process);
    if (!exec)
        return exec.error();
    plan.exec = std::move(exec.value());

    plan.noNewPrivileges = process.noNewPrivileges;
    plan.hostname = spec.hostname().toUtf8();
    plan.domainname = spec.domainname().toUtf8();
    plan.setHostname = !plan.hostname.isEmpty();
    plan.setDomainname = !plan.domainname.isEmpty();
    if ((plan.setHostname || plan.setDomainname) && !plan.namespaces.has(CLONE_NEWUTS))
        return Error{plan.setHostname ? QStringLiteral("hostname") : QStringLiteral("domainname"),
                     QStringLiteral("setting it needs a uts namespace in linux.namespaces, or "
                                    "it would rename the host")};
    plan.init = spec.annotation(QLatin1String(spec::AnnotationInit)) == QLatin1String("true");
    plan.oomScoreAdj = process.oomScoreAdj;
    plan.lsm = planLsm(process);
    plan.proc.reset(::open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!plan.proc.valid())
        return Error{QString(), QStringLiteral("cannot open /proc: %1").arg(errnoText(errno))};
    return plan;
}

Expected<LaunchedProcess> launchContainerProcess(ProcessPlan &plan, const Cgroup &cgroup)
{
    if (plan.execFifo.valid())
        std::snprintf(plan.execFifoPath, sizeof plan.execFifoPath, "self/fd/%d",
                      plan.execFifo.get());
    return launch(plan, cgroup, false, -1, 0, -1);
}

Expected<LaunchedProcess> launchExecProcess(ProcessPlan &plan, pid_t target, int targetPidfd,
                                            const Cgroup &cgroup, int programFd)
{
    plan.execFifo.reset();
    return launch(plan, cgroup, true, targetPidfd, differingNamespaces(target), programFd);
}

int waitForExit(const LaunchedProcess &process)
{
    siginfo_t info{};
    while (::waitid(P_PIDFD, static_cast<id_t>(process.pidfd.get()), &info, WEXITED) != 0) {
        if (errno != EINTR)
            return 255;
    }
    if (info.si_code == CLD_EXITED)
        return info.si_status;
    return 128 + info.si_status;
}

} // namespace isolde::engine
