#include "ImageStore.h"

#include "LibArchive.h"
#include "Overlay.h"
#include "SafePath.h"
#include "util/Paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace isolde::engine {

QString digestHex(const QString &digest)
{
    static const QRegularExpression hex(QStringLiteral("^(sha256:)?([0-9a-f]{64})$"));
    const QRegularExpressionMatch match = hex.match(digest);
    return match.hasMatch() ? match.captured(2) : QString();
}

ImageStore::ImageStore()
    : ImageStore(paths::dataDir())
{}

ImageStore::ImageStore(const QString &dataDir)
    : m_dataDir(QDir::cleanPath(dataDir))
{}

QString ImageStore::layersDir() const
{
    return m_dataDir + QStringLiteral("/layers/sha256");
}

QString ImageStore::layerDir(const QString &digest) const
{
    return layersDir() + QLatin1Char('/') + digestHex(digest);
}

bool ImageStore::hasLayer(const QString &digest) const
{
    return !digestHex(digest).isEmpty() && QFileInfo(layerDir(digest)).isDir();
}

QString ImageStore::imagePath(const QString &name) const
{
    return m_dataDir + QStringLiteral("/images/") + name + QStringLiteral(".json");
}

static QString systemReason(const QString &what)
{
    return what + QStringLiteral(": ") + QString::fromLocal8Bit(strerror(errno));
}

// ---- Layer import -----------------------------------------------------------------------------

static Expected<QString> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QString(),
                     QStringLiteral("cannot read layer \"%1\": %2").arg(path, file.errorString())};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Error{QString(), QStringLiteral("cannot read layer \"%1\"").arg(path)};
    return QString::fromLatin1(hash.result().toHex());
}

namespace {

// Extracts one tarball into the directory `rootFd`, refusing anything that would reach outside.
class LayerExtractor
{
public:
    LayerExtractor(const LibArchive &libarchive, int rootFd, const QString &tarPath)
        : m_la(libarchive)
        , m_rootFd(rootFd)
        , m_tarPath(tarPath)
    {}

    Expected<void> run();

private:
    Expected<void> extractEntry(archive *reader, archive_entry *entry);
    Expected<void> writeData(archive *reader, int fd, la_int64_t size, const QString &name);
    Expected<void> applyMetadata(int parentFd, const char *name, archive_entry *entry,
                                 const QString &entryName);
    Error entryError(const QString &name, const QString &reason) const
    {
        return Error{QString(),
                     QStringLiteral("layer \"%1\", entry \"%2\": %3").arg(m_tarPath, name, reason)};
    }

    const LibArchive &m_la;
    int m_rootFd;
    QString m_tarPath;
};

// An entry name made relative to the layer root: "./a/b/" -> "a/b". Empty for the root itself;
// an error for absolute names and for any ".." component.
Expected<QString> relativeName(const QString &name)
{
    if (name.startsWith(QLatin1Char('/')))
        return Error{QString(), QStringLiteral("absolute path")};
    QStringList parts;
    for (const QString &part : name.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String(".."))
            return Error{QString(), QStringLiteral("\"..\" in the path")};
        if (part != QLatin1String("."))
            parts.append(part);
    }
    return parts.join(QLatin1Char('/'));
}

// Splits "a/b/c" into its directory ("a/b", or "." at the top) and the last component.
std::pair<QByteArray, QByteArray> splitName(const QString &name)
{
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    if (slash < 0)
        return {QByteArrayLiteral("."), QFile::encodeName(name)};
    return {QFile::encodeName(name.left(slash)), QFile::encodeName(name.mid(slash + 1))};
}

Expected<void> LayerExtractor::run()
{
    archive *reader = m_la.archive_read_new();
    m_la.archive_read_support_format_tar(reader);
    m_la.archive_read_support_filter_all(reader);
    const QByteArray path = QFile::encodeName(m_tarPath);
    Expected<void> result;
    if (m_la.archive_read_open_filename(reader, path.constData(), 1 << 16) != ARCHIVE_OK) {
        result =
            Error{QString(),
                  QStringLiteral("cannot open layer \"%1\": %2")
                      .arg(m_tarPath, QString::fromLocal8Bit(m_la.archive_error_string(reader)))};
    } else {
        archive_entry *entry = nullptr;
        int rc = ARCHIVE_OK;
        while (result && (rc = m_la.archive_read_next_header(reader, &entry)) == ARCHIVE_OK)
            result = extractEntry(reader, entry);
        if (result && rc != ARCHIVE_EOF)
            result = Error{QString(), QStringLiteral("layer \"%1\" is not a readable tar: %2")
                                          .arg(m_tarPath, QString::fromLocal8Bit(
                                                              m_la.archive_error_string(reader)))};
    }
    m_la.archive_read_free(reader);
    return result;
}

