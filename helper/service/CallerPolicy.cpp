#include "CallerPolicy.h"

#include "spec/SpecDefaults.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSet>
#include <sys/stat.h>

namespace isolde::service {

namespace {

bool isBindMount(const spec::Mount &mount)
{
    return mount.type == QLatin1String("bind") || mount.options.contains(QLatin1String("bind")) ||
           mount.options.contains(QLatin1String("rbind"));
}

// Kernel file systems that show only the container's own view (its namespaces, its cgroup)
// or memory of its own; anything else (ext4, overlay, nfs, ...) reaches host devices or files.
bool isContainerOwnFileSystem(const QString &type)
{
    static const QSet<QString> own = {
        QStringLiteral("proc"),    QStringLiteral("sysfs"),  QStringLiteral("tmpfs"),
        QStringLiteral("devpts"),  QStringLiteral("mqueue"), QStringLiteral("cgroup"),
        QStringLiteral("cgroup2"), QStringLiteral("none"),
    };
    return own.contains(type);
}

// A container that shares the host's PID namespace runs as uid 0 with CAP_KILL beside every
// host process; one that shares its network, IPC, UTS or mount namespace reaches the host's
// interfaces, shared memory, hostname or mounts. So callers other than root get new ones.
Expected<void> checkNamespaces(const spec::Linux &linux)
{
    QSet<QString> own;
    for (qsizetype i = 0; i < linux.namespaces.size(); ++i) {
        if (!linux.namespaces[i].path.isEmpty())
            return Error{
                spec::fieldPath(spec::indexPath(QStringLiteral("linux.namespaces"), i), u"path"),
                QStringLiteral("only root may join an existing namespace")};
        own.insert(linux.namespaces[i].type);
    }
    for (const char *required : {"pid", "network", "ipc", "uts", "mount"}) {
        if (!own.contains(QLatin1String(required)))
            return Error{QStringLiteral("linux.namespaces"),
                         QStringLiteral("only root may share the host's %1 namespace")
                             .arg(QLatin1String(required))};
    }
    return {};
}

Expected<void> checkDevices(const spec::Linux &linux)
{
    if (!linux.devices.isEmpty())
        return Error{QStringLiteral("linux.devices"),
                     QStringLiteral("only root may add device nodes to a container")};
    if (!linux.resources)
        return {};
    // Deny rules only take away; an allow rule must be one the defaults already have.
    const QList<spec::DeviceRule> defaults = spec::defaultDeviceRules();
    const QList<spec::DeviceRule> &rules = linux.resources->devices;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (rules[i].allow && !defaults.contains(rules[i]))
            return Error{spec::indexPath(QStringLiteral("linux.resources.devices"), i),
                         QStringLiteral("only root may allow devices beyond the default ones")};
    }
    return {};
}

Expected<void> checkCapabilities(const spec::Process &process)
{
    if (!process.capabilities)
        return {};
    const auto defaults = spec::defaultSpec().process().capabilities;
    const QStringList allowed = defaults ? defaults->bounding : QStringList();
    const std::pair<const char16_t *, const QStringList *> sets[] = {
        {u"bounding", &process.capabilities->bounding},
        {u"effective", &process.capabilities->effective},
        {u"inheritable", &process.capabilities->inheritable},
        {u"permitted", &process.capabilities->permitted},
        {u"ambient", &process.capabilities->ambient},
    };
    for (const auto &[name, set] : sets) {
        for (qsizetype i = 0; i < set->size(); ++i) {
            if (!allowed.contains(set->at(i)))
                return Error{spec::indexPath(spec::fieldPath(QStringLiteral("process.capabilities"),
                                                             QStringView(name)),
                                             i),
                             QStringLiteral("only root may grant %1 (beyond Docker's default "
                                            "capabilities)")
                                 .arg(set->at(i).left(64))};
        }
    }
    return {};
}

// A bind mount source must be the caller's own: stat uid == caller, after symlinks are
// resolved. The source is replaced by the resolved path so that a symlink swapped in later
// is not followed by the engine.
Expected<void> checkMounts(spec::OciSpec &spec, uid_t uid)
{
    QList<spec::Mount> mounts = spec.mounts();
    for (qsizetype i = 0; i < mounts.size(); ++i) {
        spec::Mount &mount = mounts[i];
        const QString field = spec::indexPath(QStringLiteral("mounts"), i);
        if (!isBindMount(mount)) {
            if (!isContainerOwnFileSystem(mount.type))
                return Error{spec::fieldPath(field, u"type"),
                             QStringLiteral("only root may mount \"%1\" file systems")
                                 .arg(mount.type.left(64))};
            continue;
        }
        const QString canonical = QFileInfo(mount.source).canonicalFilePath();
        struct stat status = {};
        if (canonical.isEmpty() || ::stat(QFile::encodeName(canonical).constData(), &status) != 0)
            return Error{spec::fieldPath(field, u"source"),
                         QStringLiteral("%1 does not exist").arg(mount.source.left(256))};
        if (status.st_uid != uid)
            return Error{spec::fieldPath(field, u"source"),
                         QStringLiteral("%1 belongs to uid %2: a bind mount source must be "
                                        "your own")
                             .arg(canonical.left(256))
                             .arg(status.st_uid)};
        mount.source = canonical;
    }
    spec.setMounts(mounts);
    return {};
}

} // namespace

Expected<void> applyCallerPolicy(spec::OciSpec &spec, uid_t uid)
{
    if (uid == 0)
        return {};
    const QJsonValue hooks = spec.document().value(QLatin1String("hooks"));
    if (!hooks.isUndefined() && !(hooks.isObject() && hooks.toObject().isEmpty()))
        return Error{QStringLiteral("hooks"), QStringLiteral("only root may set hooks: they run "
                                                             "as root on the host")};
    const spec::Linux linux = spec.linux();
    if (auto checked = checkNamespaces(linux); !checked)
        return checked;
    if (auto checked = checkDevices(linux); !checked)
        return checked;
    if (auto checked = checkCapabilities(spec.process()); !checked)
        return checked;
    return checkMounts(spec, uid);
}

} // namespace isolde::service
