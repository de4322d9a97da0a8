#include "StatsHistory.h"

#include <QJsonValue>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace isolde::models {

namespace {

double number(const QJsonObject &sample, QLatin1String key)
{
    return sample.value(key).toDouble(0);
}

// A member the helper leaves out when the kernel has no such limit.
std::optional<double> limit(const QJsonObject &sample, QLatin1String key)
{
    const QJsonValue value = sample.value(key);
    if (!value.isDouble())
        return std::nullopt;
    return value.toDouble();
}

quint32 count32(double value)
{
    return quint32(std::clamp(value, 0.0, double(std::numeric_limits<quint32>::max())));
}

} // namespace

std::optional<CpuConvention> cpuConventionFromName(const QString &name)
{
    if (name == QLatin1String("perCore"))
        return CpuConvention::PerCore;
    if (name == QLatin1String("host"))
        return CpuConvention::Host;
    if (name == QLatin1String("quota"))
        return CpuConvention::Quota;
    return std::nullopt;
}

double cpuPercent(const StatsPoint &point, CpuConvention convention)
{
    switch (convention) {
    case CpuConvention::PerCore:
        return point.cpuPercent;
    case CpuConvention::Host:
        return point.onlineCpus > 0 ? double(point.cpuPercent) / point.onlineCpus
                                    : std::numeric_limits<double>::quiet_NaN();
    case CpuConvention::Quota:
        return point.cpuLimit > 0 ? double(point.cpuPercent) / point.cpuLimit
                                  : std::numeric_limits<double>::quiet_NaN();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// --- StatsRing ---------------------------------------------------------------------------------

StatsRing::StatsRing(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(capacity, 1))
{}

void StatsRing::push(const StatsPoint &point)
{
    if (size() < m_capacity) {
        // Grow by doubling but never past the capacity: a vector left to itself would
        // reserve 4096 slots for 3600 points.
        if (m_points.size() == m_points.capacity())
            m_points.reserve(
                std::size_t(std::min<qsizetype>(m_capacity, std::max<qsizetype>(16, 2 * size()))));
        m_points.push_back(point);
        return;
    }
    m_points[std::size_t(m_oldest)] = point;
    m_oldest = (m_oldest + 1) % m_capacity;
}

const StatsPoint &StatsRing::at(qsizetype index) const
{
    Q_ASSERT(index >= 0 && index < size());
    return m_points[std::size_t((m_oldest + index) % size())];
}

qsizetype StatsRing::firstSince(qint64 timeMs) const
{
    qsizetype index = size();
    while (index > 0 && at(index - 1).timeMs >= timeMs)
        --index;
    return index;
}

// --- StatsHistory ------------------------------------------------------------------------------

StatsHistory::StatsHistory(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(capacity, 1))
{}

QStringList StatsHistory::addBatch(const QJsonObject &batch)
{
    QStringList changed;
    for (auto it = batch.constBegin(); it != batch.constEnd(); ++it) {
        if (addSample(it.key(), it.value().toObject()))
            changed.append(it.key());
    }
    return changed;
}

bool StatsHistory::addSample(const QString &id, const QJsonObject &sample)
{
    const QJsonValue time = sample.value(QLatin1String("time_ms"));
    const QJsonValue monotonic = sample.value(QLatin1String("monotonic_ns"));
    const QJsonValue cpuUsage = sample.value(QLatin1String("cpu_usage_ns"));
    if (!time.isDouble() || !monotonic.isDouble() || !cpuUsage.isDouble())
        return false;

    auto it = m_entries.find(id);
    if (it == m_entries.end())
        it = m_entries.insert(id, Entry{StatsRing(m_capacity), {}, std::nullopt});
    Entry &entry = *it;

    const std::optional<double> cpuLimit = limit(sample, QLatin1String("cpu_limit"));
    const std::optional<double> memoryLimit = limit(sample, QLatin1String("memory_limit"));
    const std::optional<double> pidsLimit = limit(sample, QLatin1String("pids_limit"));
    entry.limits.cpus = cpuLimit.value_or(-1);
    entry.limits.memory = memoryLimit ? qint64(*memoryLimit) : -1;
    entry.limits.pids = pidsLimit ? qint64(*pidsLimit) : -1;

    const Counters now{monotonic.toDouble(), cpuUsage.toDouble(),
                       number(sample, QLatin1String("io_read_bytes")),
                       number(sample, QLatin1String("io_write_bytes"))};
    const std::optional<Counters> previous = std::exchange(entry.previous, now);
    if (!previous)
        return true;
    const double elapsedNs = now.monotonicNs - previous->monotonicNs;
    const double cpuNs = now.cpuUsageNs - previous->cpuUsageNs;
    const double readBytes = now.ioReadBytes - previous->ioReadBytes;
    const double writeBytes = now.ioWriteBytes - previous->ioWriteBytes;
    // Counters never go back within one cgroup: if they did, this is a new cgroup under the
    // same id, and the sample only a new baseline (a negative rate would be nonsense).
    if (elapsedNs <= 0 || cpuNs < 0 || readBytes < 0 || writeBytes < 0)
        return true;

    const double seconds = elapsedNs / 1e9;
    StatsPoint point;
    point.timeMs = qint64(time.toDouble());
    point.cpuPercent = float(cpuNs / elapsedNs * 100.0);
    point.cpuLimit = float(cpuLimit.value_or(0));
    point.memoryUsage = float(number(sample, QLatin1String("memory_usage")));
    point.memoryAnon = float(number(sample, QLatin1String("memory_anon")));
    point.memoryFile = float(number(sample, QLatin1String("memory_file")));
    point.memoryInactiveFile = float(number(sample, QLatin1String("memory_inactive_file")));
    point.memoryShmem = float(number(sample, QLatin1String("memory_shmem")));
    point.memoryKernel = float(number(sample, QLatin1String("memory_kernel")));
    point.ioReadRate = float(readBytes / seconds);
    point.ioWriteRate = float(writeBytes / seconds);
    point.pids = count32(number(sample, QLatin1String("pids")));
    point.oomKills = count32(number(sample, QLatin1String("oom_kills")));
    point.onlineCpus =
        quint16(std::clamp(number(sample, QLatin1String("online_cpus")), 0.0, 65535.0));
    entry.ring.push(point);
    return true;
}

void StatsHistory::remove(const QString &id)
{
    m_entries.remove(id);
}

const StatsRing *StatsHistory::points(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? nullptr : &it->ring;
}

StatsLimits StatsHistory::limits(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? StatsLimits{} : it->limits;
}

QList<qreal> StatsHistory::recentCpuPercent(const QString &id, qsizetype count,
                                            CpuConvention convention) const
{
    QList<qreal> values;
    const StatsRing *ring = points(id);
    if (!ring)
        return values;
    const qsizetype first = std::max<qsizetype>(0, ring->size() - count);
    values.reserve(ring->size() - first);
    for (qsizetype i = first; i < ring->size(); ++i) {
        const double value = cpuPercent(ring->at(i), convention);
        if (!std::isnan(value))
            values.append(value);
    }
    return values;
}

std::size_t StatsHistory::memoryBytes() const
{
    std::size_t bytes = sizeof(*this);
    for (auto it = m_entries.constBegin(); it != m_entries.constEnd(); ++it) {
        // The hash node: key, entry, and the id's characters.
        bytes += sizeof(QString) + sizeof(Entry) + std::size_t(it.key().capacity()) * 2;
        bytes += it->ring.allocatedBytes();
    }
    return bytes;
}

} // namespace isolde::models
