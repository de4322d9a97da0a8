// The stats history the charts read: rates from raw counters, the ring's bound, the three
// CPU % conventions, and what 50 containers x 1 h cost in memory. Needs no helper.
#include "models/StatsHistory.h"

#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <malloc.h>

using namespace isolde::models;

namespace {

constexpr double Second = 1e9; // ns

// A sample in the XML's Stats shape; `cpuSeconds` of CPU time after `second` seconds.
QJsonObject sample(double second, double cpuSeconds, double cpuLimit = -1)
{
    QJsonObject s{
        {QStringLiteral("time_ms"), 1'700'000'000'000.0 + second * 1000},
        {QStringLiteral("monotonic_ns"), 5'000 * Second + second * Second},
        {QStringLiteral("online_cpus"), 4},
        {QStringLiteral("cpu_usage_ns"), cpuSeconds * Second},
        {QStringLiteral("memory_usage"), 64.0 * 1024 * 1024},
        {QStringLiteral("memory_anon"), 40.0 * 1024 * 1024},
        {QStringLiteral("memory_file"), 20.0 * 1024 * 1024},
        {QStringLiteral("memory_inactive_file"), 8.0 * 1024 * 1024},
        {QStringLiteral("memory_shmem"), 1.0 * 1024 * 1024},
        {QStringLiteral("memory_kernel"), 3.0 * 1024 * 1024},
        {QStringLiteral("oom_kills"), 2},
        {QStringLiteral("pids"), 7},
        {QStringLiteral("io_read_bytes"), second * 1024 * 1024},
        {QStringLiteral("io_write_bytes"), second * 4096},
    };
    if (cpuLimit > 0)
        s.insert(QStringLiteral("cpu_limit"), cpuLimit);
    return s;
}

} // namespace

class TestStatsHistory : public QObject
{
    Q_OBJECT

private slots:
    void firstSampleIsOnlyABaseline()
    {
        StatsHistory history;
        QVERIFY(history.addSample(QStringLiteral("a"), sample(0, 0)));
        QVERIFY(history.points(QStringLiteral("a")));
        QCOMPARE(history.points(QStringLiteral("a"))->size(), 0);
    }

    void ratesFromTwoSamples()
    {
        StatsHistory history;
        const QString id = QStringLiteral("a");
        history.addSample(id, sample(10, 3.0));
        // 0.5 s of CPU in 2 s is a quarter of one CPU.
        QVERIFY(history.addSample(id, sample(12, 3.5)));
        const StatsRing *ring = history.points(id);
        QCOMPARE(ring->size(), 1);
        const StatsPoint &p = ring->last();
        QCOMPARE(p.timeMs, qint64(1'700'000'012'000));
        QCOMPARE(p.cpuPercent, 25.0f);
        QCOMPARE(p.ioReadRate, float(1024 * 1024));
        QCOMPARE(p.ioWriteRate, 4096.0f);
        QCOMPARE(p.memoryUsage, float(64 * 1024 * 1024));
        QCOMPARE(p.memoryAnon, float(40 * 1024 * 1024));
        QCOMPARE(p.memoryFile, float(20 * 1024 * 1024));
        QCOMPARE(p.memoryInactiveFile, float(8 * 1024 * 1024));
        QCOMPARE(p.memoryShmem, float(1024 * 1024));
        QCOMPARE(p.memoryKernel, float(3 * 1024 * 1024));
        QCOMPARE(p.pids, 7u);
        QCOMPARE(p.oomKills, 2u);
        QCOMPARE(p.onlineCpus, quint16(4));
    }

