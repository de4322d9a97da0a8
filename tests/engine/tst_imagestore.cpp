// ImageStore and the default image: layer import (atomic, refusing hostile tarballs), image
// records, bundles, and the busybox image built once with a stable digest.
#include "DefaultImage.h"
#include "ImageStore.h"
#include "Overlay.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace isolde;
using namespace isolde::engine;

namespace {

struct Entry
{
    QByteArray name;
    mode_t type = AE_IFREG;
    QByteArray content;  // file data
    QByteArray link;     // symlink target
    QByteArray hardlink; // hard link target
    mode_t mode = 0644;
    int uid = 0;
};

Entry fileEntry(const QByteArray &name, const QByteArray &content, mode_t mode = 0644, int uid = 0)
{
    Entry e;
    e.name = name;
    e.content = content;
    e.mode = mode;
    e.uid = uid;
    return e;
}

Entry dirEntry(const QByteArray &name, mode_t mode = 0755, int uid = 0)
{
    Entry e = fileEntry(name, {}, mode, uid);
    e.type = AE_IFDIR;
    return e;
}

Entry symlinkEntry(const QByteArray &name, const QByteArray &target)
{
    Entry e = fileEntry(name, {}, 0777);
    e.type = AE_IFLNK;
    e.link = target;
    return e;
}

Entry hardlinkEntry(const QByteArray &name, const QByteArray &target)
{
    Entry e = fileEntry(name, {});
    e.hardlink = target;
    return e;
}

Entry deviceEntry(const QByteArray &name)
{
    Entry e = fileEntry(name, {}, 0666);
    e.type = AE_IFCHR;
    return e;
}

bool writeTar(const QString &path, const QList<Entry> &entries)
{
    archive *writer = archive_write_new();
    archive_write_set_format_pax_restricted(writer);
    if (archive_write_open_filename(writer, QFile::encodeName(path).constData()) != ARCHIVE_OK)
        return false;
    bool ok = true;
    for (const Entry &e : entries) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.name.constData());
        archive_entry_set_filetype(entry, e.type);
        archive_entry_set_perm(entry, e.mode);
        archive_entry_set_uid(entry, e.uid);
        archive_entry_set_gid(entry, e.uid);
        if (e.type == AE_IFCHR)
            archive_entry_set_rdev(entry, makedev(1, 3));
        if (!e.link.isEmpty())
            archive_entry_set_symlink(entry, e.link.constData());
        if (!e.hardlink.isEmpty())
            archive_entry_set_hardlink(entry, e.hardlink.constData());
        archive_entry_set_size(entry, e.content.size());
        ok = ok && archive_write_header(writer, entry) == ARCHIVE_OK;
        if (ok && !e.content.isEmpty())
            ok = archive_write_data(writer, e.content.constData(), size_t(e.content.size())) ==
                 e.content.size();
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
    return ok;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList entriesOf(const QString &dir)
{
    return QDir(dir).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden |
                               QDir::System);
}

} // namespace

class TestImageStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void importLayer();
    void hostileTarballRefused_data();
    void hostileTarballRefused();
    void devicesSkippedAndSetuidKeptForRootOnly();
    void imageRecords();
    void makeBundleWritesSpec();
    void defaultImageStableAndOnce();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_data;
};

void TestImageStore::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root (layer files owned by other users)");
}

void TestImageStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_data = m_dir->filePath(QStringLiteral("data"));
    qputenv("ISOLDE_DATA_DIR", QFile::encodeName(m_data));
}

void TestImageStore::cleanup()
{
    m_dir.reset();
    qunsetenv("ISOLDE_DATA_DIR");
}

