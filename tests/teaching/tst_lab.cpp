// The lab, the map and the lessons against the real helper on a private bus: every experiment
// gives its documented outcome in a container made from its preset spec, the opposite in the
// twin with its mechanism relaxed, and the verdict names the mechanism that decided it; the
// map reads the right cgroup files and namespace inodes; every step of every lesson works.
#include "HelperHarness.h"
#include "HelperSession.h"
#include "KernelMapModel.h"
#include "LabSpecs.h"
#include "LessonModel.h"
#include "teaching/LabRunner.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <unistd.h>

using namespace isolde;
using namespace isolde::teaching;

class TestLab : public QObject
{
    Q_OBJECT
private:
    test::HelperHarness m_harness;
    client::HelperClient *m_client = nullptr;
    LabRunner *m_runner = nullptr;
    QMap<QString, QString> m_containers; // preset -> id

    // The container made from `preset`, created on first use and shared by the experiments
    // that use the same preset; the harness removes them all.
    QString container(const QString &preset)
    {
        if (m_containers.contains(preset))
            return m_containers.value(preset);
        QString id;
        QString failure;
        bool done = false;
        m_client->create(presetSpec(preset).toJson(), QString(), QString(),
                         [&](const QString &created, const client::CallError *error) {
                             if (error) {
                                 failure = error->toString();
                                 done = true;
                                 return;
                             }
                             m_client->start(created,
                                             [&, created](bool, const client::CallError *err) {
                                                 if (err)
                                                     failure = err->toString();
                                                 id = created;
                                                 done = true;
                                             });
                         });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            failure = QStringLiteral("no answer to Create/Start");
        if (!failure.isEmpty())
            qWarning("container for preset \"%s\": %s", qPrintable(preset), qPrintable(failure));
        m_containers.insert(preset, id);
        return id;
    }

    LabResult runExperiment(const QString &containerId, const QString &experiment, bool relaxed)
    {
        QSignalSpy spy(m_runner, &LabRunner::finished);
        m_runner->run(containerId, experiment, relaxed);
        if (!spy.wait(60000)) {
            LabResult none;
            none.error = QStringLiteral("no result in time");
            return none;
        }
        return spy.takeFirst().at(0).value<LabResult>();
    }

    // Which preset holds an experiment's act back: Docker's defaults, or presetSpec(id).
    static QString presetFor(const QString &experiment)
    {
        static const QStringList own = {QStringLiteral("ping"),     QStringLiteral("forkbomb"),
                                        QStringLiteral("memhog"),   QStringLiteral("cpuhog"),
                                        QStringLiteral("readonly"), QStringLiteral("userns"),
                                        QStringLiteral("uts")};
        return own.contains(experiment) ? experiment : QString();
    }

    // The documented outcome in the preset's container, the opposite in the relaxed twin, the
    // deciding mechanisms named.
    void runBothWays(const QString &id, LabResult &restricted, LabResult &relaxed)
    {
        const auto x =
            *std::find_if(labspecs::expectations().cbegin(), labspecs::expectations().cend(),
                          [&](const auto &y) { return id == QLatin1String(y.id); });
        const QString containerId = container(presetFor(id));
        QVERIFY(!containerId.isEmpty());

        restricted = runExperiment(containerId, id, false);
        QVERIFY2(restricted.error.isEmpty(), qPrintable(restricted.error));
        QVERIFY2(restricted.happened.outcome == x.restricted,
                 qPrintable(outcomeId(restricted.happened.outcome) + QStringLiteral(": ") +
                            restricted.happened.why + QStringLiteral("\n") + restricted.output));
        QCOMPARE(restricted.predicted.outcome, x.restricted);
        QString decidedBy = QString::fromLatin1(x.decidedBy);
        // A kernel built without modules answers init_module() with ENOSYS before it checks
        // CAP_SYS_MODULE: there, only seccomp refuses it.
        if (id == QLatin1String("module") && !QFile::exists(QStringLiteral("/proc/modules")))
            decidedBy = QStringLiteral("seccomp");
        QCOMPARE(restricted.decidedBy.join(QLatin1Char('+')), decidedBy);
        if (findExperiment(id)->alongsideTwin)
            QVERIFY(restricted.output.contains(QLatin1String(SecondContainerMarker)));

        relaxed = runExperiment(containerId, id, true);
        QVERIFY2(relaxed.error.isEmpty(), qPrintable(relaxed.error));
        QVERIFY2(relaxed.happened.outcome == x.relaxed,
                 qPrintable(outcomeId(relaxed.happened.outcome) + QStringLiteral(": ") +
                            relaxed.happened.why + QStringLiteral("\n") + relaxed.output));
        QCOMPARE(relaxed.predicted.outcome, x.relaxed);
        QVERIFY(relaxed.relaxed);
    }