    void cpuConventions_data()
    {
        QTest::addColumn<double>("cpuSecondsPerSecond");
        QTest::addColumn<double>("quota");
        QTest::addColumn<double>("perCore");
        QTest::addColumn<double>("host");
        QTest::addColumn<double>("ofQuota"); // NaN: no quota
        const double none = std::nan("");
        QTest::newRow("two busy CPUs, no quota") << 2.0 << -1.0 << 200.0 << 50.0 << none;
        QTest::newRow("half a CPU of a 0.5 quota") << 0.5 << 0.5 << 50.0 << 12.5 << 100.0;
        QTest::newRow("one CPU of a 4 CPU quota") << 1.0 << 4.0 << 100.0 << 25.0 << 25.0;
        QTest::newRow("idle with a quota") << 0.0 << 1.5 << 0.0 << 0.0 << 0.0;
    }
    void cpuConventions()
    {
        QFETCH(double, cpuSecondsPerSecond);
        QFETCH(double, quota);
        QFETCH(double, perCore);
        QFETCH(double, host);
        QFETCH(double, ofQuota);
        StatsHistory history;
        const QString id = QStringLiteral("c");
        history.addSample(id, sample(0, 100, quota));
        history.addSample(id, sample(1, 100 + cpuSecondsPerSecond, quota));
        const StatsPoint &p = history.points(id)->last();
        QCOMPARE(cpuPercent(p, CpuConvention::PerCore), perCore);
        QCOMPARE(cpuPercent(p, CpuConvention::Host), host);
        if (std::isnan(ofQuota))
            QVERIFY(std::isnan(cpuPercent(p, CpuConvention::Quota)));
        else
            QCOMPARE(cpuPercent(p, CpuConvention::Quota), ofQuota);
        QCOMPARE(history.limits(id).cpus, quota > 0 ? quota : -1.0);
    }

    void conventionNames()
    {
        QCOMPARE(cpuConventionFromName(QStringLiteral("perCore")), CpuConvention::PerCore);
        QCOMPARE(cpuConventionFromName(QStringLiteral("host")), CpuConvention::Host);
        QCOMPARE(cpuConventionFromName(QStringLiteral("quota")), CpuConvention::Quota);
        QVERIFY(!cpuConventionFromName(QStringLiteral("docker")));
    }

    void limitsAreExactAndAbsentMeansNone()
    {
        StatsHistory history;
        const QString id = QStringLiteral("l");
        QJsonObject s = sample(0, 0);
        // Not a multiple of a float's precision at this size.
        s.insert(QStringLiteral("memory_limit"), 123'456'789.0);
        s.insert(QStringLiteral("pids_limit"), 64);
        history.addSample(id, s);
        QCOMPARE(history.limits(id).memory, qint64(123'456'789));
        QCOMPARE(history.limits(id).pids, qint64(64));
        QCOMPARE(history.limits(id).cpus, -1.0);
        // A later sample without them: the limits were lifted.
        history.addSample(id, sample(1, 0));
        QCOMPARE(history.limits(id).memory, qint64(-1));
        QCOMPARE(history.limits(id).pids, qint64(-1));
        QCOMPARE(history.limits(QStringLiteral("unknown")).memory, qint64(-1));
    }

    void ringWrapsAtCapacity()
    {
        StatsHistory history(5);
        const QString id = QStringLiteral("r");
        for (int second = 0; second <= 8; ++second)
            history.addSample(id, sample(second, second * 0.1));
        const StatsRing *ring = history.points(id);
        QCOMPARE(ring->size(), 5);
        QCOMPARE(ring->capacity(), 5);
        // Points for seconds 4..8 remain, oldest first.
        for (qsizetype i = 0; i < ring->size(); ++i)
            QCOMPARE(ring->at(i).timeMs, qint64(1'700'000'000'000 + (4 + i) * 1000));
        QCOMPARE(ring->last().timeMs, qint64(1'700'000'008'000));
        QCOMPARE(ring->allocatedBytes(), 5 * sizeof(StatsPoint));
        QCOMPARE(ring->firstSince(1'700'000'006'000), 2);
        QCOMPARE(ring->firstSince(1'700'000'000'000), 0);
        QCOMPARE(ring->firstSince(1'700'000'009'000), 5);
    }

    void recentCpuPercentIsTheTail()
    {
        StatsHistory history;
        const QString id = QStringLiteral("s");
        double cpu = 0;
        history.addSample(id, sample(0, cpu));
        for (int second = 1; second <= 100; ++second) {
            cpu += second / 100.0; // second N uses N% of a CPU
            history.addSample(id, sample(second, cpu));
        }
        const QList<qreal> tail = history.recentCpuPercent(id, 60, CpuConvention::PerCore);
        QCOMPARE(tail.size(), 60);
        QVERIFY(qAbs(tail.first() - 41.0) < 1e-3);
        QVERIFY(qAbs(tail.last() - 100.0) < 1e-3);
        // No quota: nothing to show in that convention.
        QVERIFY(history.recentCpuPercent(id, 60, CpuConvention::Quota).isEmpty());
        QVERIFY(
            history.recentCpuPercent(QStringLiteral("none"), 60, CpuConvention::PerCore).isEmpty());
    }

