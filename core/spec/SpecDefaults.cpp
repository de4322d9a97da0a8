#include "spec/SpecDefaults.h"

#include "spec/CapabilityCatalog.h"
#include "spec/SeccompProfile.h"

namespace isolde::spec {

namespace {

Mount mount(const char *destination, const char *type, const char *source,
            const QStringList &options)
{
    Mount m;
    m.destination = QString::fromLatin1(destination);
    m.type = QString::fromLatin1(type);
    m.source = QString::fromLatin1(source);
    m.options = options;
    return m;
}

DeviceRule allowDevice(const char *type, std::optional<int64_t> major, std::optional<int64_t> minor,
                       const char *access)
{
    DeviceRule rule;
    rule.allow = true;
    rule.type = QString::fromLatin1(type);
    rule.major = major;
    rule.minor = minor;
    rule.access = QString::fromLatin1(access);
    return rule;
}

} // namespace

QStringList defaultMaskedPaths()
{
    return {
        QStringLiteral("/proc/asound"),
        QStringLiteral("/proc/acpi"),
        QStringLiteral("/proc/kcore"),
        QStringLiteral("/proc/keys"),
        QStringLiteral("/proc/latency_stats"),
        QStringLiteral("/proc/timer_list"),
        QStringLiteral("/proc/timer_stats"),
        QStringLiteral("/proc/sched_debug"),
        QStringLiteral("/proc/scsi"),
        QStringLiteral("/sys/firmware"),
        QStringLiteral("/sys/devices/virtual/powercap"),
    };
}

QStringList defaultReadonlyPaths()
{
    return {
        QStringLiteral("/proc/bus"),           QStringLiteral("/proc/fs"),
        QStringLiteral("/proc/irq"),           QStringLiteral("/proc/sys"),
        QStringLiteral("/proc/sysrq-trigger"),
    };
}

QList<Mount> defaultMounts()
{
    const auto opts = [](std::initializer_list<const char *> list) {
        QStringList options;
        for (const char *option : list)
            options << QString::fromLatin1(option);
        return options;
    };
    // /dev comes before the mounts below it; the order is the mount order.
    return {
        mount("/proc", "proc", "proc", opts({"nosuid", "noexec", "nodev"})),
        mount("/dev", "tmpfs", "tmpfs", opts({"nosuid", "strictatime", "mode=755", "size=65536k"})),
        mount("/dev/pts", "devpts", "devpts",
              opts({"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"})),
        mount("/dev/shm", "tmpfs", "shm",
              opts({"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"})),
        mount("/dev/mqueue", "mqueue", "mqueue", opts({"nosuid", "noexec", "nodev"})),
        mount("/sys", "sysfs", "sysfs", opts({"nosuid", "noexec", "nodev", "ro"})),
        mount("/sys/fs/cgroup", "cgroup", "cgroup",
              opts({"nosuid", "noexec", "nodev", "relatime", "ro"})),
    };
}

QStringList defaultEnv()
{
    return {
        QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        QStringLiteral("TERM=xterm"),
    };
}

QList<Namespace> defaultNamespaces()
{
    QList<Namespace> namespaces;
    for (const char *type : {"pid", "network", "ipc", "uts", "mount", "cgroup"})
        namespaces.append(Namespace{QString::fromLatin1(type), QString()});
    return namespaces;
}

QList<DeviceRule> defaultAllowedDevices()
{
    return {
        allowDevice("c", 1, 3, "rwm"),              // /dev/null
        allowDevice("c", 1, 5, "rwm"),              // /dev/zero
        allowDevice("c", 1, 7, "rwm"),              // /dev/full
        allowDevice("c", 1, 8, "rwm"),              // /dev/random
        allowDevice("c", 1, 9, "rwm"),              // /dev/urandom
        allowDevice("c", 5, 0, "rwm"),              // /dev/tty
        allowDevice("c", 5, 1, "rwm"),              // /dev/console
        allowDevice("c", 5, 2, "rwm"),              // /dev/ptmx
        allowDevice("c", 136, std::nullopt, "rwm"), // /dev/pts/*
    };
}

QList<DeviceRule> defaultDeviceRules()
{
    DeviceRule denyAll;
    denyAll.allow = false;
    denyAll.access = QStringLiteral("rwm");
    return QList<DeviceRule>{
               denyAll,
               allowDevice("c", std::nullopt, std::nullopt, "m"), // mknod of any device; use is
               allowDevice("b", std::nullopt, std::nullopt, "m"), // still denied unless listed
           } +
           defaultAllowedDevices();
}

OciSpec defaultSpec()
{
    const QStringList caps = dockerDefaultCapabilities();

    Process process;
    process.args = {QStringLiteral("sh")};
    process.env = defaultEnv();
    process.cwd = QStringLiteral("/");
    process.capabilities = Capabilities{caps, caps, {}, caps, {}};
    process.rlimits = {Rlimit{QStringLiteral("RLIMIT_NOFILE"), 1024, 1024}};
    process.noNewPrivileges = false;

    Linux linuxSection;
    linuxSection.namespaces = defaultNamespaces();
    linuxSection.maskedPaths = defaultMaskedPaths();
    linuxSection.readonlyPaths = defaultReadonlyPaths();
    Resources resources;
    resources.devices = defaultDeviceRules();
    linuxSection.resources = resources;
    linuxSection.seccomp = SeccompProfile::builtinDefault().resolve(caps);

    OciSpec spec;
    spec.setOciVersion(QStringLiteral("1.0.2"));
    spec.setProcess(process);
    spec.setRoot(Root{QStringLiteral("rootfs"), false});
    spec.setHostname(QString::fromLatin1(DefaultHostname));
    spec.setMounts(defaultMounts());
    spec.setLinux(linuxSection);
    return spec;
}

} // namespace isolde::spec