    static QString hostname()
    {
        char name[256] = {};
        return ::gethostname(name, sizeof name - 1) == 0 ? QString::fromLocal8Bit(name) : QString();
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: the real helper, namespaces and cgroups");
        qRegisterMetaType<LabResult>();
        const auto started = m_harness.start();
        QVERIFY2(started.ok(), test::explain(started).constData());
        m_client = models::HelperSession::instance()->client();
        m_runner = new LabRunner(m_client, this);
    }

    // The experiments without a test of their own below.
    void experiment_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &x : labspecs::expectations()) {
            if (qstrcmp(x.id, "userns") != 0 && qstrcmp(x.id, "uts") != 0)
                QTest::newRow(x.id) << QString::fromLatin1(x.id);
        }
    }
    void experiment()
    {
        QFETCH(QString, id);
        LabResult restricted, relaxed;
        runBothWays(id, restricted, relaxed);
    }

    // A file root makes in a bind-mounted host directory belongs, on the host, to the uid the
    // user namespace maps root to; without the namespace, to root.
    void rootInsideIsNobodyOutside()
    {
        LabResult restricted, relaxed;
        runBothWays(QStringLiteral("userns"), restricted, relaxed);
        if (QTest::currentTestFailed())
            return;
        const auto mappings = presetSpec(QStringLiteral("userns")).linux().uidMappings;
        QCOMPARE(mappings.value(0).containerID, 0u);
        QVERIFY(mappings.value(0).hostID != 0);
        QCOMPARE(restricted.hostFileOwner, qint64(mappings.value(0).hostID));
        QCOMPARE(relaxed.hostFileOwner, 0);
        QVERIFY2(restricted.explanation.contains(QString::number(mappings.value(0).hostID)),
                 qPrintable(restricted.explanation));
        QCOMPARE(restricted.happened.mechanism, Mechanism::UserNamespace);
        // Inside, the same file belongs to root.
        QVERIFY2(restricted.output.contains(QLatin1String(" 0        0 ")),
                 qPrintable(restricted.output));
    }

    // With a UTS namespace the rename reaches only the container; without one the container
    // reads the host's name and its rename is refused. The host keeps its name throughout.
    void hostnameWithAndWithoutUts()
    {
        const QString host = hostname();
        QVERIFY(!host.isEmpty());
        QVERIFY(host != QLatin1String(LabHostname));
        LabResult restricted, relaxed;
        runBothWays(QStringLiteral("uts"), restricted, relaxed);
        QCOMPARE(hostname(), host);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(
            restricted.output.contains(QLatin1String("renamed=0\n") + QLatin1String(LabHostname)),
            qPrintable(restricted.output));
        QCOMPARE(relaxed.output.split(QLatin1Char('\n')).value(1), host);
        QVERIFY2(relaxed.output.contains(QLatin1String("renamed=1")), qPrintable(relaxed.output));
        QCOMPARE(relaxed.happened.mechanism, Mechanism::UtsNamespace);
        QVERIFY2(relaxed.explanation.contains(QLatin1String("CAP_SYS_ADMIN")),
                 qPrintable(relaxed.explanation));
    }

    void kernelMap()
    {
        const QString id = container(QStringLiteral("memhog")); // 64 MiB
        QVERIFY(!id.isEmpty());
        KernelMapModel map;
        QSignalSpy loaded(&map, &KernelMapModel::loaded);
        map.setContainerId(id);
        QVERIFY(loaded.wait(30000));
        QVERIFY2(map.error().isEmpty(), qPrintable(map.error()));
        auto row = [&](const QString &setting, const QString &specValue = {}) {
            for (int i = 0; i < map.rowCount(); ++i) {
                const QVariantMap r = map.get(i);
                if (r.value(QStringLiteral("setting")) == setting &&
                    (specValue.isEmpty() || r.value(QStringLiteral("specValue")) == specValue))
                    return r;
            }
            return QVariantMap();
        };
        const QVariantMap memory = row(QStringLiteral("linux.resources.memory.limit"));
        QCOMPARE(memory.value(QStringLiteral("specValue")).toString(), QStringLiteral("67108864"));
        QVERIFY2(memory.value(QStringLiteral("enforcedAt"))
                         .toString()
                         .endsWith(id + QStringLiteral("/memory.limit_in_bytes")) ||
                     memory.value(QStringLiteral("enforcedAt"))
                         .toString()
                         .endsWith(id + QStringLiteral("/memory.max")),
                 qPrintable(memory.value(QStringLiteral("enforcedAt")).toString()));
        QCOMPARE(memory.value(QStringLiteral("host")).toString(), QStringLiteral("67108864"));

        const QVariantMap pid = row(QStringLiteral("linux.namespaces[pid]"));
        QVERIFY(!pid.value(QStringLiteral("live")).toString().isEmpty());
        QVERIFY(pid.value(QStringLiteral("live")) != pid.value(QStringLiteral("host")));
        const QVariantMap sysAdmin =
            row(QStringLiteral("process.capabilities"), QStringLiteral("CAP_SYS_ADMIN dropped"));
        QCOMPARE(sysAdmin.value(QStringLiteral("live")).toString(),
                 QStringLiteral("in CapEff: no, in CapBnd: no"));
        const QVariantMap seccomp = row(QStringLiteral("linux.seccomp.defaultAction"));
        QVERIFY2(seccomp.value(QStringLiteral("live"))
                     .toString()
                     .startsWith(QStringLiteral("mode 2 (filter)")),
                 qPrintable(seccomp.value(QStringLiteral("live")).toString()));
        QCOMPARE(row(QStringLiteral("linux.seccomp.syscalls")).value(QStringLiteral("live")),
                 QVariant(QStringLiteral("ptrace() gives EPERM")));
        const QVariantMap masked =
            row(QStringLiteral("linux.maskedPaths"), QStringLiteral("/proc/timer_list"));
        QVERIFY2(masked.value(QStringLiteral("host"))
                     .toString()
                     .contains(QStringLiteral(" /proc/timer_list ")),
                 qPrintable(masked.value(QStringLiteral("host")).toString()));

        map.setGroup(QStringLiteral("seccomp"));
        QCOMPARE(map.rowCount(), 2);
    }

    void lessons()
    {
        LessonModel model;
        QVERIFY(model.rowCount() >= 19);
        for (int lesson = 0; lesson < model.rowCount(); ++lesson) {
            const QVariantList steps =
                model.data(model.index(lesson), LessonModel::StepsRole).toList();
            QVERIFY(!steps.isEmpty());
            for (int step = 0; step < steps.size(); ++step) {
                QSignalSpy finished(&model, &LessonModel::stepFinished);
                model.performStep(lesson, step);
                QVERIFY(finished.count() == 1 || finished.wait(60000));
                const auto args = finished.takeFirst();
                QVERIFY2(
                    args.at(2).toBool(),
                    qPrintable(
                        QStringLiteral("%1 step %2: %3")
                            .arg(model.data(model.index(lesson), LessonModel::TitleRole).toString())
                            .arg(step + 1)
                            .arg(args.at(3).toString())));
            }
        }
        QVERIFY(model.measuredStartMs() > 0);
        model.cleanup();
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
