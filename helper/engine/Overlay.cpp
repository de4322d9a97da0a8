#include "Overlay.h"

#include "ImageStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace isolde::engine {

static QString layersField()
{
    return QStringLiteral("annotations[\"%1\"]").arg(QLatin1String(AnnotationRootfsLayers));
}

// Overlay's option syntax splits on ',' and ':' (and unescapes '\'): a path holding one of
// them would be read as something else.
static bool safeForOptions(const QString &path)
{
    return !path.contains(QLatin1Char(',')) && !path.contains(QLatin1Char(':')) &&
           !path.contains(QLatin1Char('\\'));
}

// A layer dir named by the annotation must be a layer of our store: a bundle must not be able
// to show the container an arbitrary host directory, even read-only.
static Expected<QString> checkedLayerDir(const QString &entry, const QString &storeLayers,
                                         int index)
{
    const QString field = layersField();
    const QFileInfo info(entry);
    const QString canonical = info.canonicalFilePath();
    if (!info.isAbsolute() || !info.isDir() || canonical.isEmpty())
        return Error{field, QStringLiteral("layer %1 \"%2\" is not an existing absolute directory")
                                .arg(index)
                                .arg(entry)};
    if (QFileInfo(canonical).path() != storeLayers || digestHex(info.fileName()).isEmpty())
        return Error{field, QStringLiteral("layer %1 \"%2\" is not a layer of the image store %3")
                                .arg(index)
                                .arg(entry, storeLayers)};
    if (!safeForOptions(canonical))
        return Error{field,
                     QStringLiteral("layer path \"%1\" contains ',' ':' or '\\'").arg(canonical)};
    return canonical;
}

