// The experiments lab's catalogue: small acts a student tries inside a container (reboot the
// machine, load a module, fork without end, write to the root, ...), each with what the
// container's spec predicts, how to read what actually happened, and the twin spec in which
// the one mechanism that decides it is relaxed. QML-free, so that tests and isoldectl can
// use it; the runner (LabRunner) and the lab's model drive it through the helper.
#pragma once

#include "spec/OciSpec.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>

namespace isolde::teaching {

// What happened to the act, in the words the lab shows.
enum class Outcome {
    Allowed,   // the kernel let it through
    Refused,   // a mechanism said no (EPERM, EROFS, EAGAIN, a masked file read as empty)
    Killed,    // the kernel killed it (OOM killer, a seccomp kill action)
    Throttled, // it ran, but slower than it asked (CPU quota)
    Isolated,  // it saw only the container's own view (a namespace)
    Shared,    // it saw the host's view (no namespace of that kind)
    Unknown,   // the experiment could not be run or read
};

// The kernel mechanism that decides an experiment.
enum class Mechanism {
    Seccomp,
    Capabilities,
    PidNamespace,
    NetworkNamespace,
    UserNamespace,
    UtsNamespace,
    PidsLimit,
    MemoryLimit,
    CpuLimit,
    ReadonlyRoot,
    MaskedPaths,
};

QString outcomeId(Outcome outcome);       // "allowed", "refused", ...: stable, for QML and tests
QString outcomeText(Outcome outcome);     // translated
QString mechanismId(Mechanism mechanism); // "seccomp", "capabilities", "pidNamespace", ...
QString mechanismText(Mechanism mechanism);

struct Verdict
{
    Outcome outcome = Outcome::Unknown;
    Mechanism mechanism = Mechanism::Seccomp;
    QString why; // one plain, translated sentence
};

// What a run gave back.
struct Observation
{
    int exitCode = -1;  // of the exec'd command; 128 + signal when a signal ended it
    QString output;     // its stdout and stderr, interleaved as written
    int hostPid = 0;    // the exec'd process as the host numbers it
    QJsonObject probe;  // isolde-probe's JSON from inside (probe experiments)
    QJsonObject before; // a Stats sample of the container before the run (stats experiments)
    QJsonObject after;  // and after it
    // The host's own namespace inodes ("pid" -> "4026531836"), to compare with what the
    // container printed.
    QMap<QString, QString> hostNamespaces;
    QString hostHostname; // the host's name, read after the act
    // Owner on the host of the file the act created in the bind-mounted host directory
    // (bindsHostDirectory experiments); -1 when there is none.
    qint64 hostFileOwner = -1;
};

// How an experiment reaches into the container.
enum class Method {
    Exec,  // `command` through the helper's Exec
    Probe, // the helper's Probe: isolde-probe tries `syscall` with harmless arguments
};

// One way to relax a single mechanism, for "which layer refused".
struct Layer
{
    Mechanism mechanism;
    std::function<spec::OciSpec(const spec::OciSpec &)> relax;
};

struct Experiment
{
    QString id;
    QString title; // translated
    QString tries; // one translated sentence: what it tries
    Method method = Method::Exec;
    QStringList command; // Exec: the argv run in the container (busybox applets)
    // When set, the argv for the spec the act runs under, instead of `command`; empty when
    // the act must not run under it (it would reach the host itself).
    std::function<QStringList(const spec::OciSpec &)> commandFor;
    QString syscall;         // Probe: the key of the probe's "syscalls" object
    bool needsStats = false; // sample Stats before and after (OOM kills, throttling)
    // Also run at the same time in a second container made from the same spec (binding
    // port 80 in two containers at once); the output then holds both, the second's after
    // SecondContainerMarker.
    bool alongsideTwin = false;
    // Run (restricted or relaxed) in a twin with a fresh host directory bind-mounted at
    // LabMountPoint; after the act the runner stat()s LabFileName in it on the host.
    bool bindsHostDirectory = false;
    Mechanism mechanism; // the one that decides it under Docker's defaults

    std::function<Verdict(const spec::OciSpec &)> predict;
    std::function<Verdict(const Observation &)> judge;
    // The twin's spec: `mechanism` relaxed so that the act should get through.
    std::function<spec::OciSpec(const spec::OciSpec &)> relax;
    // For acts that two layers guard (seccomp and a capability): each relaxed alone, in the
    // order they are tried. Empty when one mechanism alone decides.
    QList<Layer> layers;
};

inline constexpr auto SecondContainerMarker = "--- second container ---";
inline constexpr auto LabMountPoint = "/isolde-lab";
inline constexpr auto LabFileName = "made-inside";
// The name the UTS experiment gives the container.
inline constexpr auto LabHostname = "isolde-lab";

// The whole catalogue, in the order the lab lists it.
const QList<Experiment> &experiments();
const Experiment *findExperiment(const QString &id);

// What the spec's seccomp filter does with `syscall`: the action of the first rule naming
// it, else the default action; empty when the spec has no filter (unconfined).
QString seccompAction(const spec::OciSpec &spec, const QString &syscall);
// Whether `capability` is in the effective set the spec gives the container's process.
bool hasEffectiveCapability(const spec::OciSpec &spec, const QString &capability);
// Whether the spec asks for a new namespace of `type` ("pid", "network", "user", ...).
bool hasNewNamespace(const spec::OciSpec &spec, const QString &type);
// Whether sethostname() in a container of this spec would rename the host: no UTS namespace
// of its own and CAP_SYS_ADMIN in the bounding set (root regains that set at execve).
bool sethostnameReachesHost(const spec::OciSpec &spec);

// Docker's default spec with a process that stays up (`sleep`, so that experiments can exec
// into it), tightened where the defaults do not hold back `experimentId`'s act: ping without
// CAP_NET_RAW, pids.max 50, 64 MiB of memory, 0.2 CPU, a read-only root, a user namespace
// mapping root to uid 100000, CAP_SYS_ADMIN for the UTS experiment (with its own UTS
// namespace, so that renaming reaches only the container). Lessons create their containers
// from it.
spec::OciSpec presetSpec(const QString &experimentId);

// Single-mechanism relaxations, also used by the lessons.
spec::OciSpec withoutSeccomp(const spec::OciSpec &spec);
spec::OciSpec withCapability(const spec::OciSpec &spec, const QString &capability);
spec::OciSpec withSyscallsAllowed(const spec::OciSpec &spec, const QStringList &syscalls);
spec::OciSpec withoutNamespace(const spec::OciSpec &spec, const QString &type);

} // namespace isolde::teaching
