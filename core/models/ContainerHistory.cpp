#include "ContainerHistory.h"

#include "HelperSession.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <cmath>

namespace isolde::models {

namespace {

using Extract = double (*)(const StatsPoint &);

// The metrics that are plain members of a point; cpuPercent depends on the convention.
const QHash<QString, Extract> &plainMetrics()
{
    static const QHash<QString, Extract> metrics = {
        {QStringLiteral("memoryUsage"), [](const StatsPoint &p) { return double(p.memoryUsage); }},
        {QStringLiteral("memoryAnon"), [](const StatsPoint &p) { return double(p.memoryAnon); }},
        {QStringLiteral("memoryFile"), [](const StatsPoint &p) { return double(p.memoryFile); }},
        {QStringLiteral("memoryInactiveFile"),
         [](const StatsPoint &p) { return double(p.memoryInactiveFile); }},
        {QStringLiteral("memoryShmem"), [](const StatsPoint &p) { return double(p.memoryShmem); }},
        {QStringLiteral("memoryKernel"),
         [](const StatsPoint &p) { return double(p.memoryKernel); }},
        {QStringLiteral("ioReadRate"), [](const StatsPoint &p) { return double(p.ioReadRate); }},
        {QStringLiteral("ioWriteRate"), [](const StatsPoint &p) { return double(p.ioWriteRate); }},
        {QStringLiteral("pids"), [](const StatsPoint &p) { return double(p.pids); }},
        {QStringLiteral("oomKills"), [](const StatsPoint &p) { return double(p.oomKills); }},
    };
    return metrics;
}

} // namespace

ContainerHistory::ContainerHistory(QObject *parent)
    : QObject(parent)
    , m_session(HelperSession::instance())
{
    connect(m_session, &HelperSession::statsUpdated, this, [this](const QStringList &ids) {
        if (!m_id.isEmpty() && ids.contains(m_id))
            refresh();
    });
    m_session->holdStats();
}

ContainerHistory::~ContainerHistory()
{
    m_session->releaseStats();
}

void ContainerHistory::setContainerId(const QString &idOrName)
{
    if (m_containerId == idOrName)
        return;
    m_containerId = idOrName;
    m_id.clear();
    m_loaded = false;
    const quint64 generation = ++m_generation;
    emit containerIdChanged();
    refresh();
    if (idOrName.isEmpty())
        return;
    // Inspect: for the id that stats batches carry, and whether any will come.
    m_session->client()->inspect(
        idOrName, [this, generation, guard = QPointer<ContainerHistory>(this)](
                      const QJsonObject &inspect, const client::CallError *error) {
            if (!guard || generation != m_generation)
                return;
            if (error)
                m_session->reportError(*error);
            m_id = inspect.value(QLatin1String("id")).toString();
            const QString status = inspect.value(QLatin1String("state"))
                                       .toObject()
                                       .value(QLatin1String("status"))
                                       .toString();
            m_loaded =
                error || (status != QLatin1String("running") && status != QLatin1String("paused"));
            refresh();
        });
}

void ContainerHistory::setWindowSeconds(int seconds)
{
    if (seconds <= 0 || m_windowSeconds == seconds)
        return;
    m_windowSeconds = seconds;
    emit windowSecondsChanged();
    refresh();
}

QString ContainerHistory::cpuConvention() const
{
    switch (m_convention) {
    case CpuConvention::PerCore:
        break;
    case CpuConvention::Host:
        return QStringLiteral("host");
    case CpuConvention::Quota:
        return QStringLiteral("quota");
    }
    return QStringLiteral("perCore");
}

void ContainerHistory::setCpuConvention(const QString &name)
{
    const std::optional<CpuConvention> convention = cpuConventionFromName(name);
    if (!convention) {
        qWarning("ContainerHistory: cpuConvention %s is none of perCore, host, quota",
                 qUtf8Printable(name));
        return;
    }
    if (*convention == m_convention)
        return;
    m_convention = *convention;
    emit cpuConventionChanged();
    refresh();
}

void ContainerHistory::refresh()
{
    m_nowMs = QDateTime::currentMSecsSinceEpoch();
    emit updated();
}

const StatsRing *ContainerHistory::ring() const
{
    return m_id.isEmpty() ? nullptr : m_session->history().points(m_id);
}

const StatsPoint *ContainerHistory::latest() const
{
    const StatsRing *points = ring();
    return points && !points->isEmpty() ? &points->last() : nullptr;
}

qreal ContainerHistory::value(float StatsPoint::*member) const
{
    const StatsPoint *point = latest();
    return point ? qreal(point->*member) : 0;
}

qreal ContainerHistory::cpuLimitPercent() const
{
    const double cpus = m_session->history().limits(m_id).cpus;
    if (cpus <= 0)
        return -1;
    switch (m_convention) {
    case CpuConvention::PerCore:
        return cpus * 100;
    case CpuConvention::Host:
        return onlineCpus() > 0 ? cpus * 100 / onlineCpus() : -1;
    case CpuConvention::Quota:
        return 100;
    }
    return -1;
}

qreal ContainerHistory::memoryLimit() const
{
    return qreal(m_session->history().limits(m_id).memory);
}

qreal ContainerHistory::pidsLimit() const
{
    return qreal(m_session->history().limits(m_id).pids);
}

int ContainerHistory::sampleCount() const
{
    const StatsRing *points = ring();
    if (!points)
        return 0;
    return int(points->size() - points->firstSince(m_nowMs - m_windowSeconds * qint64(1000)));
}

qreal ContainerHistory::cpuPercent() const
{
    const StatsPoint *point = latest();
    if (!point)
        return 0;
    const double percent = models::cpuPercent(*point, m_convention);
    return std::isnan(percent) ? -1 : percent;
}

int ContainerHistory::pids() const
{
    const StatsPoint *point = latest();
    return point ? int(point->pids) : 0;
}

int ContainerHistory::oomKills() const
{
    const StatsPoint *point = latest();
    return point ? int(point->oomKills) : 0;
}

int ContainerHistory::onlineCpus() const
{
    const StatsPoint *point = latest();
    return point ? int(point->onlineCpus) : 0;
}

QList<QPointF> ContainerHistory::points(const QString &metric) const
{
    QList<QPointF> result;
    const StatsRing *points = ring();
    const bool isCpu = metric == QLatin1String("cpuPercent");
    const Extract extract = plainMetrics().value(metric);
    if (!isCpu && !extract) {
        qWarning("ContainerHistory: no metric %s", qUtf8Printable(metric));
        return result;
    }
    if (!points)
        return result;
    const qsizetype first = points->firstSince(m_nowMs - m_windowSeconds * qint64(1000));
    result.reserve(points->size() - first);
    for (qsizetype i = first; i < points->size(); ++i) {
        const StatsPoint &point = points->at(i);
        const double y = isCpu ? models::cpuPercent(point, m_convention) : extract(point);
        if (!std::isnan(y))
            result.append(QPointF(double(point.timeMs - m_nowMs) / 1000.0, y));
    }
    return result;
}

qreal ContainerHistory::peak(const QString &metric) const
{
    qreal highest = 0;
    for (const QPointF &point : points(metric))
        highest = std::max(highest, point.y());
    return highest;
}

} // namespace isolde::models
