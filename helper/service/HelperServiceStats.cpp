// Stats, SubscribeStats and UnsubscribeStats: one sampler per running container (StatsSamplers),
// read once per tick whoever asks, and StatsBatch signals sent to each subscriber alone.
#include "HelperService.h"
#include "client/HelperProtocol.h"

#include <QJsonDocument>

namespace isolde::service {

namespace {

constexpr uint MinimumIntervalMs = 250;
constexpr uint MaximumIntervalMs = 3600 * 1000;
constexpr qsizetype MaxIds = 4096;

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

void HelperService::startSampling(const ContainerRecord &record)
{
    const auto spec = spec::OciSpec::load(m_store.specPath(record.id));
    const auto state = m_store.load(record.id);
    if (!state)
        return;
    m_samplers.track(record.id, state->cgroupsPath,
                     spec ? cpuLimitOf(spec.value()) : std::optional<double>());
}

QJsonObject HelperService::sampleVisible(const QStringList &ids)
{
    QJsonObject batch;
    for (const QString &id : ids) {
        if (auto sample = m_samplers.sample(id))
            batch.insert(id, *sample);
    }
    return batch;
}

QString HelperService::Stats(const QStringList &ids)
{
    begin(actions::ContainerReadOwn, [this, ids](const Call &call) {
        rememberReader(call);
        if (ids.size() > MaxIds)
            return fail(call, protocol::ErrorInvalidArgument,
                        QStringLiteral("ids: at most %1 containers at once").arg(MaxIds));
        const auto answer = [this, call](const QStringList &resolved) {
            reply(call, {compact(sampleVisible(resolved))});
        };
        if (!ids.isEmpty())
            return withContainers(call, ids, answer);
        QStringList visible;
        for (const auto &candidate : m_containers) {
            if (candidate->isRunning() && mayRead(call.busName(), call.uid, *candidate))
                visible.append(candidate->id);
        }
        answer(visible);
    });
    return {};
}

void HelperService::SubscribeStats(const QStringList &ids, uint interval_ms)
{
    begin(actions::ContainerReadOwn, [this, ids, interval_ms](const Call &call) {
        rememberReader(call);
        if (interval_ms < MinimumIntervalMs || interval_ms > MaximumIntervalMs)
            return fail(call, protocol::ErrorInvalidArgument,
                        QStringLiteral("interval_ms: %1 is not between %2 and %3")
                            .arg(interval_ms)
                            .arg(MinimumIntervalMs)
                            .arg(MaximumIntervalMs));
        if (ids.size() > MaxIds)
            return fail(call, protocol::ErrorInvalidArgument,
                        QStringLiteral("ids: at most %1 containers at once").arg(MaxIds));
        const auto subscribe = [this, interval_ms, call](const QStringList &resolved) {
            const QString busName = call.busName();
            Subscription &subscription = m_subscriptions[busName];
            subscription.uid = call.uid;
            subscription.ids = resolved;
            subscription.timer = std::make_shared<QTimer>();
            connect(subscription.timer.get(), &QTimer::timeout, this,
                    [this, busName] { publishStats(busName); });
            subscription.timer->start(int(interval_ms));
            reply(call);
        };
        if (ids.isEmpty())
            return subscribe(QStringList());
        withContainers(call, ids, subscribe);
    });
}

void HelperService::UnsubscribeStats()
{
    begin(actions::ContainerReadOwn, [this](const Call &call) {
        m_subscriptions.remove(call.busName());
        reply(call);
    });
}

void HelperService::publishStats(const QString &busName)
{
    const auto it = m_subscriptions.constFind(busName);
    if (it == m_subscriptions.constEnd())
        return;
    QStringList ids = it->ids;
    if (ids.isEmpty()) {
        for (const auto &candidate : m_containers) {
            if (candidate->isRunning() && mayRead(busName, it->uid, *candidate))
                ids.append(candidate->id);
        }
    }
    sendTo(busName, QStringLiteral("StatsBatch"), {compact(sampleVisible(ids))});
}

} // namespace isolde::service
