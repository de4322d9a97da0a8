#include "HelperSession.h"

#include <QCoreApplication>
#include <QJSEngine>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

namespace isolde::models {

using client::CallError;

HelperSession *HelperSession::instance()
{
    static QPointer<HelperSession> session;
    if (!session) {
        // A child of the application, so that it goes before the bus connection does.
        session = new HelperSession(new client::HelperClient, QCoreApplication::instance());
    }
    return session;
}

HelperSession *HelperSession::create(QQmlEngine *, QJSEngine *)
{
    HelperSession *session = instance();
    // Several engines (and C++ models) share it: no engine may delete it.
    QJSEngine::setObjectOwnership(session, QJSEngine::CppOwnership);
    return session;
}

HelperSession::HelperSession(client::HelperClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_client->setParent(this);
    connect(m_client, &client::HelperClient::busConnectedChanged, this,
            &HelperSession::busConnectedChanged);
    connect(m_client, &client::HelperClient::helperPresentChanged, this, [this] {
        emit helperPresentChanged();
        if (m_client->helperPresent())
            scheduleResubscribe();
    });
    connect(m_client, &client::HelperClient::helperRestarted, this,
            &HelperSession::scheduleResubscribe);
    connect(m_client, &client::HelperClient::statsBatch, this, [this](const QJsonObject &batch) {
        const QStringList ids = m_history.addBatch(batch);
        if (!ids.isEmpty())
            emit statsUpdated(ids);
    });
    connect(m_client, &client::HelperClient::containerStateChanged, this,
            [this](const QString &id, const QString &state) {
                if (state == QLatin1String("removed"))
                    m_history.remove(id);
            });
}

void HelperSession::holdStats()
{
    if (++m_statsHolders == 1)
        subscribe();
}

void HelperSession::releaseStats()
{
    Q_ASSERT(m_statsHolders > 0);
    if (--m_statsHolders == 0 && m_client->helperPresent())
        m_client->unsubscribeStats([](bool, const CallError *) {});
}

void HelperSession::subscribe()
{
    m_client->subscribeStats({}, StatsIntervalMs, [this](bool, const CallError *error) {
        // The helper may be starting: it subscribes again once it owns its name.
        if (error && !isUnreachable(*error))
            reportError(*error);
    });
}

void HelperSession::scheduleResubscribe()
{
    // A restart reports both a new owner and presence: subscribe once.
    if (m_resubscribeQueued)
        return;
    m_resubscribeQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_resubscribeQueued = false;
        if (m_statsHolders > 0)
            subscribe();
    });
}

void HelperSession::reportError(const CallError &error)
{
    emit errorOccurred(error.toString());
}

void HelperSession::reportError(const Error &error)
{
    emit errorOccurred(error.toString());
}

bool HelperSession::isUnreachable(const CallError &error)
{
    static const QStringList names = {
        QStringLiteral("org.freedesktop.DBus.Error.ServiceUnknown"),
        QStringLiteral("org.freedesktop.DBus.Error.NameHasNoOwner"),
        QStringLiteral("org.freedesktop.DBus.Error.NoReply"),
        QStringLiteral("org.freedesktop.DBus.Error.NoServer"),
        QStringLiteral("org.freedesktop.DBus.Error.Disconnected"),
        QStringLiteral("org.freedesktop.DBus.Error.TimedOut"),
        QStringLiteral("org.freedesktop.DBus.Error.Spawn.ServiceNotFound"),
    };
    return names.contains(error.dbusName);
}

void HelperSession::resolveId(const QString &idOrName, QObject *context,
                              std::function<void(const QString &id)> done)
{
    static const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{64}$"));
    if (fullId.match(idOrName).hasMatch()) {
        QTimer::singleShot(0, context, [idOrName, done = std::move(done)] { done(idOrName); });
        return;
    }
    m_client->inspect(idOrName, [this, guard = QPointer<QObject>(context), done = std::move(done)](
                                    const QJsonObject &inspect, const CallError *error) {
        if (!guard)
            return;
        if (error)
            reportError(*error);
        done(inspect.value(QLatin1String("id")).toString());
    });
}

client::Reply<bool> HelperSession::finishing(const QString &action, const QString &id)
{
    return [this, action, id](bool, const CallError *error) {
        if (error)
            reportError(*error);
        else
            emit actionFinished(action, id);
    };
}

void HelperSession::start(const QString &id)
{
    m_client->start(id, finishing(QStringLiteral("start"), id));
}

void HelperSession::stop(const QString &id)
{
    m_client->stop(id, StopTimeoutSeconds, finishing(QStringLiteral("stop"), id));
}

void HelperSession::kill(const QString &id, const QString &signal)
{
    m_client->kill(id, signal, finishing(QStringLiteral("kill"), id));
}

void HelperSession::remove(const QString &id, bool force)
{
    m_client->remove(id, force, finishing(QStringLiteral("remove"), id));
}

void HelperSession::pause(const QString &id)
{
    m_client->pause(id, finishing(QStringLiteral("pause"), id));
}

void HelperSession::resume(const QString &id)
{
    m_client->resume(id, finishing(QStringLiteral("resume"), id));
}

void HelperSession::create(const QString &configJson, const QString &name, const QString &image,
                           bool startNow)
{
    m_client->create(configJson.toUtf8(), name, image,
                     [this, startNow](const QString &id, const CallError *error) {
                         if (error) {
                             reportError(*error);
                             return;
                         }
                         emit containerCreated(id);
                         emit actionFinished(QStringLiteral("create"), id);
                         if (startNow)
                             start(id);
                     });
}

void HelperSession::update(const QString &id, const QVariantMap &resources)
{
    m_client->update(id, QJsonObject::fromVariantMap(resources),
                     finishing(QStringLiteral("update"), id));
}

void HelperSession::makeDefaultImage()
{
    m_client->makeDefaultImage([this](const QString &digest, const CallError *error) {
        if (error)
            reportError(*error);
        else
            emit actionFinished(QStringLiteral("makeDefaultImage"), digest);
    });
}

} // namespace isolde::models
