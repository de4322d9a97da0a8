#include "HelperClient.h"

#include "HelperProtocol.h"
#include "helper1proxy.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusServiceWatcher>
#include <QDBusUnixFileDescriptor>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimer>
#include <climits>

namespace isolde::client {

namespace {

// Long enough for polkit to wait on a person typing a password, for a first Create that
// unpacks the default image and for Stop's own grace period; the GUI never waits on it.
constexpr int CallTimeoutMs = 10 * 60 * 1000;

const QString DisconnectedError = QStringLiteral("org.freedesktop.DBus.Error.Disconnected");

CallError toCallError(const QDBusError &dbusError)
{
    CallError result;
    result.dbusName = dbusError.name();
    QString message = dbusError.message();
    // Qt's pending call for a bus it never reached carries no error of its own.
    if (result.dbusName.isEmpty()) {
        result.dbusName = DisconnectedError;
        message = QStringLiteral("cannot reach the system bus");
    }
    if (message.isEmpty())
        message = dbusError.name();
    // Qt's and the bus's words, said as what they mean for a user.
    if (result.dbusName == DisconnectedError && !message.startsWith(QLatin1String("cannot")))
        message = QStringLiteral("cannot reach the system bus: ") + message;
    else if (result.dbusName == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown"))
        message = QStringLiteral("the Isolde helper is not installed or did not start: ") + message;
    // The helper sends InvalidArgument as Error::toString(): "<field>: <reason>".
    const qsizetype separator = message.indexOf(QLatin1String(": "));
    if (result.dbusName == QLatin1String(protocol::ErrorInvalidArgument) && separator > 0 &&
        !message.left(separator).contains(QLatin1Char(' '))) {
        result.error = Error{message.left(separator), message.mid(separator + 2)};
    } else {
        result.error = Error{QString(), message};
    }
    return result;
}

CallError malformedAnswer(const QString &what, const QString &why)
{
    return CallError{QString::fromLatin1(protocol::ErrorFailed),
                     Error{what, QStringLiteral("the helper's answer is not valid: %1").arg(why)}};
}

Expected<QJsonDocument> parseJson(const QDBusMessage &reply, const QString &what)
{
    const QString text = reply.arguments().value(0).toString();
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{what, parseError.errorString()};
    return document;
}

Expected<QJsonArray> parseArray(const QDBusMessage &reply, const QString &what)
{
    Expected<QJsonDocument> document = parseJson(reply, what);
    if (!document)
        return document.error();
    if (!document->isArray())
        return Error{what, QStringLiteral("a JSON array was expected")};
    return document->array();
}

Expected<QJsonObject> parseObject(const QDBusMessage &reply, const QString &what)
{
    Expected<QJsonDocument> document = parseJson(reply, what);
    if (!document)
        return document.error();
    if (!document->isObject())
        return Error{what, QStringLiteral("a JSON object was expected")};
    return document->object();
}

// Logs and LogLines carry JSON Lines (one object per line, as Docker's json-file driver
// writes them); the client hands them on as one array.
Expected<QJsonArray> parseJsonLines(const QString &text, const QString &what)
{
    QJsonArray lines;
    const QList<QByteArray> records = text.toUtf8().split('\n');
    for (const QByteArray &record : records) {
        if (record.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(record, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return Error{what, parseError.errorString()};
        if (!document.isObject())
            return Error{what, QStringLiteral("a JSON object per line was expected")};
        lines.append(document.object());
    }
    return lines;
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

struct HelperClient::Private
{
    HelperClient *q;
    QDBusConnection bus;
    Helper1Proxy proxy;
    QDBusServiceWatcher serviceWatcher;
    bool connected;
    bool present = false;
    // Whether the name has had an owner while we watched: a new owner after that is a restart.
    bool hadOwner = false;

    Private(HelperClient *client, const QDBusConnection &connection)
        : q(client)
        , bus(connection)
        , proxy(QString::fromLatin1(protocol::ServiceName),
                QString::fromLatin1(protocol::ObjectPath), connection)
        , serviceWatcher(QString::fromLatin1(protocol::ServiceName), connection,
                         QDBusServiceWatcher::WatchForOwnerChange)
        , connected(connection.isConnected())
    {
        proxy.setTimeout(CallTimeoutMs);
    }

    void setPresent(bool value)
    {
        if (value)
            hadOwner = true;
        if (present == value)
            return;
        present = value;
        emit q->helperPresentChanged();
    }

    void ownerChanged(const QString &newOwner)
    {
        // Also when the name passes straight from an old owner to a new one.
        const bool restarted = !newOwner.isEmpty() && hadOwner;
        setPresent(!newOwner.isEmpty());
        if (restarted)
            emit q->helperRestarted();
    }

    void setConnected(bool value)
    {
        if (connected == value)
            return;
        connected = value;
        emit q->busConnectedChanged();
    }

    // Runs `done` with the converted reply once `call` finishes, on q's thread, and never after
    // q is gone: the watcher is q's child and the connection's context is q.
    template<typename T, typename Convert>
    void watch(const QDBusPendingCall &call, Reply<T> done, Convert convert)
    {
        auto finish = [this, done = std::move(done),
                       convert = std::move(convert)](const QDBusPendingCall &finished) {
            if (finished.isError()) {
                const CallError error = toCallError(finished.error());
                if (error.dbusName == DisconnectedError)
                    setConnected(false);
                done(T{}, &error);
                return;
            }
            setConnected(true);
            Expected<T> value = convert(finished.reply());
            if (!value) {
                const CallError error = malformedAnswer(value.error().field, value.error().reason);
                done(T{}, &error);
                return;
            }
            done(*value, nullptr);
        };
        // A call that failed before it was sent (no bus) has no watcher to fire: answer from
        // the event loop all the same.
        if (call.isFinished()) {
            QTimer::singleShot(0, q, [finish = std::move(finish), call] { finish(call); });
            return;
        }
        auto *watcher = new QDBusPendingCallWatcher(call, q);
        QObject::connect(watcher, &QDBusPendingCallWatcher::finished, q,
                         [watcher, finish = std::move(finish)] {
                             // Unparented first: `done` may delete q, which must not delete
                             // the emitter.
                             watcher->setParent(nullptr);
                             watcher->deleteLater();
                             finish(*watcher);
                         });
    }

    void watchVoid(const QDBusPendingCall &call, Reply<bool> done)
    {
        watch<bool>(call, std::move(done),
                    [](const QDBusMessage &) { return Expected<bool>(true); });
    }

    void watchString(const QDBusPendingCall &call, Reply<QString> done)
    {
        watch<QString>(call, std::move(done), [](const QDBusMessage &reply) {
            return Expected<QString>(reply.arguments().value(0).toString());
        });
    }

    void watchArray(const QDBusPendingCall &call, const QString &what, Reply<QJsonArray> done)
    {
        watch<QJsonArray>(call, std::move(done),
                          [what](const QDBusMessage &reply) { return parseArray(reply, what); });
    }

    void watchObject(const QDBusPendingCall &call, const QString &what, Reply<QJsonObject> done)
    {
        watch<QJsonObject>(call, std::move(done),
                           [what](const QDBusMessage &reply) { return parseObject(reply, what); });
    }

    void connectSignals()
    {
        QObject::connect(&serviceWatcher, &QDBusServiceWatcher::serviceOwnerChanged, q,
                         [this](const QString &, const QString &, const QString &newOwner) {
                             ownerChanged(newOwner);
                         });
        QObject::connect(&proxy, &Helper1Proxy::ContainerStateChanged, q,
                         &HelperClient::containerStateChanged);
        QObject::connect(&proxy, &Helper1Proxy::StatsBatch, q, [this](const QString &json) {
            emit q->statsBatch(QJsonDocument::fromJson(json.toUtf8()).object());
        });
        QObject::connect(&proxy, &Helper1Proxy::LogLines, q,
                         [this](const QString &id, const QString &json) {
                             const Expected<QJsonArray> lines =
                                 parseJsonLines(json, QStringLiteral("json_lines"));
                             if (lines)
                                 emit q->logLines(id, *lines);
                         });
        QObject::connect(&proxy, &Helper1Proxy::ExecExited, q, &HelperClient::execExited);
    }

    // Asks the bus whether the helper is there now, without waiting for the answer.
    void queryPresence()
    {
        QDBusMessage message = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
            QStringLiteral("org.freedesktop.DBus"), QStringLiteral("NameHasOwner"));
        message << QString::fromLatin1(protocol::ServiceName);
        watch<bool>(
            bus.asyncCall(message),
            [this](bool hasOwner, const CallError *error) {
                // The watcher may have reported an owner meanwhile; it is newer.
                if (!error && hasOwner && !present)
                    setPresent(true);
            },
            [](const QDBusMessage &reply) {
                return Expected<bool>(reply.arguments().value(0).toBool());
            });
    }
};

HelperClient::HelperClient(QObject *parent)
    : HelperClient(QDBusConnection::systemBus(), parent)
{}

HelperClient::HelperClient(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, bus))
{
    d->connectSignals();
    d->queryPresence();
}

HelperClient::~HelperClient() = default;

bool HelperClient::busConnected() const
{
    return d->connected;
}

bool HelperClient::helperPresent() const
{
    return d->present;
}

void HelperClient::create(const QByteArray &configJson, const QString &name, const QString &image,
                          Reply<QString> done)
{
    d->watchString(d->proxy.Create(QString::fromUtf8(configJson), name, image), std::move(done));
}

void HelperClient::start(const QString &id, Reply<bool> done)
{
    d->watchVoid(d->proxy.Start(id), std::move(done));
}

void HelperClient::stop(const QString &id, uint timeoutSeconds, Reply<bool> done)
{
    // The reply comes once the container has stopped: allow its whole grace period.
    QDBusMessage message = QDBusMessage::createMethodCall(
        QString::fromLatin1(protocol::ServiceName), QString::fromLatin1(protocol::ObjectPath),
        QString::fromLatin1(protocol::InterfaceName), QStringLiteral("Stop"));
    message << id << timeoutSeconds;
    const qint64 timeoutMs = qint64(CallTimeoutMs) + qint64(timeoutSeconds) * 1000;
    d->watchVoid(d->bus.asyncCall(message, int(qMin<qint64>(timeoutMs, INT_MAX))), std::move(done));
}

void HelperClient::kill(const QString &id, const QString &signal, Reply<bool> done)
{
    d->watchVoid(d->proxy.Kill(id, signal), std::move(done));
}

void HelperClient::remove(const QString &id, bool force, Reply<bool> done)
{
    d->watchVoid(d->proxy.Remove(id, force), std::move(done));
}

void HelperClient::pause(const QString &id, Reply<bool> done)
{
    d->watchVoid(d->proxy.Pause(id), std::move(done));
}

void HelperClient::resume(const QString &id, Reply<bool> done)
{
    d->watchVoid(d->proxy.Resume(id), std::move(done));
}

void HelperClient::update(const QString &id, const QJsonObject &resources, Reply<bool> done)
{
    d->watchVoid(d->proxy.Update(id, compactJson(resources)), std::move(done));
}

void HelperClient::list(Reply<QJsonArray> done)
{
    d->watchArray(d->proxy.List(), QStringLiteral("summaries_json"), std::move(done));
}

void HelperClient::inspect(const QString &id, Reply<QJsonObject> done)
{
    d->watchObject(d->proxy.Inspect(id), QStringLiteral("inspect_json"), std::move(done));
}

void HelperClient::stats(const QStringList &ids, Reply<QJsonObject> done)
{
    d->watchObject(d->proxy.Stats(ids), QStringLiteral("stats_json"), std::move(done));
}

void HelperClient::subscribeStats(const QStringList &ids, uint intervalMs, Reply<bool> done)
{
    d->watchVoid(d->proxy.SubscribeStats(ids, intervalMs), std::move(done));
}

void HelperClient::unsubscribeStats(Reply<bool> done)
{
    d->watchVoid(d->proxy.UnsubscribeStats(), std::move(done));
}

void HelperClient::logs(const QString &id, qint64 sinceMs, int tail, Reply<QJsonArray> done)
{
    d->watch<QJsonArray>(d->proxy.Logs(id, sinceMs, tail), std::move(done),
                         [](const QDBusMessage &reply) {
                             return parseJsonLines(reply.arguments().value(0).toString(),
                                                   QStringLiteral("json_lines"));
                         });
}

void HelperClient::followLogs(const QString &id, Reply<bool> done)
{
    d->watchVoid(d->proxy.FollowLogs(id), std::move(done));
}

void HelperClient::unfollowLogs(const QString &id, Reply<bool> done)
{
    d->watchVoid(d->proxy.UnfollowLogs(id), std::move(done));
}

void HelperClient::exec(const QString &id, const QJsonObject &process, int stdinFd, int stdoutFd,
                        int stderrFd, Reply<int> done)
{
    // QDBusUnixFileDescriptor dups each fd; the caller's stay its own.
    d->watch<int>(d->proxy.Exec(id, compactJson(process), QDBusUnixFileDescriptor(stdinFd),
                                QDBusUnixFileDescriptor(stdoutFd),
                                QDBusUnixFileDescriptor(stderrFd)),
                  std::move(done), [](const QDBusMessage &reply) {
                      return Expected<int>(reply.arguments().value(0).toInt());
                  });
}

void HelperClient::probe(const QString &id, Reply<QJsonObject> done)
{
    d->watchObject(d->proxy.Probe(id), QStringLiteral("probe_json"), std::move(done));
}

void HelperClient::listImages(Reply<QJsonArray> done)
{
    d->watchArray(d->proxy.ListImages(), QStringLiteral("images_json"), std::move(done));
}

void HelperClient::makeDefaultImage(Reply<QString> done)
{
    d->watchString(d->proxy.MakeDefaultImage(), std::move(done));
}

} // namespace isolde::client
