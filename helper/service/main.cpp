// isolde-helper: the privileged side of Isolde on the system bus (org.isolde.Helper1), started
// by D-Bus activation as root. It runs the engine in-process and supervises the containers it
// made, and exits when idle with nothing running.
#include "HelperService.h"
#include "client/HelperProtocol.h"
#include "helper1adaptor.h"
#include "util/Paths.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <QDir>
#include <sys/prctl.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("isolde-helper"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The privileged Isolde helper on the D-Bus system bus."));
    parser.addHelpOption();
    const QCommandLineOption idleTimeout(
        QStringLiteral("idle-timeout"),
        QStringLiteral("Exit after SECONDS with no container running, no subscriber and no "
                       "call (0: never)."),
        QStringLiteral("SECONDS"), QStringLiteral("30"));
    parser.addOption(idleTimeout);
    parser.process(app);
    bool valid = false;
    const int idleSeconds = parser.value(idleTimeout).toInt(&valid);
    if (!valid || idleSeconds < 0) {
        qCritical("isolde-helper: --idle-timeout: \"%s\" is not a number of seconds",
                  qPrintable(parser.value(idleTimeout)));
        return 2;
    }
    if (::geteuid() != 0) {
        qCritical("isolde-helper: must run as root");
        return 1;
    }
    // Orphans of the processes the helper starts come back to it to be reaped, not to init.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    for (const QString &dir : {isolde::paths::dataDir() + QStringLiteral("/containers"),
                               isolde::paths::stateDir() + QStringLiteral("/helper")}) {
        if (!QDir().mkpath(dir)) {
            qCritical("isolde-helper: cannot make %s", qPrintable(dir));
            return 1;
        }
    }

    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        qCritical("isolde-helper: no system bus: %s", qPrintable(bus.lastError().message()));
        return 1;
    }
    isolde::service::HelperService service(bus, idleSeconds);
    new Helper1Adaptor(&service);
    service.recover();
    if (!bus.registerObject(QLatin1String(isolde::protocol::ObjectPath), &service)) {
        qCritical("isolde-helper: cannot register %s: %s", isolde::protocol::ObjectPath,
                  qPrintable(bus.lastError().message()));
        return 1;
    }
    // Registered before the name is taken, so that the first call finds the object.
    const QDBusReply<QDBusConnectionInterface::RegisterServiceReply> owned =
        bus.interface()->registerService(QLatin1String(isolde::protocol::ServiceName),
                                         QDBusConnectionInterface::DontQueueService,
                                         QDBusConnectionInterface::DontAllowReplacement);
    if (!owned.isValid() || owned.value() != QDBusConnectionInterface::ServiceRegistered) {
        qCritical("isolde-helper: cannot own %s: %s", isolde::protocol::ServiceName,
                  owned.isValid() ? "another process owns it"
                                  : qPrintable(owned.error().message()));
        return 1;
    }
    return app.exec();
}
