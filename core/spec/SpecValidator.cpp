#include "spec/SpecValidator.h"

#include "spec/CapabilityCatalog.h"
#include "spec/Units.h"
#include "util/AsciiText.h"

#include <QSet>
#include <algorithm>
#include <limits>
#include <seccomp.h>

namespace isolde::spec {
namespace {

using Problems = QList<Error>;

constexpr int64_t MiB = 1024 * 1024;
// Docker's floor: below it a container does not even get its init running.
constexpr int64_t MinimumMemoryLimit = 6 * MiB;
// The kernel's HOST_NAME_MAX, also the limit for the NIS domain name.
constexpr qsizetype MaximumHostnameLength = 64;
// (uid_t)-1 and (gid_t)-1 mean "leave unchanged" to setresuid/setresgid, never an id.
constexpr uint32_t InvalidId = std::numeric_limits<uint32_t>::max();

void add(Problems &problems, const QString &field, const QString &reason)
{
    problems.append(Error{field, reason});
}

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

void requireAbsolute(Problems &problems, const QString &field, const QString &path)
{
    if (path.isEmpty())
        add(problems, field, QStringLiteral("must not be empty"));
    else if (!path.startsWith(QLatin1Char('/')))
        add(problems, field, QStringLiteral("must be an absolute path (got %1)").arg(quoted(path)));
}

// A path inside the container. The engine resolves it inside the root whatever it says, but a
// `..` component can only be a mistake or an attempt to escape: refuse it outright.
void requireContainerPath(Problems &problems, const QString &field, const QString &path)
{
    requireAbsolute(problems, field, path);
    if (path.split(QLatin1Char('/')).contains(QLatin1String("..")))
        add(problems, field,
            QStringLiteral("must not contain \"..\" (got %1): paths are taken inside the "
                           "container's root")
                .arg(quoted(path)));
}

void requireContainerPaths(Problems &problems, const QString &field, const QStringList &paths)
{
    for (qsizetype i = 0; i < paths.size(); ++i)
        requireContainerPath(problems, indexPath(field, i), paths.at(i));
}

void requireOneOf(Problems &problems, const QString &field, const QString &value,
                  const QStringList &known, const QString &what)
{
    if (!known.contains(value)) {
        add(problems, field,
            QStringLiteral("unknown %1 %2; known: %3").arg(what, quoted(value), known.join(u", ")));
    }
}

const Namespace *findNamespace(const Linux &linux, const QString &type)
{
    for (const Namespace &ns : linux.namespaces) {
        if (ns.type == type)
            return &ns;
    }
    return nullptr;
}

QString addNamespaceHint(const QString &type)
{
    return QStringLiteral("add {\"type\": \"%1\"} to linux.namespaces").arg(type);
}

// --- top level ---------------------------------------------------------------------------------

// The major number of a semantic version like 1.0.2, 1.1.0-rc.1 or 1.0.2+dev (three numbers,
// then an optional -pre-release and +build of letters, digits, '.' and '-'); empty when
// `version` is not one.
QStringView semanticVersionMajor(QStringView version)
{
    qsizetype at = 0;
    QStringView major;
    for (int number = 0; number < 3; ++number) {
        if (number > 0) {
            if (at == version.size() || version[at] != u'.')
                return {};
            ++at;
        }
        const qsizetype start = at;
        while (at < version.size() && ascii::isDigit(version[at]))
            ++at;
        if (at == start)
            return {};
        if (number == 0)
            major = version.first(at);
    }
    for (const char16_t lead : {u'-', u'+'}) {
        if (at == version.size() || version[at] != lead)
            continue;
        const qsizetype start = ++at;
        while (at < version.size() &&
               (ascii::isLetterOrDigit(version[at]) || version[at] == u'.' || version[at] == u'-'))
            ++at;
        if (at == start)
            return {};
    }
    return at == version.size() ? major : QStringView();
}

// A host or NIS domain name: dot-separated labels of letters, digits and '-', each neither
// starting nor ending with '-'.
bool isHostname(QStringView name)
{
    for (const QStringView label : name.split(u'.')) {
        if (label.isEmpty() || label.front() == u'-' || label.back() == u'-')
            return false;
        if (!std::all_of(label.begin(), label.end(),
                         [](QChar c) { return ascii::isLetterOrDigit(c) || c == u'-'; }))
            return false;
    }
    return true;
}

void checkVersion(Problems &problems, const QString &version)
{
    const QString field = QStringLiteral("ociVersion");
    if (version.isEmpty()) {
        add(problems, field,
            QStringLiteral("must not be empty: name the runtime-spec version, e.g. 1.0.2"));
        return;
    }
    const QStringView major = semanticVersionMajor(version);
    if (major.isEmpty())
        add(problems, field, QStringLiteral("%1 is not a version like 1.0.2").arg(quoted(version)));
    else if (major != u"1")
        add(problems, field,
            QStringLiteral("runtime-spec %1 is not supported; Isolde reads version 1.x")
                .arg(version));
}

void checkRoot(Problems &problems, const Root &root)
{
    if (root.path.isEmpty())
        add(problems, QStringLiteral("root.path"),
            QStringLiteral("must name the root filesystem directory, e.g. rootfs"));
}

// Host and NIS domain names: what the kernel stores and what DNS can resolve.
void checkHostname(Problems &problems, const QString &field, const QString &name,
                   const Linux &linux)
{
    if (name.isEmpty())
        return;
    if (!findNamespace(linux, QStringLiteral("uts")))
        add(problems, field,
            QStringLiteral("setting it needs a uts namespace of the container's own, or the "
                           "host's name would change; %1")
                .arg(addNamespaceHint(QStringLiteral("uts"))));
    if (name.size() > MaximumHostnameLength)
        add(problems, field,
            QStringLiteral("%1 characters is longer than the %2 the kernel allows")
                .arg(name.size())
                .arg(MaximumHostnameLength));
    else if (!isHostname(name))
        add(problems, field,
            QStringLiteral("%1 is not a valid name: use letters, digits and '-', in dot-separated "
                           "parts that neither start nor end with '-'")
                .arg(quoted(name)));
}

void checkAnnotations(Problems &problems, const QMap<QString, QString> &annotations)
{
    if (annotations.contains(QString()))
        add(problems, QStringLiteral("annotations"),
            QStringLiteral("has an empty key; every annotation needs a name"));
}

// --- id mappings -------------------------------------------------------------------------------

struct IdRange
{
    uint64_t first;
    uint64_t size;
    bool overlaps(const IdRange &other) const
    {
        return first < other.first + other.size && other.first < first + size;
    }
};

// `kind` is "uid" or "gid".
void checkIdMappings(Problems &problems, const QList<IdMapping> &mappings, const QString &field,
                     const QString &kind)
{
    constexpr uint64_t IdCount = uint64_t(1) << 32;
    for (qsizetype i = 0; i < mappings.size(); ++i) {
        const IdMapping &mapping = mappings.at(i);
        const QString at = indexPath(field, i);
        if (mapping.size == 0) {
            add(problems, fieldPath(at, u"size"), QStringLiteral("must be at least 1"));
            continue;
        }
        const IdRange inside{mapping.containerID, mapping.size};
        const IdRange outside{mapping.hostID, mapping.size};
        if (inside.first + inside.size > IdCount || outside.first + outside.size > IdCount) {
            add(problems, fieldPath(at, u"size"),
                QStringLiteral("the range runs past the largest %1, %2")
                    .arg(kind)
                    .arg(IdCount - 1));
            continue;
        }
        for (qsizetype j = 0; j < i; ++j) {
            const IdMapping &earlier = mappings.at(j);
            const char *side = nullptr;
            if (inside.overlaps({earlier.containerID, earlier.size}))
                side = "container";
            else if (outside.overlaps({earlier.hostID, earlier.size}))
                side = "host";
            if (side)
                add(problems, at,
                    QStringLiteral("its %1 %2s overlap those of %3; the kernel refuses "
                                   "overlapping mappings")
                        .arg(QLatin1String(side), kind, indexPath(field, j)));
        }
    }
}

bool isMapped(uint32_t id, const QList<IdMapping> &mappings)
{
    for (const IdMapping &mapping : mappings) {
        if (id >= mapping.containerID &&
            uint64_t(id) < uint64_t(mapping.containerID) + mapping.size)
            return true;
    }
    return false;
}

// In a new user namespace, only mapped ids exist; a process cannot switch to any other.
void checkId(Problems &problems, const QString &field, uint32_t id, const QString &kind,
             const QList<IdMapping> &mappings, const QString &mappingsField)
{
    if (id == InvalidId)
        add(problems, field,
            QStringLiteral("%1 is (%2_t)-1, which the kernel reads as \"no change\", not as an id")
                .arg(id)
                .arg(kind));
    else if (!mappings.isEmpty() && !isMapped(id, mappings))
        add(problems, field,
            QStringLiteral("%1 %2 is not mapped by %3, so the process could not run as it")
                .arg(kind)
                .arg(id)
                .arg(mappingsField));
}

// --- process -----------------------------------------------------------------------------------

void checkArgs(Problems &problems, const QStringList &args)
{
    if (args.isEmpty())
        add(problems, QStringLiteral("process.args"),
            QStringLiteral("must name the program to run"));
    else if (args.first().isEmpty())
        add(problems, QStringLiteral("process.args[0]"),
            QStringLiteral("the program to run must not be empty"));
}

void checkEnv(Problems &problems, const QStringList &env)
{
    for (qsizetype i = 0; i < env.size(); ++i) {
        const qsizetype equals = env.at(i).indexOf(QLatin1Char('='));
        const QString field = indexPath(QStringLiteral("process.env"), i);
        if (equals < 0)
            add(problems, field,
                QStringLiteral("must have the form NAME=value (got %1)").arg(quoted(env.at(i))));
        else if (equals == 0)
            add(problems, field,
                QStringLiteral("the variable name before '=' must not be empty (got %1)")
                    .arg(quoted(env.at(i))));
    }
}

void checkUser(Problems &problems, const User &user, const Linux &linux)
{
    const QString field = QStringLiteral("process.user");
    if (user.umask && *user.umask > 0777)
        add(problems, fieldPath(field, u"umask"),
            QStringLiteral("%1 (octal %2) is not a file mode creation mask; the largest is 0777")
                .arg(*user.umask)
                .arg(*user.umask, 0, 8));
    // Mappings matter only when the runtime writes them for a new user namespace.
    const Namespace *userNamespace = findNamespace(linux, QStringLiteral("user"));
    const bool newUserNamespace = userNamespace && userNamespace->path.isEmpty();
    const QList<IdMapping> noMappings;
    const QList<IdMapping> &uids = newUserNamespace ? linux.uidMappings : noMappings;
    const QList<IdMapping> &gids = newUserNamespace ? linux.gidMappings : noMappings;
    const QString uid = QStringLiteral("uid");
    const QString gid = QStringLiteral("gid");
    const QString uidMappings = QStringLiteral("linux.uidMappings");
    const QString gidMappings = QStringLiteral("linux.gidMappings");
    checkId(problems, fieldPath(field, u"uid"), user.uid, uid, uids, uidMappings);
    checkId(problems, fieldPath(field, u"gid"), user.gid, gid, gids, gidMappings);
    QSet<uint32_t> seen;
    for (qsizetype i = 0; i < user.additionalGids.size(); ++i) {
        const uint32_t group = user.additionalGids.at(i);
        const QString at = indexPath(fieldPath(field, u"additionalGids"), i);
        if (seen.contains(group))
            add(problems, at, QStringLiteral("group %1 is listed twice").arg(group));
        seen.insert(group);
        checkId(problems, at, group, gid, gids, gidMappings);
    }
}

void checkCapabilities(Problems &problems, const Capabilities &capabilities)
{
    const std::pair<const char16_t *, const QStringList *> sets[] = {
        {u"bounding", &capabilities.bounding},       {u"effective", &capabilities.effective},
        {u"inheritable", &capabilities.inheritable}, {u"permitted", &capabilities.permitted},
        {u"ambient", &capabilities.ambient},
    };
    for (const auto &[set, names] : sets) {
        const QString field = fieldPath(QStringLiteral("process.capabilities"), set);
        for (qsizetype i = 0; i < names->size(); ++i) {
            const QString &name = names->at(i);
            const auto known = findCapability(name);
            if (!known)
                add(problems, indexPath(field, i),
                    QStringLiteral("unknown capability %1").arg(quoted(name)));
            else if (name != QLatin1String(known->name))
                add(problems, indexPath(field, i),
                    QStringLiteral("write %1 as the kernel names it: %2")
                        .arg(quoted(name), QLatin1String(known->name)));
        }
    }
}

void checkRlimits(Problems &problems, const QList<Rlimit> &rlimits)
{
    static const QStringList known = {
        QStringLiteral("RLIMIT_AS"),         QStringLiteral("RLIMIT_CORE"),
        QStringLiteral("RLIMIT_CPU"),        QStringLiteral("RLIMIT_DATA"),
        QStringLiteral("RLIMIT_FSIZE"),      QStringLiteral("RLIMIT_LOCKS"),
        QStringLiteral("RLIMIT_MEMLOCK"),    QStringLiteral("RLIMIT_MSGQUEUE"),
        QStringLiteral("RLIMIT_NICE"),       QStringLiteral("RLIMIT_NOFILE"),
        QStringLiteral("RLIMIT_NPROC"),      QStringLiteral("RLIMIT_RSS"),
        QStringLiteral("RLIMIT_RTPRIO"),     QStringLiteral("RLIMIT_RTTIME"),
        QStringLiteral("RLIMIT_SIGPENDING"), QStringLiteral("RLIMIT_STACK"),
    };
    QSet<QString> seen;
    for (qsizetype i = 0; i < rlimits.size(); ++i) {
        const Rlimit &rlimit = rlimits.at(i);
        const QString at = indexPath(QStringLiteral("process.rlimits"), i);
        if (seen.contains(rlimit.type))
            add(problems, fieldPath(at, u"type"),
                QStringLiteral("%1 is set twice").arg(rlimit.type));
        else
            requireOneOf(problems, fieldPath(at, u"type"), rlimit.type, known,
                         QStringLiteral("resource limit"));
        seen.insert(rlimit.type);
        if (rlimit.soft > rlimit.hard)
            add(problems, fieldPath(at, u"soft"),
                QStringLiteral("soft limit %1 is above the hard limit %2")
                    .arg(rlimit.soft)
                    .arg(rlimit.hard));
    }
}

void checkProcess(Problems &problems, const Process &process, const Linux &linux)
{
    checkArgs(problems, process.args);
    checkEnv(problems, process.env);
    requireAbsolute(problems, QStringLiteral("process.cwd"), process.cwd);
    checkUser(problems, process.user, linux);
    if (process.capabilities)
        checkCapabilities(problems, *process.capabilities);
    checkRlimits(problems, process.rlimits);
    if (process.oomScoreAdj && (*process.oomScoreAdj < -1000 || *process.oomScoreAdj > 1000))
        add(problems, QStringLiteral("process.oomScoreAdj"),
            QStringLiteral("%1 is outside the kernel's range -1000..1000")
                .arg(*process.oomScoreAdj));
}

// --- mounts ------------------------------------------------------------------------------------

void checkMount(Problems &problems, const Mount &mount, const QString &at)
{
    requireContainerPath(problems, fieldPath(at, u"destination"), mount.destination);
    const bool bind = mount.type == QLatin1String("bind") ||
                      mount.options.contains(QLatin1String("bind")) ||
                      mount.options.contains(QLatin1String("rbind"));
    if (bind && mount.source.isEmpty())
        add(problems, fieldPath(at, u"source"),
            QStringLiteral("a bind mount needs a source: the host path to mount"));
    if (!bind && mount.type.isEmpty())
        add(problems, fieldPath(at, u"type"),
            QStringLiteral("is required unless the mount is a bind mount (option bind or rbind)"));
    if (bind && mount.type == QLatin1String("tmpfs"))
        add(problems, fieldPath(at, u"type"),
            QStringLiteral("a tmpfs mount cannot also be a bind mount; drop the bind option or "
                           "the tmpfs type"));
    checkIdMappings(problems, mount.uidMappings, fieldPath(at, u"uidMappings"),
                    QStringLiteral("uid"));
    checkIdMappings(problems, mount.gidMappings, fieldPath(at, u"gidMappings"),
                    QStringLiteral("gid"));
}

void checkMounts(Problems &problems, const QList<Mount> &mounts)
{
    for (qsizetype i = 0; i < mounts.size(); ++i)
        checkMount(problems, mounts.at(i), indexPath(QStringLiteral("mounts"), i));
}

// --- linux -------------------------------------------------------------------------------------

void checkNamespaces(Problems &problems, const QList<Namespace> &namespaces)
{
    static const QStringList known = {
        QStringLiteral("pid"),    QStringLiteral("network"), QStringLiteral("mount"),
        QStringLiteral("ipc"),    QStringLiteral("uts"),     QStringLiteral("user"),
        QStringLiteral("cgroup"), QStringLiteral("time"),
    };
    QSet<QString> seen;
    for (qsizetype i = 0; i < namespaces.size(); ++i) {
        const Namespace &ns = namespaces.at(i);
        const QString at = indexPath(QStringLiteral("linux.namespaces"), i);
        if (seen.contains(ns.type))
            add(problems, fieldPath(at, u"type"),
                QStringLiteral("namespace type %1 is listed twice").arg(quoted(ns.type)));
        else
            requireOneOf(problems, fieldPath(at, u"type"), ns.type, known,
                         QStringLiteral("namespace type"));
        seen.insert(ns.type);
        if (!ns.path.isEmpty() && !ns.path.startsWith(QLatin1Char('/')))
            add(problems, fieldPath(at, u"path"),
                QStringLiteral("must be an absolute path such as /proc/1234/ns/%1 (got %2)")
                    .arg(ns.type, quoted(ns.path)));
    }
}

void checkLinuxIdMappings(Problems &problems, const Linux &linux)
{
    const bool userNamespace = findNamespace(linux, QStringLiteral("user"));
    const std::pair<QString, const QList<IdMapping> *> all[] = {
        {QStringLiteral("uid"), &linux.uidMappings},
        {QStringLiteral("gid"), &linux.gidMappings},
    };
    for (const auto &[kind, mappings] : all) {
        const QString field = QStringLiteral("linux.%1Mappings").arg(kind);
        if (!mappings->isEmpty() && !userNamespace)
            add(problems, field,
                QStringLiteral("%1 mappings need a user namespace; %2")
                    .arg(kind, addNamespaceHint(QStringLiteral("user"))));
        checkIdMappings(problems, *mappings, field, kind);
    }
}

// Which sysctls a container may set, as runc decides it: only those the kernel keeps per
// namespace, and only when the container has that namespace to itself.
void checkSysctl(Problems &problems, const Linux &linux)
{
    static const QSet<QString> ipcKernelKeys = {
        QStringLiteral("kernel.msgmax"), QStringLiteral("kernel.msgmnb"),
        QStringLiteral("kernel.msgmni"), QStringLiteral("kernel.sem"),
        QStringLiteral("kernel.shmall"), QStringLiteral("kernel.shmmax"),
        QStringLiteral("kernel.shmmni"), QStringLiteral("kernel.shm_rmid_forced"),
    };
    for (auto it = linux.sysctl.constBegin(); it != linux.sysctl.constEnd(); ++it) {
        const QString name = QString(it.key()).replace(QLatin1Char('/'), QLatin1Char('.'));
        const QString field = entryPath(QStringLiteral("linux.sysctl"), it.key());
        QString needed;
        if (ipcKernelKeys.contains(name) || name.startsWith(QLatin1String("fs.mqueue.")))
            needed = QStringLiteral("ipc");
        else if (name.startsWith(QLatin1String("net.")))
            needed = QStringLiteral("network");
        else if (name == QLatin1String("kernel.domainname"))
            needed = QStringLiteral("uts");
        else if (name == QLatin1String("kernel.hostname")) {
            add(problems, field, QStringLiteral("set the host name with the hostname field"));
            continue;
        } else {
            add(problems, field,
                QStringLiteral("is not namespaced: writing it would change the whole host, not "
                               "just the container"));
            continue;
        }
        if (!findNamespace(linux, needed))
            add(problems, field,
                QStringLiteral("needs its own %1 namespace; %2")
                    .arg(needed, addNamespaceHint(needed)));
    }
}

void checkDevices(Problems &problems, const QList<Device> &devices)
{
    static const QStringList types = {QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("u"),
                                      QStringLiteral("p")};
    for (qsizetype i = 0; i < devices.size(); ++i) {
        const Device &device = devices.at(i);
        const QString at = indexPath(QStringLiteral("linux.devices"), i);
        requireContainerPath(problems, fieldPath(at, u"path"), device.path);
        requireOneOf(problems, fieldPath(at, u"type"), device.type, types,
                     QStringLiteral("device type"));
        if (device.major < 0)
            add(problems, fieldPath(at, u"major"), QStringLiteral("must not be negative"));
        if (device.minor < 0)
            add(problems, fieldPath(at, u"minor"), QStringLiteral("must not be negative"));
        if (device.fileMode && *device.fileMode > 07777)
            add(problems, fieldPath(at, u"fileMode"),
                QStringLiteral("%1 (octal %2) is not a permission mode; the largest is 07777")
                    .arg(*device.fileMode)
                    .arg(*device.fileMode, 0, 8));
    }
}

void checkLinux(Problems &problems, const Linux &linux)
{
    static const QStringList propagations = {
        QStringLiteral("shared"),     QStringLiteral("slave"),       QStringLiteral("private"),
        QStringLiteral("unbindable"), QStringLiteral("rshared"),     QStringLiteral("rslave"),
        QStringLiteral("rprivate"),   QStringLiteral("runbindable"),
    };
    checkNamespaces(problems, linux.namespaces);
    checkLinuxIdMappings(problems, linux);
    checkSysctl(problems, linux);
    if (linux.resources)
        problems += validateResources(*linux.resources);
    if (linux.seccomp)
        problems += validateSeccomp(*linux.seccomp);
    requireContainerPaths(problems, QStringLiteral("linux.maskedPaths"), linux.maskedPaths);
    requireContainerPaths(problems, QStringLiteral("linux.readonlyPaths"), linux.readonlyPaths);
    checkDevices(problems, linux.devices);
    if (!linux.rootfsPropagation.isEmpty())
        requireOneOf(problems, QStringLiteral("linux.rootfsPropagation"), linux.rootfsPropagation,
                     propagations, QStringLiteral("mount propagation"));
    if (linux.cgroupsPath.split(QLatin1Char('/')).contains(QLatin1String("..")))
        add(problems, QStringLiteral("linux.cgroupsPath"),
            QStringLiteral("must not contain \"..\": the container's cgroup must stay where the "
                           "runtime puts it"));
}

// --- resources ---------------------------------------------------------------------------------

void checkDeviceRules(Problems &problems, const QList<DeviceRule> &rules, const QString &field)
{
    static const QStringList types = {QString(), QStringLiteral("a"), QStringLiteral("c"),
                                      QStringLiteral("b")};
    // r, w and m, each at most once.
    const auto isAccess = [](const QString &access) {
        return access.size() <= 3 && std::all_of(access.begin(), access.end(), [&](QChar c) {
                   return (c == u'r' || c == u'w' || c == u'm') && access.count(c) == 1;
               });
    };
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const DeviceRule &rule = rules.at(i);
        const QString at = indexPath(field, i);
        if (!types.contains(rule.type))
            add(problems, fieldPath(at, u"type"),
                QStringLiteral("unknown device type %1; use a (all), c (character) or b (block)")
                    .arg(quoted(rule.type)));
        if (!isAccess(rule.access))
            add(problems, fieldPath(at, u"access"),
                QStringLiteral("%1 may contain only r (read), w (write) and m (mknod), each once")
                    .arg(quoted(rule.access)));
        if (rule.major && *rule.major < 0)
            add(problems, fieldPath(at, u"major"),
                QStringLiteral("must not be negative; leave it out to match every major number"));
        if (rule.minor && *rule.minor < 0)
            add(problems, fieldPath(at, u"minor"),
                QStringLiteral("must not be negative; leave it out to match every minor number"));
    }
}

// Byte counts where -1 means "no limit" and 0 "not set".
void checkByteLimit(Problems &problems, const QString &field, const std::optional<int64_t> &bytes)
{
    if (bytes && *bytes < -1)
        add(problems, field, QStringLiteral("must be a number of bytes, or -1 for no limit"));
}

void checkMemory(Problems &problems, const MemoryResources &memory, const QString &at)
{
    const QString limitField = fieldPath(at, u"limit");
    const QString reservationField = fieldPath(at, u"reservation");
    const QString swapField = fieldPath(at, u"swap");
    checkByteLimit(problems, limitField, memory.limit);
    checkByteLimit(problems, reservationField, memory.reservation);
    checkByteLimit(problems, swapField, memory.swap);
    checkByteLimit(problems, fieldPath(at, u"kernel"), memory.kernel);
    checkByteLimit(problems, fieldPath(at, u"kernelTCP"), memory.kernelTCP);
    const bool limited = memory.limit && *memory.limit > 0;
    if (limited && *memory.limit < MinimumMemoryLimit)
        add(problems, limitField,
            QStringLiteral("%1 is below the 6 MiB minimum").arg(exactByteSize(*memory.limit)));
    if (limited && memory.reservation && *memory.reservation > *memory.limit)
        add(problems, reservationField,
            QStringLiteral("%1 is above the memory limit of %2")
                .arg(exactByteSize(*memory.reservation), exactByteSize(*memory.limit)));
    if (memory.swap && *memory.swap > 0) {
        if (!limited)
            add(problems, swapField,
                QStringLiteral("a swap limit needs a memory limit (memory.limit) as well"));
        else if (*memory.swap < *memory.limit)
            add(problems, swapField,
                QStringLiteral("swap limit %1 is below the memory limit of %2; the swap limit "
                               "counts memory plus swap")
                    .arg(exactByteSize(*memory.swap), exactByteSize(*memory.limit)));
    }
    if (memory.swappiness && *memory.swappiness > 100)
        add(problems, fieldPath(at, u"swappiness"),
            QStringLiteral("%1 is outside 0..100").arg(*memory.swappiness));
}

// Why `list` is not a cpu or memory node list like "0-3,5", or an empty string.
QString listSyntaxProblem(const QString &list)
{
    const auto isNumber = [](const QString &text) {
        return !text.isEmpty() && text.size() <= 9 &&
               std::all_of(text.begin(), text.end(), ascii::isDigit);
    };
    for (const QString &part : list.split(QLatin1Char(','))) {
        if (part.isEmpty())
            return QStringLiteral("it has an empty entry");
        const qsizetype dash = part.indexOf(QLatin1Char('-'));
        const QString first = dash < 0 ? part : part.left(dash);
        const QString last = dash < 0 ? part : part.mid(dash + 1);
        if (dash >= 0 && last.isEmpty())
            return QStringLiteral("range %1 has no end").arg(quoted(part));
        if (!isNumber(first) || !isNumber(last))
            return QStringLiteral("%1 is not a number or a range of numbers").arg(quoted(part));
        if (first.toInt() > last.toInt())
            return QStringLiteral("range %1 runs backwards").arg(quoted(part));
    }
    return QString();
}

void checkList(Problems &problems, const QString &field, const QString &list)
{
    if (list.isEmpty())
        return;
    const QString problem = listSyntaxProblem(list);
    if (!problem.isEmpty())
        add(problems, field,
            QStringLiteral("%1 is not a list like 0-3,5: %2").arg(quoted(list), problem));
}

void checkCpu(Problems &problems, const CpuResources &cpu, const QString &at)
{
    // The kernel's bounds: cpu.shares 2..262144, cfs period 1 ms..1 s, quota at least 1 ms.
    if (cpu.shares && (*cpu.shares < 2 || *cpu.shares > 262144))
        add(problems, fieldPath(at, u"shares"),
            QStringLiteral("%1 is outside 2..262144 (1024 is the default weight)")
                .arg(*cpu.shares));
    if (cpu.period && (*cpu.period < 1000 || *cpu.period > 1000000))
        add(problems, fieldPath(at, u"period"),
            QStringLiteral("%1 us is outside 1000..1000000 us").arg(*cpu.period));
    if (cpu.quota) {
        const QString quotaField = fieldPath(at, u"quota");
        const int64_t quota = *cpu.quota;
        if (quota < -1)
            add(problems, quotaField,
                QStringLiteral("%1 is not a quota: use at least 1000 us, or -1 for no limit")
                    .arg(quota));
        else if (quota > 0 && quota < 1000)
            add(problems, quotaField,
                QStringLiteral("%1 us is below the 1000 us minimum").arg(quota));
        if (quota > 0 && !cpu.period)
            add(problems, quotaField,
                QStringLiteral("a cpu quota needs a period (cpu.period): the quota is the cpu "
                               "time allowed in each period"));
    }
    if (cpu.realtimeRuntime && cpu.realtimePeriod &&
        *cpu.realtimeRuntime > int64_t(*cpu.realtimePeriod))
        add(problems, fieldPath(at, u"realtimeRuntime"),
            QStringLiteral("%1 us is longer than the realtime period of %2 us")
                .arg(*cpu.realtimeRuntime)
                .arg(*cpu.realtimePeriod));
    if (cpu.idle && *cpu.idle != 0 && *cpu.idle != 1)
        add(problems, fieldPath(at, u"idle"), QStringLiteral("must be 0 or 1"));
    checkList(problems, fieldPath(at, u"cpus"), cpu.cpus);
    checkList(problems, fieldPath(at, u"mems"), cpu.mems);
}

void checkBlkioWeight(Problems &problems, const QString &field,
                      const std::optional<uint16_t> &weight)
{
    if (weight && (*weight < 10 || *weight > 1000))
        add(problems, field, QStringLiteral("%1 is outside 10..1000").arg(*weight));
}

void checkDeviceNumbers(Problems &problems, const QString &at, int64_t major, int64_t minor)
{
    if (major < 0)
        add(problems, fieldPath(at, u"major"), QStringLiteral("must not be negative"));
    if (minor < 0)
        add(problems, fieldPath(at, u"minor"), QStringLiteral("must not be negative"));
}

void checkBlockIo(Problems &problems, const BlockIoResources &blockIO, const QString &at)
{
    checkBlkioWeight(problems, fieldPath(at, u"weight"), blockIO.weight);
    checkBlkioWeight(problems, fieldPath(at, u"leafWeight"), blockIO.leafWeight);
    for (qsizetype i = 0; i < blockIO.weightDevice.size(); ++i) {
        const WeightDevice &device = blockIO.weightDevice.at(i);
        const QString deviceAt = indexPath(fieldPath(at, u"weightDevice"), i);
        checkDeviceNumbers(problems, deviceAt, device.major, device.minor);
        checkBlkioWeight(problems, fieldPath(deviceAt, u"weight"), device.weight);
        checkBlkioWeight(problems, fieldPath(deviceAt, u"leafWeight"), device.leafWeight);
    }
    const std::pair<const char16_t *, const QList<ThrottleDevice> *> throttles[] = {
        {u"throttleReadBpsDevice", &blockIO.throttleReadBpsDevice},
        {u"throttleWriteBpsDevice", &blockIO.throttleWriteBpsDevice},
        {u"throttleReadIOPSDevice", &blockIO.throttleReadIOPSDevice},
        {u"throttleWriteIOPSDevice", &blockIO.throttleWriteIOPSDevice},
    };
    for (const auto &[key, devices] : throttles) {
        for (qsizetype i = 0; i < devices->size(); ++i)
            checkDeviceNumbers(problems, indexPath(fieldPath(at, key), i), devices->at(i).major,
                               devices->at(i).minor);
    }
}

void checkUnified(Problems &problems, const QMap<QString, QString> &unified, const QString &field)
{
    for (auto it = unified.constBegin(); it != unified.constEnd(); ++it) {
        const QString &name = it.key();
        if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.startsWith(QLatin1Char('.')))
            add(problems, entryPath(field, name),
                QStringLiteral("must be a cgroup file name such as memory.high"));
    }
}