Expected<void> LayerExtractor::extractEntry(archive *reader, archive_entry *entry)
{
    const QString rawName = QString::fromUtf8(m_la.archive_entry_pathname(entry));
    auto name = relativeName(rawName);
    if (!name)
        return entryError(rawName, name.error().reason);
    const mode_t type = m_la.archive_entry_filetype(entry);
    if (type == AE_IFCHR || type == AE_IFBLK || type == AE_IFSOCK) {
        // A layer never needs device nodes: /dev is the engine's, populated per container.
        std::fprintf(stderr, "isolde: layer %s: skipping device or socket \"%s\"\n",
                     qPrintable(m_tarPath), qPrintable(rawName));
        return {};
    }
    if (name->isEmpty()) // the layer root itself
        return {};

    const auto [dir, base] = splitName(*name);
    const UniqueFd parent(mkdirInTree(m_rootFd, dir.constData(), 0755));
    if (!parent.valid())
        return entryError(rawName, systemReason(QStringLiteral("its directory is not a plain "
                                                               "directory of the layer")));
    // A later entry replaces an earlier one of the same name (tar semantics); a directory
    // stays and only gets its metadata updated.
    struct stat existing = {};
    const bool exists =
        ::fstatat(parent.get(), base.constData(), &existing, AT_SYMLINK_NOFOLLOW) == 0;
    if (exists && !(type == AE_IFDIR && S_ISDIR(existing.st_mode)) &&
        ::unlinkat(parent.get(), base.constData(), S_ISDIR(existing.st_mode) ? AT_REMOVEDIR : 0) !=
            0)
        return entryError(rawName, systemReason(QStringLiteral("cannot replace it")));

    const char *hardlink = m_la.archive_entry_hardlink(entry);
    if (hardlink) {
        auto target = relativeName(QString::fromUtf8(hardlink));
        if (!target || target->isEmpty())
            return entryError(rawName, QStringLiteral("hard link to \"%1\" outside the layer")
                                           .arg(QString::fromUtf8(hardlink)));
        const UniqueFd source(
            openInTree(m_rootFd, QFile::encodeName(*target).constData(), O_PATH | O_NOFOLLOW));
        struct stat st = {};
        if (!source.valid() || ::fstat(source.get(), &st) != 0 || S_ISDIR(st.st_mode))
            return entryError(rawName, QStringLiteral("hard link to \"%1\", which is not a file "
                                                      "of the layer")
                                           .arg(*target));
        if (::linkat(source.get(), "", parent.get(), base.constData(), AT_EMPTY_PATH) != 0)
            return entryError(rawName, systemReason(QStringLiteral("cannot link")));
        return {};
    }

    switch (type) {
    case AE_IFDIR:
        if (!exists && ::mkdirat(parent.get(), base.constData(), 0700) != 0)
            return entryError(rawName, systemReason(QStringLiteral("cannot create directory")));
        break;
    case AE_IFLNK:
        // The target is stored as is: it is only ever resolved inside a container's root.
        if (::symlinkat(m_la.archive_entry_symlink(entry), parent.get(), base.constData()) != 0)
            return entryError(rawName, systemReason(QStringLiteral("cannot create symlink")));
        break;
    case AE_IFIFO:
        if (::mkfifoat(parent.get(), base.constData(), 0600) != 0)
            return entryError(rawName, systemReason(QStringLiteral("cannot create fifo")));
        break;
    case AE_IFREG: {
        const UniqueFd file(::openat(parent.get(), base.constData(),
                                     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!file.valid())
            return entryError(rawName, systemReason(QStringLiteral("cannot create file")));
        if (auto written = writeData(reader, file.get(), m_la.archive_entry_size(entry), rawName);
            !written)
            return written;
        break;
    }
    default:
        return entryError(rawName, QStringLiteral("unknown entry type %1").arg(type));
    }
    return applyMetadata(parent.get(), base.constData(), entry, rawName);
}

Expected<void> LayerExtractor::writeData(archive *reader, int fd, la_int64_t entrySize,
                                         const QString &name)
{
    const void *block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int rc = ARCHIVE_OK;
    while ((rc = m_la.archive_read_data_block(reader, &block, &size, &offset)) == ARCHIVE_OK) {
        const char *data = static_cast<const char *>(block);
        while (size > 0) {
            const ssize_t written = ::pwrite(fd, data, size, offset);
            if (written < 0)
                return entryError(name, systemReason(QStringLiteral("cannot write")));
            data += written;
            size -= static_cast<size_t>(written);
            offset += written;
        }
    }
    if (rc != ARCHIVE_EOF)
        return entryError(name, QString::fromLocal8Bit(m_la.archive_error_string(reader)));
    // A sparse tail leaves the file short of its size.
    if (::ftruncate(fd, entrySize) != 0)
        return entryError(name, systemReason(QStringLiteral("cannot size")));
    return {};
}

Expected<void> LayerExtractor::applyMetadata(int parentFd, const char *name, archive_entry *entry,
                                             const QString &entryName)
{
    const uid_t uid = static_cast<uid_t>(m_la.archive_entry_uid(entry));
    const gid_t gid = static_cast<gid_t>(m_la.archive_entry_gid(entry));
    if (::fchownat(parentFd, name, uid, gid, AT_SYMLINK_NOFOLLOW) != 0)
        return entryError(entryName, systemReason(QStringLiteral("cannot chown")));
    if (m_la.archive_entry_filetype(entry) == AE_IFLNK)
        return {};
    mode_t mode = m_la.archive_entry_perm(entry) & 07777;
    // A setuid/setgid program is only kept when root owns it: a layer must not hand out
    // another user's identity.
    if (uid != 0)
        mode &= ~mode_t(S_ISUID | S_ISGID);
    if (::fchmodat(parentFd, name, mode, 0) != 0)
        return entryError(entryName, systemReason(QStringLiteral("cannot chmod")));
    const timespec times[2] = {{m_la.archive_entry_mtime(entry), 0},
                               {m_la.archive_entry_mtime(entry), 0}};
    if (::utimensat(parentFd, name, times, AT_SYMLINK_NOFOLLOW) != 0)
        return entryError(entryName, systemReason(QStringLiteral("cannot set mtime")));
    return {};
}

} // namespace

