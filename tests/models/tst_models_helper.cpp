// The GUI's models against the real isolde-helper on a private system bus (with the real
// polkitd), as root: a container created and started through the Helper session shows up
// running in the container list, its stats arrive in ContainerHistory, a limit lowered through
// ContainerLimits (the slider's backing property, then apply) lands in the cgroup file, and
// logs, inspect, images, the filter and removal all come from the helper, also after the
// helper was killed and started again.
#include "CgroupHierarchy.h"
#include "ContainerFilterModel.h"
#include "ContainerHistory.h"
#include "ContainerLimits.h"
#include "ContainerListModel.h"
#include "HelperHarness.h"
#include "HelperSession.h"
#include "ImageListModel.h"
#include "InspectModel.h"
#include "LogModel.h"

#include <QFile>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QSignalSpy>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <memory>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(Isolde_ModelsPlugin)

using namespace isolde;
using namespace isolde::models;

namespace {

constexpr int StatsWaitMs = 15000; // a few 1 Hz batches, with room for a slow machine
constexpr qint64 MiB = 1024 * 1024;

// A cgroup file of the helper's container `id`: the v1 controller's hierarchy when the host
// has it there, else the unified (v2) hierarchy.
QString cgroupFile(const QString &id, const QString &controller, const QString &v1File,
                   const QString &v2File)
{
    const Expected<engine::CgroupHost> host = engine::detectCgroupHost();
    if (!host)
        return QStringLiteral("<no cgroup host: %1>").arg(host.error().toString());
    const QString path = QStringLiteral("/isolde/helper/") + id;
    QString file;
    if (const engine::CgroupMount *v1 = host->v1MountOf(controller))
        file = v1->directoryOf(path) + QLatin1Char('/') + v1File;
    else if (const engine::CgroupMount *v2 = host->unifiedMount())
        file = v2->directoryOf(path) + QLatin1Char('/') + v2File;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<cannot read %1>").arg(file);
    return QString::fromLatin1(f.readAll()).trimmed();
}

// Whether `spy` (of actionFinished) saw `action` on `id`.
bool sawAction(const QSignalSpy &spy, const QString &action, const QString &id)
{
    return spy.contains(QVariantList{action, id});
}

} // namespace

