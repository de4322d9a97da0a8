// The last hour of every container's stats, as the charts and the container list read it.
//
// The helper's StatsBatch carries raw counters (CPU nanoseconds, IO bytes, a monotonic
// clock); this history turns two consecutive samples into one point with rates, so a point
// exists from a container's second sample on. Points are kept compact (floats: a chart needs
// no more than 24 bits of precision) in one bounded ring per container, growing as samples
// arrive: 50 containers x 3600 points take about 11 MB.
//
// CPU % comes in three conventions because tools disagree and people compare them:
// - PerCore, as `docker stats`: 100% is one fully busy CPU, so two busy CPUs show 200%.
// - Host, as ctop and LXD: the share of all the host's online CPUs (at most 100%).
// - Quota, the share of the container's own CFS quota (100% = running into its limit); none
//   without a quota.
// Plain C++ (no QML), in isolde_core: isoldectl's `stats` can use it too.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <cstddef>
#include <optional>
#include <vector>

namespace isolde::models {

enum class CpuConvention { PerCore, Host, Quota };

// "perCore", "host", "quota" (the names QML uses).
std::optional<CpuConvention> cpuConventionFromName(const QString &name);

// One point: the rates over the time since the previous sample, the levels at this sample.
struct StatsPoint
{
    qint64 timeMs = 0;     // the helper's wall clock, Unix ms
    float cpuPercent = 0;  // PerCore convention
    float cpuLimit = 0;    // the CFS quota in CPUs (quota / period); 0 = none
    float memoryUsage = 0; // bytes
    float memoryAnon = 0;
    float memoryFile = 0;
    float memoryInactiveFile = 0;
    float memoryShmem = 0;
    float memoryKernel = 0;
    float ioReadRate = 0; // bytes per second
    float ioWriteRate = 0;
    quint32 pids = 0;
    quint32 oomKills = 0;
    quint16 onlineCpus = 0;
};

// CPU % of `point` in `convention`; NaN when it has none (Quota without a quota).
double cpuPercent(const StatsPoint &point, CpuConvention convention);

// The limits of the latest sample, exact; -1 = none.
struct StatsLimits
{
    double cpus = -1; // quota / period
    qint64 memory = -1;
    qint64 pids = -1;
};

// A bounded ring of points, oldest first. Storage grows with the points up to `capacity`,
// then the oldest point is overwritten.
class StatsRing
{
public:
    explicit StatsRing(qsizetype capacity);

    void push(const StatsPoint &point);
    qsizetype size() const { return qsizetype(m_points.size()); }
    bool isEmpty() const { return m_points.empty(); }
    qsizetype capacity() const { return m_capacity; }
    const StatsPoint &at(qsizetype index) const; // 0 = oldest
    const StatsPoint &last() const { return at(size() - 1); }
    // The index of the oldest point at or after `timeMs` (size() when there is none),
    // searched from the newest end, so a window costs what it shows.
    qsizetype firstSince(qint64 timeMs) const;
    std::size_t allocatedBytes() const { return m_points.capacity() * sizeof(StatsPoint); }

private:
    std::vector<StatsPoint> m_points;
    qsizetype m_capacity;
    qsizetype m_oldest = 0; // where the oldest point is once the ring is full
};

class StatsHistory
{
public:
    static constexpr qsizetype DefaultCapacity = 3600; // one hour at 1 Hz

    explicit StatsHistory(qsizetype capacity = DefaultCapacity);

    // Feeds a StatsBatch (or a Stats reply): an object keyed by container id, each value a
    // sample in the shape the interface XML documents. Returns the ids whose limits or points
    // changed.
    QStringList addBatch(const QJsonObject &batch);
    // One sample; false when it lacks time_ms, monotonic_ns or cpu_usage_ns.
    bool addSample(const QString &id, const QJsonObject &sample);

    // The container was removed: its history goes.
    void remove(const QString &id);

    QStringList containers() const { return m_entries.keys(); }
    bool contains(const QString &id) const { return m_entries.contains(id); }
    // nullptr when the container has no history.
    const StatsRing *points(const QString &id) const;
    StatsLimits limits(const QString &id) const;
    // The last `count` CPU % values (oldest first) in `convention`, fewer when there are
    // fewer; points without a value in that convention are left out.
    QList<qreal> recentCpuPercent(const QString &id, qsizetype count,
                                  CpuConvention convention) const;

    qsizetype capacity() const { return m_capacity; }
    // What the history holds in memory, its containers' bookkeeping included.
    std::size_t memoryBytes() const;

private:
    struct Counters
    {
        double monotonicNs = 0;
        double cpuUsageNs = 0;
        double ioReadBytes = 0;
        double ioWriteBytes = 0;
    };
    struct Entry
    {
        StatsRing ring;
        StatsLimits limits;
        std::optional<Counters> previous;
    };

    qsizetype m_capacity;
    QHash<QString, Entry> m_entries;
};

} // namespace isolde::models