Expected<QString> ImageStore::importLayer(const QString &tarPath)
{
    auto hex = sha256OfFile(tarPath);
    if (!hex)
        return hex.error();
    const QString digest = QStringLiteral("sha256:") + *hex;
    if (hasLayer(digest))
        return digest;
    if (!QDir().mkpath(layersDir()))
        return Error{QString(), QStringLiteral("cannot create \"%1\"").arg(layersDir())};

    // Extracted beside its final place and renamed when whole: a layer dir that exists is
    // complete. The leading dot keeps it from ever looking like a digest.
    QByteArray temporary = QFile::encodeName(layersDir() + QStringLiteral("/.import-XXXXXX"));
    if (!::mkdtemp(temporary.data()))
        return Error{QString(),
                     systemReason(QStringLiteral("cannot create a directory in ") + layersDir())};
    const QString temporaryPath = QFile::decodeName(temporary);
    Expected<void> extracted;
    {
        auto root = openDirectory(temporaryPath, QString());
        auto libarchive = libArchive();
        if (!root)
            extracted = root.error();
        else if (!libarchive)
            extracted = libarchive.error();
        else
            extracted = LayerExtractor(**libarchive, root->get(), tarPath).run();
    }
    // Lower dirs must be readable by containers whose root is not host root.
    if (extracted && ::chmod(temporary.constData(), 0755) != 0)
        extracted = Error{QString(), systemReason(QStringLiteral("cannot chmod ") + temporaryPath)};
    if (extracted &&
        ::rename(temporary.constData(), QFile::encodeName(layerDir(digest)).constData()) != 0 &&
        !hasLayer(digest)) // lost a race against another import of the same layer: fine
        extracted = Error{QString(), systemReason(QStringLiteral("cannot rename the layer"))};
    if (QFileInfo::exists(temporaryPath))
        QDir(temporaryPath).removeRecursively();
    if (!extracted)
        return extracted.error();
    return digest;
}

// ---- Images -------------------------------------------------------------------------------------

// A name that is also a safe file name: no '/', no leading '.'.
static bool validImageName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"));
    return pattern.match(name).hasMatch();
}

static QJsonArray toJsonArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

static QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

Expected<void> ImageStore::saveImage(const Image &image)
{
    if (!validImageName(image.name))
        return Error{QStringLiteral("name"),
                     QStringLiteral("\"%1\" is not a valid image name").arg(image.name)};
    for (const QString &layer : image.layers) {
        if (!hasLayer(layer))
            return Error{QStringLiteral("layers"),
                         QStringLiteral("layer \"%1\" is not in the store").arg(layer)};
    }
    const QJsonObject config{{QStringLiteral("Env"), toJsonArray(image.config.env)},
                             {QStringLiteral("Cmd"), toJsonArray(image.config.cmd)},
                             {QStringLiteral("WorkingDir"), image.config.workingDir}};
    const QJsonObject json{{QStringLiteral("name"), image.name},
                           {QStringLiteral("created"), image.created.toString(Qt::ISODate)},
                           {QStringLiteral("layers"), toJsonArray(image.layers)},
                           {QStringLiteral("config"), config}};
    QDir().mkpath(m_dataDir + QStringLiteral("/images"));
    QSaveFile file(imagePath(image.name));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0 ||
        !file.commit())
        return Error{QString(), QStringLiteral("cannot write \"%1\": %2")
                                    .arg(imagePath(image.name), file.errorString())};
    return {};
}

