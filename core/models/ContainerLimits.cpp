#include "ContainerLimits.h"

#include "HelperSession.h"
#include "spec/OciSpec.h"
#include "spec/Units.h"

#include <QPointer>
#include <cmath>

namespace isolde::models {

using client::CallError;

namespace {

const QStringList &limitNames()
{
    static const QStringList names = {
        QStringLiteral("cpus"),        QStringLiteral("cpuWeight"),  QStringLiteral("cpusetCpus"),
        QStringLiteral("memoryLimit"), QStringLiteral("memorySwap"), QStringLiteral("pidsLimit"),
        QStringLiteral("ioWeight"),
    };
    return names;
}

// The OCI spelling of "no limit" for a value where this object says 0.
qint64 limitOrUnlimited(qint64 value)
{
    return value > 0 ? value : -1;
}

} // namespace

ContainerLimits::ContainerLimits(QObject *parent)
    : QObject(parent)
    , m_session(HelperSession::instance())
{}

void ContainerLimits::setContainerId(const QString &idOrName)
{
    if (m_containerId == idOrName)
        return;
    m_containerId = idOrName;
    ++m_generation;
    m_pending.clear();
    if (m_loaded) {
        m_loaded = false;
        emit loadedChanged();
    }
    emit containerIdChanged();
    reload();
}

ContainerLimits::Limits ContainerLimits::limitsFromInspect(const QJsonObject &inspect)
{
    const spec::OciSpec spec(inspect.value(QLatin1String("spec")).toObject());
    const spec::Resources resources = spec.linux().resources.value_or(spec::Resources{});
    Limits limits;
    if (resources.cpu) {
        const spec::CpuResources &cpu = *resources.cpu;
        limits.cpuPeriod = cpu.period.value_or(0);
        if (cpu.quota && *cpu.quota > 0 && cpu.period && *cpu.period > 0)
            limits.cpus = qreal(*cpu.quota) / qreal(*cpu.period);
        limits.cpuWeight = int(cpu.shares.value_or(0));
        limits.cpusetCpus = cpu.cpus;
    }
    if (resources.memory) {
        limits.memoryLimit = std::max<qint64>(0, resources.memory->limit.value_or(0));
        limits.memorySwap = std::max<qint64>(0, resources.memory->swap.value_or(0));
    }
    limits.pidsLimit = std::max<qint64>(0, resources.pidsLimit.value_or(0));
    if (resources.blockIO)
        limits.ioWeight = resources.blockIO->weight.value_or(0);
    return limits;
}

void ContainerLimits::reload()
{
    if (m_containerId.isEmpty())
        return;
    const QString requested = m_containerId;
    m_session->client()->inspect(requested,
                                 [this, requested, guard = QPointer<ContainerLimits>(this)](
                                     const QJsonObject &inspect, const CallError *error) {
                                     if (!guard || m_containerId != requested)
                                         return;
                                     if (error) {
                                         m_session->reportError(*error);
                                         return;
                                     }
                                     m_applied = limitsFromInspect(inspect);
                                     setAll(m_applied);
                                     if (!m_loaded) {
                                         m_loaded = true;
                                         emit loadedChanged();
                                     }
                                 });
}

void ContainerLimits::setAll(const Limits &limits)
{
    for (const QString &name : limitNames())
        restore(name, limits);
    m_values.cpuPeriod = limits.cpuPeriod;
}

void ContainerLimits::restore(const QString &property, const Limits &from)
{
    if (property == QLatin1String("cpus"))
        setCpus(from.cpus);
    else if (property == QLatin1String("cpuWeight"))
        setCpuWeight(from.cpuWeight);
    else if (property == QLatin1String("cpusetCpus"))
        setCpusetCpus(from.cpusetCpus);
    else if (property == QLatin1String("memoryLimit"))
        setMemoryLimit(qreal(from.memoryLimit));
    else if (property == QLatin1String("memorySwap"))
        setMemorySwap(qreal(from.memorySwap));
    else if (property == QLatin1String("pidsLimit"))
        setPidsLimit(int(from.pidsLimit));
    else if (property == QLatin1String("ioWeight"))
        setIoWeight(from.ioWeight);
}

void ContainerLimits::copyLimit(const QString &property, const Limits &from, Limits &to)
{
    if (property == QLatin1String("cpus")) {
        to.cpus = from.cpus;
        to.cpuPeriod = from.cpuPeriod;
    } else if (property == QLatin1String("cpuWeight")) {
        to.cpuWeight = from.cpuWeight;
    } else if (property == QLatin1String("cpusetCpus")) {
        to.cpusetCpus = from.cpusetCpus;
    } else if (property == QLatin1String("memoryLimit")) {
        to.memoryLimit = from.memoryLimit;
    } else if (property == QLatin1String("memorySwap")) {
        to.memorySwap = from.memorySwap;
    } else if (property == QLatin1String("pidsLimit")) {
        to.pidsLimit = from.pidsLimit;
    } else if (property == QLatin1String("ioWeight")) {
        to.ioWeight = from.ioWeight;
    }
}

void ContainerLimits::setCpus(qreal cpus)
{
    if (qFuzzyCompare(1 + m_values.cpus, 1 + cpus))
        return;
    m_values.cpus = cpus;
    emit cpusChanged();
}

void ContainerLimits::setCpuWeight(int weight)
{
    if (m_values.cpuWeight == weight)
        return;
    m_values.cpuWeight = weight;
    emit cpuWeightChanged();
}

void ContainerLimits::setCpusetCpus(const QString &cpus)
{
    if (m_values.cpusetCpus == cpus)
        return;
    m_values.cpusetCpus = cpus;
    emit cpusetCpusChanged();
}

void ContainerLimits::setMemoryLimit(qreal bytes)
{
    const qint64 value = std::llround(bytes);
    if (m_values.memoryLimit == value)
        return;
    m_values.memoryLimit = value;
    emit memoryLimitChanged();
}

void ContainerLimits::setMemorySwap(qreal bytes)
{
    const qint64 value = std::llround(bytes);
    if (m_values.memorySwap == value)
        return;
    m_values.memorySwap = value;
    emit memorySwapChanged();
}

void ContainerLimits::setPidsLimit(int limit)
{
    if (m_values.pidsLimit == limit)
        return;
    m_values.pidsLimit = limit;
    emit pidsLimitChanged();
}

void ContainerLimits::setIoWeight(int weight)
{
    if (m_values.ioWeight == weight)
        return;
    m_values.ioWeight = weight;
    emit ioWeightChanged();
}

QJsonObject ContainerLimits::patchFor(const QString &property) const
{
    const auto section = [](const char *name, QJsonObject members) {
        return QJsonObject{{QLatin1String(name), members}};
    };
    if (property == QLatin1String("cpus")) {
        const quint64 period = m_values.cpuPeriod > 0 ? m_values.cpuPeriod : spec::DockerCpuPeriod;
        const qint64 quota = m_values.cpus > 0 ? std::llround(m_values.cpus * period) : -1;
        return section(
            "cpu", {{QStringLiteral("quota"), quota}, {QStringLiteral("period"), qint64(period)}});
    }
    if (property == QLatin1String("cpuWeight"))
        return section("cpu", {{QStringLiteral("shares"), m_values.cpuWeight}});
    if (property == QLatin1String("cpusetCpus"))
        return section("cpu", {{QStringLiteral("cpus"), m_values.cpusetCpus}});
    if (property == QLatin1String("memoryLimit"))
        return section("memory",
                       {{QStringLiteral("limit"), limitOrUnlimited(m_values.memoryLimit)}});
    if (property == QLatin1String("memorySwap"))
        return section("memory", {{QStringLiteral("swap"), limitOrUnlimited(m_values.memorySwap)}});
    if (property == QLatin1String("pidsLimit"))
        return section("pids", {{QStringLiteral("limit"), limitOrUnlimited(m_values.pidsLimit)}});
    if (property == QLatin1String("ioWeight"))
        return section("blockIO", {{QStringLiteral("weight"), m_values.ioWeight}});
    return {};
}

bool ContainerLimits::apply(const QString &property)
{
    const QJsonObject patch = patchFor(property);
    if (patch.isEmpty()) {
        m_session->reportError(Error{property, QStringLiteral("is not a limit; the limits are %1")
                                                   .arg(limitNames().join(QStringLiteral(", ")))});
        return false;
    }
    if (!m_loaded) {
        m_session->reportError(
            Error{QStringLiteral("containerId"),
                  QStringLiteral("the limits of %1 have not been read yet").arg(m_containerId)});
        return false;
    }
    const Limits sent = m_values;
    const QString id = m_containerId;
    const quint64 generation = m_generation;
    ++m_pending[property];
    m_session->client()->update(
        id, patch,
        [this, property, sent, id, generation,
         guard = QPointer<ContainerLimits>(this)](bool, const CallError *error) {
            if (!guard || generation != m_generation)
                return;
            const bool last = --m_pending[property] == 0;
            if (error) {
                m_session->reportError(*error);
                if (last)
                    restore(property, m_applied);
                return;
            }
            // The kernel enforces what was sent, for this one property.
            copyLimit(property, sent, m_applied);
            emit applied(property);
            emit m_session->actionFinished(QStringLiteral("update"), id);
        });
    return true;
}

} // namespace isolde::models
