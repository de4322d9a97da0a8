#include "spec/DockerMounts.h"

#include "spec/Units.h"

#include <QDir>
#include <algorithm>

namespace isolde::spec {

namespace {

const QStringList &propagationModes()
{
    static const QStringList modes = {"private", "rprivate", "shared",
                                      "rshared", "slave",    "rslave"};
    return modes;
}

constexpr auto DefaultPropagation = "rprivate";

Mount bindMount(const QString &source, const QString &destination, bool readOnly,
                const QString &propagation)
{
    Mount m;
    m.destination = QDir::cleanPath(destination);
    m.type = QStringLiteral("bind");
    m.source = QDir::cleanPath(source);
    m.options = {QStringLiteral("rbind")};
    if (readOnly)
        m.options << QStringLiteral("ro");
    m.options << propagation;
    return m;
}

// Flags a tmpfs accepts; each pair's members cancel each other.
const QList<QPair<QString, QString>> &tmpfsFlagPairs()
{
    static const QList<QPair<QString, QString>> pairs = {
        {"rw", "ro"},
        {"suid", "nosuid"},
        {"dev", "nodev"},
        {"exec", "noexec"},
        {"atime", "noatime"},
        {"diratime", "nodiratime"},
        {"relatime", "norelatime"},
        {"strictatime", "nostrictatime"},
        {"sync", "async"},
        {"dirsync", "nodirsync"},
        {"mand", "nomand"},
    };
    return pairs;
}

const QStringList &tmpfsDataKeys()
{
    static const QStringList keys = {"size",      "mode",      "uid", "gid",
                                     "nr_inodes", "nr_blocks", "mpol"};
    return keys;
}

// What a tmpfs option conflicts with, to be replaced by it: its opposite and itself for a
// flag, any value of the same key for key=value.
bool tmpfsOptionReplaces(const QString &option, const QString &existing)
{
    const qsizetype eq = option.indexOf(QLatin1Char('='));
    if (eq >= 0)
        return existing.startsWith(option.left(eq + 1));
    if (existing == option)
        return true;
    for (const auto &[a, b] : tmpfsFlagPairs()) {
        if ((option == a && existing == b) || (option == b && existing == a))
            return true;
    }
    return false;
}

bool isTmpfsOption(const QString &option)
{
    const qsizetype eq = option.indexOf(QLatin1Char('='));
    if (eq >= 0)
        return tmpfsDataKeys().contains(option.left(eq)) && eq + 1 < option.size();
    return std::any_of(tmpfsFlagPairs().begin(), tmpfsFlagPairs().end(), [&](const auto &pair) {
        return option == pair.first || option == pair.second;
    });
}

const QStringList &tmpfsDefaultOptions()
{
    static const QStringList defaults = {"noexec", "nosuid", "nodev"};
    return defaults;
}

// Docker's defaults, then the user's options, each replacing what it contradicts in place.
QStringList mergeTmpfsOptions(const QStringList &options)
{
    QStringList merged = tmpfsDefaultOptions();
    for (const QString &option : options) {
        const auto it = std::find_if(merged.begin(), merged.end(), [&](const QString &existing) {
            return tmpfsOptionReplaces(option, existing);
        });
        if (it != merged.end())
            *it = option;
        else
            merged << option;
    }
    return merged;
}

Mount tmpfsMount(const QString &destination, const QStringList &options)
{
    Mount m;
    m.destination = QDir::cleanPath(destination);
    m.type = QStringLiteral("tmpfs");
    m.source = QStringLiteral("tmpfs");
    m.options = mergeTmpfsOptions(options);
    return m;
}

QString mountPathError(const QString &path)
{
    return QStringLiteral("invalid mount path: '%1' mount path must be absolute").arg(path);
}

} // namespace

// -v SRC:DST[:MODE], MODE a comma list of ro, rw and a propagation.
Expected<Mount> mountFromVolumeFlag(const QString &value)
{
    const auto invalid = [&](const QString &reason) {
        return Error{{},
                     QStringLiteral("invalid volume specification: '%1': %2").arg(value, reason)};
    };
    const QStringList parts = value.split(QLatin1Char(':'));
    if (parts.size() == 1)
        return invalid(QStringLiteral("anonymous volumes are not supported yet, give SRC:DST"));
    if (parts.size() > 3)
        return invalid(QStringLiteral("too many colons"));
    const QString source = parts.at(0);
    const QString destination = parts.at(1);
    if (!QDir::isAbsolutePath(source))
        return invalid(QStringLiteral("named volumes are not supported yet, the source must be an "
                                      "absolute host path"));
    if (!QDir::isAbsolutePath(destination))
        return invalid(mountPathError(destination));
    if (QDir::cleanPath(destination) == QLatin1String("/"))
        return invalid(QStringLiteral("destination can't be '/'"));
    bool readOnly = false;
    QString propagation = QString::fromLatin1(DefaultPropagation);
    if (parts.size() == 3) {
        for (const QString &mode : parts.at(2).split(QLatin1Char(','))) {
            if (mode == QLatin1String("ro") || mode == QLatin1String("rw"))
                readOnly = mode == QLatin1String("ro");
            else if (propagationModes().contains(mode))
                propagation = mode;
            else
                return invalid(QStringLiteral("invalid mode: %1").arg(parts.at(2)));
        }
    }
    return bindMount(source, destination, readOnly, propagation);
}

// --tmpfs DST[:OPTIONS]
Expected<Mount> mountFromTmpfsFlag(const QString &value)
{
    const qsizetype colon = value.indexOf(QLatin1Char(':'));
    const QString destination = colon < 0 ? value : value.left(colon);
    const QStringList options =
        colon < 0 ? QStringList()
                  : value.mid(colon + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (!QDir::isAbsolutePath(destination))
        return Error{{}, mountPathError(destination)};
    for (const QString &option : options) {
        if (!isTmpfsOption(option))
            return Error{{}, QStringLiteral("invalid tmpfs option \"%1\"").arg(option)};
    }
    return tmpfsMount(destination, options);
}

// --mount type=bind|tmpfs,source=...,target=...,readonly,...
Expected<Mount> mountFromMountFlag(const QString &value)
{
    const auto invalid = [](const QString &reason) { return Error{{}, reason}; };
    QString type = QStringLiteral("volume"); // Docker's default
    QString source;
    QString target;
    bool readOnly = false;
    QString propagation = QString::fromLatin1(DefaultPropagation);
    QStringList tmpfsOptions;
    for (const QString &field : value.split(QLatin1Char(','))) {
        const qsizetype eq = field.indexOf(QLatin1Char('='));
        const QString key = (eq < 0 ? field : field.left(eq)).toLower();
        const QString val = eq < 0 ? QString() : field.mid(eq + 1);
        if (eq < 0 && key != QLatin1String("readonly") && key != QLatin1String("ro"))
            return invalid(
                QStringLiteral("invalid field '%1' must be a key=value pair").arg(field));
        if (key == QLatin1String("type")) {
            type = val.toLower();
        } else if (key == QLatin1String("source") || key == QLatin1String("src")) {
            source = val;
        } else if (key == QLatin1String("target") || key == QLatin1String("destination") ||
                   key == QLatin1String("dst")) {
            target = val;
        } else if (key == QLatin1String("readonly") || key == QLatin1String("ro")) {
            const std::optional<bool> flag = eq < 0 ? true : parseDockerBool(val);
            if (!flag)
                return invalid(QStringLiteral("invalid value for %1: %2").arg(key, val));
            readOnly = *flag;
        } else if (key == QLatin1String("bind-propagation")) {
            if (!propagationModes().contains(val))
                return invalid(QStringLiteral("invalid propagation mode: %1").arg(val));
            propagation = val;
        } else if (key == QLatin1String("tmpfs-size")) {
            const Expected<int64_t> size = parseByteSize(val);
            if (!size)
                return invalid(size.error().reason);
            tmpfsOptions << QStringLiteral("size=") + dockerByteSize(*size);
        } else if (key == QLatin1String("tmpfs-mode")) {
            bool ok = false;
            const uint mode = val.toUInt(&ok, 8);
            if (!ok || mode > 07777)
                return invalid(QStringLiteral("invalid value for %1: %2").arg(key, val));
            tmpfsOptions << QStringLiteral("mode=") + QString::number(mode, 8);
        } else {
            return invalid(QStringLiteral("unexpected key '%1' in '%2'").arg(key, field));
        }
    }
    if (target.isEmpty())
        return invalid(QStringLiteral("target is required"));
    const QString config = QStringLiteral("invalid mount config for type \"%1\": ").arg(type);
    if (!QDir::isAbsolutePath(target))
        return invalid(config + mountPathError(target));
    if (type == QLatin1String("bind")) {
        if (source.isEmpty())
            return invalid(config + QStringLiteral("field Source must not be empty"));
        if (!QDir::isAbsolutePath(source))
            return invalid(config + mountPathError(source));
        if (!tmpfsOptions.isEmpty())
            return invalid(config + QStringLiteral("tmpfs options are only for type=tmpfs"));
        return bindMount(source, target, readOnly, propagation);
    }
    if (type == QLatin1String("tmpfs")) {
        if (!source.isEmpty())
            return invalid(config + QStringLiteral("field Source must not be specified"));
        if (readOnly)
            tmpfsOptions << QStringLiteral("ro");
        return tmpfsMount(target, tmpfsOptions);
    }
    if (type == QLatin1String("volume"))
        return invalid(
            QStringLiteral("volumes are not supported yet: use type=bind or type=tmpfs"));
    return invalid(QStringLiteral("invalid mount type: %1").arg(type));
}

std::optional<MountFlag> mountFlagFor(const Mount &m)
{
    if (m.type == QLatin1String("bind")) {
        QStringList mode;
        if (m.options.contains(QLatin1String("ro")))
            mode << QStringLiteral("ro");
        for (const QString &option : m.options) {
            if (propagationModes().contains(option) && option != QLatin1String(DefaultPropagation))
                mode << option;
        }
        QString value = m.source + QLatin1Char(':') + m.destination;
        if (!mode.isEmpty())
            value += QLatin1Char(':') + mode.join(QLatin1Char(','));
        return MountFlag{QStringLiteral("volume"), value};
    }
    if (m.type == QLatin1String("tmpfs")) {
        QStringList options;
        for (const QString &option : m.options) {
            if (!tmpfsDefaultOptions().contains(option))
                options << option;
        }
        return MountFlag{QStringLiteral("tmpfs"),
                         options.isEmpty()
                             ? m.destination
                             : m.destination + QLatin1Char(':') + options.join(QLatin1Char(','))};
    }
    return std::nullopt;
}

} // namespace isolde::spec