Expected<Image> ImageStore::image(const QString &name) const
{
    if (!validImageName(name))
        return Error{QString(), QStringLiteral("\"%1\" is not a valid image name").arg(name)};
    QFile file(imagePath(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error{QString(), QStringLiteral("no image \"%1\" in %2").arg(name, m_dataDir)};
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return Error{QString(),
                     QStringLiteral("\"%1\": %2").arg(file.fileName(), parseError.errorString())};
    Image image;
    image.name = json.value(QStringLiteral("name")).toString();
    image.created =
        QDateTime::fromString(json.value(QStringLiteral("created")).toString(), Qt::ISODate);
    image.layers = toStringList(json.value(QStringLiteral("layers")));
    const QJsonObject config = json.value(QStringLiteral("config")).toObject();
    image.config.env = toStringList(config.value(QStringLiteral("Env")));
    image.config.cmd = toStringList(config.value(QStringLiteral("Cmd")));
    image.config.workingDir = config.value(QStringLiteral("WorkingDir")).toString();
    for (const QString &layer : std::as_const(image.layers)) {
        if (digestHex(layer).isEmpty())
            return Error{QString(), QStringLiteral("\"%1\": \"%2\" is not a sha256 digest")
                                        .arg(file.fileName(), layer)};
    }
    return image;
}

bool ImageStore::hasImage(const QString &name) const
{
    return validImageName(name) && QFileInfo::exists(imagePath(name));
}

QStringList ImageStore::imageNames() const
{
    QStringList names;
    const QStringList files = QDir(m_dataDir + QStringLiteral("/images"))
                                  .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        names.append(file.chopped(5));
    return names;
}

QStringList ImageStore::lowerDirs(const Image &image) const
{
    QStringList dirs;
    for (auto it = image.layers.crbegin(); it != image.layers.crend(); ++it)
        dirs.append(layerDir(*it));
    return dirs;
}

// ---- Bundles ------------------------------------------------------------------------------------

static QString envName(const QString &variable)
{
    return variable.section(QLatin1Char('='), 0, 0);
}

// The image's environment first, then the spec's, a spec variable replacing the image's.
static QStringList mergedEnv(const QStringList &image, const QStringList &spec)
{
    QStringList env;
    for (const QString &variable : image) {
        const QString name = envName(variable);
        const bool overridden = std::any_of(spec.cbegin(), spec.cend(),
                                            [&](const QString &s) { return envName(s) == name; });
        if (!overridden)
            env.append(variable);
    }
    return env + spec;
}

Expected<void> ImageStore::makeBundle(const Image &image, const QString &bundleDir,
                                      const spec::OciSpec &spec) const
{
    for (const QString &layer : image.layers) {
        if (!hasLayer(layer))
            return Error{QString(), QStringLiteral("image \"%1\": layer %2 is missing from %3")
                                        .arg(image.name, layer, layersDir())};
    }
    const QDir bundle(bundleDir);
    for (const char *dir : {"rootfs", "upper", "work"}) {
        if (!bundle.mkpath(QLatin1String(dir)))
            return Error{
                QString(),
                QStringLiteral("cannot create \"%1\"").arg(bundle.filePath(QLatin1String(dir)))};
    }

    spec::OciSpec bundleSpec = spec;
    spec::Root root = spec.root();
    root.path = QStringLiteral("rootfs");
    bundleSpec.setRoot(root);
    // A spec without a process gets the image's: that is what runs.
    spec::Process process = spec.process();
    process.env = mergedEnv(image.config.env, process.env);
    if (process.args.isEmpty())
        process.args = image.config.cmd;
    if ((process.cwd.isEmpty() || process.cwd == QLatin1String("/")) &&
        !image.config.workingDir.isEmpty())
        process.cwd = image.config.workingDir;
    bundleSpec.setProcess(process);
    bundleSpec.setAnnotation(QLatin1String(AnnotationRootfsLayers),
                             lowerDirs(image).join(QLatin1Char(':')));
    bundleSpec.setAnnotation(QLatin1String(spec::AnnotationImage), image.name);
    return bundleSpec.save(bundle.filePath(QStringLiteral("config.json")));
}

} // namespace isolde::engine
