// The unprivileged side of org.isolde.Helper1: every method of the helper as an asynchronous
// call whose answer arrives in a callback on this object's thread, so the GUI thread never
// waits on the bus. Used by isoldectl (with an event loop of its own) and by the QML models.
//
// Errors arrive as isolde::Error: `field` set for InvalidArgument (the helper names it),
// `reason` the helper's sentence; dbusErrorName() of the last failure tells the kind.
// The helper is D-Bus activated: a call starts it. When it goes away (crash, idle exit) and
// comes back, `helperRestarted` fires so that models re-read lists and re-subscribe.
#pragma once

#include "util/Expected.h"

#include <QByteArray>
#include <QDBusConnection>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class Helper1Proxy;
class QDBusServiceWatcher;

namespace isolde::client {

// One failure of a call: the error plus the D-Bus error name (protocol::Error*).
struct CallError
{
    QString dbusName;
    Error error;
    QString toString() const { return error.toString(); }
};

template<typename T>
using Reply = std::function<void(const T &value, const CallError *error)>;

class HelperClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool helperPresent READ helperPresent NOTIFY helperPresentChanged)
    Q_PROPERTY(bool busConnected READ busConnected NOTIFY busConnectedChanged)
public:
    // `bus` defaults to the system bus ($DBUS_SYSTEM_BUS_ADDRESS is honoured by Qt).
    explicit HelperClient(QObject *parent = nullptr);
    HelperClient(const QDBusConnection &bus, QObject *parent = nullptr);
    ~HelperClient() override;

    bool busConnected() const;  // the bus itself is reachable
    bool helperPresent() const; // the helper owns its name right now (else a call starts it)

    // Each: on success `done(value, nullptr)`, on failure `done({}, &error)`. `done` runs
    // later (never inside the call), and never after this object is gone.
    void create(const QByteArray &configJson, const QString &name, const QString &image,
                Reply<QString> done);
    void start(const QString &id, Reply<bool> done);
    void stop(const QString &id, uint timeoutSeconds, Reply<bool> done);
    void kill(const QString &id, const QString &signal, Reply<bool> done);
    void remove(const QString &id, bool force, Reply<bool> done);
    void pause(const QString &id, Reply<bool> done);
    void resume(const QString &id, Reply<bool> done);
    void update(const QString &id, const QJsonObject &resources, Reply<bool> done);
    void list(Reply<QJsonArray> done);
    void inspect(const QString &id, Reply<QJsonObject> done);
    void stats(const QStringList &ids, Reply<QJsonObject> done);
    void subscribeStats(const QStringList &ids, uint intervalMs, Reply<bool> done);
    void unsubscribeStats(Reply<bool> done);
    // Lines as {"time", "stream", "line"} objects.
    void logs(const QString &id, qint64 sinceMs, int tail, Reply<QJsonArray> done);
    void followLogs(const QString &id, Reply<bool> done);
    void unfollowLogs(const QString &id, Reply<bool> done);
    // `process`: an OCI process object. The fds are dup'ed for the call; the caller keeps its
    // own. Replies with the host pid; execExited tells when it ends.
    void exec(const QString &id, const QJsonObject &process, int stdinFd, int stdoutFd,
              int stderrFd, Reply<int> done);
    void probe(const QString &id, Reply<QJsonObject> done);
    void listImages(Reply<QJsonArray> done);
    void makeDefaultImage(Reply<QString> done);

signals:
    void busConnectedChanged();
    void helperPresentChanged();
    // The helper's name got a new owner after having one: lists and subscriptions are stale.
    void helperRestarted();
    void containerStateChanged(const QString &id, const QString &state);
    void statsBatch(const QJsonObject &stats); // keyed by id, as Stats returns
    void logLines(const QString &id, const QJsonArray &lines);
    void execExited(const QString &id, int pid, int exitCode);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace isolde::client
