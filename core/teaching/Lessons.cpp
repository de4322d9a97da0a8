#include "teaching/Lessons.h"

#include <QCoreApplication>

namespace isolde::teaching {

namespace {

QString t(const char *text)
{
    return QCoreApplication::translate("isolde::teaching::Lessons", text);
}

LessonStep read(const char *text)
{
    return {t(text), StepAction::Read, QString()};
}

LessonStep act(const char *text, StepAction action, const char *argument = "")
{
    return {t(text), action, QString::fromLatin1(argument)};
}

QList<Lesson> makeLessons()
{
    using A = StepAction;
    return {
        {QStringLiteral("pid"),
         t("PID namespace"),
         t("A separate process ID tree: the container's first process is PID 1 inside and an "
           "ordinary PID on the host."),
         {act("Create a container with Docker's defaults.", A::Create),
          act("Run \"Who am I?\": ps lists only the container's processes.", A::Experiment,
              "whoami"),
          act("Compare the pid namespace inode inside with the host's in the map.", A::Map,
              "namespaces"),
          act("Run it again without a PID namespace: ps now lists the host's processes.",
              A::Relaxed, "whoami")}},
        {QStringLiteral("net"),
         t("Network namespace"),
         t("Its own interfaces, addresses, routes and ports: every container can bind port "
           "80."),
         {act("Create a container.", A::Create),
          act("Bind port 80 here and in a second container at once: both get it.", A::Experiment,
              "port80"),
          act("Without network namespaces both share the host's port 80: only one gets it.",
              A::Relaxed, "port80"),
          act("Find the network namespace's inode in the map.", A::Map, "namespaces")}},
        {QStringLiteral("mnt"),
         t("Mount namespace"),
         t("An isolated filesystem view: mounts made inside do not reach the host."),
         {act("Create a container.", A::Create),
          act("Its mounts are the lines of its own mountinfo, shown in the map.", A::Map,
              "filesystem"),
          act("Mounting needs CAP_SYS_ADMIN and seccomp's consent; try it.", A::Experiment,
              "mount")}},
        {QStringLiteral("uts"),
         t("UTS namespace"),
         t("Its own hostname and domain name."),
         {act("Create a container.", A::Create),
          act("The hostname inside differs from the host's: see the map.", A::Map, "namespaces"),
          act("Changing it needs CAP_SYS_ADMIN, which Docker's defaults drop.", A::Experiment,
              "hostname"),
          act("With the capability added, the container renames only itself.", A::Relaxed,
              "hostname")}},
        {QStringLiteral("ipc"),
         t("IPC namespace"),
         t("Isolated System V shared memory, semaphores and message queues, and its own POSIX "
           "message queues."),
         {act("Create a container.", A::Create),
          act("Its ipc namespace inode differs from the host's: see the map.", A::Map,
              "namespaces")}},
        {QStringLiteral("cgroupns"),
         t("Cgroup namespace"),
         t("Hides the host's cgroup tree: the container sees its own cgroup as the root."),
         {act("Create a container.", A::Create),
          act("Inside, the container's cgroup path is \"/\"; the host sees /isolde/helper/<id>. "
              "Compare both in the map.",
              A::Map, "cgroup")}},
        {QStringLiteral("userns"),
         t("User namespace"),
         t("Root inside the container maps to an unprivileged user on the host."),
         {act("Create a container with a user namespace mapping root to uid 100000.", A::Create,
              "userns"),
          act("Look at the uid map: inside uid 0, outside uid 100000.", A::Experiment, "userns"),
          act("The map row shows /proc/PID/uid_map as the host reads it.", A::Map, "namespaces"),
          act("Without the user namespace, root inside is root on the host.", A::Relaxed,
              "userns")}},
        {QStringLiteral("cpu"),
         t("CPU cgroup"),
         t("Time slices and core pinning: a quota of CPU time per period."),
         {act("Create a container limited to 0.2 CPU.", A::Create, "cpuhog"),
          act("Spin a CPU inside: the scheduler throttles it.", A::Experiment, "cpuhog"),
          act("The chart shows CPU use flat at the quota.", A::Chart, "cpuPercent"),
          act("The quota lives in a cgroup file: see the map.", A::Map, "cgroup")}},
        {QStringLiteral("memory"),
         t("Memory cgroup"),
         t("RAM and swap limits: above the limit the kernel reclaims, then kills."),
         {act("Create a container limited to 64 MiB.", A::Create, "memhog"),
          act("Allocate 256 MiB inside: the OOM killer ends the process.", A::Experiment, "memhog"),
          act("The memory chart shows the climb and the kill.", A::Chart, "memoryUsage"),
          act("The limit is memory.limit_in_bytes (v1) or memory.max (v2): see the map.", A::Map,
              "cgroup")}},
        {QStringLiteral("blkio"),
         t("Block IO cgroup"),
         t("Disk bandwidth: weights and read/write throttles per device."),
         {act("Create a container.", A::Create),
          act("Its read and write rates are counted by the io (v2) or blkio (v1) controller.",
              A::Chart, "ioWriteRate")}},
        {QStringLiteral("netlimit"),
         t("Network bandwidth"),
         t("Bandwidth is not a cgroup limit: it is shaped with tc on the container's interface."),
         {read("Traffic control (tc) queues on the container's veth pair limit its bandwidth; "
               "the cgroup only tags packets for it."),
          act("Create a container: without a network it has only the loopback interface.",
              A::Create),
          act("See its own network namespace in the map.", A::Map, "namespaces")}},
        {QStringLiteral("devices"),
         t("Devices cgroup"),
         t("Which device nodes the container may open or create."),
         {read("Docker's rules deny every device but null, zero, full, random, urandom, tty, "
               "console, ptmx and pts; mknod is allowed, opening other devices is not."),
          act("Create a container.", A::Create),
          act("The capability to create device nodes, CAP_MKNOD, is in the map.", A::Map,
              "capabilities")}},
        {QStringLiteral("seccomp"),
         t("Seccomp"),
         t("A filter on system calls: the default profile refuses about 44 dangerous ones, "
           "among them reboot, mount and ptrace."),
         {act("Create a container.", A::Create),
          act("Trace another process: the filter refuses ptrace().", A::Experiment, "ptrace"),
          act("The map shows Seccomp: 2 and the profile's rule for ptrace.", A::Map, "seccomp"),
          act("Without the filter, ptrace() goes through.", A::Relaxed, "ptrace")}},
        {QStringLiteral("capabilities"),
         t("Capabilities"),
         t("Root's power cut into pieces: the container keeps 14 of them."),
         {act("Create a container without CAP_NET_RAW.", A::Create, "ping"),
          act("Ping needs a raw socket: refused.", A::Experiment, "ping"),
          act("Each capability is a bit of CapEff and CapBnd: see the map.", A::Map,
              "capabilities"),
          act("With CAP_NET_RAW added, ping opens its socket.", A::Relaxed, "ping")}},
        {QStringLiteral("lsm"),
         t("AppArmor and SELinux"),
         t("Mandatory access control profiles restrict files, network and more, beyond "
           "permissions and capabilities."),
         {read("Isolde applies process.apparmorProfile and the SELinux label when the host has "
               "AppArmor or SELinux enabled; when it has neither, the container's state says so "
               "in the annotation org.isolde.lsm."),
          act("Create a container and look for the annotation in its inspect view.", A::Create)}},
        {QStringLiteral("readonly"),
         t("Read-only root"),
         t("An immutable root filesystem: binaries cannot be changed at run time."),
         {act("Create a container with a read-only root.", A::Create, "readonly"),
          act("Write to the root: EROFS.", A::Experiment, "readonly"),
          act("The mountinfo line of / carries \"ro\": see the map.", A::Map, "filesystem"),
          act("With a writable root, the file lands in the container's own layer.", A::Relaxed,
              "readonly")}},
        {QStringLiteral("masked"),
         t("Masked paths"),
         t("Files of /proc and /sys that tell about the host are covered."),
         {act("Create a container.", A::Create),
          act("Read /proc/timer_list: it is empty.", A::Experiment, "masked"),
          act("Unmasked, the host's timers show through.", A::Relaxed, "masked")}},
        {QStringLiteral("overlay"),
         t("Overlay layers"),
         t("Layered images with copy-on-write: base layers are shared and read-only; each "
           "container writes to its own upper layer."),
         {act("Create a container.", A::Create),
          act("Write a file: it goes to the container's upper layer, the image stays as it was.",
              A::Experiment, "readonly"),
          act("The root's mountinfo line is an overlay with lowerdir and upperdir.", A::Map,
              "filesystem")}},
        {QStringLiteral("vm"),
         t("Containers and virtual machines"),
         t("Containers share the host's kernel: process-level isolation, milliseconds to start. "
           "A VM has its own kernel behind a hypervisor and boots in seconds."),
         {read("Kernel: shared with the host, or a VM's own. Isolation: kernel features, or the "
               "hypervisor. Overhead: minimal, or a full operating system."),
          act("Measure how long Isolde takes to create and start a container.", A::Measure),
          read("A kernel bug can let a process out of a container; keep kernels patched, use "
               "user namespaces, seccomp and few capabilities, or gVisor or Kata Containers "
               "for a stronger boundary.")}},
        {QStringLiteral("numbers"),
         t("Reading the numbers"),
         t("Why docker stats, top and ctop disagree on CPU and memory."),
         {act("Create a container limited to 0.2 CPU.", A::Create, "cpuhog"),
          act("Spin it, then switch the CPU % convention: per core (Docker), share of the host "
              "(ctop, LXD), share of the quota.",
              A::Experiment, "cpuhog"),
          act("The memory breakdown: anon, file, inactive file, shmem, kernel.", A::Chart,
              "memoryUsage")}},
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