void TestImageStore::importLayer()
{
    const QString tar = m_dir->filePath("layer.tar");
    QVERIFY(writeTar(tar, {dirEntry("./etc/"), fileEntry("./etc/hostname", "box\n"),
                           symlinkEntry("./etc/link", "/etc/hostname"),
                           hardlinkEntry("etc/hard", "etc/hostname"),
                           fileEntry("usr/bin/tool", "#!/bin/sh\n", 0755)}));
    ImageStore store;
    auto digest = store.importLayer(tar);
    QVERIFY2(digest, qPrintable(digest ? QString() : digest.error().toString()));
    const QByteArray expected =
        "sha256:" + QCryptographicHash::hash(readFile(tar), QCryptographicHash::Sha256).toHex();
    QCOMPARE(digest->toLatin1(), expected);
    const QString layer = store.layerDir(*digest);
    QCOMPARE(layer, m_data + "/layers/sha256/" + digest->mid(7));
    QCOMPARE(readFile(layer + "/etc/hostname"), QByteArray("box\n"));
    QCOMPARE(QFileInfo(layer + "/etc/link").symLinkTarget(), QStringLiteral("/etc/hostname"));
    struct stat a = {}, b = {};
    QVERIFY(::stat(QFile::encodeName(layer + "/etc/hard").constData(), &a) == 0);
    QVERIFY(::stat(QFile::encodeName(layer + "/etc/hostname").constData(), &b) == 0);
    QCOMPARE(a.st_ino, b.st_ino);
    QVERIFY(QFileInfo(layer + "/usr/bin/tool").isExecutable());
    QCOMPARE(QFileInfo(layer).permissions() & QFile::ReadOther, QFile::ReadOther);
    QCOMPARE(entriesOf(store.layersDir()), QStringList{digest->mid(7)}); // no temp dir left
    // Idempotent.
    auto again = store.importLayer(tar);
    QVERIFY(again);
    QCOMPARE(*again, *digest);
}

void TestImageStore::hostileTarballRefused_data()
{
    QTest::addColumn<QList<Entry>>("entries");
    QTest::newRow("dot-dot") << QList<Entry>{fileEntry("etc/ok", "x"),
                                             fileEntry("../../etc/x", "evil")};
    QTest::newRow("dot-dot in middle") << QList<Entry>{fileEntry("a/../../x", "evil")};
    QTest::newRow("absolute") << QList<Entry>{fileEntry("/tmp/isolde-absolute-x", "evil")};
    QTest::newRow("symlink then file through it")
        << QList<Entry>{symlinkEntry("etc", "/tmp"), fileEntry("etc/isolde-through-link", "evil")};
    QTest::newRow("relative symlink then dir through it")
        << QList<Entry>{symlinkEntry("up", "../../../../tmp"), dirEntry("up/isolde-through-dir/")};
    QTest::newRow("hard link outside")
        << QList<Entry>{hardlinkEntry("passwd", "../../../../etc/passwd")};
    QTest::newRow("hard link absolute") << QList<Entry>{hardlinkEntry("passwd", "/etc/passwd")};
    QTest::newRow("hard link through symlink")
        << QList<Entry>{symlinkEntry("hostetc", "/etc"), hardlinkEntry("passwd", "hostetc/passwd")};
}

void TestImageStore::hostileTarballRefused()
{
    QFETCH(QList<Entry>, entries);
    const QString tar = m_dir->filePath("hostile.tar");
    QVERIFY(writeTar(tar, entries));
    const QByteArray hostPasswd = readFile("/etc/passwd");
    ImageStore store;
    auto digest = store.importLayer(tar);
    QVERIFY(!digest);
    QVERIFY2(digest.error().reason.contains(tar), qPrintable(digest.error().reason));
    // No layer dir and no half-extracted temporary dir.
    QCOMPARE(entriesOf(store.layersDir()), QStringList());
    QVERIFY(!QFileInfo::exists("/tmp/isolde-absolute-x"));
    QVERIFY(!QFileInfo::exists("/tmp/isolde-through-link"));
    QVERIFY(!QFileInfo::exists("/tmp/isolde-through-dir"));
    QVERIFY(!QFileInfo::exists(m_dir->filePath("etc/x")));
    QCOMPARE(readFile("/etc/passwd"), hostPasswd);
}