class TestModelsHelper : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("needs root: runs the real helper on a private system bus");
        m_harness = std::make_unique<test::HelperHarness>();
        const Expected<void> started = m_harness->start();
        QVERIFY2(started, test::explain(started));
        m_session = HelperSession::instance();
        m_errors = std::make_unique<QSignalSpy>(m_session, &HelperSession::errorOccurred);
        QTRY_VERIFY(m_session->busConnected());
    }

    void cleanupTestCase()
    {
        // Models first (they unsubscribe), then the helper and the bus.
        m_list.reset();
        if (m_harness)
            m_harness->cleanup();
    }

    void cleanup()
    {
        // Errors a test expects it takes out of the spy itself; any other fails that test only.
        if (!m_errors)
            return;
        const QList<QVariantList> errors = *m_errors;
        m_errors->clear();
        QVERIFY2(errors.isEmpty(),
                 qPrintable(errors.isEmpty() ? QString() : errors.first().first().toString()));
    }

    void createAndStartShowsRunningInTheList()
    {
        m_list = std::make_unique<ContainerListModel>();
        QTRY_VERIFY(m_list->loaded());
        QSignalSpy created(m_session, &HelperSession::containerCreated);
        QSignalSpy finished(m_session, &HelperSession::actionFinished);
        m_session->create(QString::fromUtf8(test::HelperHarness::containerConfig(
                              {QStringLiteral("sh"), QStringLiteral("-c"),
                               QStringLiteral("echo hello; echo oops >&2; "
                                              "while :; do echo tick; sleep 0.2; done")})),
                          QStringLiteral("models-a"), QString(), true);
        QTRY_COMPARE(created.size(), 1);
        m_id = created.first().first().toString();
        QCOMPARE(m_id.size(), 64);
        QTRY_VERIFY(sawAction(finished, QStringLiteral("start"), m_id));

        QTRY_VERIFY(m_list->indexOf(m_id) >= 0);
        QTRY_COMPARE(m_list->get(m_list->indexOf(m_id)).value("state").toString(),
                     QStringLiteral("running"));
        // The state comes with the signal, the rest with the List that follows it.
        QTRY_VERIFY(m_list->get(m_list->indexOf(m_id)).value("startedAt").toDateTime().isValid());
        const QVariantMap row = m_list->get(m_list->indexOf(QStringLiteral("models-a")));
        QCOMPARE(row.value("containerId").toString(), m_id);
        QCOMPARE(row.value("name").toString(), QStringLiteral("models-a"));
        QCOMPARE(row.value("ownerUid").toUInt(), 0u);
        QVERIFY(row.value("pid").toInt() > 0);
        QVERIFY(row.value("created").toDateTime().isValid());
        QVERIFY(row.value("startedAt").toDateTime() >= row.value("created").toDateTime());
        QVERIFY(row.value("command").toString().contains(QStringLiteral("sh")));
        QCOMPARE(m_list->indexOf(m_id.left(12)), m_list->indexOf(m_id));
        QCOMPARE(m_list->count(), m_list->rowCount());
    }

    void statsArriveInHistoryAndList()
    {
        ContainerHistory history;
        history.setContainerId(QStringLiteral("models-a"));
        QSignalSpy updated(&history, &ContainerHistory::updated);
        QTRY_VERIFY_WITH_TIMEOUT(history.sampleCount() >= 2, StatsWaitMs);
        QVERIFY(history.loaded());
        QVERIFY(history.hasData());
        QVERIFY(history.memoryUsage() > 0);
        QVERIFY(history.pids() >= 1);
        QVERIFY(history.onlineCpus() >= 1);
        QVERIFY(history.cpuPercent() >= 0);
        const QList<QPointF> memory = history.points(QStringLiteral("memoryUsage"));
        QCOMPARE(memory.size(), history.sampleCount());
        for (const QPointF &point : memory) {
            QVERIFY(point.x() <= 0.5); // relative to now
            QVERIFY(point.x() >= -history.windowSeconds() - 1);
            QVERIFY(point.y() > 0);
        }
        QVERIFY(history.points(QStringLiteral("cpuPercent")).size() == memory.size());
        QVERIFY(history.points(QStringLiteral("pids")).constLast().y() >= 1);
        QVERIFY(!updated.isEmpty());

        // The list's stats roles come from the same history.
        const int row = m_list->indexOf(m_id);
        QTRY_VERIFY(m_list->get(row).value("memoryUsage").toDouble() > 0);
        QVERIFY(m_list->get(row).value("cpuPercent").isValid());
        QVERIFY(!m_list->get(row).value("sparkline").value<QList<qreal>>().isEmpty());
        QCOMPARE(m_list->get(row).value("memoryLimit").toDouble(), -1.0);
    }

    void memoryLimitThroughContainerLimitsReachesTheCgroup()
    {
        ContainerLimits limits;
        limits.setContainerId(m_id);
        QTRY_VERIFY(limits.loaded());
        QCOMPARE(limits.memoryLimit(), 0.0); // the default spec has none

        QSignalSpy applied(&limits, &ContainerLimits::applied);
        limits.setMemoryLimit(qreal(64 * MiB)); // the slider moves: nothing is sent yet
        QCOMPARE(limits.memoryLimit(), qreal(64 * MiB));
        QVERIFY(limits.apply(QStringLiteral("memoryLimit"))); // the slider is released
        QTRY_COMPARE(applied.size(), 1);
        QCOMPARE(applied.first().first().toString(), QStringLiteral("memoryLimit"));
        QCOMPARE(cgroupFile(m_id, QStringLiteral("memory"), QStringLiteral("memory.limit_in_bytes"),
                            QStringLiteral("memory.max")),
                 QString::number(64 * MiB));

        // The chart's limit line follows with the next batch.
        ContainerHistory history;
        history.setContainerId(m_id);
        QTRY_COMPARE_WITH_TIMEOUT(history.memoryLimit(), qreal(64 * MiB), StatsWaitMs);

        // A new ContainerLimits reads what is in force.
        ContainerLimits reread;
        reread.setContainerId(QStringLiteral("models-a"));
        QTRY_VERIFY(reread.loaded());
        QCOMPARE(reread.memoryLimit(), qreal(64 * MiB));
    }

    void refusedLimitRevertsAndReportsTheField()
    {
        ContainerLimits limits;
        limits.setContainerId(m_id);
        QTRY_VERIFY(limits.loaded());
        QSignalSpy applied(&limits, &ContainerLimits::applied);
        QSignalSpy memoryChanged(&limits, &ContainerLimits::memoryLimitChanged);
        limits.setMemoryLimit(4096); // below the validator's minimum
        QVERIFY(limits.apply(QStringLiteral("memoryLimit")));
        QTRY_COMPARE(m_errors->size(), 1);
        const QString message = m_errors->takeFirst().first().toString();
        QVERIFY2(message.startsWith(QStringLiteral("linux.resources.memory.limit")),
                 qPrintable(message));
        QCOMPARE(limits.memoryLimit(), qreal(64 * MiB));
        QCOMPARE(memoryChanged.size(), 2); // to 4096, and back
        QVERIFY(applied.isEmpty());
        QCOMPARE(cgroupFile(m_id, QStringLiteral("memory"), QStringLiteral("memory.limit_in_bytes"),
                            QStringLiteral("memory.max")),
                 QString::number(64 * MiB));

        // A name that is no limit is refused before anything is sent.
        QVERIFY(!limits.apply(QStringLiteral("memory")));
        QCOMPARE(m_errors->size(), 1);
        QVERIFY(m_errors->takeFirst().first().toString().startsWith(QStringLiteral("memory: ")));
    }

    void cpuQuotaAndPidsLimit()
    {
        ContainerLimits limits;
        limits.setContainerId(m_id);
        QTRY_VERIFY(limits.loaded());
        QSignalSpy applied(&limits, &ContainerLimits::applied);
        limits.setCpus(0.5);
        limits.setPidsLimit(32);
        QVERIFY(limits.apply(QStringLiteral("cpus")));
        QVERIFY(limits.apply(QStringLiteral("pidsLimit")));
        QTRY_COMPARE(applied.size(), 2);
        const QString cpu =
            cgroupFile(m_id, QStringLiteral("cpu"), QStringLiteral("cpu.cfs_quota_us"),
                       QStringLiteral("cpu.max"));
        QVERIFY2(cpu == QLatin1String("50000") || cpu == QLatin1String("50000 100000"),
                 qPrintable(cpu));
        QCOMPARE(cgroupFile(m_id, QStringLiteral("pids"), QStringLiteral("pids.max"),
                            QStringLiteral("pids.max")),
                 QStringLiteral("32"));

        // The quota in each CPU % convention, and the pids line.
        ContainerHistory history;
        history.setContainerId(m_id);
        QTRY_COMPARE_WITH_TIMEOUT(history.cpuLimitPercent(), 50.0, StatsWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(history.pidsLimit(), 32.0, StatsWaitMs);
        history.setCpuConvention(QStringLiteral("quota"));
        QCOMPARE(history.cpuLimitPercent(), 100.0);
        QCOMPARE(history.cpuPercent(),
                 history.points(QStringLiteral("cpuPercent")).constLast().y());
        history.setCpuConvention(QStringLiteral("host"));
        QCOMPARE(history.cpuLimitPercent(), 50.0 / history.onlineCpus());

        // Lifting the limit again: 0 means none.
        limits.setCpus(0);
        QVERIFY(limits.apply(QStringLiteral("cpus")));
        QTRY_COMPARE(applied.size(), 3);
        const QString lifted =
            cgroupFile(m_id, QStringLiteral("cpu"), QStringLiteral("cpu.cfs_quota_us"),
                       QStringLiteral("cpu.max"));
        QVERIFY2(lifted == QLatin1String("-1") || lifted.startsWith(QLatin1String("max")),
                 qPrintable(lifted));
    }

    void logsTailFilterAndFollow()
    {
        LogModel logs;
        logs.setContainerId(QStringLiteral("models-a"));
        QTRY_VERIFY(logs.loaded());
        QVERIFY(logs.count() >= 2);
        const QModelIndex first = logs.index(0);
        QCOMPARE(first.data(LogModel::LineRole).toString(), QStringLiteral("hello"));
        QCOMPARE(first.data(LogModel::StreamRole).toString(), QStringLiteral("stdout"));
        QVERIFY(first.data(LogModel::TimeRole).toDateTime().isValid());

        logs.setFilterText(QStringLiteral("OOPS"));
        QCOMPARE(logs.count(), 1);
        QCOMPARE(logs.index(0).data(LogModel::StreamRole).toString(), QStringLiteral("stderr"));
        logs.setFilterText({});

        // Following: new "tick" lines arrive without asking again.
        logs.setFollow(true);
        QTRY_VERIFY(logs.loaded());
        const int loaded = logs.count();
        QTRY_VERIFY(logs.count() > loaded + 2);
        QCOMPARE(logs.index(logs.count() - 1).data(LogModel::LineRole).toString(),
                 QStringLiteral("tick"));
        // Every line once: the times never go back.
        for (int i = 1; i < logs.count(); ++i)
            QVERIFY(logs.index(i - 1).data(LogModel::TimeRole).toDateTime() <=
                    logs.index(i).data(LogModel::TimeRole).toDateTime());
        logs.setFollow(false);
    }

    void inspectShowsSpecAndState()
    {
        InspectModel inspect;
        inspect.setContainerId(QStringLiteral("models-a"));
        QTRY_VERIFY(inspect.loaded());
        QCOMPARE(inspect.resolvedId(), m_id);
        QCOMPARE(inspect.name(), QStringLiteral("models-a"));
        QCOMPARE(inspect.status(), QStringLiteral("running"));
        QVERIFY(inspect.specJson().contains(QStringLiteral("\"ociVersion\"")));
        // The limit applied above is in the stored spec.
        QVERIFY(inspect.specJson().contains(QString::number(64 * MiB)));
        QVERIFY(inspect.stateJson().contains(QStringLiteral("\"running\"")));
    }

    void imagesListTheDefault()
    {
        ImageListModel images;
        QTRY_VERIFY(images.loaded());
        QVERIFY(images.count() >= 1);
        int defaults = 0;
        for (int row = 0; row < images.count(); ++row) {
            const QModelIndex at = images.index(row);
            if (!at.data(ImageListModel::IsDefaultRole).toBool())
                continue;
            ++defaults;
            QVERIFY(at.data(ImageListModel::DigestRole)
                        .toString()
                        .startsWith(QStringLiteral("sha256:")));
            QVERIFY(at.data(ImageListModel::SizeRole).toDouble() > 0);
            QVERIFY(at.data(ImageListModel::LayersRole).toInt() >= 1);
            QVERIFY(at.data(ImageListModel::CreatedRole).toDateTime().isValid());
        }
        QCOMPARE(defaults, 1);
    }

    void filterByTextAndState()
    {
        // A second container, created only.
        QSignalSpy created(m_session, &HelperSession::containerCreated);
        m_session->create(
            QString::fromUtf8(test::HelperHarness::containerConfig(
                {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 3")})),
            QStringLiteral("models-b"), QString(), false);
        QTRY_COMPARE(created.size(), 1);
        QTRY_VERIFY(m_list->indexOf(QStringLiteral("models-b")) >= 0);
        QCOMPARE(m_list->get(m_list->indexOf(QStringLiteral("models-b"))).value("state").toString(),
                 QStringLiteral("created"));

        ContainerFilterModel filter;
        filter.setSourceModel(m_list.get());
        QCOMPARE(filter.count(), m_list->count());
        filter.setFilterText(QStringLiteral("MODELS-"));
        QCOMPARE(filter.count(), 2);
        filter.setStateFilter(QStringLiteral("running"));
        QCOMPARE(filter.count(), 1);
        QCOMPARE(filter.get(0).value("name").toString(), QStringLiteral("models-a"));
        filter.setStateFilter(QStringLiteral("created"));
        QCOMPARE(filter.count(), 1);
        QCOMPARE(filter.get(0).value("name").toString(), QStringLiteral("models-b"));
        filter.setStateFilter({});
        filter.setFilterText(m_id.left(10));
        QCOMPARE(filter.count(), 1);
        // The filter follows the source: once models-b has run, the "created" view is empty.
        filter.setFilterText({});
        filter.setStateFilter(QStringLiteral("created"));
        QSignalSpy countChanged(&filter, &ContainerFilterModel::countChanged);
        m_session->start(QStringLiteral("models-b"));
        const auto row = [this] {
            return m_list->get(m_list->indexOf(QStringLiteral("models-b")));
        };
        QTRY_COMPARE(row().value("state").toString(), QStringLiteral("stopped"));
        QCOMPARE(filter.count(), 0);
        QVERIFY(!countChanged.isEmpty());
        // What the List says of a container that ran and ended.
        QTRY_COMPARE(row().value("exitCode"), QVariant(3));
        QVERIFY(row().value("startedAt").toDateTime().isValid());
        QVERIFY(row().value("finishedAt").toDateTime() >= row().value("startedAt").toDateTime());
        QCOMPARE(row().value("pid").toInt(), 0);
        QVERIFY(!row().value("cpuPercent").isValid()); // no stats for what does not run

        m_session->remove(QStringLiteral("models-b"), false);
        QTRY_COMPARE(m_list->indexOf(QStringLiteral("models-b")), -1);
    }

    void qmlSeesTheSameSessionAndModels()
    {
        QQmlEngine engine;
        QQmlComponent component(&engine);
        component.setData(R"(
            import QtQml
            import Isolde.Models
            QtObject {
                property var session: Helper
                property bool present: Helper.helperPresent
                property ContainerListModel list: ContainerListModel {}
                property ContainerFilterModel filter: ContainerFilterModel {
                    sourceModel: list
                    filterText: "models-a"
                }
                property int rows: filter.count
            })",
                          QUrl());
        std::unique_ptr<QObject> root(component.create());
        QVERIFY2(root, qPrintable(component.errorString()));
        QCOMPARE(root->property("session").value<QObject *>(), m_session);
        QVERIFY(root->property("present").toBool());
        QTRY_COMPARE(root->property("rows").toInt(), 1);
    }

    void helperRestartIsSurvived()
    {
        ContainerHistory history;
        history.setContainerId(m_id);
        QTRY_VERIFY_WITH_TIMEOUT(history.hasData(), StatsWaitMs);
        const Expected<void> restarted = m_harness->restartHelper();
        QVERIFY2(restarted, test::explain(restarted));
        // The list is read again and stats flow again, for the container that kept running.
        QTRY_VERIFY(m_session->helperPresent());
        const qint64 before = m_session->history().points(m_id)->last().timeMs;
        QTRY_VERIFY_WITH_TIMEOUT(m_session->history().points(m_id)->last().timeMs > before + 1000,
                                 StatsWaitMs);
        QCOMPARE(m_list->get(m_list->indexOf(m_id)).value("state").toString(),
                 QStringLiteral("running"));
    }

    void stopThenRemove()
    {
        QSignalSpy finished(m_session, &HelperSession::actionFinished);
        m_session->stop(QStringLiteral("models-a"));
        QTRY_VERIFY_WITH_TIMEOUT(
            sawAction(finished, QStringLiteral("stop"), QStringLiteral("models-a")), 30000);
        QTRY_COMPARE(m_list->get(m_list->indexOf(m_id)).value("state").toString(),
                     QStringLiteral("stopped"));
        // Its exit code is unknown: it was started by the helper that was killed, and the new
        // one could only adopt it (the List says null, the role undefined).
        // The state comes with the signal, the rest with the List that follows it.
        QTRY_VERIFY(m_list->get(m_list->indexOf(m_id)).value("finishedAt").toDateTime().isValid());
        QVERIFY(!m_list->get(m_list->indexOf(m_id)).value("exitCode").isValid());

        m_session->remove(m_id, false);
        QTRY_COMPARE(m_list->indexOf(m_id), -1);
        QTRY_VERIFY(!m_session->history().contains(m_id));
    }

    void failuresCarryTheHelpersSentence()
    {
        m_session->start(QStringLiteral("no-such-container"));
        QTRY_COMPARE(m_errors->size(), 1);
        const QString message = m_errors->takeFirst().first().toString();
        QVERIFY2(message.contains(QStringLiteral("no-such-container")), qPrintable(message));
    }

private:
    std::unique_ptr<test::HelperHarness> m_harness;
    HelperSession *m_session = nullptr;
    std::unique_ptr<QSignalSpy> m_errors;
    std::unique_ptr<ContainerListModel> m_list;
    QString m_id;
};

QTEST_GUILESS_MAIN(TestModelsHelper)
#include "tst_models_helper.moc"