// --- seccomp -----------------------------------------------------------------------------------

const QStringList &seccompActions()
{
    static const QStringList actions = {
        QStringLiteral("SCMP_ACT_KILL"),        QStringLiteral("SCMP_ACT_KILL_PROCESS"),
        QStringLiteral("SCMP_ACT_KILL_THREAD"), QStringLiteral("SCMP_ACT_TRAP"),
        QStringLiteral("SCMP_ACT_ERRNO"),       QStringLiteral("SCMP_ACT_TRACE"),
        QStringLiteral("SCMP_ACT_ALLOW"),       QStringLiteral("SCMP_ACT_LOG"),
        QStringLiteral("SCMP_ACT_NOTIFY"),
    };
    return actions;
}

const QString NotifyAction = QStringLiteral("SCMP_ACT_NOTIFY");

void checkAction(Problems &problems, const QString &field, const QString &action)
{
    if (action.isEmpty())
        add(problems, field, QStringLiteral("must name an action such as SCMP_ACT_ERRNO"));
    else
        requireOneOf(problems, field, action, seccompActions(), QStringLiteral("action"));
}

void checkErrnoRet(Problems &problems, const QString &field,
                   const std::optional<uint32_t> &errnoRet, const QString &action)
{
    const bool takesErrno =
        action == QLatin1String("SCMP_ACT_ERRNO") || action == QLatin1String("SCMP_ACT_TRACE");
    if (errnoRet && !takesErrno && seccompActions().contains(action))
        add(problems, field,
            QStringLiteral("only SCMP_ACT_ERRNO and SCMP_ACT_TRACE return an errno; the action "
                           "here is %1")
                .arg(action));
}

