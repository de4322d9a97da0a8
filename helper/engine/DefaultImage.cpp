#include "DefaultImage.h"

#include "LibArchive.h"
#include "util/Paths.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryFile>
#include <algorithm>
#include <sys/stat.h>
#include <vector>

namespace isolde::engine {

namespace {

// Every entry gets this mtime (2024-01-01T00:00:00Z), so the tarball's bytes depend only on
// the busybox binary.
constexpr time_t fixedMtime = 1704067200;

struct TarEntry
{
    QString path;
    mode_t type = S_IFDIR;
    mode_t mode = 0755;
    uid_t uid = 0;
    gid_t gid = 0;
    QByteArray data;   // regular files
    QByteArray target; // symlinks
};

TarEntry dir(const QString &path, mode_t mode = 0755, uid_t owner = 0)
{
    return TarEntry{path, S_IFDIR, mode, owner, owner, {}, {}};
}

TarEntry file(const QString &path, const QByteArray &data, mode_t mode = 0644)
{
    return TarEntry{path, S_IFREG, mode, 0, 0, data, {}};
}

TarEntry symlink(const QString &path, const QByteArray &target)
{
    return TarEntry{path, S_IFLNK, 0777, 0, 0, {}, target};
}

const QByteArray passwd = "root:x:0:0:root:/root:/bin/sh\n"
                          "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
                          "user:x:1000:1000:user:/home/user:/bin/sh\n";
// tty (5) is the group the OCI default /dev/pts mount gives terminals (gid=5).
const QByteArray group = "root:x:0:\n"
                         "tty:x:5:\n"
                         "nobody:x:65534:\n"
                         "user:x:1000:\n";
const QByteArray hosts = "127.0.0.1\tlocalhost\n"
                         "::1\tlocalhost ip6-localhost ip6-loopback\n";
const QByteArray resolvConf =
    "# Isolde's default image. A container starts in a network namespace of its own, with\n"
    "# only loopback, so no outside resolver is reachable: 127.0.0.1 makes a lookup fail at\n"
    "# once instead of waiting for a timeout. Give the container a network and bind-mount\n"
    "# the host's /etc/resolv.conf (or write your own) to resolve names.\n"
    "nameserver 127.0.0.1\n";

Expected<QStringList> busyboxApplets(const QString &busyboxPath)
{
    QProcess process;
    process.start(busyboxPath, {QStringLiteral("--list")});
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return Error{
            QString(),
            QStringLiteral("cannot run \"%1 --list\": %2").arg(busyboxPath, process.errorString())};
    QStringList applets;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        const QString name = QString::fromUtf8(line.trimmed());
        // An applet name becomes a file name in /bin: nothing but a plain name.
        if (!name.isEmpty() && name != QLatin1String("busybox") &&
            !name.contains(QLatin1Char('/')) && !name.startsWith(QLatin1Char('.')))
            applets.append(name);
    }
    if (applets.isEmpty())
        return Error{QString(), QStringLiteral("\"%1 --list\" names no applets").arg(busyboxPath)};
    return applets;
}

la_ssize_t appendToByteArray(archive *, void *clientData, const void *buffer, size_t length)
{
    static_cast<QByteArray *>(clientData)
        ->append(static_cast<const char *>(buffer), static_cast<qsizetype>(length));
    return static_cast<la_ssize_t>(length);
}

Expected<QByteArray> writeTar(std::vector<TarEntry> entries)
{
    std::sort(entries.begin(), entries.end(),
              [](const TarEntry &a, const TarEntry &b) { return a.path < b.path; });
    auto libarchive = libArchive();
    if (!libarchive)
        return libarchive.error();
    const LibArchive &la = **libarchive;
    QByteArray tar;
    archive *writer = la.archive_write_new();
    // ustar: no pax headers carrying atime/ctime or the builder's user names.
    la.archive_write_set_format_ustar(writer);
    la.archive_write_open(writer, &tar, nullptr, appendToByteArray, nullptr);
    archive_entry *entry = la.archive_entry_new();
    Expected<QByteArray> result = QByteArray();
    for (const TarEntry &e : entries) {
        la.archive_entry_clear(entry);
        const QByteArray path = QFile::encodeName(e.path);
        la.archive_entry_set_pathname(entry, path.constData());
        la.archive_entry_set_filetype(entry, e.type);
        la.archive_entry_set_perm(entry, e.mode);
        la.archive_entry_set_uid(entry, e.uid);
        la.archive_entry_set_gid(entry, e.gid);
        la.archive_entry_set_mtime(entry, fixedMtime, 0);
        la.archive_entry_set_size(entry, e.data.size());
        if (e.type == S_IFLNK)
            la.archive_entry_set_symlink(entry, e.target.constData());
        if (la.archive_write_header(writer, entry) != ARCHIVE_OK ||
            (!e.data.isEmpty() &&
             la.archive_write_data(writer, e.data.constData(),
                                   static_cast<size_t>(e.data.size())) != e.data.size())) {
            result =
                Error{QString(),
                      QStringLiteral("cannot write \"%1\" to the image tarball: %2")
                          .arg(e.path, QString::fromLocal8Bit(la.archive_error_string(writer)))};
            break;
        }
    }
    la.archive_entry_free(entry);
    if (la.archive_write_close(writer) != ARCHIVE_OK && result)
        result =
            Error{QString(), QStringLiteral("cannot finish the image tarball: %1")
                                 .arg(QString::fromLocal8Bit(la.archive_error_string(writer)))};
    la.archive_write_free(writer);
    if (!result)
        return result;
    return tar;
}

Image defaultImage(const QString &layerDigest)
{
    Image image;
    image.name = QLatin1String(DefaultImageName);
    image.layers = {layerDigest};
    image.created = QDateTime::fromSecsSinceEpoch(fixedMtime, Qt::UTC);
    image.config.env = {QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
                                       "/sbin:/bin")};
    image.config.cmd = {QStringLiteral("sh")};
    image.config.workingDir = QStringLiteral("/");
    return image;
}

} // namespace

