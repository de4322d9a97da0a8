#include "teaching/Experiments.h"

#include "spec/SpecDefaults.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace isolde::teaching {

using spec::OciSpec;

namespace {

// Every string of this file, under one translation context that lupdate recognises.
struct ExperimentText
{
    Q_DECLARE_TR_FUNCTIONS(ExperimentText)
};

// Exit codes the shell reports for a process a signal ended.
constexpr int SigKillExit = 128 + 9;

const QString AllowAction = QStringLiteral("SCMP_ACT_ALLOW");

double sampleNumber(const QJsonObject &statsReply, const char *key)
{
    // Stats replies are keyed by container id; the lab samples one container at a time.
    for (auto it = statsReply.begin(); it != statsReply.end(); ++it) {
        if (it->isObject())
            return it->toObject().value(QLatin1String(key)).toDouble(0);
    }
    return statsReply.value(QLatin1String(key)).toDouble(0);
}

bool mentionsPermission(const QString &output)
{
    return output.contains(QLatin1String("permission denied"), Qt::CaseInsensitive) ||
           output.contains(QLatin1String("Operation not permitted"), Qt::CaseInsensitive);
}

// "pid:[4026531836]" printed by readlink /proc/self/ns/<type>.
QString printedNamespace(const QString &output, const QString &type)
{
    const QRegularExpression re(QRegularExpression::escape(type) + QStringLiteral(":\\[(\\d+)\\]"));
    const auto match = re.match(output);
    return match.hasMatch() ? match.captured(1) : QString();
}

Verdict namespaceVerdict(const Observation &o, const QString &type, Mechanism mechanism)
{
    const QString inside = printedNamespace(o.output, type);
    const QString host = o.hostNamespaces.value(type);
    if (inside.isEmpty() || host.isEmpty())
        return {Outcome::Unknown, mechanism,
                ExperimentText::tr("The namespace inode could not be read.")};
    if (inside == host)
        return {Outcome::Shared, mechanism,
                ExperimentText::tr(
                    "The process is in the host's %1 namespace (inode %2): it sees what the host "
                    "sees.")
                    .arg(type, host)};
    return {Outcome::Isolated, mechanism,
            ExperimentText::tr(
                "The process is in %1 namespace %2, the host in %3: it sees only the container's "
                "own view.")
                .arg(type, inside, host)};
}

// An act that passes the seccomp filter and then a capability check in the kernel.
Verdict syscallPrediction(const OciSpec &spec, const QStringList &syscalls,
                          const QString &capability)
{
    for (const QString &call : syscalls) {
        const QString action = seccompAction(spec, call);
        if (action.isEmpty() || action == AllowAction)
            continue;
        const bool kills = action.startsWith(QLatin1String("SCMP_ACT_KILL")) ||
                           action == QLatin1String("SCMP_ACT_TRAP");
        return {kills ? Outcome::Killed : Outcome::Refused, Mechanism::Seccomp,
                ExperimentText::tr(
                    "The seccomp filter answers %1() with %2: no rule of the profile allows it for "
                    "this container.")
                    .arg(call, action)};
    }
    if (!capability.isEmpty() && !hasEffectiveCapability(spec, capability))
        return {Outcome::Refused, Mechanism::Capabilities,
                ExperimentText::tr(
                    "The filter lets %1() through, but the process lacks %2, which the kernel "
                    "checks next.")
                    .arg(syscalls.join(QLatin1String("(), ")), capability)};
    if (capability.isEmpty())
        return {Outcome::Allowed, Mechanism::Seccomp,
                ExperimentText::tr("The seccomp filter allows %1().")
                    .arg(syscalls.join(QLatin1String("(), ")))};
    return {Outcome::Allowed, Mechanism::Capabilities,
            ExperimentText::tr("The seccomp filter allows %1() and the process holds %2.")
                .arg(syscalls.join(QLatin1String("(), ")), capability)};
}

// The probe reports each call as "OK", an errno name or the signal that killed it.
Verdict probeVerdict(const Observation &o, const QString &syscall, Mechanism mechanism)
{
    const QJsonValue value = o.probe.value(QLatin1String("syscalls")).toObject().value(syscall);
    if (!value.isString())
        return {Outcome::Unknown, mechanism,
                ExperimentText::tr("The probe did not report %1().").arg(syscall)};
    const QString result = value.toString();
    if (result == QLatin1String("EPERM"))
        return {Outcome::Refused, mechanism,
                ExperimentText::tr("%1() failed with EPERM.").arg(syscall)};
    if (result == QLatin1String("ENOSYS"))
        return {Outcome::Allowed, mechanism,
                ExperimentText::tr(
                    "%1() got past the filter and reached the kernel, which has no such call "
                    "(ENOSYS): it was built without it.")
                    .arg(syscall)};
    if (result.startsWith(QLatin1String("SIG")))
        return {Outcome::Killed, mechanism,
                ExperimentText::tr("%1() was answered with %2: the filter killed the caller.")
                    .arg(syscall, result)};
    return {Outcome::Allowed, mechanism,
            ExperimentText::tr(
                "%1() got past the filter and the capability check (%2 from its harmless "
                "arguments).")
                .arg(syscall, result)};
}

Verdict exitVerdict(const Observation &o, Mechanism mechanism)
{
    if (o.exitCode == 0)
        return {Outcome::Allowed, mechanism, ExperimentText::tr("The command succeeded.")};
    return {Outcome::Refused, mechanism,
            ExperimentText::tr("The command failed (exit code %1): %2")
                .arg(o.exitCode)
                .arg(o.output.trimmed().section(QLatin1Char('\n'), -1))};
}

// Acts gated by seccomp and one capability: relaxing opens both, as `docker run --cap-add`
// does with Docker's profile, whose rules for these calls depend on the capability.
Experiment syscallExperiment(const QString &id, const QString &title, const QString &tries,
                             const QStringList &syscalls, const QString &capability)
{
    Experiment e;
    e.id = id;
    e.title = title;
    e.tries = tries;
    e.mechanism = capability.isEmpty() ? Mechanism::Seccomp : Mechanism::Capabilities;
    e.predict = [syscalls, capability](const OciSpec &spec) {
        return syscallPrediction(spec, syscalls, capability);
    };
    e.relax = [syscalls, capability](const OciSpec &spec) {
        const OciSpec open = withSyscallsAllowed(spec, syscalls);
        return capability.isEmpty() ? open : withCapability(open, capability);
    };
    e.layers.append({Mechanism::Seccomp, &withoutSeccomp});
    if (!capability.isEmpty())
        e.layers.append({Mechanism::Capabilities, [capability](const OciSpec &spec) {
                             return withCapability(spec, capability);
                         }});
    return e;
}

QList<Experiment> makeCatalogue()
{
    QList<Experiment> list;

    {
        Experiment e;
        e.id = QStringLiteral("whoami");
        e.title = ExperimentText::tr("Who am I?");
        e.tries = ExperimentText::tr(
            "Lists the processes, the hostname and the user as the container sees them.");
        e.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("echo pid=$$; hostname; id; readlink /proc/self/ns/pid; ps")};
        e.mechanism = Mechanism::PidNamespace;
        e.predict = [](const OciSpec &spec) -> Verdict {
            if (hasNewNamespace(spec, QStringLiteral("pid")))
                return {
                    Outcome::Isolated, Mechanism::PidNamespace,
                    ExperimentText::tr("The spec asks for a new PID namespace: ps shows only the "
                                       "container's processes, its first process is PID 1.")};
            return {Outcome::Shared, Mechanism::PidNamespace,
                    ExperimentText::tr("No PID namespace: ps shows every process of the host.")};
        };
        e.judge = [](const Observation &o) {
            Verdict v = namespaceVerdict(o, QStringLiteral("pid"), Mechanism::PidNamespace);
            static const QRegularExpression pid(QStringLiteral("^pid=(\\d+)$"),
                                                QRegularExpression::MultilineOption);
            const auto inside = pid.match(o.output);
            if (inside.hasMatch() && o.hostPid > 0)
                v.why += QLatin1Char(' ') +
                         ExperimentText::tr(
                             "The shell is PID %1 inside; the host sees the same process as "
                             "PID %2.")
                             .arg(inside.captured(1))
                             .arg(o.hostPid);
            return v;
        };
        e.relax = [](const OciSpec &spec) { return withoutNamespace(spec, QStringLiteral("pid")); };
        list.append(e);
    }
    list.append(
        syscallExperiment(QStringLiteral("reboot"), ExperimentText::tr("Reboot the machine"),
                          ExperimentText::tr("Calls reboot(), the system call behind `reboot -f`."),
                          {QStringLiteral("reboot")}, QStringLiteral("CAP_SYS_BOOT")));
    list.last().method = Method::Probe;
    list.last().syscall = QStringLiteral("reboot");
    list.last().judge = [](const Observation &o) {
        return probeVerdict(o, QStringLiteral("reboot"), Mechanism::Capabilities);
    };