void checkArchitectures(Problems &problems, const QStringList &architectures, const QString &field)
{
    const QString prefix = QStringLiteral("SCMP_ARCH_");
    for (qsizetype i = 0; i < architectures.size(); ++i) {
        const QString &name = architectures.at(i);
        // libseccomp knows SCMP_ARCH_X86_64 as "x86_64".
        const QByteArray short_ = name.mid(prefix.size()).toLower().toLatin1();
        if (!name.startsWith(prefix) || seccomp_arch_resolve_name(short_.constData()) == 0)
            add(problems, indexPath(field, i),
                QStringLiteral("unknown architecture %1, expected a name like SCMP_ARCH_X86_64")
                    .arg(quoted(name)));
    }
}

void checkSeccompSyscall(Problems &problems, const SeccompSyscall &rule, const QString &at)
{
    static const QStringList operators = {
        QStringLiteral("SCMP_CMP_NE"),        QStringLiteral("SCMP_CMP_LT"),
        QStringLiteral("SCMP_CMP_LE"),        QStringLiteral("SCMP_CMP_EQ"),
        QStringLiteral("SCMP_CMP_GE"),        QStringLiteral("SCMP_CMP_GT"),
        QStringLiteral("SCMP_CMP_MASKED_EQ"),
    };
    const QString namesField = fieldPath(at, u"names");
    if (rule.names.isEmpty())
        add(problems, namesField, QStringLiteral("must name at least one syscall"));
    for (qsizetype i = 0; i < rule.names.size(); ++i) {
        // libseccomp knows every architecture's names; one missing from its table is a typo.
        const QByteArray name = rule.names.at(i).toLatin1();
        if (rule.names.at(i).isEmpty())
            add(problems, indexPath(namesField, i), QStringLiteral("must not be empty"));
        else if (seccomp_syscall_resolve_name(name.constData()) == __NR_SCMP_ERROR &&
                 !isSyscallNewerThanLibseccomp(rule.names.at(i)))
            add(problems, indexPath(namesField, i),
                QStringLiteral("unknown syscall %1").arg(quoted(rule.names.at(i))));
    }
    checkAction(problems, fieldPath(at, u"action"), rule.action);
    checkErrnoRet(problems, fieldPath(at, u"errnoRet"), rule.errnoRet, rule.action);
    for (qsizetype i = 0; i < rule.args.size(); ++i) {
        const SeccompArg &arg = rule.args.at(i);
        const QString argAt = indexPath(fieldPath(at, u"args"), i);
        if (arg.index > 5)
            add(problems, fieldPath(argAt, u"index"),
                QStringLiteral("%1 is out of range: a syscall has arguments 0 to 5")
                    .arg(arg.index));
        requireOneOf(problems, fieldPath(argAt, u"op"), arg.op, operators,
                     QStringLiteral("operator"));
    }
}

