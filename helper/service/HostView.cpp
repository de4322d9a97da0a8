#include "HostView.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSysInfo>
#include <sys/stat.h>

namespace isolde::service {

namespace {

QJsonValue readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QJsonValue::Null;
    return QString::fromUtf8(file.read(64 * 1024)).trimmed();
}

QJsonValue namespaceInode(const QString &path)
{
    struct stat status = {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return QJsonValue::Null;
    return static_cast<qint64>(status.st_ino);
}

} // namespace

QJsonObject hostViewOf(pid_t pid)
{
    const QString proc = QStringLiteral("/proc/%1").arg(pid);
    QJsonObject view{{QStringLiteral("pid"), static_cast<qint64>(pid)}};

    // /proc/<pid>/status line -> member name.
    static const QList<std::pair<QString, QString>> StatusFields = {
        {QStringLiteral("Uid"), QStringLiteral("uid")},
        {QStringLiteral("Gid"), QStringLiteral("gid")},
        {QStringLiteral("CapEff"), QStringLiteral("CapEff")},
        {QStringLiteral("CapPrm"), QStringLiteral("CapPrm")},
        {QStringLiteral("CapBnd"), QStringLiteral("CapBnd")},
        {QStringLiteral("NoNewPrivs"), QStringLiteral("NoNewPrivs")},
        {QStringLiteral("Seccomp"), QStringLiteral("Seccomp")}};
    const QStringList lines =
        readText(proc + QStringLiteral("/status")).toString().split(QLatin1Char('\n'));
    for (const auto &[key, member] : StatusFields) {
        QJsonValue value = QJsonValue::Null;
        for (const QString &line : lines) {
            if (line.startsWith(key + QLatin1Char(':')))
                value = line.mid(key.size() + 1).simplified();
        }
        view.insert(member, value);
    }

    QJsonObject namespaces;
    const QStringList names =
        QDir(QStringLiteral("/proc/self/ns"))
            .entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System);
    for (const QString &name : names)
        namespaces.insert(
            name,
            QJsonObject{
                {QStringLiteral("container"), namespaceInode(proc + QStringLiteral("/ns/") + name)},
                {QStringLiteral("host"), namespaceInode(QStringLiteral("/proc/self/ns/") + name)}});
    view.insert(QStringLiteral("namespaces"), namespaces);
    view.insert(QStringLiteral("uid_map"), readText(proc + QStringLiteral("/uid_map")));
    view.insert(QStringLiteral("gid_map"), readText(proc + QStringLiteral("/gid_map")));
    view.insert(QStringLiteral("cgroup"), readText(proc + QStringLiteral("/cgroup")));
    view.insert(QStringLiteral("hostname"), QSysInfo::machineHostName());
    return view;
}

} // namespace isolde::service
