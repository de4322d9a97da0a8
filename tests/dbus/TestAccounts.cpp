#include "TestAccounts.h"

#include <QFile>
#include <QProcess>
#include <QStringList>
#include <grp.h>
#include <pwd.h>

namespace isolde::test {

Expected<void> runCommand(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return Error{QString(), QStringLiteral("%1 %2 failed: %3")
                                    .arg(program, arguments.join(u' '),
                                         QString::fromLocal8Bit(process.readAll()).trimmed())};
    return {};
}

Expected<std::unique_ptr<TestUser>> TestUser::create(const QString &name)
{
    if (auto added =
            runCommand(QStringLiteral("useradd"),
                       {QStringLiteral("--no-create-home"), QStringLiteral("--user-group"),
                        QStringLiteral("--shell"), QStringLiteral("/usr/sbin/nologin"), name});
        !added)
        return added.error();
    const passwd *entry = getpwnam(QFile::encodeName(name).constData());
    if (!entry) {
        runCommand(QStringLiteral("userdel"), {name});
        return Error{QString(), QStringLiteral("useradd %1 made no passwd entry").arg(name)};
    }
    return std::unique_ptr<TestUser>(new TestUser(name, entry->pw_uid, entry->pw_gid));
}

TestUser::TestUser(QString name, uid_t uid, gid_t gid)
    : m_name(std::move(name))
    , m_uid(uid)
    , m_gid(gid)
{}

TestUser::~TestUser()
{
    if (auto removed = runCommand(QStringLiteral("userdel"), {m_name}); !removed)
        qWarning("%s", qPrintable(removed.error().reason));
}

Expected<void> TestUser::joinGroup(const QString &group)
{
    return runCommand(QStringLiteral("usermod"),
                      {QStringLiteral("--append"), QStringLiteral("--groups"), group, m_name});
}

Expected<std::unique_ptr<EnsuredGroup>> EnsuredGroup::ensure(const QString &name)
{
    if (getgrnam(QFile::encodeName(name).constData()))
        return std::unique_ptr<EnsuredGroup>(new EnsuredGroup(name, false));
    if (auto added = runCommand(QStringLiteral("groupadd"), {name}); !added)
        return added.error();
    return std::unique_ptr<EnsuredGroup>(new EnsuredGroup(name, true));
}

EnsuredGroup::EnsuredGroup(QString name, bool created)
    : m_name(std::move(name))
    , m_created(created)
{}

EnsuredGroup::~EnsuredGroup()
{
    if (!m_created)
        return;
    if (auto removed = runCommand(QStringLiteral("groupdel"), {m_name}); !removed)
        qWarning("%s", qPrintable(removed.error().reason));
}

} // namespace isolde::test
