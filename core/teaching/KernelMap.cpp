#include "teaching/KernelMap.h"

#include "spec/CapabilityCatalog.h"
#include "teaching/Experiments.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace isolde::teaching {

namespace {

// Every string of this file, under one translation context that lupdate recognises.
struct KernelMapText
{
    Q_DECLARE_TR_FUNCTIONS(KernelMapText)
};

QString text(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return KernelMapText::tr("(not readable)");
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    if (value.isString())
        return value.toString();
    const QJsonDocument document =
        value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

// The host's path of a controller's file for the container's cgroup, from the lines of
// /proc/<pid>/cgroup: "7:memory:/isolde/helper/<id>" (v1) or "0::/isolde/helper/<id>" (v2).
QString hostCgroupFile(const QString &cgroupLines, const QString &root, const QString &controller,
                       const QString &v1File, const QString &v2File)
{
    QString v2Path;
    for (const QString &line : cgroupLines.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList parts = line.split(QLatin1Char(':'));
        if (parts.size() < 3)
            continue;
        const QString path = parts.mid(2).join(QLatin1Char(':'));
        if (parts.at(0) == QLatin1String("0") && parts.at(1).isEmpty())
            v2Path = path;
        else if (parts.at(1).split(QLatin1Char(',')).contains(controller))
            return root + QLatin1Char('/') + controller + path + QLatin1Char('/') + v1File;
    }
    if (v2Path.isEmpty())
        return {};
    return root + v2Path + QLatin1Char('/') + v2File;
}

// The mountinfo line whose mount point (the fifth field) is `mountPoint`; the last one wins,
// as the last mount on a path is the one a process sees.
QString mountinfoLine(const QString &mountinfo, const QString &mountPoint)
{
    QString found;
    for (const QString &line : mountinfo.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList fields = line.split(QLatin1Char(' '));
        if (fields.size() > 4 && fields.at(4) == mountPoint)
            found = line;
    }
    return found;
}

QString optional(const std::optional<int64_t> &value)
{
    return value ? QString::number(*value) : KernelMapText::tr("not set");
}

void cgroupRows(const KernelMapInput &in, const QJsonObject &container, const QJsonObject &host,
                QList<KernelMapRow> &rows)
{
    const auto resources = in.spec.linux().resources.value_or(spec::Resources{});
    const QJsonObject limits = container.value(QLatin1String("cgroup"))
                                   .toObject()
                                   .value(QLatin1String("limits"))
                                   .toObject();
    const QString cgroupLines = host.value(QLatin1String("cgroup")).toString();
    struct Limit
    {
        const char *controller;
        const char *v1File;
        const char *v2File;
        QString setting;
        QString specValue;
        QString sentence;
    };
    const auto memory = resources.memory.value_or(spec::MemoryResources{});
    const auto cpu = resources.cpu.value_or(spec::CpuResources{});
    const QList<Limit> list = {
        {"memory", "memory.limit_in_bytes", "memory.max",
         QStringLiteral("linux.resources.memory.limit"), optional(memory.limit),
         KernelMapText::tr(
             "The memory cgroup counts every page the container's processes use; above this "
             "number the kernel reclaims, then the OOM killer ends a process.")},
        {"pids", "pids.max", "pids.max", QStringLiteral("linux.resources.pids.limit"),
         optional(resources.pidsLimit),
         KernelMapText::tr(
             "The pids cgroup makes fork() fail with EAGAIN once the container has this many "
             "tasks: a fork bomb stops here.")},
        {"cpu", "cpu.cfs_quota_us", "cpu.max", QStringLiteral("linux.resources.cpu.quota"),
         cpu.quota ? QStringLiteral("%1 / %2").arg(*cpu.quota).arg(cpu.period.value_or(100000))
                   : KernelMapText::tr("not set"),
         KernelMapText::tr(
             "The CPU controller lets the container run this many microseconds per period, then "
             "throttles it until the next period.")},
    };
    for (const Limit &l : list) {
        const QJsonObject inside = limits.value(QLatin1String(l.controller)).toObject();
        const QString file = hostCgroupFile(cgroupLines, in.cgroupRoot, QLatin1String(l.controller),
                                            QLatin1String(l.v1File), QLatin1String(l.v2File));
        const QString hostValue =
            file.isEmpty() ? KernelMapText::tr("(no cgroup file)") : in.readHostFile(file);
        rows.append({QStringLiteral("cgroup"), l.setting, l.specValue,
                     file.isEmpty() ? inside.value(QLatin1String("file")).toString() : file,
                     inside.isEmpty() ? KernelMapText::tr("(not visible inside)")
                                      : inside.value(QLatin1String("value")).toString(),
                     hostValue, l.sentence});
    }
}

void capabilityRows(const KernelMapInput &in, const QJsonObject &container, const QJsonObject &host,
                    QList<KernelMapRow> &rows)
{
    const auto caps = in.spec.process().capabilities.value_or(spec::Capabilities{});
    const QJsonObject inside = container.value(QLatin1String("capabilities")).toObject();
    const QString effHex =
        inside.value(QLatin1String("effective")).toObject().value(QLatin1String("hex")).toString();
    const QString bndHex =
        inside.value(QLatin1String("bounding")).toObject().value(QLatin1String("hex")).toString();
    const QString hostEff = host.value(QLatin1String("CapEff")).toString();
    rows.append({QStringLiteral("capabilities"), QStringLiteral("process.capabilities.effective"),
                 KernelMapText::tr("%n capabilities", nullptr, int(caps.effective.size())),
                 QStringLiteral("/proc/PID/status CapEff, CapBnd"),
                 QStringLiteral("CapEff %1, CapBnd %2").arg(effHex, bndHex),
                 QStringLiteral("CapEff %1").arg(hostEff),
                 KernelMapText::tr(
                     "Each bit of CapEff is one capability the kernel checks; a bit missing from "
                     "CapBnd can never come back, not even through a setuid program.")});
    const QStringList liveEff = decodeCapabilities(effHex);
    const QStringList liveBnd = decodeCapabilities(bndHex);
    // A row for each capability the spec leaves out that matters most for escapes.
    static const char *const Notable[] = {"CAP_SYS_ADMIN",  "CAP_SYS_MODULE", "CAP_SYS_BOOT",
                                          "CAP_SYS_PTRACE", "CAP_NET_ADMIN",  "CAP_NET_RAW",
                                          "CAP_SYS_TIME",   "CAP_MKNOD"};
    for (const char *name : Notable) {
        const QString cap = QLatin1String(name);
        const auto info = spec::findCapability(cap);
        if (!info || caps.effective.contains(cap))
            continue;
        rows.append(
            {QStringLiteral("capabilities"), QStringLiteral("process.capabilities"),
             KernelMapText::tr("%1 dropped").arg(cap),
             KernelMapText::tr("bit %1 of CapEff and CapBnd").arg(info->number),
             KernelMapText::tr("in CapEff: %1, in CapBnd: %2")
                 .arg(liveEff.contains(cap) ? KernelMapText::tr("yes") : KernelMapText::tr("no"),
                      liveBnd.contains(cap) ? KernelMapText::tr("yes") : KernelMapText::tr("no")),
             decodeCapabilities(hostEff).contains(cap) ? KernelMapText::tr("set")
                                                       : KernelMapText::tr("clear"),
             KernelMapText::tr("Without it, the container may not: %1")
                 .arg(QLatin1String(info->summary))});
    }
}

void seccompRows(const KernelMapInput &in, const QJsonObject &container, const QJsonObject &host,
                 QList<KernelMapRow> &rows)
{
    const auto seccomp = in.spec.linux().seccomp;
    const QJsonObject inside = container.value(QLatin1String("seccomp")).toObject();
    rows.append({QStringLiteral("seccomp"), QStringLiteral("linux.seccomp.defaultAction"),
                 seccomp ? KernelMapText::tr("%1, %n rules", nullptr, int(seccomp->syscalls.size()))
                               .arg(seccomp->defaultAction)
                         : KernelMapText::tr("unconfined"),
                 QStringLiteral("/proc/PID/status Seccomp, Seccomp_filters"),
                 KernelMapText::tr("mode %1 (%2), %3 filter(s)")
                     .arg(text(inside.value(QLatin1String("mode"))),
                          inside.value(QLatin1String("modeName")).toString(),
                          text(inside.value(QLatin1String("filters")))),
                 KernelMapText::tr("Seccomp: %1").arg(text(host.value(QLatin1String("Seccomp")))),
                 KernelMapText::tr(
                     "Mode 2 means a BPF filter runs before every system call the container makes "
                     "and may refuse it before the kernel looks at it.")});
    if (in.syscall.isEmpty())
        return;
    const QString action = seccompAction(in.spec, in.syscall);
    const QString probed = container.value(QLatin1String("syscalls"))
                               .toObject()
                               .value(in.syscall)
                               .toString(KernelMapText::tr("(not probed)"));
    rows.append(
        {QStringLiteral("seccomp"), QStringLiteral("linux.seccomp.syscalls"),
         action.isEmpty() ? KernelMapText::tr("%1: no filter").arg(in.syscall)
                          : QStringLiteral("%1: %2").arg(in.syscall, action),
         KernelMapText::tr("the BPF filter, on every %1() call").arg(in.syscall),
         KernelMapText::tr("%1() gives %2").arg(in.syscall, probed),
         KernelMapText::tr("(the host has no filter)"),
         action == QLatin1String("SCMP_ACT_ALLOW") || action.isEmpty()
             ? KernelMapText::tr("The filter lets %1() through; what is left is the kernel's own "
                                 "capability check.")
                   .arg(in.syscall)
             : KernelMapText::tr("The filter answers %1() itself; the kernel never runs the call.")
                   .arg(in.syscall)});
}

void namespaceRows(const KernelMapInput &in, const QJsonObject &container, const QJsonObject &host,
                   QList<KernelMapRow> &rows)
{
    const QJsonObject inodes = host.value(QLatin1String("namespaces")).toObject();
    const QJsonObject insideInodes = container.value(QLatin1String("namespaces")).toObject();
    const auto namespaces = in.spec.linux().namespaces;
    // spec type -> /proc/PID/ns name
    static const QList<std::pair<const char *, const char *>> Types = {
        {"pid", "pid"}, {"network", "net"}, {"mount", "mnt"},     {"ipc", "ipc"},
        {"uts", "uts"}, {"user", "user"},   {"cgroup", "cgroup"}, {"time", "time"}};
    for (const auto &[type, file] : Types) {
        QString specValue = KernelMapText::tr("the host's");
        for (const auto &ns : namespaces) {
            if (ns.type == QLatin1String(type))
                specValue = ns.path.isEmpty() ? KernelMapText::tr("new")
                                              : KernelMapText::tr("join %1").arg(ns.path);
        }
        const QJsonObject pair = inodes.value(QLatin1String(file)).toObject();
        QString live = text(pair.value(QLatin1String("container")));
        if (pair.isEmpty())
            live = text(insideInodes.value(QLatin1String(file)));
        const QString hostInode = text(pair.value(QLatin1String("host")));
        const bool same = live == hostInode;
        rows.append(
            {QStringLiteral("namespaces"),
             QStringLiteral("linux.namespaces[%1]").arg(QLatin1String(type)), specValue,
             QStringLiteral("/proc/PID/ns/%1").arg(QLatin1String(file)), live, hostInode,
             same ? KernelMapText::tr("Same inode as the host: the container shares the host's %1 "
                                      "namespace.")
                        .arg(QLatin1String(type))
                  : KernelMapText::tr(
                        "A different inode: the container has a %1 namespace of its own.")
                        .arg(QLatin1String(type))});
    }
    // The user namespace's map: who root inside is on the host.
    QStringList specMap;
    for (const auto &m : in.spec.linux().uidMappings)
        specMap.append(QStringLiteral("%1 %2 %3").arg(m.containerID).arg(m.hostID).arg(m.size));
    rows.append(
        {QStringLiteral("namespaces"), QStringLiteral("linux.uidMappings"),
         specMap.isEmpty() ? KernelMapText::tr("none") : specMap.join(QLatin1String("; ")),
         QStringLiteral("/proc/PID/uid_map"), text(container.value(QLatin1String("uidMap"))),
         host.value(QLatin1String("uid_map")).toString().simplified(),
         specMap.isEmpty()
             ? KernelMapText::tr("No user namespace: uid 0 inside is uid 0, root, on the host.")
             : KernelMapText::tr(
                   "Root inside is the first host uid of the map: an unprivileged user on "
                   "the host.")});
    rows.append(
        {QStringLiteral("namespaces"), QStringLiteral("hostname"), in.spec.hostname(),
         KernelMapText::tr("the UTS namespace"),
         container.value(QLatin1String("hostname")).toString(),
         host.value(QLatin1String("hostname")).toString(),
         KernelMapText::tr("In its own UTS namespace the container has a hostname of its own.")});
}

void filesystemRows(const KernelMapInput &in, const QJsonObject &container,
                    QList<KernelMapRow> &rows)
{
    const QJsonObject rootfs = container.value(QLatin1String("rootfs")).toObject();
    rows.append({QStringLiteral("filesystem"), QStringLiteral("root.readonly"),
                 in.spec.root().readonly ? QStringLiteral("true") : QStringLiteral("false"),
                 KernelMapText::tr("mountinfo of /"),
                 KernelMapText::tr("read-only: %1, creating a file: %2")
                     .arg(text(rootfs.value(QLatin1String("readOnly"))),
                          text(rootfs.value(QLatin1String("createFile")))),
                 mountinfoLine(in.mountinfo, QStringLiteral("/")),
                 KernelMapText::tr(
                     "\"ro\" among the mount options of / makes every write to the root fail with "
                     "EROFS; the overlay's upper layer stays untouched.")});
    const QJsonObject masked = container.value(QLatin1String("maskedPaths")).toObject();
    for (const QString &path : in.spec.linux().maskedPaths) {
        const QJsonObject seen = masked.value(path).toObject();
        const QString line = mountinfoLine(in.mountinfo, path);
        if (seen.isEmpty() && line.isEmpty())
            continue; // not on this kernel
        rows.append(
            {QStringLiteral("filesystem"), QStringLiteral("linux.maskedPaths"), path,
             KernelMapText::tr("mountinfo of %1").arg(path),
             seen.isEmpty() ? KernelMapText::tr("(not probed)")
                            : KernelMapText::tr("exists: %1, readable: %2")
                                  .arg(text(seen.value(QLatin1String("exists"))),
                                       text(seen.value(QLatin1String("readable")))),
             line.isEmpty() ? KernelMapText::tr("(no mount: the path does not exist here)") : line,
             KernelMapText::tr("/dev/null or an empty tmpfs is mounted over it, so the host's data "
                               "behind it cannot be read.")});
    }
    for (const QString &path : in.spec.linux().readonlyPaths) {
        const QString line = mountinfoLine(in.mountinfo, path);
        if (line.isEmpty())
            continue;
        rows.append(
            {QStringLiteral("filesystem"), QStringLiteral("linux.readonlyPaths"), path,
             KernelMapText::tr("mountinfo of %1").arg(path),
             text(container.value(QLatin1String("readonlyPaths"))
                      .toObject()
                      .value(path)
                      .toObject()
                      .value(QLatin1String("readOnly"))),
             line,
             KernelMapText::tr("Bound read-only over itself: the container may read these kernel "
                               "settings but not change them.")});
    }
}

} // namespace

QString readHostFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return KernelMapText::tr("(not readable)");
    return QString::fromUtf8(file.read(4096)).trimmed();
}

QStringList decodeCapabilities(const QString &hex)
{
    bool ok = false;
    const quint64 mask = hex.toULongLong(&ok, 16);
    QStringList names;
    if (!ok)
        return names;
    for (const auto &info : spec::allCapabilities()) {
        if (info.number < 64 && (mask & (quint64(1) << info.number)))
            names.append(QLatin1String(info.name));
    }
    return names;
}

QList<KernelMapRow> kernelMap(const KernelMapInput &input)
{
    KernelMapInput in = input;
    if (!in.readHostFile)
        in.readHostFile = &readHostFile;
    if (in.cgroupRoot.isEmpty())
        in.cgroupRoot = QStringLiteral("/sys/fs/cgroup");
    const QJsonObject container = in.probe.value(QLatin1String("container")).toObject();
    const QJsonObject host = in.probe.value(QLatin1String("host")).toObject();
    QList<KernelMapRow> rows;
    cgroupRows(in, container, host, rows);
    capabilityRows(in, container, host, rows);
    seccompRows(in, container, host, rows);
    namespaceRows(in, container, host, rows);
    filesystemRows(in, container, rows);
    return rows;
}

} // namespace isolde::teaching
