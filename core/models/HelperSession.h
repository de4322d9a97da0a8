// The GUI's one connection to the helper (QML singleton `Helper`): the actions a button
// triggers, the helper's answer to each (actionFinished or errorOccurred with the helper's
// sentence), and the stats stream every model reads from one StatsHistory.
//
// Stats: while at least one model holds them (holdStats), the session subscribes to every
// container's stats at 1 Hz (SubscribeStats with no ids: containers started later are
// included) and feeds each batch into the history; it subscribes again when the helper comes
// back, and unsubscribes when the last model lets go.
#pragma once

#include "client/HelperClient.h"
#include "models/StatsHistory.h"

#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <functional>

class QQmlEngine;
class QJSEngine;

namespace isolde::models {

class HelperSession : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Helper)
    QML_SINGLETON
    Q_PROPERTY(bool busConnected READ busConnected NOTIFY busConnectedChanged)
    Q_PROPERTY(bool helperPresent READ helperPresent NOTIFY helperPresentChanged)
public:
    static constexpr uint StatsIntervalMs = 1000;
    static constexpr uint StopTimeoutSeconds = 10; // docker stop's default

    // The one session, on the system bus ($DBUS_SYSTEM_BUS_ADDRESS is honoured), made on
    // first use.
    static HelperSession *instance();
    // QML's factory for the singleton: the same instance, owned by C++.
    static HelperSession *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    client::HelperClient *client() const { return m_client; }
    const StatsHistory &history() const { return m_history; }

    bool busConnected() const { return m_client->busConnected(); }
    bool helperPresent() const { return m_client->helperPresent(); }

    // A model that shows stats holds them while it lives.
    void holdStats();
    void releaseStats();

    // Reports a failed call as errorOccurred.
    void reportError(const client::CallError &error);
    // Reports a mistake found before any call (a model's bad argument) as errorOccurred.
    void reportError(const Error &error);
    // Whether `error` only says that the bus or the helper cannot be reached now: models that
    // load in the background keep quiet about that (the GUI shows a banner instead).
    static bool isUnreachable(const client::CallError &error);
    // Calls `done` with the 64-hex id of `idOrName` (an id, a unique prefix or a name), or
    // reports the helper's error and calls it with "". Never after `context` is gone.
    void resolveId(const QString &idOrName, QObject *context,
                   std::function<void(const QString &id)> done);

    Q_INVOKABLE void start(const QString &id);
    Q_INVOKABLE void stop(const QString &id);
    Q_INVOKABLE void kill(const QString &id, const QString &signal = QStringLiteral("SIGKILL"));
    Q_INVOKABLE void remove(const QString &id, bool force = false);
    Q_INVOKABLE void pause(const QString &id);
    Q_INVOKABLE void resume(const QString &id);
    // `configJson`: an OCI config.json; `image` empty = the default image. containerCreated,
    // then (with `startNow`) actionFinished("start", id).
    Q_INVOKABLE void create(const QString &configJson, const QString &name, const QString &image,
                            bool startNow);
    // `resources`: an OCI linux.resources subset ({"memory": {"limit": 268435456}}).
    Q_INVOKABLE void update(const QString &id, const QVariantMap &resources);
    Q_INVOKABLE void makeDefaultImage();

signals:
    void busConnectedChanged();
    void helperPresentChanged();
    // Every failed action, with the helper's sentence ("field: reason" for bad arguments).
    void errorOccurred(const QString &message);
    // `action`: the method's name as above ("start", "update", ...); `id` the container
    // (the image's digest for makeDefaultImage).
    void actionFinished(const QString &action, const QString &id);
    void containerCreated(const QString &id);
    // A stats batch went into history(): the containers that got a new point or new limits.
    void statsUpdated(const QStringList &ids);

private:
    explicit HelperSession(client::HelperClient *client, QObject *parent = nullptr);
    // The reply handler of an action on `id`.
    client::Reply<bool> finishing(const QString &action, const QString &id);
    void subscribe();
    void scheduleResubscribe();

    client::HelperClient *m_client;
    StatsHistory m_history;
    int m_statsHolders = 0;
    bool m_resubscribeQueued = false;
};

} // namespace isolde::models