    list.append(syscallExperiment(QStringLiteral("mount"), ExperimentText::tr("Mount a filesystem"),
                                  ExperimentText::tr("Mounts a tmpfs on /tmp."),
                                  {QStringLiteral("mount")}, QStringLiteral("CAP_SYS_ADMIN")));
    list.last().command = {QStringLiteral("mount"), QStringLiteral("-t"), QStringLiteral("tmpfs"),
                           QStringLiteral("lab"), QStringLiteral("/tmp")};
    list.last().judge = [](const Observation &o) {
        return exitVerdict(o, Mechanism::Capabilities);
    };

    list.append(
        syscallExperiment(QStringLiteral("module"), ExperimentText::tr("Load a kernel module"),
                          ExperimentText::tr("Calls init_module(), the system call behind insmod."),
                          {QStringLiteral("init_module")}, QStringLiteral("CAP_SYS_MODULE")));
    list.last().method = Method::Probe;
    list.last().syscall = QStringLiteral("init_module");
    list.last().judge = [](const Observation &o) {
        return probeVerdict(o, QStringLiteral("init_module"), Mechanism::Capabilities);
    };

    list.append(
        syscallExperiment(QStringLiteral("ptrace"), ExperimentText::tr("Trace another process"),
                          ExperimentText::tr("Calls ptrace() on PID 1, as a debugger would."),
                          {QStringLiteral("ptrace")}, QString()));
    list.last().method = Method::Probe;
    list.last().syscall = QStringLiteral("ptrace");
    list.last().judge = [](const Observation &o) {
        return probeVerdict(o, QStringLiteral("ptrace"), Mechanism::Seccomp);
    };