// --- the spec ----------------------------------------------------------------------------------

bool within(const QString &field, const QString &parent)
{
    if (!field.startsWith(parent))
        return false;
    return field.size() == parent.size() || field.at(parent.size()) == QLatin1Char('.') ||
           field.at(parent.size()) == QLatin1Char('[');
}

} // namespace

QList<Error> validateResources(const Resources &resources, const QString &pathPrefix)
{
    Problems problems;
    checkDeviceRules(problems, resources.devices, fieldPath(pathPrefix, u"devices"));
    if (resources.cpu)
        checkCpu(problems, *resources.cpu, fieldPath(pathPrefix, u"cpu"));
    if (resources.memory)
        checkMemory(problems, *resources.memory, fieldPath(pathPrefix, u"memory"));
    if (resources.pidsLimit && (*resources.pidsLimit == 0 || *resources.pidsLimit < -1))
        add(problems, fieldPath(fieldPath(pathPrefix, u"pids"), u"limit"),
            QStringLiteral("%1 is not a limit: allow at least 1 process, or -1 for no limit")
                .arg(*resources.pidsLimit));
    if (resources.blockIO)
        checkBlockIo(problems, *resources.blockIO, fieldPath(pathPrefix, u"blockIO"));
    checkUnified(problems, resources.unified, fieldPath(pathPrefix, u"unified"));
    return problems;
}

