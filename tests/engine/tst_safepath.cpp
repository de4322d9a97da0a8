// SafePath: whatever an untrusted root holds (absolute symlinks, `..`, magic links), lookups
// and directory creation stay inside it.
#include "SafePath.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace isolde;
using namespace isolde::engine;

namespace {

QByteArray readFd(int fd)
{
    QByteArray data;
    char buffer[256];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
        data.append(buffer, n);
    return data;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestSafePath : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void dotDotStaysInside_data();
    void dotDotStaysInside();
    void absoluteSymlinkStaysInside();
    void magicLinkRefused();
    void mkdirThroughSymlinkStaysInside();
    void mkdirOverFileFails();
    void mountTargets();
    void mountTargetThroughDanglingSymlink();
    void treeRefusesAnySymlink();
    void parentSideNamesField();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    UniqueFd m_rootFd;
    QString m_outside; // a host directory next to the root that must stay untouched
};

void TestSafePath::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->filePath(QStringLiteral("root"));
    m_outside = m_dir->filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(m_root + "/etc"));
    QVERIFY(QDir().mkpath(m_outside));
    QVERIFY(writeFile(m_root + "/etc/passwd", "inside"));
    QVERIFY(writeFile(m_outside + "/passwd", "outside"));
    auto fd = openDirectory(m_root, QStringLiteral("root.path"));
    QVERIFY(fd);
    m_rootFd = std::move(*fd);
}

void TestSafePath::cleanup()
{
    m_rootFd.reset();
    // Nothing may have been created next to the root.
    QCOMPARE(QDir(m_outside).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{QStringLiteral("passwd")});
    m_dir.reset();
}

void TestSafePath::dotDotStaysInside_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("relative") << QStringLiteral("../../../../../etc/passwd");
    QTest::newRow("absolute") << QStringLiteral("/../../etc/passwd");
    QTest::newRow("up and down") << QStringLiteral("etc/../../etc/../../etc/passwd");
    QTest::newRow("middle") << QStringLiteral("etc/../../../etc/passwd");
}

void TestSafePath::dotDotStaysInside()
{
    QFETCH(QString, path);
    const UniqueFd fd(openInRoot(m_rootFd.get(), QFile::encodeName(path).constData(), O_RDONLY));
    QVERIFY(fd.valid());
    QCOMPARE(readFd(fd.get()), QByteArray("inside"));
    // The sibling is not reachable by name either.
    QCOMPARE(openInRoot(m_rootFd.get(), "../outside/passwd", O_RDONLY), -1);
    QCOMPARE(errno, ENOENT);
}

void TestSafePath::absoluteSymlinkStaysInside()
{
    // "/etc/.." and a host absolute path: both are read against the root.
    QVERIFY(QFile::link("/etc/..", m_root + "/up"));
    QVERIFY(QFile::link(m_outside, m_root + "/host"));
    QVERIFY(QFile::link("../../../../outside/passwd", m_root + "/rel"));
    const UniqueFd up(openInRoot(m_rootFd.get(), "/up/etc/passwd", O_RDONLY));
    QVERIFY(up.valid());
    QCOMPARE(readFd(up.get()), QByteArray("inside"));
    QCOMPARE(openInRoot(m_rootFd.get(), "/host/passwd", O_RDONLY), -1);
    QCOMPARE(errno, ENOENT);
    QCOMPARE(openInRoot(m_rootFd.get(), "rel", O_RDONLY), -1);
    QCOMPARE(errno, ENOENT);
}

void TestSafePath::magicLinkRefused()
{
    // /proc/self/root inside a root that holds the host's /proc: a magic link jumps anywhere.
    QVERIFY(QFile::link("/proc", m_root + "/hostproc"));
    QVERIFY(QDir().mkpath(m_root + "/proc"));
    const UniqueFd proc(openInRoot(m_rootFd.get(), "/hostproc", O_PATH));
    QVERIFY(proc.valid()); // resolves to the root's own (empty) /proc
    const UniqueFd hostProc(::open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC));
    QCOMPARE(openInRoot(hostProc.get(), "self/root/etc/passwd", O_RDONLY), -1);
    QCOMPARE(errno, ELOOP);
    QCOMPARE(openInRoot(hostProc.get(), "self/cwd", O_PATH), -1);
    QCOMPARE(errno, ELOOP);
}