    list.append(syscallExperiment(QStringLiteral("ping"), ExperimentText::tr("Ping"),
                                  ExperimentText::tr("Opens a raw ICMP socket to ping 127.0.0.1."),
                                  {QStringLiteral("socket")}, QStringLiteral("CAP_NET_RAW")));
    list.last().command = {QStringLiteral("ping"), QStringLiteral("-c1"), QStringLiteral("-W1"),
                           QStringLiteral("127.0.0.1")};
    // Whether the echo comes back depends on the container's network; the act is opening
    // the raw socket, which busybox reports as "permission denied" when refused.
    list.last().judge = [](const Observation &o) -> Verdict {
        if (mentionsPermission(o.output))
            return {Outcome::Refused, Mechanism::Capabilities,
                    ExperimentText::tr("The raw socket was refused: %1")
                        .arg(o.output.trimmed().section(QLatin1Char('\n'), -1))};
        return {Outcome::Allowed, Mechanism::Capabilities,
                ExperimentText::tr("The raw socket opened.")};
    };

    list.append(
        syscallExperiment(QStringLiteral("hostname"), ExperimentText::tr("Change the hostname"),
                          ExperimentText::tr("Sets the hostname to \"lab\" with `hostname lab`."),
                          {QStringLiteral("sethostname")}, QStringLiteral("CAP_SYS_ADMIN")));
    list.last().command = {QStringLiteral("hostname"), QStringLiteral("lab")};
    list.last().commandFor = [](const OciSpec &spec) {
        return sethostnameReachesHost(spec)
                   ? QStringList()
                   : QStringList{QStringLiteral("hostname"), QStringLiteral("lab")};
    };
    list.last().judge = [](const Observation &o) {
        return exitVerdict(o, Mechanism::Capabilities);
    };
    {
        Experiment e;
        e.id = QStringLiteral("uts");
        e.title = ExperimentText::tr("Hostname with and without a UTS namespace");
        e.tries =
            ExperimentText::tr(
                "Reads the hostname and renames the container with `hostname %1`, which is tried "
                "only where it cannot rename the host.")
                .arg(QLatin1String(LabHostname));
        // Prints the UTS namespace, the name, the rename's status and the name after it.
        const QString read = QStringLiteral("readlink /proc/self/ns/uts; hostname");
        e.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                     read + QStringLiteral("; hostname %1; echo renamed=$?; hostname")
                                .arg(QLatin1String(LabHostname))};
        e.commandFor = [read, command = e.command](const OciSpec &spec) {
            if (!sethostnameReachesHost(spec))
                return command;
            return QStringList{QStringLiteral("sh"), QStringLiteral("-c"), read};
        };
        e.mechanism = Mechanism::UtsNamespace;
        e.predict = [](const OciSpec &spec) -> Verdict {
            if (hasNewNamespace(spec, QStringLiteral("uts")))
                return {Outcome::Isolated, Mechanism::UtsNamespace,
                        ExperimentText::tr(
                            "The spec asks for a UTS namespace: the container has a hostname of "
                            "its own, and renaming it (with CAP_SYS_ADMIN) leaves the host's.")};
            return {Outcome::Shared, Mechanism::UtsNamespace,
                    ExperimentText::tr(
                        "No UTS namespace: the container reads the host's hostname; renaming "
                        "would rename the host, so only a process without CAP_SYS_ADMIN tries "
                        "it, and is refused.")};
        };
        e.judge = [](const Observation &o) -> Verdict {
            Verdict v = namespaceVerdict(o, QStringLiteral("uts"), Mechanism::UtsNamespace);
            if (v.outcome == Outcome::Unknown)
                return v;
            const QStringList lines = o.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            const QString before = lines.value(1).trimmed();
            static const QRegularExpression status(QStringLiteral("^renamed=(\\d+)$"),
                                                   QRegularExpression::MultilineOption);
            const auto renamed = status.match(o.output);
            const QString sentence =
                renamed.hasMatch() && renamed.captured(1) != QLatin1String("0")
                    ? ExperimentText::tr("`hostname %1` was refused: the process lacks "
                                         "CAP_SYS_ADMIN, so no name changed.")
                          .arg(QLatin1String(LabHostname))
                : renamed.hasMatch()
                    ? ExperimentText::tr("Inside it is now called %1; the host is still called %2.")
                          .arg(lines.last().trimmed(), o.hostHostname)
                    : ExperimentText::tr(
                          "Renaming was not tried: with CAP_SYS_ADMIN and no UTS namespace it "
                          "would rename the host.");
            if (v.outcome == Outcome::Shared) {
                v.why += QLatin1Char(' ') +
                         ExperimentText::tr("It reads the host's hostname %1.").arg(before);
            } else if (renamed.hasMatch() && renamed.captured(1) == QLatin1String("0") &&
                       o.hostHostname == QLatin1String(LabHostname)) {
                // The namespaces differ, yet the host carries the new name: say so.
                return {Outcome::Shared, Mechanism::UtsNamespace,
                        ExperimentText::tr("The host is now called %1 too.")
                            .arg(QLatin1String(LabHostname))};
            }
            v.why += QLatin1Char(' ') + sentence;
            return v;
        };
        // Docker's default capabilities in the twin: without a UTS namespace the rename is
        // then refused instead of renaming the host.
        e.relax = [](const OciSpec &spec) {
            OciSpec twin = withoutNamespace(spec, QStringLiteral("uts"));
            twin.setHostname(QString()); // a hostname needs a UTS namespace
            auto process = twin.process();
            if (process.capabilities) {
                for (QStringList *set :
                     {&process.capabilities->bounding, &process.capabilities->effective,
                      &process.capabilities->permitted, &process.capabilities->inheritable,
                      &process.capabilities->ambient})
                    set->removeAll(QStringLiteral("CAP_SYS_ADMIN"));
            }
            twin.setProcess(process);
            return twin;
        };
        list.append(e);
    }

    {
        Experiment e;
        e.id = QStringLiteral("port80");
        e.title = ExperimentText::tr("Bind port 80 in two containers");
        e.tries = ExperimentText::tr(
            "Listens on port 80 in this container and, at the same time, in a second "
            "one made from the same spec.");
        e.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("readlink /proc/self/ns/net; nc -l -p 80 & p=$!; sleep 1; "
                                    "kill -0 $p && echo bound; kill $p")};
        e.alongsideTwin = true;
        e.mechanism = Mechanism::NetworkNamespace;
        e.predict = [](const OciSpec &spec) -> Verdict {
            if (hasNewNamespace(spec, QStringLiteral("network")))
                return {Outcome::Isolated, Mechanism::NetworkNamespace,
                        ExperimentText::tr(
                            "Each container has its own network stack: both can listen on their "
                            "own port 80.")};
            return {Outcome::Shared, Mechanism::NetworkNamespace,
                    ExperimentText::tr(
                        "No network namespace: both use the host's port 80, and only one can "
                        "have it.")};
        };
        e.judge = [](const Observation &o) -> Verdict {
            const QStringList parts = o.output.split(QLatin1String(SecondContainerMarker));
            Verdict v = namespaceVerdict(o, QStringLiteral("net"), Mechanism::NetworkNamespace);
            const int bound = int(std::count_if(parts.cbegin(), parts.cend(), [](const QString &p) {
                return p.contains(QLatin1String("bound"));
            }));
            if (parts.size() < 2)
                return v;
            if (bound == 2)
                return {Outcome::Isolated, Mechanism::NetworkNamespace,
                        ExperimentText::tr(
                            "Both containers listened on port 80 at the same time: each has a "
                            "network stack of its own.") +
                            QLatin1Char(' ') + v.why};
            return {Outcome::Shared, Mechanism::NetworkNamespace,
                    ExperimentText::tr(
                        "Only %n of the two containers could listen on port 80: they share one "
                        "network stack.",
                        nullptr, bound) +
                        QLatin1Char(' ') + v.why};
        };
        e.relax = [](const OciSpec &spec) {
            return withoutNamespace(spec, QStringLiteral("network"));
        };
        list.append(e);
    }
    {
        Experiment e;
        e.id = QStringLiteral("forkbomb");
        e.title = ExperimentText::tr("Fork bomb");
        e.tries = ExperimentText::tr("Starts 200 processes as fast as it can.");
        e.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done; "
                                    "echo forked $i")};
        e.mechanism = Mechanism::PidsLimit;
        e.predict = [](const OciSpec &spec) -> Verdict {
            const auto resources = spec.linux().resources;
            const auto limit = resources ? resources->pidsLimit : std::nullopt;
            if (limit && *limit > 0 && *limit < 200)
                return {Outcome::Refused, Mechanism::PidsLimit,
                        ExperimentText::tr(
                            "pids.max is %1: fork() fails with EAGAIN once the container has %1 "
                            "tasks.")
                            .arg(*limit)};
            return {Outcome::Allowed, Mechanism::PidsLimit,
                    ExperimentText::tr(
                        "No pids limit below 200: nothing stops the processes (a real fork bomb "
                        "would exhaust the host).")};
        };
        e.judge = [](const Observation &o) -> Verdict {
            if (o.exitCode == 0 && o.output.contains(QLatin1String("forked 200")))
                return {Outcome::Allowed, Mechanism::PidsLimit,
                        ExperimentText::tr("All 200 processes started.")};
            if (o.output.contains(QLatin1String("can't fork")))
                return {Outcome::Refused, Mechanism::PidsLimit,
                        ExperimentText::tr("fork() failed: the cgroup's pids.max was reached.")};
            return {Outcome::Unknown, Mechanism::PidsLimit,
                    ExperimentText::tr("The shell ended with exit code %1.").arg(o.exitCode)};
        };
        e.relax = [](const OciSpec &spec) {
            OciSpec twin = spec;
            auto l = twin.linux();
            if (l.resources)
                l.resources->pidsLimit.reset();
            twin.setLinux(l);
            return twin;
        };
        list.append(e);
    }
    {
        Experiment e;
        e.id = QStringLiteral("memhog");
        e.title = ExperimentText::tr("Memory hog");
        e.tries = ExperimentText::tr("Allocates a 256 MiB buffer (dd with bs=256M).");
        e.command = {QStringLiteral("dd"), QStringLiteral("if=/dev/zero"),
                     QStringLiteral("of=/dev/null"), QStringLiteral("bs=256M"),
                     QStringLiteral("count=1")};
        e.needsStats = true;
        e.mechanism = Mechanism::MemoryLimit;
        e.predict = [](const OciSpec &spec) -> Verdict {
            const auto resources = spec.linux().resources;
            const auto memory = resources ? resources->memory : std::nullopt;
            if (memory && memory->limit && *memory->limit > 0 && *memory->limit < 256 * 1024 * 1024)
                return {Outcome::Killed, Mechanism::MemoryLimit,
                        ExperimentText::tr(
                            "The memory limit is %1 MiB: the kernel's OOM killer ends the process "
                            "that pushes the cgroup over it.")
                            .arg(*memory->limit / (1024 * 1024))};
            return {Outcome::Allowed, Mechanism::MemoryLimit,
                    ExperimentText::tr("No memory limit below 256 MiB: the allocation succeeds.")};
        };
        e.judge = [](const Observation &o) -> Verdict {
            const double kills =
                sampleNumber(o.after, "oom_kills") - sampleNumber(o.before, "oom_kills");
            if (o.exitCode == SigKillExit || kills > 0)
                return {Outcome::Killed, Mechanism::MemoryLimit,
                        ExperimentText::tr(
                            "The process was killed (exit code %1); the cgroup counted %2 OOM "
                            "kill(s).")
                            .arg(o.exitCode)
                            .arg(kills)};
            if (o.exitCode == 0)
                return {Outcome::Allowed, Mechanism::MemoryLimit,
                        ExperimentText::tr("The 256 MiB were allocated.")};
            return exitVerdict(o, Mechanism::MemoryLimit);
        };
        e.relax = [](const OciSpec &spec) {
            OciSpec twin = spec;
            auto l = twin.linux();
            if (l.resources && l.resources->memory) {
                l.resources->memory->limit.reset();
                l.resources->memory->swap.reset();
                l.resources->memory->reservation.reset();
            }
            twin.setLinux(l);
            return twin;
        };
        list.append(e);
    }
    {
        Experiment e;
        e.id = QStringLiteral("cpuhog");
        e.title = ExperimentText::tr("CPU hog");
        e.tries = ExperimentText::tr("Spins one CPU for a second.");
        e.command = {QStringLiteral("timeout"), QStringLiteral("1"), QStringLiteral("sh"),
                     QStringLiteral("-c"), QStringLiteral("while :; do :; done")};
        e.needsStats = true;
        e.mechanism = Mechanism::CpuLimit;
        e.predict = [](const OciSpec &spec) -> Verdict {
            const auto resources = spec.linux().resources;
            const auto cpu = resources ? resources->cpu : std::nullopt;
            if (cpu && cpu->quota && *cpu->quota > 0) {
                const double period = cpu->period.value_or(100000);
                const double cpus = double(*cpu->quota) / period;
                if (cpus < 1.0)
                    return {Outcome::Throttled, Mechanism::CpuLimit,
                            ExperimentText::tr(
                                "The CPU quota is %1 CPU per period: the scheduler stops the "
                                "loop for the rest of each period once the quota is used.")
                                .arg(cpus, 0, 'g', 3)};
            }
            return {Outcome::Allowed, Mechanism::CpuLimit,
                    ExperimentText::tr("No CPU quota below one CPU: the loop runs at full speed.")};
        };
        e.judge = [](const Observation &o) -> Verdict {
            const double periods = sampleNumber(o.after, "cpu_throttled_periods") -
                                   sampleNumber(o.before, "cpu_throttled_periods");
            if (periods > 0)
                return {Outcome::Throttled, Mechanism::CpuLimit,
                        ExperimentText::tr("The scheduler throttled the container in %1 periods.")
                            .arg(periods)};
            return {Outcome::Allowed, Mechanism::CpuLimit,
                    ExperimentText::tr("The loop was never throttled.")};
        };
        e.relax = [](const OciSpec &spec) {
            OciSpec twin = spec;
            auto l = twin.linux();
            if (l.resources && l.resources->cpu) {
                l.resources->cpu->quota.reset();
                l.resources->cpu->period.reset();
            }
            twin.setLinux(l);
            return twin;
        };
        list.append(e);
    }
    {
        Experiment e;
        e.id = QStringLiteral("readonly");
        e.title = ExperimentText::tr("Write to the root");
        e.tries = ExperimentText::tr("Creates (and removes) the file /.isolde-lab.");
        e.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("touch /.isolde-lab && rm /.isolde-lab")};
        e.mechanism = Mechanism::ReadonlyRoot;
        e.predict = [](const OciSpec &spec) -> Verdict {
            if (spec.root().readonly)
                return {Outcome::Refused, Mechanism::ReadonlyRoot,
                        ExperimentText::tr(
                            "root.readonly is true: the root is mounted read-only, writes fail "
                            "with EROFS.")};
            return {Outcome::Allowed, Mechanism::ReadonlyRoot,
                    ExperimentText::tr(
                        "The root is writable: the file lands in the container's own overlay "
                        "layer.")};
        };
        e.judge = [](const Observation &o) { return exitVerdict(o, Mechanism::ReadonlyRoot); };
        e.relax = [](const OciSpec &spec) {
            OciSpec twin = spec;
            auto root = twin.root();
            root.readonly = false;
            twin.setRoot(root);
            return twin;
        };
        list.append(e);
    }
    {
        Experiment e;
        e.id = QStringLiteral("masked");
        e.title = ExperimentText::tr("Read a masked path");
        e.tries =
            ExperimentText::tr("Reads /proc/timer_list, which tells about the host's timers.");
        e.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("head -c 64 /proc/timer_list | wc -c")};
        e.mechanism = Mechanism::MaskedPaths;
        e.predict = [](const OciSpec &spec) -> Verdict {
            if (spec.linux().maskedPaths.contains(QLatin1String("/proc/timer_list")))
                return {Outcome::Refused, Mechanism::MaskedPaths,
                        ExperimentText::tr(
                            "/proc/timer_list is in linux.maskedPaths: /dev/null is bound over "
                            "it, so it reads as empty.")};
            return {Outcome::Allowed, Mechanism::MaskedPaths,
                    ExperimentText::tr(
                        "/proc/timer_list is not masked: the host's timers can be read.")};
        };
        e.judge = [](const Observation &o) -> Verdict {
            bool ok = false;
            const int bytes = o.output.trimmed().section(QLatin1Char('\n'), -1).toInt(&ok);
            if (!ok)
                return {Outcome::Unknown, Mechanism::MaskedPaths, o.output.trimmed()};
            if (bytes > 0)
                return {
                    Outcome::Allowed, Mechanism::MaskedPaths,
                    ExperimentText::tr("%1 bytes of the host's timer list came out.").arg(bytes)};
            return {Outcome::Refused, Mechanism::MaskedPaths,
                    ExperimentText::tr("The file read as empty: it is masked.")};
        };
        e.relax = [](const OciSpec &spec) {
            OciSpec twin = spec;
            auto l = twin.linux();
            l.maskedPaths.removeAll(QStringLiteral("/proc/timer_list"));
            twin.setLinux(l);
            return twin;
        };
        list.append(e);
    }
    {
        Experiment e;
        e.id = QStringLiteral("userns");
        e.title = ExperimentText::tr("Root inside, nobody outside");
        e.tries = ExperimentText::tr(
            "Creates a file as root in a host directory bind-mounted into a twin container, and "
            "shows who owns it on the host.");
        e.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                     QStringLiteral("id -u; cat /proc/self/uid_map; touch %1/%2 && ls -ln %1")
                         .arg(QLatin1String(LabMountPoint), QLatin1String(LabFileName))};
        e.bindsHostDirectory = true;
        e.mechanism = Mechanism::UserNamespace;
        e.predict = [](const OciSpec &spec) -> Verdict {
            if (hasNewNamespace(spec, QStringLiteral("user"))) {
                for (const auto &m : spec.linux().uidMappings) {
                    if (m.containerID == 0)
                        return {Outcome::Isolated, Mechanism::UserNamespace,
                                ExperimentText::tr(
                                    "A user namespace maps root inside to uid %1 on the host, an "
                                    "unprivileged user there.")
                                    .arg(m.hostID)};
                }
                return {Outcome::Isolated, Mechanism::UserNamespace,
                        ExperimentText::tr("A user namespace without a mapping for root.")};
            }
            return {Outcome::Shared, Mechanism::UserNamespace,
                    ExperimentText::tr(
                        "No user namespace: root inside is root on the host, held back only by "
                        "capabilities, seccomp and the other namespaces.")};
        };
        e.judge = [](const Observation &o) -> Verdict {
            static const QRegularExpression line(
                QStringLiteral("^[ \\t]*0[ \\t]+(\\d+)[ \\t]+(\\d+)"),
                QRegularExpression::MultilineOption);
            const auto match = line.match(o.output);
            if (o.hostFileOwner < 0)
                return {Outcome::Unknown, Mechanism::UserNamespace,
                        ExperimentText::tr("No file appeared in the host directory: %1")
                            .arg(o.output.trimmed().section(QLatin1Char('\n'), -1))};
            // The uid map is the kernel's own account of the translation the owner shows.
            const QString map =
                match.hasMatch()
                    ? QLatin1Char(' ') + ExperimentText::tr("The uid map says uid 0 inside is "
                                                            "uid %1 on the host.")
                                             .arg(match.captured(1))
                    : QString();
            if (o.hostFileOwner == 0)
                return {Outcome::Shared, Mechanism::UserNamespace,
                        ExperimentText::tr("The file root made inside belongs to root (uid 0) "
                                           "on the host.") +
                            map};
            return {Outcome::Isolated, Mechanism::UserNamespace,
                    ExperimentText::tr("The file root made inside belongs to uid %1 on the host, "
                                       "an unprivileged user there: the user namespace maps "
                                       "root to it.")
                            .arg(o.hostFileOwner) +
                        map};
        };
        e.relax = [](const OciSpec &spec) {
            OciSpec twin = withoutNamespace(spec, QStringLiteral("user"));
            auto l = twin.linux();
            l.uidMappings.clear();
            l.gidMappings.clear();
            twin.setLinux(l);
            return twin;
        };
        list.append(e);
    }
    return list;
}

} // namespace