QList<Error> validateSeccomp(const Seccomp &seccomp, const QString &prefix)
{
    static const QStringList flags = {
        QStringLiteral("SECCOMP_FILTER_FLAG_TSYNC"),
        QStringLiteral("SECCOMP_FILTER_FLAG_LOG"),
        QStringLiteral("SECCOMP_FILTER_FLAG_SPEC_ALLOW"),
        QStringLiteral("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"),
    };
    Problems problems;
    const QString defaultActionField = fieldPath(prefix, u"defaultAction");
    checkAction(problems, defaultActionField, seccomp.defaultAction);
    if (seccomp.defaultAction == NotifyAction)
        add(problems, defaultActionField,
            QStringLiteral("SCMP_ACT_NOTIFY cannot be the default action: the runtime itself "
                           "needs syscalls before the listener takes over"));
    checkErrnoRet(problems, fieldPath(prefix, u"defaultErrnoRet"), seccomp.defaultErrnoRet,
                  seccomp.defaultAction);
    checkArchitectures(problems, seccomp.architectures, fieldPath(prefix, u"architectures"));
    for (qsizetype i = 0; i < seccomp.flags.size(); ++i)
        requireOneOf(problems, indexPath(fieldPath(prefix, u"flags"), i), seccomp.flags.at(i),
                     flags, QStringLiteral("flag"));
    bool notifies = false;
    for (qsizetype i = 0; i < seccomp.syscalls.size(); ++i) {
        checkSeccompSyscall(problems, seccomp.syscalls.at(i),
                            indexPath(fieldPath(prefix, u"syscalls"), i));
        notifies = notifies || seccomp.syscalls.at(i).action == NotifyAction;
    }
    const QString listenerField = fieldPath(prefix, u"listenerPath");
    if (notifies && seccomp.listenerPath.isEmpty())
        add(problems, listenerField,
            QStringLiteral("SCMP_ACT_NOTIFY needs a listener path: the socket that receives the "
                           "notifications"));
    else if (!seccomp.listenerPath.isEmpty())
        requireAbsolute(problems, listenerField, seccomp.listenerPath);
    return problems;
}

