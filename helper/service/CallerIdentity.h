// Who is calling: the uid behind a connection on the bus, as the bus daemon saw it connect.
#pragma once

#include "util/Expected.h"

#include <QDBusConnection>
#include <QString>
#include <functional>

class QObject;

namespace isolde::service {

struct CallerIdentity
{
    QString busName; // the caller's unique name, ":1.42"
    uint uid = 0;
};

// Asks org.freedesktop.DBus.GetConnectionUnixUser for `busName` without waiting for the
// answer. `done` runs later on `context`'s thread, and never if `context` is destroyed first.
void lookupCallerIdentity(const QDBusConnection &bus, const QString &busName, QObject *context,
                          std::function<void(Expected<CallerIdentity>)> done);

} // namespace isolde::service
