#include "PrivateSystemBus.h"

#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>

namespace isolde::test {

namespace {

constexpr auto PolkitName = "org.freedesktop.PolicyKit1";
constexpr int StartTimeoutMs = 15000;

Error failure(const QString &what)
{
    return Error{QString(), what};
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

Expected<void> copyFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    if (!QFile::copy(from, to))
        return failure(QStringLiteral("cannot copy %1 to %2").arg(from, to));
    return {};
}

Expected<void> writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0)
        return failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QString readLog(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll()).trimmed()
                                          : QString();
}

// The same default policy as a distribution's system bus: nobody owns a name or receives a
// method call unless a file in `policyDir` says so.
QString systemBusConfig(const QString &socketPath, const QString &policyDir)
{
    return QStringLiteral(
               R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus.Introspectable"/>
  </policy>
  <includedir>%2</includedir>
</busconfig>
)")
        .arg(socketPath, policyDir);
}

bool nameHasOwner(const QDBusConnection &bus, const QString &name)
{
    const QDBusReply<bool> reply = bus.interface()->isServiceRegistered(name);
    return reply.isValid() && reply.value();
}

} // namespace

PrivateSystemBus::PrivateSystemBus(QString sourceDir)
    : m_sourceDir(std::move(sourceDir))
    , m_dir(QDir::tempPath() + QStringLiteral("/isolde-private-bus-XXXXXX"))
{}

PrivateSystemBus::~PrivateSystemBus()
{
    stopPolkit();
    QDBusConnection::disconnectFromBus(QStringLiteral("isolde-private-bus-watch"));
    if (m_busDaemon) {
        m_busDaemon->kill();
        m_busDaemon->waitForFinished(5000);
    }
    for (const QString &target : std::as_const(m_mounts))
        umount2(QFile::encodeName(target).constData(), MNT_DETACH);
    if (m_hadPreviousAddress)
        qputenv("DBUS_SYSTEM_BUS_ADDRESS", m_previousAddress);
    else
        qunsetenv("DBUS_SYSTEM_BUS_ADDRESS");
}

Expected<void> PrivateSystemBus::start()
{
    if (!m_dir.isValid())
        return failure(
            QStringLiteral("cannot make a temporary directory: %1").arg(m_dir.errorString()));
    if (auto entered = enterPrivateMountNamespace(); !entered)
        return entered;
    // Everything the harness writes lives in a tmpfs of the private namespace: it vanishes
    // with the namespace even if the test dies. World-searchable, as non-root test callers
    // must reach the bus socket inside.
    if (mount("tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs", MS_NOSUID | MS_NODEV,
              "mode=0755") != 0)
        return failure(QStringLiteral("mounting a tmpfs on %1: %2").arg(m_dir.path(), errnoText()));
    m_mounts.prepend(m_dir.path());
    if (auto prepared = preparePolkitView(); !prepared)
        return prepared;
    if (auto bus = startBus(); !bus)
        return bus;
    return startPolkit();
}

Expected<void> PrivateSystemBus::enterPrivateMountNamespace()
{
    // Once per process: the namespace outlives one harness, and a second unshare would only
    // nest another copy of it.
    static bool entered = false;
    if (entered)
        return {};
    if (unshare(CLONE_NEWNS) != 0)
        return failure(QStringLiteral("unshare(CLONE_NEWNS): %1").arg(errnoText()));
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return failure(QStringLiteral("making / private: %1").arg(errnoText()));
    entered = true;
    return {};
}

Expected<void> PrivateSystemBus::bindOver(const QString &source, const QString &target)
{
    if (mount(QFile::encodeName(source).constData(), QFile::encodeName(target).constData(), nullptr,
              MS_BIND | MS_REC, nullptr) != 0)
        return failure(
            QStringLiteral("bind-mounting %1 over %2: %3").arg(source, target, errnoText()));
    m_mounts.prepend(target);
    return {};
}

Expected<void> PrivateSystemBus::preparePolkitView()
{
    // A copy of /etc: users and groups the tests add never reach the host's files, even if
    // the test dies before it removes them; polkit's rules.d holds only the project's rules.
    const QString etc = m_dir.filePath(QStringLiteral("etc"));
    QProcess copy;
    copy.setProcessChannelMode(QProcess::MergedChannels);
    copy.start(QStringLiteral("cp"), {QStringLiteral("-a"), QStringLiteral("/etc"), etc});
    if (!copy.waitForFinished(60000) || copy.exitStatus() != QProcess::NormalExit ||
        copy.exitCode() != 0)
        return failure(
            QStringLiteral("cannot copy /etc: %1").arg(QString::fromLocal8Bit(copy.readAll())));
    const QString rules = etc + QStringLiteral("/polkit-1/rules.d");
    QDir(rules).removeRecursively();
    QDir().mkpath(rules);
    if (auto copied = copyFile(m_sourceDir + QStringLiteral("/resources/polkit/50-isolde.rules"),
                               rules + QStringLiteral("/50-isolde.rules"));
        !copied)
        return copied;

    const QString actions = m_dir.filePath(QStringLiteral("actions"));
    const QString hostActions = QStringLiteral("/usr/share/polkit-1/actions");
    QDir().mkpath(actions);
    const QStringList policies =
        QDir(hostActions).entryList({QStringLiteral("*.policy")}, QDir::Files);
    for (const QString &policy : policies) {
        if (auto copied = copyFile(hostActions + u'/' + policy, actions + u'/' + policy); !copied)
            return copied;
    }
    if (auto copied = copyFile(m_sourceDir + QStringLiteral("/resources/polkit/org.isolde.policy"),
                               actions + QStringLiteral("/org.isolde.policy"));
        !copied)
        return copied;

    if (auto bound = bindOver(etc, QStringLiteral("/etc")); !bound)
        return bound;
    return bindOver(actions, hostActions);
}