// upper/ or work/ in the bundle: a real directory (a symlink there would let a bundle point
// the container's writes at any host directory).
static Expected<QString> writableDir(const QString &bundleDir, const QString &name)
{
    const QString path = QDir(bundleDir).filePath(name);
    const QByteArray encoded = QFile::encodeName(path);
    if (::mkdir(encoded.constData(), 0755) != 0 && errno != EEXIST)
        return Error{QString(), QStringLiteral("cannot create the overlay's %1 dir \"%2\": %3")
                                    .arg(name, path, QString::fromLocal8Bit(strerror(errno)))};
    struct stat st = {};
    if (::lstat(encoded.constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return Error{
            QString(),
            QStringLiteral("the overlay's %1 dir \"%2\" is not a directory").arg(name, path)};
    if (!safeForOptions(path))
        return Error{QString(),
                     QStringLiteral("bundle path \"%1\" contains ',' ':' or '\\'").arg(path)};
    return path;
}

// Host id that container id 0 maps to, when the container gets a new user namespace.
static std::optional<uint32_t> hostIdOfRoot(const QList<spec::IdMapping> &mappings)
{
    for (const spec::IdMapping &mapping : mappings) {
        if (mapping.containerID == 0 && mapping.size > 0)
            return mapping.hostID;
    }
    return std::nullopt;
}

static bool hasNewUserNamespace(const spec::Linux &linux)
{
    for (const spec::Namespace &ns : linux.namespaces) {
        if (ns.type == QLatin1String("user"))
            return ns.path.isEmpty();
    }
    return false;
}

// fsconfig() takes at most 255 bytes per value.
constexpr qsizetype fsconfigValueMax = 255;

static Error overlayError(const QString &what)
{
    return Error{layersField(),
                 what + QStringLiteral(": ") + QString::fromLocal8Bit(strerror(errno))};
}

static bool setString(int fsFd, const char *key, const QString &value)
{
    return ::fsconfig(fsFd, FSCONFIG_SET_STRING, key, QFile::encodeName(value).constData(), 0) == 0;
}

// The detached overlay mount, created with this (host root) process's credentials.
static Expected<UniqueFd> createOverlay(const QStringList &lowerDirs, const QString &upper,
                                        const QString &work)
{
    const UniqueFd fs(::fsopen("overlay", FSOPEN_CLOEXEC));
    if (!fs.valid())
        return overlayError(QStringLiteral("this kernel has no overlay filesystem"));
    const QString lower = lowerDirs.join(QLatin1Char(':'));
    if (lower.size() <= fsconfigValueMax) {
        if (!setString(fs.get(), "lowerdir", lower))
            return overlayError(QStringLiteral("overlay refuses lowerdir \"%1\"").arg(lower));
    } else {
        // One layer per call ("lowerdir+", kernel >= 6.8) where the list is too long for one.
        for (const QString &dir : lowerDirs) {
            if (!setString(fs.get(), "lowerdir+", dir))
                return overlayError(QStringLiteral("overlay refuses lower dir \"%1\" (more "
                                                   "than %2 bytes of layers need kernel 6.8)")
                                        .arg(dir)
                                        .arg(fsconfigValueMax));
        }
    }
    if (upper.size() > fsconfigValueMax || work.size() > fsconfigValueMax)
        return Error{QString(), QStringLiteral("bundle path \"%1\" is longer than %2 bytes")
                                    .arg(upper)
                                    .arg(fsconfigValueMax)};
    if (!setString(fs.get(), "upperdir", upper) || !setString(fs.get(), "workdir", work))
        return overlayError(
            QStringLiteral("overlay refuses upperdir \"%1\" or workdir \"%2\"").arg(upper, work));
    if (::fsconfig(fs.get(), FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) != 0)
        return overlayError(QStringLiteral("cannot create the overlay"));
    const int mount = ::fsmount(fs.get(), FSMOUNT_CLOEXEC, 0);
    if (mount < 0)
        return overlayError(QStringLiteral("cannot make the overlay mount"));
    return UniqueFd(mount);
}

Expected<std::optional<OverlayPlan>> planOverlay(const spec::OciSpec &spec,
                                                 const QString &bundleDir, const QString &rootPath)
{
    const QString layers = spec.annotation(QLatin1String(AnnotationRootfsLayers));
    if (layers.isEmpty())
        return std::optional<OverlayPlan>();

    const QString storeLayers = QDir(ImageStore().layersDir()).canonicalPath();
    if (storeLayers.isEmpty())
        return Error{layersField(), QStringLiteral("the image store has no layers directory")};
    QStringList lowerDirs;
    const QStringList entries = layers.split(QLatin1Char(':'));
    for (int i = 0; i < entries.size(); ++i) {
        auto dir = checkedLayerDir(entries.at(i), storeLayers, i);
        if (!dir)
            return dir.error();
        lowerDirs.append(*dir);
    }

    auto upper = writableDir(bundleDir, QStringLiteral("upper"));
    if (!upper)
        return upper.error();
    auto work = writableDir(bundleDir, QStringLiteral("work"));
    if (!work)
        return work.error();

    const spec::Linux linux = spec.linux();
    if (hasNewUserNamespace(linux)) {
        // Container root owns the overlay's root directory (upper/), so it may write in "/".
        const auto uid = hostIdOfRoot(linux.uidMappings);
        const auto gid = hostIdOfRoot(linux.gidMappings);
        if (::chown(QFile::encodeName(*upper).constData(), uid ? *uid : uid_t(-1),
                    gid ? *gid : gid_t(-1)) != 0)
            return Error{QStringLiteral("linux.uidMappings"),
                         QStringLiteral("cannot give \"%1\" to container root: %2")
                             .arg(*upper, QString::fromLocal8Bit(strerror(errno)))};
    }

    auto mount = createOverlay(lowerDirs, *upper, *work);
    if (!mount)
        return mount.error();
    OverlayPlan plan;
    plan.target = QFile::encodeName(rootPath).toStdString();
    plan.mount = std::move(*mount);
    return std::optional<OverlayPlan>(std::move(plan));
}

bool mountOverlay(const OverlayPlan &plan)
{
    return ::move_mount(plan.mount.get(), "", AT_FDCWD, plan.target.c_str(),
                        MOVE_MOUNT_F_EMPTY_PATH) == 0;
}

} // namespace isolde::engine