void TestImageStore::devicesSkippedAndSetuidKeptForRootOnly()
{
    const QString tar = m_dir->filePath("layer.tar");
    QVERIFY(writeTar(
        tar, {dirEntry("dev/"), deviceEntry("dev/null"), fileEntry("bin/su", "x", 04755, 0),
              fileEntry("bin/evil", "x", 06755, 1000), dirEntry("home/user/", 0700, 1000)}));
    ImageStore store;
    auto digest = store.importLayer(tar);
    QVERIFY2(digest, qPrintable(digest ? QString() : digest.error().toString()));
    const QString layer = store.layerDir(*digest);
    QVERIFY(QFileInfo(layer + "/dev").isDir());
    QVERIFY(!QFileInfo::exists(layer + "/dev/null"));
    struct stat st = {};
    QVERIFY(::stat(QFile::encodeName(layer + "/bin/su").constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(04755));
    QVERIFY(::stat(QFile::encodeName(layer + "/bin/evil").constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0755));
    QCOMPARE(st.st_uid, uid_t(1000));
    QVERIFY(::stat(QFile::encodeName(layer + "/home/user").constData(), &st) == 0);
    QCOMPARE(st.st_uid, uid_t(1000));
    QCOMPARE(st.st_mode & 07777, mode_t(0700));
}

void TestImageStore::imageRecords()
{
    const QString tar = m_dir->filePath("layer.tar");
    QVERIFY(writeTar(tar, {fileEntry("a", "a")}));
    ImageStore store;
    auto digest = store.importLayer(tar);
    QVERIFY(digest);
    Image image;
    image.name = QStringLiteral("tools:1.0");
    image.layers = {*digest};
    image.created = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), Qt::UTC);
    image.config.env = {QStringLiteral("A=1")};
    image.config.cmd = {QStringLiteral("/bin/tool"), QStringLiteral("--x")};
    image.config.workingDir = QStringLiteral("/work");
    QVERIFY(store.saveImage(image));
    QVERIFY(store.hasImage(image.name));
    QCOMPARE(store.imageNames(), QStringList{image.name});
    auto loaded = store.image(image.name);
    QVERIFY(loaded);
    QCOMPARE(loaded->layers, image.layers);
    QCOMPARE(loaded->created, image.created);
    QCOMPARE(loaded->config.env, image.config.env);
    QCOMPARE(loaded->config.cmd, image.config.cmd);
    QCOMPARE(loaded->config.workingDir, image.config.workingDir);

    for (const QString &bad :
         {QStringLiteral("../x"), QStringLiteral(".hidden"), QStringLiteral("a/b"), QString()}) {
        image.name = bad;
        QVERIFY(!store.saveImage(image));
        QVERIFY(!store.image(bad));
    }
    image.name = QStringLiteral("missing-layer");
    image.layers = {QStringLiteral("sha256:") + QString(64, QLatin1Char('0'))};
    QCOMPARE(store.saveImage(image).error().field, QStringLiteral("layers"));
    QVERIFY(!store.image(QStringLiteral("nothere")));
}

void TestImageStore::makeBundleWritesSpec()
{
    ImageStore store;
    QList<QString> digests;
    for (const char *name : {"bottom", "top"}) {
        const QString tar = m_dir->filePath(QLatin1String(name) + ".tar");
        QVERIFY(writeTar(tar, {fileEntry(name, name)}));
        auto digest = store.importLayer(tar);
        QVERIFY(digest);
        digests.append(*digest);
    }
    Image image;
    image.name = QStringLiteral("two");
    image.layers = digests;
    image.config.env = {QStringLiteral("PATH=/bin"), QStringLiteral("HOME=/root")};
    image.config.cmd = {QStringLiteral("sh")};
    image.config.workingDir = QStringLiteral("/srv");
    QVERIFY(store.saveImage(image));

    spec::Process process;
    process.env = {QStringLiteral("HOME=/home/user"), QStringLiteral("TERM=xterm")};
    spec::OciSpec spec;
    spec.setProcess(process);
    spec.setRoot(spec::Root{QStringLiteral("/somewhere/else"), true});
    const QString bundle = m_dir->filePath("bundle");
    QVERIFY(store.makeBundle(image, bundle, spec));
    for (const char *dir : {"rootfs", "upper", "work"})
        QVERIFY(QFileInfo(bundle + "/" + dir).isDir());
    auto written = spec::OciSpec::load(bundle + "/config.json");
    QVERIFY(written);
    QCOMPARE(written->root().path, QStringLiteral("rootfs"));
    QVERIFY(written->root().readonly);
    QCOMPARE(written->process().args, QStringList{QStringLiteral("sh")});
    QCOMPARE(written->process().cwd, QStringLiteral("/srv"));
    QCOMPARE(written->process().env, (QStringList{"PATH=/bin", "HOME=/home/user", "TERM=xterm"}));
    QCOMPARE(written->annotation(QLatin1String(AnnotationRootfsLayers)),
             store.layerDir(digests[1]) + ":" + store.layerDir(digests[0])); // top first
    QCOMPARE(written->annotation(QLatin1String(spec::AnnotationImage)), QStringLiteral("two"));

    // The spec's own args win over the image's Cmd.
    process.args = {QStringLiteral("/bin/true")};
    spec.setProcess(process);
    QVERIFY(store.makeBundle(image, bundle, spec));
    QCOMPARE(spec::OciSpec::load(bundle + "/config.json")->process().args,
             QStringList{QStringLiteral("/bin/true")});
}

