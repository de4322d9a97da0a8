#include "teaching/Lessons.h"

#include <QCoreApplication>

namespace isolde::teaching {

namespace {

// Every string of this file, under one translation context that lupdate recognises.
struct LessonText
{
    Q_DECLARE_TR_FUNCTIONS(LessonText)
};

LessonStep read(const QString &text)
{
    return {text, StepAction::Read, QString()};
}

LessonStep act(const QString &text, StepAction action, const char *argument = "")
{
    return {text, action, QString::fromLatin1(argument)};
}

QList<Lesson> makeLessons()
{
    using A = StepAction;
    return {
        {QStringLiteral("pid"),
         LessonText::tr("PID namespace"),
         LessonText::tr(
             "A separate process ID tree: the container's first process is PID 1 inside and an "
             "ordinary PID on the host."),
         {act(LessonText::tr("Create a container with Docker's defaults."), A::Create),
          act(LessonText::tr("Run \"Who am I?\": ps lists only the container's processes."),
              A::Experiment, "whoami"),
          act(LessonText::tr("Compare the pid namespace inode inside with the host's in the map."),
              A::Map, "namespaces"),
          act(LessonText::tr(
                  "Run it again without a PID namespace: ps now lists the host's processes."),
              A::Relaxed, "whoami")}},
        {QStringLiteral("net"),
         LessonText::tr("Network namespace"),
         LessonText::tr(
             "Its own interfaces, addresses, routes and ports: every container can bind port "
             "80."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("Bind port 80 here and in a second container at once: both get it."),
              A::Experiment, "port80"),
          act(LessonText::tr(
                  "Without network namespaces both share the host's port 80: only one gets it."),
              A::Relaxed, "port80"),
          act(LessonText::tr("Find the network namespace's inode in the map."), A::Map,
              "namespaces")}},
        {QStringLiteral("mnt"),
         LessonText::tr("Mount namespace"),
         LessonText::tr("An isolated filesystem view: mounts made inside do not reach the host."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("Its mounts are the lines of its own mountinfo, shown in the map."),
              A::Map, "filesystem"),
          act(LessonText::tr("Mounting needs CAP_SYS_ADMIN and seccomp's consent; try it."),
              A::Experiment, "mount")}},
        {QStringLiteral("uts"),
         LessonText::tr("UTS namespace"),
         LessonText::tr("Its own hostname and domain name."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("The hostname inside differs from the host's: see the map."), A::Map,
              "namespaces"),
          act(LessonText::tr("Changing it needs CAP_SYS_ADMIN, which Docker's defaults drop."),
              A::Experiment, "hostname"),
          act(LessonText::tr("With the capability added, the container renames only itself."),
              A::Relaxed, "hostname")}},
        {QStringLiteral("ipc"),
         LessonText::tr("IPC namespace"),
         LessonText::tr(
             "Isolated System V shared memory, semaphores and message queues, and its own POSIX "
             "message queues."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("Its ipc namespace inode differs from the host's: see the map."),
              A::Map, "namespaces")}},
        {QStringLiteral("cgroupns"),
         LessonText::tr("Cgroup namespace"),
         LessonText::tr(
             "Hides the host's cgroup tree: the container sees its own cgroup as the root."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("Inside, the container's cgroup path is \"/\"; the host sees "
                             "/isolde/helper/<id>. "
                             "Compare both in the map."),
              A::Map, "cgroup")}},
        {QStringLiteral("userns"),
         LessonText::tr("User namespace"),
         LessonText::tr("Root inside the container maps to an unprivileged user on the host."),
         {act(LessonText::tr(
                  "Create a container with a user namespace mapping root to uid 100000."),
              A::Create, "userns"),
          act(LessonText::tr(
                  "Create a file in a bind mount: inside it belongs to root, on the host "
                  "to uid 100000."),
              A::Experiment, "userns"),
          act(LessonText::tr("The map row shows /proc/PID/uid_map as the host reads it."), A::Map,
              "namespaces"),
          act(LessonText::tr("Without the user namespace, root inside is root on the host."),
              A::Relaxed, "userns")}},
        {QStringLiteral("cpu"),
         LessonText::tr("CPU cgroup"),
         LessonText::tr("Time slices and core pinning: a quota of CPU time per period."),
         {act(LessonText::tr("Create a container limited to 0.2 CPU."), A::Create, "cpuhog"),
          act(LessonText::tr("Spin a CPU inside: the scheduler throttles it."), A::Experiment,
              "cpuhog"),
          act(LessonText::tr("The chart shows CPU use flat at the quota."), A::Chart, "cpuPercent"),
          act(LessonText::tr("The quota lives in a cgroup file: see the map."), A::Map, "cgroup")}},
        {QStringLiteral("memory"),
         LessonText::tr("Memory cgroup"),
         LessonText::tr("RAM and swap limits: above the limit the kernel reclaims, then kills."),
         {act(LessonText::tr("Create a container limited to 64 MiB."), A::Create, "memhog"),
          act(LessonText::tr("Allocate 256 MiB inside: the OOM killer ends the process."),
              A::Experiment, "memhog"),
          act(LessonText::tr("The memory chart shows the climb and the kill."), A::Chart,
              "memoryUsage"),
          act(LessonText::tr(
                  "The limit is memory.limit_in_bytes (v1) or memory.max (v2): see the map."),
              A::Map, "cgroup")}},
        {QStringLiteral("blkio"),
         LessonText::tr("Block IO cgroup"),
         LessonText::tr("Disk bandwidth: weights and read/write throttles per device."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr(
                  "Its read and write rates are counted by the io (v2) or blkio (v1) controller."),
              A::Chart, "ioWriteRate")}},
        {QStringLiteral("netlimit"),
         LessonText::tr("Network bandwidth"),
         LessonText::tr(
             "Bandwidth is not a cgroup limit: it is shaped with tc on the container's interface."),
         {read(LessonText::tr(
              "Traffic control (tc) queues on the container's veth pair limit its bandwidth; "
              "the cgroup only tags packets for it.")),
          act(LessonText::tr(
                  "Create a container: without a network it has only the loopback interface."),
              A::Create),
          act(LessonText::tr("See its own network namespace in the map."), A::Map, "namespaces")}},
        {QStringLiteral("devices"),
         LessonText::tr("Devices cgroup"),
         LessonText::tr("Which device nodes the container may open or create."),
         {read(LessonText::tr(
              "Docker's rules deny every device but null, zero, full, random, urandom, tty, "
              "console, ptmx and pts; mknod is allowed, opening other devices is not.")),
          act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("The capability to create device nodes, CAP_MKNOD, is in the map."),
              A::Map, "capabilities")}},
        {QStringLiteral("seccomp"),
         LessonText::tr("Seccomp"),
         LessonText::tr(
             "A filter on system calls: the default profile refuses about 44 dangerous ones, "
             "among them reboot, mount and ptrace."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("Trace another process: the filter refuses ptrace()."), A::Experiment,
              "ptrace"),
          act(LessonText::tr("The map shows Seccomp: 2 and the profile's rule for ptrace."), A::Map,
              "seccomp"),
          act(LessonText::tr("Without the filter, ptrace() goes through."), A::Relaxed, "ptrace")}},
        {QStringLiteral("capabilities"),
         LessonText::tr("Capabilities"),
         LessonText::tr("Root's power cut into pieces: the container keeps 14 of them."),
         {act(LessonText::tr("Create a container without CAP_NET_RAW."), A::Create, "ping"),
          act(LessonText::tr("Ping needs a raw socket: refused."), A::Experiment, "ping"),
          act(LessonText::tr("Each capability is a bit of CapEff and CapBnd: see the map."), A::Map,
              "capabilities"),
          act(LessonText::tr("With CAP_NET_RAW added, ping opens its socket."), A::Relaxed,
              "ping")}},
        {QStringLiteral("lsm"),
         LessonText::tr("AppArmor and SELinux"),
         LessonText::tr(
             "Mandatory access control profiles restrict files, network and more, beyond "
             "permissions and capabilities."),
         {read(LessonText::tr(
              "Isolde applies process.apparmorProfile and the SELinux label when the host has "
              "AppArmor or SELinux enabled; when it has neither, the container's state says so "
              "in the annotation org.isolde.lsm.")),
          act(LessonText::tr("Create a container and look for the annotation in its inspect view."),
              A::Create)}},
        {QStringLiteral("readonly"),
         LessonText::tr("Read-only root"),
         LessonText::tr("An immutable root filesystem: binaries cannot be changed at run time."),
         {act(LessonText::tr("Create a container with a read-only root."), A::Create, "readonly"),
          act(LessonText::tr("Write to the root: EROFS."), A::Experiment, "readonly"),
          act(LessonText::tr("The mountinfo line of / carries \"ro\": see the map."), A::Map,
              "filesystem"),
          act(LessonText::tr("With a writable root, the file lands in the container's own layer."),
              A::Relaxed, "readonly")}},
        {QStringLiteral("masked"),
         LessonText::tr("Masked paths"),
         LessonText::tr("Files of /proc and /sys that tell about the host are covered."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("Read /proc/timer_list: it is empty."), A::Experiment, "masked"),
          act(LessonText::tr("Unmasked, the host's timers show through."), A::Relaxed, "masked")}},
        {QStringLiteral("overlay"),
         LessonText::tr("Overlay layers"),
         LessonText::tr(
             "Layered images with copy-on-write: base layers are shared and read-only; each "
             "container writes to its own upper layer."),
         {act(LessonText::tr("Create a container."), A::Create),
          act(LessonText::tr("Write a file: it goes to the container's upper layer, the image "
                             "stays as it was."),
              A::Experiment, "readonly"),
          act(LessonText::tr("The root's mountinfo line is an overlay with lowerdir and upperdir."),
              A::Map, "filesystem")}},
        {QStringLiteral("vm"),
         LessonText::tr("Containers and virtual machines"),
         LessonText::tr(
             "Containers share the host's kernel: process-level isolation, milliseconds to start. "
             "A VM has its own kernel behind a hypervisor and boots in seconds."),
         {read(LessonText::tr(
              "Kernel: shared with the host, or a VM's own. Isolation: kernel features, or the "
              "hypervisor. Overhead: minimal, or a full operating system.")),
          act(LessonText::tr("Measure how long Isolde takes to create and start a container."),
              A::Measure),
          read(LessonText::tr(
              "A kernel bug can let a process out of a container; keep kernels patched, use "
              "user namespaces, seccomp and few capabilities, or gVisor or Kata Containers "
              "for a stronger boundary."))}},
        {QStringLiteral("numbers"),
         LessonText::tr("Reading the numbers"),
         LessonText::tr("Why docker stats, top and ctop disagree on CPU and memory."),
         {act(LessonText::tr("Create a container limited to 0.2 CPU."), A::Create, "cpuhog"),
          act(LessonText::tr(
                  "Spin it, then switch the CPU % convention: per core (Docker), share of the host "
                  "(ctop, LXD), share of the quota."),
              A::Experiment, "cpuhog"),
          act(LessonText::tr("The memory breakdown: anon, file, inactive file, shmem, kernel."),
              A::Chart, "memoryUsage")}},
    };
}

} // namespace

QString stepActionId(StepAction action)
{
    switch (action) {
    case StepAction::Read:
        return QStringLiteral("read");
    case StepAction::Create:
        return QStringLiteral("create");
    case StepAction::Experiment:
        return QStringLiteral("experiment");
    case StepAction::Relaxed:
        return QStringLiteral("relaxed");
    case StepAction::Map:
        return QStringLiteral("map");
    case StepAction::Chart:
        return QStringLiteral("chart");
    case StepAction::Measure:
        return QStringLiteral("measure");
    }
    return {};
}

const QList<Lesson> &lessons()
{
    static const QList<Lesson> list = makeLessons();
    return list;
}

} // namespace isolde::teaching
