// Asks polkit whether a caller on the bus may do one of Isolde's actions, without ever
// blocking the event loop, and remembers what polkit granted until the caller leaves the bus.
#pragma once

#include "CallerIdentity.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <functional>

namespace isolde::service {

// The polkit actions of resources/polkit/org.isolde.policy, one per kind of act.
namespace actions {
inline constexpr char ContainerManageOwn[] = "org.isolde.container.manage-own";
inline constexpr char ContainerManageAny[] = "org.isolde.container.manage-any";
inline constexpr char ContainerReadOwn[] = "org.isolde.container.read-own";
inline constexpr char ImageRead[] = "org.isolde.image.read";
inline constexpr char ImageManage[] = "org.isolde.image.manage";
} // namespace actions

struct Authorization
{
    bool allowed = false;
    // The caller's uid; 0 with uidKnown false when even that could not be learnt.
    uint uid = 0;
    bool uidKnown = false;
    // True when the answer came from what polkit granted this bus name earlier.
    bool cached = false;
    // When refused: a sentence naming the action and why, fit for an AccessDenied reply.
    QString reason;
};

class PolkitAuthorizer : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const Authorization &)>;

    // `bus` must be the connection the callers' requests arrive on, so that the bus tells of
    // a caller leaving only after its last request.
    explicit PolkitAuthorizer(const QDBusConnection &bus, QObject *parent = nullptr);

    // Decides whether the connection `busName` may do `actionId`: from the cache, else with
    // CheckAuthorization (subject "system-bus-name"). Fails closed: when polkit cannot be
    // reached or answers with an error, only uid 0 is allowed. `done` always runs later on
    // this object's thread (never inside this call) and never after this object is gone.
    void authorize(const QString &busName, const QString &actionId, Done done);

    // The actions remembered as granted to `busName` (empty once it has left the bus).
    QSet<QString> cachedActions(const QString &busName) const;
    // How many bus names the cache holds, including those with checks in flight.
    qsizetype rememberedCallerCount() const { return m_callers.size(); }

signals:
    // A connection left the bus: whatever it subscribed to ends (one watcher for the helper).
    void callerLeft(const QString &busName);

private slots:
    void onNameOwnerChanged(const QString &name, const QString &oldOwner, const QString &newOwner);

private:
    struct Caller
    {
        uint uid = 0;
        QSet<QString> granted;
        int pending = 0;   // checks in flight for this name
        bool gone = false; // left the bus while checks were in flight: cache nothing more
    };

    void askPolkit(const CallerIdentity &caller, const QString &actionId, Done done);
    // Settles one check; only polkit's own grants are remembered, never fail-closed ones.
    void finish(const QString &busName, const QString &actionId, const Authorization &answer,
                bool fromPolkit, const Done &done);

    QDBusConnection m_bus;
    QHash<QString, Caller> m_callers;
};

} // namespace isolde::service