QString outcomeId(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Allowed:
        return QStringLiteral("allowed");
    case Outcome::Refused:
        return QStringLiteral("refused");
    case Outcome::Killed:
        return QStringLiteral("killed");
    case Outcome::Throttled:
        return QStringLiteral("throttled");
    case Outcome::Isolated:
        return QStringLiteral("isolated");
    case Outcome::Shared:
        return QStringLiteral("shared");
    case Outcome::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString outcomeText(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Allowed:
        return ExperimentText::tr("allowed");
    case Outcome::Refused:
        return ExperimentText::tr("refused");
    case Outcome::Killed:
        return ExperimentText::tr("killed");
    case Outcome::Throttled:
        return ExperimentText::tr("throttled");
    case Outcome::Isolated:
        return ExperimentText::tr("isolated");
    case Outcome::Shared:
        return ExperimentText::tr("shared with the host");
    case Outcome::Unknown:
        break;
    }
    return ExperimentText::tr("unknown");
}

QString mechanismId(Mechanism mechanism)
{
    switch (mechanism) {
    case Mechanism::Seccomp:
        return QStringLiteral("seccomp");
    case Mechanism::Capabilities:
        return QStringLiteral("capabilities");
    case Mechanism::PidNamespace:
        return QStringLiteral("pidNamespace");
    case Mechanism::NetworkNamespace:
        return QStringLiteral("networkNamespace");
    case Mechanism::UserNamespace:
        return QStringLiteral("userNamespace");
    case Mechanism::UtsNamespace:
        return QStringLiteral("utsNamespace");
    case Mechanism::PidsLimit:
        return QStringLiteral("pidsLimit");
    case Mechanism::MemoryLimit:
        return QStringLiteral("memoryLimit");
    case Mechanism::CpuLimit:
        return QStringLiteral("cpuLimit");
    case Mechanism::ReadonlyRoot:
        return QStringLiteral("readonlyRoot");
    case Mechanism::MaskedPaths:
        return QStringLiteral("maskedPaths");
    }
    return {};
}