Expected<QByteArray> defaultImageTarball(const QString &busyboxPath)
{
    QFile busybox(busyboxPath);
    if (!busybox.open(QIODevice::ReadOnly))
        return Error{QString(),
                     QStringLiteral("cannot read \"%1\" (Debian package busybox-static): "
                                    "%2")
                         .arg(busyboxPath, busybox.errorString())};
    auto applets = busyboxApplets(busyboxPath);
    if (!applets)
        return applets.error();

    std::vector<TarEntry> entries = {
        dir(QStringLiteral("bin")),
        file(QStringLiteral("bin/busybox"), busybox.readAll(), 0755),
        dir(QStringLiteral("dev")),
        dir(QStringLiteral("etc")),
        file(QStringLiteral("etc/passwd"), passwd),
        file(QStringLiteral("etc/group"), group),
        file(QStringLiteral("etc/hosts"), hosts),
        file(QStringLiteral("etc/resolv.conf"), resolvConf),
        dir(QStringLiteral("home")),
        dir(QStringLiteral("home/user"), 0755, 1000),
        dir(QStringLiteral("proc")),
        dir(QStringLiteral("root"), 0700),
        dir(QStringLiteral("sys")),
        dir(QStringLiteral("tmp"), 01777),
    };
    for (const QString &applet : std::as_const(*applets))
        entries.push_back(symlink(QStringLiteral("bin/") + applet, "busybox"));
    return writeTar(std::move(entries));
}

Expected<Image> ensureDefaultImage(ImageStore &store)
{
    const QString name = QLatin1String(DefaultImageName);
    if (store.hasImage(name)) {
        auto image = store.image(name);
        if (image && std::all_of(image->layers.cbegin(), image->layers.cend(),
                                 [&](const QString &layer) { return store.hasLayer(layer); }))
            return image;
    }
    auto tar = defaultImageTarball();
    if (!tar)
        return tar.error();
    if (!QDir().mkpath(store.dataDir()))
        return Error{QString(), QStringLiteral("cannot create \"%1\"").arg(store.dataDir())};
    QTemporaryFile tarFile(store.dataDir() + QStringLiteral("/.busybox-XXXXXX.tar"));
    if (!tarFile.open() || tarFile.write(*tar) != tar->size() || !tarFile.flush())
        return Error{QString(), QStringLiteral("cannot write \"%1\": %2")
                                    .arg(tarFile.fileName(), tarFile.errorString())};
    auto digest = store.importLayer(tarFile.fileName());
    if (!digest)
        return digest.error();
    const Image image = defaultImage(*digest);
    if (auto saved = store.saveImage(image); !saved)
        return saved.error();
    return image;
}

Expected<Image> findImage(ImageStore &store, const QString &name)
{
    if (name == QLatin1String(DefaultImageName))
        return ensureDefaultImage(store);
    return store.image(name);
}

Expected<void> makeBundle(const QString &imageName, const QString &bundleDir,
                          const spec::OciSpec &spec)
{
    ImageStore store;
    auto image = findImage(store, imageName);
    if (!image)
        return image.error();
    return store.makeBundle(*image, bundleDir, spec);
}

} // namespace isolde::engine
