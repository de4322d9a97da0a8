// The container process: everything it needs planned in the parent (ProcessPlan), the clone3
// that makes it, and the ordered sequence it runs between clone and exec.
//
// Parent and child talk over two pipes: the parent releases the child through the sync pipe
// once it has written the id maps and placed it in its cgroup; the child reports a failing step
// as one ChildFailure record on the report pipe, which the parent turns into an Error. The
// report pipe is O_CLOEXEC, so end-of-file on it means "exec happened" (or, for a container
// that waits for `start`, "set up, now waiting on the exec fifo").
#pragma once

#include "Capabilities.h"
#include "ChildFailure.h"
#include "Namespaces.h"
#include "Rootfs.h"
#include "SafePath.h"
#include "Seccomp.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QList>
#include <sys/types.h>
#include <vector>

namespace isolde::engine {

class Cgroup;

// process.args, process.env, process.cwd as the C arrays execve() takes, and the candidate
// paths of args[0] along the container's PATH (looked up in the child, after pivot_root).
struct ExecPlan
{
    QList<QByteArray> strings; // owns what the pointers below point to
    std::vector<char *> argv;
    std::vector<char *> envp;
    std::vector<const char *> candidates;
    QByteArray cwd;
    QByteArray notFound; // the failure detail when no candidate is executable
};

// Fails naming process.args (empty) or process.args[0] (empty string).
Expected<ExecPlan> planExec(const spec::Process &process);

// LSM labels: the AppArmor profile or SELinux label to set on exec, when the host has that LSM.
struct LsmPlan
{
    QByteArray attrPath; // under /proc, "self/attr/apparmor/exec"; empty: nothing to apply
    QByteArray value;    // "exec <profile>" or the SELinux label
    QString note;        // what was requested and not applied, and why (for the state)
};
LsmPlan planLsm(const spec::Process &process);

// Descriptors the process gets as its stdin, stdout and stderr; -1 keeps the caller's. The
// caller owns them and keeps them open until the launch returns.
struct StdioFds
{
    int in = -1;
    int out = -1;
    int err = -1;
};

// Each descriptor given is open, and open for reading (in) or writing (out, err): a wrong
// one would otherwise lose the output silently. Fails naming stdio.in, stdio.out or stdio.err.
Expected<void> checkStdio(const StdioFds &stdio);

struct ProcessPlan
{
    NamespacePlan namespaces;
    RootfsPlanPtr rootfs; // null when joining an existing container (exec)
    CapabilityPlan capabilities;
    IdentityPlan identity;
    RlimitPlan rlimits;
    SeccompPlan seccomp;
    bool noNewPrivileges = false;
    bool setHostname = false;
    QByteArray hostname;
    bool setDomainname = false;
    QByteArray domainname;
    bool init = false; // PID 1 is the built-in init, the user process its child
    std::optional<int> oomScoreAdj;
    LsmPlan lsm;
    ExecPlan exec;
    UniqueFd execFifo;          // O_PATH on the exec fifo; invalid for `run`, which does not wait
    UniqueFd proc;              // the host's /proc, to reopen the fifo and write LSM attributes
    char execFifoPath[32] = {}; // "self/fd/<n>" under `proc`
    // process.terminal: the pty replica the child makes its controlling terminal and stdio
    // (owned by the caller, open until the launch returns); -1: stdio is inherited. It takes
    // the place of whatever `stdio` put on 0, 1 and 2.
    int consoleReplica = -1;
    StdioFds stdio;
};

// Everything from the spec (not the bundle's rootfs, not the cgroup): namespaces, security,
// identity, process. Fails with the first problem, naming its field. The seccomp program is
// compiled through the cache in `seccompCacheDir`.
Expected<ProcessPlan> planProcess(const spec::OciSpec &spec, const QString &seccompCacheDir);

struct LaunchedProcess
{
    pid_t pid = 0;
    UniqueFd pidfd;
};

// clone3 used as fork(): the child continues on a copy of the caller's stack and may only make
// async-signal-safe calls until it execs. With a pidfd (in `*pidfd`) and, when `cgroupFd` is
// valid, straight into that cgroup. Returns the pid, 0 in the child, -1 with errno.
long cloneProcess(unsigned long long flags, int cgroupFd, int *pidfd);

// clone3 the container process into its new namespaces (and `cgroup`), write its id maps,
// release it, and wait until it has exec'd or, with an exec fifo, until it waits for `start`.
// On failure the process is killed and reaped; the cgroup is the caller's to destroy.
Expected<LaunchedProcess> launchContainerProcess(ProcessPlan &plan, const Cgroup &cgroup);

// `exec`: a new process in the namespaces and cgroup of the running container `target`, with
// the security of `plan` (its namespaces, rootfs and init are not used). When `programFd` is
// valid, that host file is executed (execveat AT_EMPTY_PATH) instead of plan.exec's argv[0].
Expected<LaunchedProcess> launchExecProcess(ProcessPlan &plan, pid_t target, int targetPidfd,
                                            const Cgroup &cgroup, int programFd);

// Blocks until the process exits and reaps it: its exit code, or 128 + the signal that
// killed it.
int waitForExit(const LaunchedProcess &process);

} // namespace isolde::engine
