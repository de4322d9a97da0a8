#include "PolkitAuthorizer.h"

#include <QDBusArgument>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QMap>
#include <QVariantMap>
#include <optional>

namespace isolde::service {

namespace {

using PolkitDetails = QMap<QString, QString>;

// CheckAuthorizationFlags.AllowUserInteraction: a desktop user's agent may ask for a password.
constexpr uint AllowUserInteraction = 1;
// Long enough for a person to type a password into the agent; the call never blocks anyway.
constexpr int CheckTimeoutMs = 120 * 1000;

QDBusMessage checkAuthorizationCall(const QString &busName, const QString &actionId)
{
    QDBusMessage call =
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
                                       QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                                       QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
                                       QStringLiteral("CheckAuthorization"));
    // subject (sa{sv}): the caller's connection, so polkit itself learns its uid and pid.
    QDBusArgument subject;
    subject.beginStructure();
    subject << QStringLiteral("system-bus-name") << QVariantMap{{QStringLiteral("name"), busName}};
    subject.endStructure();
    call << QVariant::fromValue(subject) << actionId << QVariant::fromValue(PolkitDetails())
         << AllowUserInteraction << QString();
    return call;
}

struct PolkitResult
{
    bool authorized = false;
    bool challenge = false;
};

// The (bba{ss}) AuthorizationResult, or nothing when polkit did not answer with one.
std::optional<PolkitResult> polkitResult(const QDBusMessage &reply)
{
    if (reply.type() != QDBusMessage::ReplyMessage || reply.signature() != u"(bba{ss})")
        return std::nullopt;
    const auto result = reply.arguments().constFirst().value<QDBusArgument>();
    PolkitResult parsed;
    PolkitDetails details;
    result.beginStructure();
    result >> parsed.authorized >> parsed.challenge >> details;
    result.endStructure();
    return parsed;
}

QString whyPolkitFailed(const QDBusMessage &reply)
{
    if (reply.type() == QDBusMessage::ErrorMessage)
        return reply.errorMessage().isEmpty() ? reply.errorName() : reply.errorMessage();
    return QStringLiteral("unexpected answer of type %1").arg(reply.signature());
}

Authorization polkitAnswer(const PolkitResult &result, const CallerIdentity &caller,
                           const QString &actionId)
{
    Authorization answer;
    answer.uid = caller.uid;
    answer.uidKnown = true;
    answer.allowed = result.authorized;
    if (!answer.allowed)
        answer.reason =
            QStringLiteral("polkit refused %1 to uid %2%3")
                .arg(actionId, QString::number(caller.uid),
                     result.challenge ? QStringLiteral(": it needs authentication and no "
                                                       "authentication agent provided it")
                                      : QString());
    return answer;
}

// Without polkit's word only root gets through.
Authorization failClosed(const QDBusMessage &reply, const CallerIdentity &caller,
                         const QString &actionId)
{
    Authorization answer;
    answer.uid = caller.uid;
    answer.uidKnown = true;
    answer.allowed = caller.uid == 0;
    if (!answer.allowed)
        answer.reason = QStringLiteral("%1 is refused to uid %2: polkit could not decide (%3), so "
                                       "only root is allowed")
                            .arg(actionId, QString::number(caller.uid), whyPolkitFailed(reply));
    return answer;
}

} // namespace

PolkitAuthorizer::PolkitAuthorizer(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
{
    qDBusRegisterMetaType<PolkitDetails>();
    // Every departure, not a watch per name: a name that leaves while its check is in flight
    // must be seen too, or its grant would be remembered after it is gone.
    const bool subscribed = m_bus.connect(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("NameOwnerChanged"), this,
        SLOT(onNameOwnerChanged(QString, QString, QString)));
    if (!subscribed)
        qWarning("PolkitAuthorizer: cannot follow NameOwnerChanged: %s",
                 qPrintable(m_bus.lastError().message()));
}

void PolkitAuthorizer::authorize(const QString &busName, const QString &actionId, Done done)
{
    Caller &caller = m_callers[busName];
    if (caller.granted.contains(actionId)) {
        Authorization answer;
        answer.allowed = true;
        answer.uid = caller.uid;
        answer.uidKnown = true;
        answer.cached = true;
        QMetaObject::invokeMethod(
            this, [answer, done = std::move(done)] { done(answer); }, Qt::QueuedConnection);
        return;
    }
    ++caller.pending;
    lookupCallerIdentity(
        m_bus, busName, this,
        [this, busName, actionId, done = std::move(done)](Expected<CallerIdentity> who) {
            if (!who) {
                Authorization answer;
                answer.reason =
                    QStringLiteral("%1 is refused: %2").arg(actionId, who.error().reason);
                finish(busName, actionId, answer, false, done);
                return;
            }
            askPolkit(*who, actionId, done);
        });
}

void PolkitAuthorizer::askPolkit(const CallerIdentity &caller, const QString &actionId, Done done)
{
    const QDBusPendingCall call =
        m_bus.asyncCall(checkAuthorizationCall(caller.busName, actionId), CheckTimeoutMs);
    auto *watcher = new QDBusPendingCallWatcher(call, this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, caller, actionId, done = std::move(done)](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                const QDBusMessage reply = finished->reply();
                const std::optional<PolkitResult> result = polkitResult(reply);
                const Authorization answer = result ? polkitAnswer(*result, caller, actionId)
                                                    : failClosed(reply, caller, actionId);
                finish(caller.busName, actionId, answer, result.has_value(), done);
            });
}

void PolkitAuthorizer::finish(const QString &busName, const QString &actionId,
                              const Authorization &answer, bool fromPolkit, const Done &done)
{
    const auto it = m_callers.find(busName);
    Q_ASSERT(it != m_callers.end());
    --it->pending;
    if (fromPolkit && answer.allowed && !it->gone) {
        it->uid = answer.uid;
        it->granted.insert(actionId);
    }
    if (it->pending == 0 && (it->gone || it->granted.isEmpty()))
        m_callers.erase(it);
    done(answer);
}

QSet<QString> PolkitAuthorizer::cachedActions(const QString &busName) const
{
    return m_callers.value(busName).granted;
}

void PolkitAuthorizer::onNameOwnerChanged(const QString &name, const QString & /*oldOwner*/,
                                          const QString &newOwner)
{
    if (!newOwner.isEmpty())
        return;
    // Unique names only (":1.42"): a well-known name changing hands is no caller leaving.
    if (name.startsWith(u':'))
        emit callerLeft(name);
    const auto it = m_callers.find(name);
    if (it == m_callers.end())
        return;
    if (it->pending > 0) {
        it->gone = true;
        it->granted.clear();
        return;
    }
    m_callers.erase(it);
}

} // namespace isolde::service
