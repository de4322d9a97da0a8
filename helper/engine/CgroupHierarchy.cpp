#include "CgroupHierarchy.h"

#include <QFile>
#include <QSet>

namespace isolde::engine {

namespace {

// mountinfo escapes space, tab, newline and backslash as \ooo.
QString unescapeMountField(const QByteArray &field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            out.append(char(field.mid(i + 1, 3).toInt(nullptr, 8)));
            i += 3;
        } else {
            out.append(field[i]);
        }
    }
    return QString::fromUtf8(out);
}

QByteArray readWhole(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QStringList procCgroupsControllers(const QByteArray &procCgroups)
{
    QStringList names;
    for (const QByteArray &line : procCgroups.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        names.append(QString::fromLatin1(line.split('\t').value(0)));
    }
    return names;
}

} // namespace

QString CgroupMount::directoryOf(const QString &path) const
{
    // A mount of a sub-tree (bind mount, or a mount made inside a cgroup namespace) shows
    // `root` at its top: strip it when the path lies below it.
    QString relative = path;
    if (root != QLatin1String("/") && (path == root || path.startsWith(root + QLatin1Char('/'))))
        relative = path.mid(root.size());
    return mountPoint + relative;
}

const CgroupMount *CgroupHost::unifiedMount() const
{
    for (const CgroupMount &mount : mounts) {
        if (mount.unified)
            return &mount;
    }
    return nullptr;
}

const CgroupMount *CgroupHost::v1MountOf(const QString &controller) const
{
    for (const CgroupMount &mount : mounts) {
        if (!mount.unified && mount.controllers.contains(controller))
            return &mount;
    }
    return nullptr;
}

QList<const CgroupMount *> CgroupHost::v1Mounts() const
{
    QList<const CgroupMount *> list;
    for (const CgroupMount &mount : mounts) {
        if (!mount.unified)
            list.append(&mount);
    }
    return list;
}

Expected<CgroupHost> parseCgroupHost(const QByteArray &mountinfo,
                                     const QStringList &knownControllers)
{
    CgroupHost host;
    std::optional<CgroupMount> unified;
    QSet<QByteArray> seenHierarchies; // the same hierarchy may be mounted twice
    for (const QByteArray &line : mountinfo.split('\n')) {
        // id parent major:minor root mountpoint options [optional...] - fstype source super
        const qsizetype dash = line.indexOf(" - ");
        if (dash < 0)
            continue;
        const QList<QByteArray> head = line.left(dash).split(' ');
        const QList<QByteArray> tail = line.mid(dash + 3).split(' ');
        if (head.size() < 5 || tail.size() < 3)
            continue;
        const QByteArray &fsType = tail[0];
        if (fsType != "cgroup" && fsType != "cgroup2")
            continue;
        if (seenHierarchies.contains(head[2]))
            continue;
        seenHierarchies.insert(head[2]);
        CgroupMount mount;
        mount.root = unescapeMountField(head[3]);
        mount.mountPoint = unescapeMountField(head[4]);
        if (fsType == "cgroup2") {
            mount.unified = true;
            if (!unified) // the first cgroup2 mount is the one we use
                unified = mount;
            continue;
        }
        for (const QByteArray &option : tail[2].split(',')) {
            const QString name = QString::fromLatin1(option);
            if (knownControllers.contains(name) || name.startsWith(QLatin1String("name=")))
                mount.controllers.append(name);
        }
        host.mounts.append(mount);
    }
    const bool hasV1 = !host.mounts.isEmpty();
    if (!hasV1 && !unified)
        return Error{{},
                     QStringLiteral("no cgroup file system is mounted (neither cgroup nor cgroup2 "
                                    "appears in /proc/self/mountinfo)")};
    host.mode = !hasV1 ? CgroupMode::Unified : unified ? CgroupMode::Hybrid : CgroupMode::Legacy;
    if (unified)
        host.mounts.append(*unified);
    return host;
}

Expected<CgroupHost> detectCgroupHost()
{
    const QStringList known = procCgroupsControllers(readWhole(QStringLiteral("/proc/cgroups")));
    auto host = parseCgroupHost(readWhole(QStringLiteral("/proc/self/mountinfo")), known);
    if (!host)
        return host;
    for (CgroupMount &mount : host->mounts) {
        if (mount.unified) {
            const QByteArray list =
                readWhole(mount.mountPoint + QLatin1String("/cgroup.controllers"));
            mount.controllers =
                QString::fromLatin1(list.trimmed()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
    }
    return host;
}

QString cgroupModeName(CgroupMode mode)
{
    switch (mode) {
    case CgroupMode::Unified:
        return QStringLiteral("unified (cgroup v2)");
    case CgroupMode::Legacy:
        return QStringLiteral("legacy (cgroup v1)");
    case CgroupMode::Hybrid:
        return QStringLiteral("hybrid (cgroup v1 controllers with a cgroup v2 mount)");
    }
    return {};
}

} // namespace isolde::engine