QString mechanismText(Mechanism mechanism)
{
    switch (mechanism) {
    case Mechanism::Seccomp:
        return ExperimentText::tr("seccomp filter");
    case Mechanism::Capabilities:
        return ExperimentText::tr("capabilities");
    case Mechanism::PidNamespace:
        return ExperimentText::tr("PID namespace");
    case Mechanism::NetworkNamespace:
        return ExperimentText::tr("network namespace");
    case Mechanism::UserNamespace:
        return ExperimentText::tr("user namespace");
    case Mechanism::UtsNamespace:
        return ExperimentText::tr("UTS namespace");
    case Mechanism::PidsLimit:
        return ExperimentText::tr("pids cgroup limit");
    case Mechanism::MemoryLimit:
        return ExperimentText::tr("memory cgroup limit");
    case Mechanism::CpuLimit:
        return ExperimentText::tr("CPU cgroup quota");
    case Mechanism::ReadonlyRoot:
        return ExperimentText::tr("read-only root");
    case Mechanism::MaskedPaths:
        return ExperimentText::tr("masked paths");
    }
    return {};
}

const QList<Experiment> &experiments()
{
    static const QList<Experiment> catalogue = makeCatalogue();
    return catalogue;
}

const Experiment *findExperiment(const QString &id)
{
    for (const Experiment &e : experiments()) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

QString seccompAction(const OciSpec &spec, const QString &syscall)
{
    const auto seccomp = spec.linux().seccomp;
    if (!seccomp)
        return {};
    // libseccomp takes the union of a call's rules; a rule with argument conditions allows
    // the call for some arguments, which is how the lab's acts call it (socket(AF_INET)).
    QString ruleAction;
    for (const auto &rule : seccomp->syscalls) {
        if (!rule.names.contains(syscall))
            continue;
        if (rule.action == AllowAction)
            return AllowAction;
        if (ruleAction.isEmpty())
            ruleAction = rule.action;
    }
    return ruleAction.isEmpty() ? seccomp->defaultAction : ruleAction;
}

bool hasEffectiveCapability(const OciSpec &spec, const QString &capability)
{
    const auto caps = spec.process().capabilities;
    return caps && caps->effective.contains(capability);
}

bool hasNewNamespace(const OciSpec &spec, const QString &type)
{
    const auto namespaces = spec.linux().namespaces;
    return std::any_of(namespaces.cbegin(), namespaces.cend(), [&](const spec::Namespace &ns) {
        return ns.type == type && ns.path.isEmpty();
    });
}

bool sethostnameReachesHost(const OciSpec &spec)
{
    const auto caps = spec.process().capabilities;
    // No capabilities in the spec leaves them to the runtime: assume the worst.
    return !hasNewNamespace(spec, QStringLiteral("uts")) &&
           (!caps || caps->bounding.contains(QLatin1String("CAP_SYS_ADMIN")));
}

OciSpec presetSpec(const QString &experimentId)
{
    OciSpec s = spec::defaultSpec();
    auto process = s.process();
    process.args = {QStringLiteral("sleep"), QStringLiteral("3600")};
    if (experimentId == QLatin1String("ping")) {
        auto caps = process.capabilities.value_or(spec::Capabilities{});
        for (QStringList *set : {&caps.bounding, &caps.effective, &caps.permitted})
            set->removeAll(QStringLiteral("CAP_NET_RAW"));
        process.capabilities = caps;
    }
    s.setProcess(process);
    if (experimentId == QLatin1String("uts"))
        s = withCapability(s, QStringLiteral("CAP_SYS_ADMIN"));
    auto l = s.linux();
    auto resources = l.resources.value_or(spec::Resources{});
    if (experimentId == QLatin1String("forkbomb")) {
        resources.pidsLimit = 50;
    } else if (experimentId == QLatin1String("memhog")) {
        spec::MemoryResources memory;
        memory.limit = 64 * 1024 * 1024;
        resources.memory = memory;
    } else if (experimentId == QLatin1String("cpuhog")) {
        spec::CpuResources cpu;
        cpu.quota = 20000;
        cpu.period = 100000;
        resources.cpu = cpu;
    } else if (experimentId == QLatin1String("readonly")) {
        auto root = s.root();
        root.readonly = true;
        s.setRoot(root);
    } else if (experimentId == QLatin1String("userns")) {
        l.namespaces.append({QStringLiteral("user"), QString()});
        l.uidMappings = {{0, 100000, 65536}};
        l.gidMappings = {{0, 100000, 65536}};
    }
    l.resources = resources;
    s.setLinux(l);
    return s;
}

OciSpec withoutSeccomp(const OciSpec &spec)
{
    OciSpec twin = spec;
    auto l = twin.linux();
    l.seccomp.reset();
    twin.setLinux(l);
    return twin;
}

OciSpec withCapability(const OciSpec &spec, const QString &capability)
{
    OciSpec twin = spec;
    auto process = twin.process();
    auto caps = process.capabilities.value_or(spec::Capabilities{});
    for (QStringList *set : {&caps.bounding, &caps.effective, &caps.permitted}) {
        if (!set->contains(capability))
            set->append(capability);
    }
    process.capabilities = caps;
    twin.setProcess(process);
    return twin;
}

OciSpec withSyscallsAllowed(const OciSpec &spec, const QStringList &syscalls)
{
    OciSpec twin = spec;
    auto l = twin.linux();
    if (!l.seccomp)
        return twin;
    // The first matching rule wins in the lab's reading and in libseccomp's union of allow
    // rules, so one allow rule in front opens the calls whatever follows.
    spec::SeccompSyscall rule;
    rule.names = syscalls;
    rule.action = AllowAction;
    l.seccomp->syscalls.prepend(rule);
    twin.setLinux(l);
    return twin;
}

OciSpec withoutNamespace(const OciSpec &spec, const QString &type)
{
    OciSpec twin = spec;
    auto l = twin.linux();
    l.namespaces.removeIf([&](const spec::Namespace &ns) { return ns.type == type; });
    twin.setLinux(l);
    return twin;
}

} // namespace isolde::teaching