QList<Error> validateSpec(const OciSpec &spec)
{
    Problems problems = spec.schemaErrors();
    const Problems schema = problems;
    const Linux linux = spec.linux();
    Problems values;
    checkVersion(values, spec.ociVersion());
    checkProcess(values, spec.process(), linux);
    checkRoot(values, spec.root());
    checkHostname(values, QStringLiteral("hostname"), spec.hostname(), linux);
    checkHostname(values, QStringLiteral("domainname"), spec.domainname(), linux);
    checkMounts(values, spec.mounts());
    checkLinux(values, linux);
    checkAnnotations(values, spec.annotations());
    for (const Error &problem : values) {
        const bool typeProblem = std::any_of(schema.begin(), schema.end(), [&](const Error &e) {
            return within(problem.field, e.field);
        });
        if (!typeProblem)
            problems.append(problem);
    }
    return problems;
}

// Debian 12's libseccomp is 2.5.4; these came after its syscall table.
bool isSyscallNewerThanLibseccomp(const QString &name)
{
    static const QSet<QString> newer = {
        QStringLiteral("statmount"),         QStringLiteral("listmount"),
        QStringLiteral("lsm_get_self_attr"), QStringLiteral("lsm_set_self_attr"),
        QStringLiteral("lsm_list_modules"),  QStringLiteral("mseal"),
        QStringLiteral("setxattrat"),        QStringLiteral("getxattrat"),
        QStringLiteral("listxattrat"),       QStringLiteral("removexattrat"),
        QStringLiteral("open_tree_attr"),    QStringLiteral("uretprobe"),
    };
    return newer.contains(name);
}

} // namespace isolde::spec