    void countersThatGoBackStartANewBaseline()
    {
        StatsHistory history;
        const QString id = QStringLiteral("b");
        history.addSample(id, sample(0, 50));
        history.addSample(id, sample(1, 51));
        QCOMPARE(history.points(id)->size(), 1);
        // A new cgroup under the same id: CPU time starts again near zero.
        history.addSample(id, sample(2, 0.1));
        QCOMPARE(history.points(id)->size(), 1);
        history.addSample(id, sample(3, 0.6));
        QCOMPARE(history.points(id)->size(), 2);
        QCOMPARE(history.points(id)->last().cpuPercent, 50.0f);
    }

    void batchesAndRemoval()
    {
        StatsHistory history;
        const QJsonObject first{{QStringLiteral("x"), sample(0, 0)},
                                {QStringLiteral("y"), sample(0, 0)}};
        QCOMPARE(history.addBatch(first).size(), 2);
        const QJsonObject second{{QStringLiteral("x"), sample(1, 0.5)},
                                 {QStringLiteral("y"), QJsonObject{}}};
        QCOMPARE(history.addBatch(second), QStringList{QStringLiteral("x")});
        QCOMPARE(history.points(QStringLiteral("x"))->size(), 1);
        history.remove(QStringLiteral("x"));
        QVERIFY(!history.contains(QStringLiteral("x")));
        QVERIFY(!history.points(QStringLiteral("x")));
        QCOMPARE(history.containers(), QStringList{QStringLiteral("y")});
    }

    void samplesWithoutCountersAreRefused()
    {
        StatsHistory history;
        QJsonObject s = sample(0, 0);
        s.remove(QStringLiteral("cpu_usage_ns"));
        QVERIFY(!history.addSample(QStringLiteral("m"), s));
        s = sample(0, 0);
        s.insert(QStringLiteral("monotonic_ns"), QStringLiteral("soon"));
        QVERIFY(!history.addSample(QStringLiteral("m"), s));
        QVERIFY(!history.contains(QStringLiteral("m")));
    }

    // 50 containers x 1 h at 1 Hz: each keeps all 3600 points, and the heap grows by well
    // under 30 MB, measured by the allocator itself, not only by the history's own count.
    void fiftyContainersForAnHourStayUnder30MB()
    {
        // Large blocks come from mmap (hblkhd), small ones from the heap (uordblks).
        const auto allocated = [] {
            const struct mallinfo2 info = mallinfo2();
            return info.uordblks + info.hblkhd;
        };
        const size_t heapBefore = allocated();
        {
            StatsHistory history;
            QStringList ids;
            for (int c = 0; c < 50; ++c)
                ids.append(QString::number(c).repeated(64).left(64));
            for (int second = 0; second <= 3600 + 100; ++second) {
                for (const QString &id : std::as_const(ids))
                    history.addSample(id, sample(second, second * 0.5));
            }
            for (const QString &id : std::as_const(ids))
                QCOMPARE(history.points(id)->size(), 3600);
            const size_t heapGrowth = allocated() - heapBefore;
            const size_t limit = 30u * 1024 * 1024;
            qInfo("history: %zu bytes by its own count, heap grew by %zu bytes",
                  history.memoryBytes(), heapGrowth);
            QVERIFY(history.memoryBytes() < limit / 2);
            QVERIFY(heapGrowth < limit / 2);
            // Its own count is within 10% of what the allocator saw.
            QVERIFY(history.memoryBytes() <= heapGrowth + heapGrowth / 10);
            QVERIFY(heapGrowth <= history.memoryBytes() + history.memoryBytes() / 10);
        }
    }
};

QTEST_GUILESS_MAIN(TestStatsHistory)
#include "tst_statshistory.moc"