void TestImageStore::defaultImageStableAndOnce()
{
    auto first = defaultImageTarball();
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
    auto second = defaultImageTarball();
    QVERIFY(second);
    QCOMPARE(QCryptographicHash::hash(*first, QCryptographicHash::Sha256),
             QCryptographicHash::hash(*second, QCryptographicHash::Sha256));

    ImageStore store;
    QElapsedTimer timer;
    timer.start();
    auto image = ensureDefaultImage(store);
    const qint64 buildMs = timer.elapsed();
    QVERIFY2(image, qPrintable(image ? QString() : image.error().toString()));
    QCOMPARE(image->name, QStringLiteral("busybox"));
    QCOMPARE(image->layers.size(), 1);
    const QByteArray expected =
        "sha256:" + QCryptographicHash::hash(*first, QCryptographicHash::Sha256).toHex();
    QCOMPARE(image->layers.first().toLatin1(), expected);

    const QString layer = store.layerDir(image->layers.first());
    QVERIFY(QFileInfo(layer + "/bin/busybox").isExecutable());
    QCOMPARE(QFileInfo(layer + "/bin/sh").symLinkTarget(), layer + "/bin/busybox");
    QVERIFY(readFile(layer + "/etc/passwd").contains("user:x:1000:1000:user:/home/user:/bin/sh"));
    QVERIFY(readFile(layer + "/etc/group").contains("user:x:1000:"));
    QVERIFY(readFile(layer + "/etc/resolv.conf").contains("nameserver 127.0.0.1"));
    QVERIFY(readFile(layer + "/etc/hosts").contains("localhost"));
    struct stat st = {};
    QVERIFY(::stat(QFile::encodeName(layer + "/tmp").constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(01777));
    QVERIFY(::stat(QFile::encodeName(layer + "/home/user").constData(), &st) == 0);
    QCOMPARE(st.st_uid, uid_t(1000));
    QCOMPARE(st.st_gid, gid_t(1000));

    // Second use: found, not rebuilt.
    const QDateTime layerTime = QFileInfo(layer).lastModified();
    timer.restart();
    auto again = findImage(store, QStringLiteral("busybox"));
    const qint64 againMs = timer.elapsed();
    QVERIFY(again);
    QCOMPARE(again->layers, image->layers);
    QCOMPARE(QFileInfo(layer).lastModified(), layerTime);
    QCOMPARE(entriesOf(store.layersDir()).size(), 1);
    qInfo("default image: built and imported in %lld ms, found again in %lld ms", buildMs, againMs);

    // The one-step bundle for `isolde-runtime`.
    const QString bundle = m_dir->filePath("bundle");
    const spec::OciSpec spec;
    QVERIFY(makeBundle(QStringLiteral("busybox"), bundle, spec));
    auto written = spec::OciSpec::load(bundle + "/config.json");
    QVERIFY(written);
    QCOMPARE(written->process().args, QStringList{QStringLiteral("sh")});
    QCOMPARE(written->annotation(QLatin1String(AnnotationRootfsLayers)), layer);
    QVERIFY(!makeBundle(QStringLiteral("no-such-image"), bundle, spec));
}

QTEST_GUILESS_MAIN(TestImageStore)
#include "tst_imagestore.moc"
