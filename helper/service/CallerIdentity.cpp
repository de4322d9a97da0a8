#include "CallerIdentity.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace isolde::service {

void lookupCallerIdentity(const QDBusConnection &bus, const QString &busName, QObject *context,
                          std::function<void(Expected<CallerIdentity>)> done)
{
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("GetConnectionUnixUser"));
    call << busName;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [busName, done = std::move(done)](QDBusPendingCallWatcher *finished) {
                         finished->deleteLater();
                         const QDBusPendingReply<uint> reply = *finished;
                         if (reply.isError()) {
                             done(
                                 Error{QString(), QStringLiteral("cannot tell which user %1 is: %2")
                                                      .arg(busName, reply.error().message())});
                             return;
                         }
                         done(CallerIdentity{busName, reply.value()});
                     });
}

} // namespace isolde::service
