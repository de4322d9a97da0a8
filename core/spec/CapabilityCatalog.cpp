#include "spec/CapabilityCatalog.h"

#include <QtGlobal>
#include <array>

namespace isolde::spec {

namespace {

// In kernel number order (include/uapi/linux/capability.h, Linux 6.x): the index is the number.
constexpr std::array<CapabilityInfo, 41> Catalog{{
    {"CAP_CHOWN", 0,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Change the owner and group of any file."), true},
    {"CAP_DAC_OVERRIDE", 1,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Read, write and execute any file regardless of its permission bits."),
     true},
    {"CAP_DAC_READ_SEARCH", 2,
     QT_TRANSLATE_NOOP(
         "CapabilityCatalog",
         "Read any file and list any directory regardless of permissions; open files by handle."),
     false},
    {"CAP_FOWNER", 3,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Act as the owner of any file: chmod, utimes, set ACLs "
                                            "and flags on files it does not own."),
     true},
    {"CAP_FSETID", 4,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Keep set-user-ID and set-group-ID bits when modifying "
                                            "a file; set set-group-ID on any file."),
     true},
    {"CAP_KILL", 5,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Send signals to processes of other users."), true},
    {"CAP_SETGID", 6,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Change group IDs and supplementary groups; write gid maps."),
     true},
    {"CAP_SETUID", 7, QT_TRANSLATE_NOOP("CapabilityCatalog", "Change user IDs; write uid maps."),
     true},
    {"CAP_SETPCAP", 8,
     QT_TRANSLATE_NOOP(
         "CapabilityCatalog",
         "Drop capabilities from the bounding set and add bounding-set capabilities to the "
         "inheritable set."),
     true},
    {"CAP_LINUX_IMMUTABLE", 9,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Set and clear the immutable and append-only file flags."),
     false},
    {"CAP_NET_BIND_SERVICE", 10,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Bind sockets to ports below 1024."), true},
    {"CAP_NET_BROADCAST", 11,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Send broadcasts and listen to multicast (unused by the kernel)."),
     false},
    {"CAP_NET_ADMIN", 12,
     QT_TRANSLATE_NOOP(
         "CapabilityCatalog",
         "Configure the network: interfaces, addresses, routes, firewall rules, promiscuous mode."),
     false},
    {"CAP_NET_RAW", 13,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Open raw and packet sockets (ping, packet capture)."),
     true},
    {"CAP_IPC_LOCK", 14,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Lock memory into RAM (mlock) beyond the limit; use huge pages."),
     false},
    {"CAP_IPC_OWNER", 15,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Bypass permission checks on System V IPC objects."),
     false},
    {"CAP_SYS_MODULE", 16,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Load and unload kernel modules."), false},
    {"CAP_SYS_RAWIO", 17,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Access I/O ports and raw devices (iopl, ioperm, /dev/mem)."),
     false},
    {"CAP_SYS_CHROOT", 18,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Call chroot and change mount namespaces with setns."),
     true},
    {"CAP_SYS_PTRACE", 19,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Trace and inspect any process (ptrace, process_vm_readv, kcmp)."),
     false},
    {"CAP_SYS_PACCT", 20,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Turn process accounting on and off (acct)."), false},
    {"CAP_SYS_ADMIN", 21,
     QT_TRANSLATE_NOOP(
         "CapabilityCatalog",
         "A large set of administration rights: mount, namespaces, quotas, many device ioctls."),
     false},
    {"CAP_SYS_BOOT", 22,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Reboot the machine and load a new kernel (reboot, kexec_load)."),
     false},
    {"CAP_SYS_NICE", 23,
     QT_TRANSLATE_NOOP(
         "CapabilityCatalog",
         "Raise priorities, set real-time scheduling and CPU affinity of any process."),
     false},
    {"CAP_SYS_RESOURCE", 24,
     QT_TRANSLATE_NOOP(
         "CapabilityCatalog",
         "Exceed resource limits and quotas; raise hard limits; use reserved disk space."),
     false},
    {"CAP_SYS_TIME", 25,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Set the system clock and the hardware clock."), false},
    {"CAP_SYS_TTY_CONFIG", 26,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Configure terminals (vhangup and privileged tty ioctls)."),
     false},
    {"CAP_MKNOD", 27, QT_TRANSLATE_NOOP("CapabilityCatalog", "Create device nodes with mknod."),
     true},
    {"CAP_LEASE", 28,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Take file leases on files it does not own."), false},
    {"CAP_AUDIT_WRITE", 29,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Write records to the kernel audit log."), true},
    {"CAP_AUDIT_CONTROL", 30,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Configure kernel auditing: rules, status, login uid."),
     false},
    {"CAP_SETFCAP", 31,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Set file capabilities on executables; map uid 0 in a user namespace."),
     true},
    {"CAP_MAC_OVERRIDE", 32,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Bypass mandatory access control (used by Smack)."),
     false},
    {"CAP_MAC_ADMIN", 33,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Change mandatory access control configuration and labels."),
     false},
    {"CAP_SYSLOG", 34,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Read and clear the kernel log (syslog); see kernel addresses."),
     false},
    {"CAP_WAKE_ALARM", 35,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Set timers that wake the system from suspend."),
     false},
    {"CAP_BLOCK_SUSPEND", 36,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Keep the system from suspending (epoll wakeups)."),
     false},
    {"CAP_AUDIT_READ", 37,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Read the audit log over a multicast netlink socket."),
     false},
    {"CAP_PERFMON", 38,
     QT_TRANSLATE_NOOP("CapabilityCatalog",
                       "Use performance monitoring: perf_event_open and perf BPF programs."),
     false},
    {"CAP_BPF", 39,
     QT_TRANSLATE_NOOP("CapabilityCatalog", "Load BPF programs and create BPF maps."), false},
    {"CAP_CHECKPOINT_RESTORE", 40,
     QT_TRANSLATE_NOOP(
         "CapabilityCatalog",
         "Checkpoint and restore processes: choose PIDs, read other processes' memory maps."),
     false},
}};

} // namespace

QString canonicalCapabilityName(const QString &name)
{
    const QString upper = name.trimmed().toUpper();
    return upper.startsWith(QLatin1String("CAP_")) ? upper : QStringLiteral("CAP_") + upper;
}

std::span<const CapabilityInfo> allCapabilities()
{
    return Catalog;
}

std::optional<CapabilityInfo> findCapability(const QString &name)
{
    const QString wanted = canonicalCapabilityName(name);
    for (const CapabilityInfo &cap : Catalog) {
        if (wanted == QLatin1String(cap.name))
            return cap;
    }
    return std::nullopt;
}

QStringList dockerDefaultCapabilities()
{
    QStringList names;
    for (const CapabilityInfo &cap : Catalog) {
        if (cap.dockerDefault)
            names << QString::fromLatin1(cap.name);
    }
    return names;
}

} // namespace isolde::spec