void TestSafePath::mkdirThroughSymlinkStaysInside()
{
    // The host path the symlink names exists inside the root too: that one is used.
    QVERIFY(QFile::link(m_outside, m_root + "/evil"));
    QVERIFY(QDir().mkpath(m_root + m_outside));
    QVERIFY(QFile::link("../../../..", m_root + "/dots"));
    const UniqueFd made(mkdirInRoot(m_rootFd.get(), "/evil/a/b", 0755));
    QVERIFY(made.valid());
    QVERIFY(QFileInfo(m_root + m_outside + "/a/b").isDir());
    const UniqueFd dots(mkdirInRoot(m_rootFd.get(), "dots/c//d/", 0700));
    QVERIFY(dots.valid());
    QVERIFY(QFileInfo(m_root + "/c/d").isDir());
    QCOMPARE(QFileInfo(m_root + "/c/d").permissions() & QFile::ReadGroup, 0);
    // The root itself.
    const UniqueFd self(mkdirInRoot(m_rootFd.get(), "/", 0755));
    QVERIFY(self.valid());
}

void TestSafePath::mkdirOverFileFails()
{
    QCOMPARE(mkdirInRoot(m_rootFd.get(), "/etc/passwd/x", 0755), -1);
    QCOMPARE(errno, ENOTDIR);
    const QByteArray longPath(5000, 'a');
    QCOMPARE(mkdirInRoot(m_rootFd.get(), longPath.constData(), 0755), -1);
    QCOMPARE(errno, ENAMETOOLONG);
}

void TestSafePath::mountTargets()
{
    const UniqueFd dir(mountTargetInRoot(m_rootFd.get(), "/mnt/a", MountTargetKind::Directory));
    QVERIFY(dir.valid());
    QVERIFY(QFileInfo(m_root + "/mnt/a").isDir());
    const UniqueFd file(mountTargetInRoot(m_rootFd.get(), "/dev/null", MountTargetKind::File));
    QVERIFY(file.valid());
    QVERIFY(QFileInfo(m_root + "/dev/null").isFile());
    // Existing entries are returned as they are.
    const UniqueFd again(mountTargetInRoot(m_rootFd.get(), "/dev/null", MountTargetKind::File));
    QVERIFY(again.valid());
    const UniqueFd existing(mountTargetInRoot(m_rootFd.get(), "/etc", MountTargetKind::File));
    QVERIFY(existing.valid());
    struct stat st = {};
    QVERIFY(::fstat(existing.get(), &st) == 0 && S_ISDIR(st.st_mode));
}

void TestSafePath::mountTargetThroughDanglingSymlink()
{
    // A symlink to a host path that does not exist inside the root: refused, never created
    // on the host nor anywhere else.
    QVERIFY(QDir().mkpath(m_root + "/dev"));
    QVERIFY(QFile::link(m_outside + "/planted", m_root + "/dev/console"));
    QVERIFY(QFile::link(m_outside + "/planted-dir", m_root + "/mnt"));
    QCOMPARE(mountTargetInRoot(m_rootFd.get(), "/dev/console", MountTargetKind::File), -1);
    QCOMPARE(errno, ENOENT);
    QCOMPARE(mountTargetInRoot(m_rootFd.get(), "/mnt/x", MountTargetKind::Directory), -1);
    QCOMPARE(errno, ENOENT);
    QVERIFY(!QFileInfo::exists(m_root + m_outside));
}

void TestSafePath::treeRefusesAnySymlink()
{
    QVERIFY(QDir().mkpath(m_root + "/real"));
    QVERIFY(QFile::link("real", m_root + "/link"));
    QCOMPARE(openInTree(m_rootFd.get(), "link/x", O_PATH), -1);
    QCOMPARE(errno, ELOOP);
    QCOMPARE(mkdirInTree(m_rootFd.get(), "link/new", 0755), -1);
    QCOMPARE(errno, ELOOP);
    QCOMPARE(openInTree(m_rootFd.get(), "../outside/passwd", O_RDONLY), -1);
    QCOMPARE(errno, EXDEV);
    QCOMPARE(openInTree(m_rootFd.get(), "/etc/passwd", O_RDONLY), -1);
    QCOMPARE(errno, EXDEV);
    const UniqueFd made(mkdirInTree(m_rootFd.get(), "real/a/b", 0755));
    QVERIFY(made.valid());
    QVERIFY(QFileInfo(m_root + "/real/a/b").isDir());
}

void TestSafePath::parentSideNamesField()
{
    auto missing = openInRoot(m_rootFd.get(), QStringLiteral("/nothere"), O_RDONLY,
                              QStringLiteral("mounts[2].destination"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().field, QStringLiteral("mounts[2].destination"));
    QVERIFY(missing.error().reason.contains(QStringLiteral("/nothere")));
    auto made = mkdirInRoot(m_rootFd.get(), QStringLiteral("/x/y"), 0755, QStringLiteral("f"));
    QVERIFY(made);
    QVERIFY(QFileInfo(m_root + "/x/y").isDir());
    QVERIFY(!openDirectory(m_dir->filePath("none"), QStringLiteral("root.path")));
}

QTEST_GUILESS_MAIN(TestSafePath)
#include "tst_safepath.moc"