Expected<void> PrivateSystemBus::startBus()
{
    const QString busDir = m_dir.filePath(QStringLiteral("bus"));
    const QString policyDir = busDir + QStringLiteral("/system.d");
    QDir().mkpath(policyDir);
    // polkit's own bus policy as the distribution installs it, and the project's.
    for (const QString &policy :
         {QStringLiteral("/usr/share/dbus-1/system.d/org.freedesktop.PolicyKit1.conf"),
          m_sourceDir + QStringLiteral("/resources/dbus/org.isolde.Helper1.conf")}) {
        if (auto copied = copyFile(policy, policyDir + u'/' + QFileInfo(policy).fileName());
            !copied)
            return copied;
    }
    const QString config = busDir + QStringLiteral("/system.conf");
    if (auto written = writeFile(
            config, systemBusConfig(busDir + QStringLiteral("/system_bus_socket"), policyDir));
        !written)
        return written;

    const QString log = busDir + QStringLiteral("/dbus-daemon.log");
    m_busDaemon = std::make_unique<QProcess>();
    m_busDaemon->setStandardErrorFile(log);
    // Should the test die, the bus dies with it, and polkitd leaves when its bus is gone.
    m_busDaemon->setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_busDaemon->start(QStringLiteral("dbus-daemon"),
                       {QStringLiteral("--nofork"), QStringLiteral("--print-address"),
                        QStringLiteral("--config-file=") + config});
    // The address is printed once the socket listens.
    while (!m_busDaemon->canReadLine()) {
        if (!m_busDaemon->waitForReadyRead(StartTimeoutMs))
            return failure(QStringLiteral("dbus-daemon did not start: %1").arg(readLog(log)));
    }
    m_address = QString::fromUtf8(m_busDaemon->readLine()).trimmed();
    m_hadPreviousAddress = qEnvironmentVariableIsSet("DBUS_SYSTEM_BUS_ADDRESS");
    m_previousAddress = qgetenv("DBUS_SYSTEM_BUS_ADDRESS");
    qputenv("DBUS_SYSTEM_BUS_ADDRESS", m_address.toUtf8());
    return {};
}

Expected<void> PrivateSystemBus::startPolkit()
{
    if (polkitRunning())
        return {};
    const QString log = m_dir.filePath(QStringLiteral("polkitd.log"));
    m_polkitd = std::make_unique<QProcess>();
    m_polkitd->setProcessChannelMode(QProcess::MergedChannels);
    m_polkitd->setStandardOutputFile(log, QIODevice::Append);
    // polkitd finds the bus through DBUS_SYSTEM_BUS_ADDRESS, inherited from this process.
    m_polkitd->start(QStringLiteral("/usr/lib/polkit-1/polkitd"), {QStringLiteral("--no-debug")});
    if (!m_polkitd->waitForStarted(StartTimeoutMs))
        return failure(QStringLiteral("cannot run polkitd: %1").arg(m_polkitd->errorString()));
    const QDBusConnection watch = connect(QStringLiteral("isolde-private-bus-watch"));
    const bool owned = QTest::qWaitFor(
        [&] {
            return nameHasOwner(watch, QLatin1String(PolkitName)) ||
                   m_polkitd->state() == QProcess::NotRunning;
        },
        StartTimeoutMs);
    if (!owned || !polkitRunning())
        return failure(
            QStringLiteral("polkitd did not take its name on the bus: %1").arg(readLog(log)));
    return {};
}

void PrivateSystemBus::stopPolkit()
{
    if (!polkitRunning())
        return;
    m_polkitd->kill();
    m_polkitd->waitForFinished(5000);
    const QDBusConnection watch = connect(QStringLiteral("isolde-private-bus-watch"));
    if (!QTest::qWaitFor([&] { return !nameHasOwner(watch, QLatin1String(PolkitName)); },
                         StartTimeoutMs))
        qWarning("polkitd's name is still on the bus after it was killed");
}

bool PrivateSystemBus::polkitRunning() const
{
    return m_polkitd && m_polkitd->state() != QProcess::NotRunning;
}

QDBusConnection PrivateSystemBus::connect(const QString &name) const
{
    return QDBusConnection::connectToBus(m_address, name);
}

} // namespace isolde::test
