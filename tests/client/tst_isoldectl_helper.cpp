// isoldectl end to end: the isoldectl binary, as a user types it, against the real
// isolde-helper on a private system bus with the real polkitd (tests/service/HelperHarness.h).
// Root only. Every container is made through isoldectl; the harness removes whatever is left.
#include "HelperHarness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace isolde::test;

namespace {

struct Ctl
{
    int exitCode = -1;
    QString out;
    QString err;

    QString describe() const
    {
        return QStringLiteral("exit %1, stdout: %2, stderr: %3").arg(exitCode).arg(out, err);
    }
};

QString isoldectlPath()
{
    return HelperHarness::binDir() + QStringLiteral("/isoldectl");
}

Ctl isoldectl(const QStringList &args)
{
    QProcess process;
    process.setProgram(isoldectlPath());
    process.setArguments(args);
    process.start();
    process.closeWriteChannel();
    Ctl result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("isoldectl %1 did not finish").arg(args.join(QLatin1Char(' ')));
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QJsonArray jsonArray(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

// The container of `ps -a --json` whose name or id is `nameOrId`; empty when none.
QJsonObject listed(const QString &nameOrId)
{
    const Ctl ps =
        isoldectl({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--json")});
    for (const QJsonValue &value : jsonArray(ps.out)) {
        const QJsonObject summary = value.toObject();
        if (summary.value(QLatin1String("name")).toString() == nameOrId ||
            summary.value(QLatin1String("id")).toString() == nameOrId)
            return summary;
    }
    return {};
}

QString stateOf(const QString &nameOrId)
{
    return listed(nameOrId).value(QLatin1String("state")).toString();
}

// The cgroup file of a container's controller, on v1 (one hierarchy per controller) or v2.
QString cgroupFile(const QString &controller, const QString &id, const QString &v1File,
                   const QString &v2File)
{
    const QString v1 =
        QStringLiteral("/sys/fs/cgroup/%1/isolde/helper/%2/%3").arg(controller, id, v1File);
    if (QFile::exists(v1))
        return v1;
    return QStringLiteral("/sys/fs/cgroup/isolde/helper/%1/%2").arg(id, v2File);
}

QString readTrimmed(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("(cannot read %1)").arg(path);
    return QString::fromLatin1(file.readAll()).trimmed();
}

const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{64}$"));

} // namespace

class TestIsoldectlHelper : public QObject
{
    Q_OBJECT

private:
    HelperHarness m_harness;

    // `run -d` with `args` (flags, image and command); the new id.
    QString runDetached(const QStringList &args)
    {
        const Ctl run = isoldectl(QStringList{QStringLiteral("run"), QStringLiteral("-d")} + args);
        if (run.exitCode != 0)
            qWarning("run -d failed: %s", qPrintable(run.describe()));
        return run.out.trimmed();
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: the helper runs containers on the real kernel");
        const isolde::Expected<void> started = m_harness.start();
        QVERIFY2(started.ok(), explain(started).constData());
    }

    void cleanupTestCase() { m_harness.cleanup(); }

    void runRemoveEchoPrintsHi()
    {
        const Ctl run =
            isoldectl({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("busybox"),
                       QStringLiteral("echo"), QStringLiteral("hi")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.out, QStringLiteral("hi\n"));
        QCOMPARE(run.err, QString());
        // --rm: nothing is left.
        const Ctl ps =
            isoldectl({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("-q")});
        QCOMPARE(ps.exitCode, 0);
        QCOMPARE(ps.out, QString());
    }

    void runExitsWithTheContainersCodeAndStreams()
    {
        const Ctl run =
            isoldectl({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("busybox"),
                       QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("echo out; echo err >&2; exit 3")});
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        QCOMPARE(run.out, QStringLiteral("out\n"));
        QCOMPARE(run.err, QStringLiteral("err\n"));
    }

    void detachedLifecycle()
    {
        const QString id =
            runDetached({QStringLiteral("--name"), QStringLiteral("web"), QStringLiteral("busybox"),
                         QStringLiteral("sh"), QStringLiteral("-c"),
                         QStringLiteral("echo ready; exec sleep 1000")});
        QVERIFY2(fullId.match(id).hasMatch(), qPrintable(id));

        const Ctl ps = isoldectl({QStringLiteral("ps")});
        QCOMPARE(ps.exitCode, 0);
        const QStringList lines = ps.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).startsWith(QLatin1String("CONTAINER ID   IMAGE")), qPrintable(ps.out));
        QVERIFY2(lines.at(1).startsWith(id.left(12)), qPrintable(ps.out));
        QVERIFY2(lines.at(1).contains(QLatin1String("busybox")), qPrintable(ps.out));
        QVERIFY2(lines.at(1).contains(QLatin1String(" Up ")), qPrintable(ps.out));
        QVERIFY2(lines.at(1).endsWith(QLatin1String("web")), qPrintable(ps.out));

        // The line is written when the shell gets there: wait for it, then compare exactly.
        QTRY_COMPARE_WITH_TIMEOUT(isoldectl({QStringLiteral("logs"), QStringLiteral("web")}).out,
                                  QStringLiteral("ready\n"), 30000);

        // The container's init ignores SIGTERM (pid 1 without a handler): SIGKILL after 1 s.
        const Ctl stop = isoldectl({QStringLiteral("stop"), QStringLiteral("-t"),
                                    QStringLiteral("1"), QStringLiteral("web")});
        QVERIFY2(stop.exitCode == 0, qPrintable(stop.describe()));
        QCOMPARE(stop.out, QStringLiteral("web\n"));
        QCOMPARE(isoldectl({QStringLiteral("ps"), QStringLiteral("-q")}).out, QString());
        QCOMPARE(stateOf(id), QStringLiteral("stopped"));
        const Ctl psAll = isoldectl({QStringLiteral("ps"), QStringLiteral("-a")});
        QVERIFY2(psAll.out.contains(QLatin1String("Exited (137)")), qPrintable(psAll.out));
        // Logs outlive the process.
        QCOMPARE(isoldectl({QStringLiteral("logs"), id.left(12)}).out, QStringLiteral("ready\n"));

        const Ctl rm = isoldectl({QStringLiteral("rm"), QStringLiteral("web")});
        QVERIFY2(rm.exitCode == 0, qPrintable(rm.describe()));
        QCOMPARE(rm.out, QStringLiteral("web\n"));
        QVERIFY(listed(id).isEmpty());
    }

    void logsFollowEndsWithTheContainer()
    {
        const QString id =
            runDetached({QStringLiteral("--name"), QStringLiteral("talker"),
                         QStringLiteral("busybox"), QStringLiteral("sh"), QStringLiteral("-c"),
                         QStringLiteral("echo a; sleep 2; echo b >&2")});
        QVERIFY(fullId.match(id).hasMatch());
        // Whether it attaches before or after the second line, it prints both once and ends
        // when the container does.
        const Ctl follow =
            isoldectl({QStringLiteral("logs"), QStringLiteral("-f"), QStringLiteral("talker")});
        QVERIFY2(follow.exitCode == 0, qPrintable(follow.describe()));
        QCOMPARE(follow.out, QStringLiteral("a\n"));
        QCOMPARE(follow.err, QStringLiteral("b\n"));

        QCOMPARE(isoldectl({QStringLiteral("logs"), QStringLiteral("--tail"), QStringLiteral("1"),
                            QStringLiteral("talker")})
                     .err,
                 QStringLiteral("b\n"));
        const Ctl stamped =
            isoldectl({QStringLiteral("logs"), QStringLiteral("-t"), QStringLiteral("talker")});
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z a\n$"))
                     .match(stamped.out)
                     .hasMatch(),
                 qPrintable(stamped.out));
        QCOMPARE(isoldectl({QStringLiteral("rm"), QStringLiteral("talker")}).exitCode, 0);
    }

    void runForwardsSignals()
    {
        // docker run's --sig-proxy: Ctrl-C reaches the container, whose code is run's.
        QProcess run;
        run.start(isoldectlPath(),
                  {QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("busybox"),
                   QStringLiteral("sh"), QStringLiteral("-c"),
                   QStringLiteral("trap 'exit 9' INT; echo ready; while :; do sleep 1; done")});
        QVERIFY(run.waitForStarted());
        QVERIFY(QTest::qWaitFor([&run] { return run.canReadLine(); }, 60000));
        QCOMPARE(run.readLine(), QByteArray("ready\n"));
        ::kill(pid_t(run.processId()), SIGINT);
        QVERIFY(run.waitForFinished(60000));
        QCOMPARE(run.exitStatus(), QProcess::NormalExit);
        QCOMPARE(run.exitCode(), 9);
        QCOMPARE(isoldectl({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("-q")}).out,
                 QString());
    }

    void statsStreamsSamples()
    {
        const QString id = runDetached(
            {QStringLiteral("busybox"), QStringLiteral("sleep"), QStringLiteral("1000")});
        QVERIFY(fullId.match(id).hasMatch());
        QProcess stats;
        stats.start(isoldectlPath(), {QStringLiteral("stats"), QStringLiteral("--json")});
        QVERIFY(stats.waitForStarted());
        // Two batches: the stream goes on after the first.
        QByteArrayList batches;
        QVERIFY(QTest::qWaitFor(
            [&] {
                while (stats.canReadLine())
                    batches << stats.readLine();
                return batches.size() >= 2;
            },
            60000));
        stats.kill();
        stats.waitForFinished();
        for (const QByteArray &batch : std::as_const(batches)) {
            const QJsonObject sample = QJsonDocument::fromJson(batch).object().value(id).toObject();
            QVERIFY2(sample.value(QLatin1String("cpu_usage_ns")).isDouble(), batch.constData());
        }
        QCOMPARE(isoldectl({QStringLiteral("rm"), QStringLiteral("-f"), id}).exitCode, 0);
    }

    void jsonShapes()
    {
        const QString id = runDetached(
            {QStringLiteral("busybox"), QStringLiteral("sleep"), QStringLiteral("1000")});
        QVERIFY(fullId.match(id).hasMatch());

        const QJsonObject summary = listed(id);
        for (const char *key : {"id", "name", "image", "state", "owner_uid", "pid", "created",
                                "command", "exit_code"})
            QVERIFY2(summary.contains(QLatin1String(key)), key);
        QCOMPARE(summary.value(QLatin1String("state")).toString(), QStringLiteral("running"));
        QCOMPARE(summary.value(QLatin1String("command")).toString(), QStringLiteral("sleep 1000"));
        QCOMPARE(summary.value(QLatin1String("owner_uid")).toInt(), 0);
        // A made-up name, Docker style.
        QVERIFY(!summary.value(QLatin1String("name")).toString().isEmpty());

        const Ctl inspect = isoldectl({QStringLiteral("inspect"), id.left(8)});
        QVERIFY2(inspect.exitCode == 0, qPrintable(inspect.describe()));
        const QJsonArray inspected = jsonArray(inspect.out);
        QCOMPARE(inspected.size(), 1);
        const QJsonObject object = inspected.at(0).toObject();
        QCOMPARE(object.value(QLatin1String("id")).toString(), id);
        QCOMPARE(object.value(QLatin1String("spec"))
                     .toObject()
                     .value(QLatin1String("process"))
                     .toObject()
                     .value(QLatin1String("args"))
                     .toArray(),
                 QJsonArray({QStringLiteral("sleep"), QStringLiteral("1000")}));
        QCOMPARE(object.value(QLatin1String("state"))
                     .toObject()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("running"));

        const Ctl stats = isoldectl(
            {QStringLiteral("stats"), QStringLiteral("--no-stream"), QStringLiteral("--json"), id});
        QVERIFY2(stats.exitCode == 0, qPrintable(stats.describe()));
        const QJsonObject sample =
            QJsonDocument::fromJson(stats.out.toUtf8()).object().value(id).toObject();
        for (const char *key : {"time_ms", "monotonic_ns", "cpu_usage_ns", "memory_usage", "pids"})
            QVERIFY2(sample.value(QLatin1String(key)).isDouble(), qPrintable(stats.out));
        QCOMPARE(sample.value(QLatin1String("pids")).toInt(), 1);

        const Ctl table = isoldectl({QStringLiteral("stats"), QStringLiteral("--no-stream"), id});
        QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
        QVERIFY2(table.out.startsWith(QLatin1String("CONTAINER ID   NAME")), qPrintable(table.out));
        QVERIFY2(table.out.contains(id.left(12)), qPrintable(table.out));
        // --no-stream takes two samples, so the CPU % column has a value, not "--".
        const QStringList columns = table.out.split(QLatin1Char('\n'))
                                        .value(1)
                                        .split(QRegularExpression(QStringLiteral("\\s{3,}")));
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d\\d%$"))
                     .match(columns.value(2))
                     .hasMatch(),
                 qPrintable(table.out));

        const Ctl probe = isoldectl({QStringLiteral("probe"), QStringLiteral("--json"), id});
        QVERIFY2(probe.exitCode == 0, qPrintable(probe.describe()));
        const QJsonObject seen = QJsonDocument::fromJson(probe.out.toUtf8()).object();
        QVERIFY2(seen.value(QLatin1String("container")).isObject(), qPrintable(probe.out));
        QVERIFY2(seen.value(QLatin1String("host")).isObject(), qPrintable(probe.out));

        const Ctl rm = isoldectl({QStringLiteral("rm"), QStringLiteral("-f"), id});
        QVERIFY2(rm.exitCode == 0, qPrintable(rm.describe()));
    }

    void imagesListsTheDefaultImage()
    {
        const Ctl quiet = isoldectl({QStringLiteral("images"), QStringLiteral("-q")});
        QVERIFY2(quiet.exitCode == 0, qPrintable(quiet.describe()));
        QVERIFY2(quiet.out.split(QLatin1Char('\n')).contains(QStringLiteral("busybox")),
                 qPrintable(quiet.out));

        const Ctl json = isoldectl({QStringLiteral("images"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        bool found = false;
        for (const QJsonValue &value : jsonArray(json.out)) {
            const QJsonObject image = value.toObject();
            if (image.value(QLatin1String("name")).toString() != QLatin1String("busybox"))
                continue;
            found = true;
            QVERIFY2(image.value(QLatin1String("digest"))
                         .toString()
                         .startsWith(QLatin1String("sha256:")),
                     qPrintable(json.out));
            QVERIFY(image.value(QLatin1String("size")).toDouble() > 0);
            QVERIFY(image.value(QLatin1String("default")).toBool());
        }
        QVERIFY2(found, qPrintable(json.out));
    }

    void execExitsWithItsCode()
    {
        const QString id = runDetached(
            {QStringLiteral("busybox"), QStringLiteral("sleep"), QStringLiteral("1000")});
        QVERIFY(fullId.match(id).hasMatch());
        const Ctl exec =
            isoldectl({QStringLiteral("exec"), id.left(12), QStringLiteral("sh"),
                       QStringLiteral("-c"), QStringLiteral("echo inside $(hostname); exit 7")});
        QVERIFY2(exec.exitCode == 7, qPrintable(exec.describe()));
        QVERIFY2(exec.out.startsWith(QLatin1String("inside ")), qPrintable(exec.out));
        QCOMPARE(isoldectl({QStringLiteral("rm"), QStringLiteral("-f"), id}).exitCode, 0);
    }

    void updateChangesTheCgroup()
    {
        const QString id = runDetached({QStringLiteral("--memory"), QStringLiteral("64m"),
                                        QStringLiteral("--pids-limit"), QStringLiteral("20"),
                                        QStringLiteral("busybox"), QStringLiteral("sleep"),
                                        QStringLiteral("1000")});
        QVERIFY(fullId.match(id).hasMatch());
        const QString memory =
            cgroupFile(QStringLiteral("memory"), id, QStringLiteral("memory.limit_in_bytes"),
                       QStringLiteral("memory.max"));
        const QString pids = cgroupFile(QStringLiteral("pids"), id, QStringLiteral("pids.max"),
                                        QStringLiteral("pids.max"));
        QCOMPARE(readTrimmed(memory), QStringLiteral("67108864"));
        QCOMPARE(readTrimmed(pids), QStringLiteral("20"));

        const Ctl update =
            isoldectl({QStringLiteral("update"), QStringLiteral("--memory"), QStringLiteral("128m"),
                       QStringLiteral("--pids-limit"), QStringLiteral("50"), id.left(12)});
        QVERIFY2(update.exitCode == 0, qPrintable(update.describe()));
        QCOMPARE(update.out, id.left(12) + QLatin1Char('\n'));
        QCOMPARE(readTrimmed(memory), QStringLiteral("134217728"));
        QCOMPARE(readTrimmed(pids), QStringLiteral("50"));

        // A flag docker update does not have is refused before anything is sent.
        const Ctl refused = isoldectl(
            {QStringLiteral("update"), QStringLiteral("--cap-add"), QStringLiteral("ALL"), id});
        QCOMPARE(refused.exitCode, 125);
        QCOMPARE(readTrimmed(pids), QStringLiteral("50"));
        QCOMPARE(isoldectl({QStringLiteral("rm"), QStringLiteral("-f"), id}).exitCode, 0);
    }

    void pauseAndKill()
    {
        const QString id = runDetached({QStringLiteral("--name"), QStringLiteral("frozen"),
                                        QStringLiteral("busybox"), QStringLiteral("sleep"),
                                        QStringLiteral("1000")});
        QVERIFY(fullId.match(id).hasMatch());
        QCOMPARE(isoldectl({QStringLiteral("pause"), QStringLiteral("frozen")}).out,
                 QStringLiteral("frozen\n"));
        QCOMPARE(stateOf(id), QStringLiteral("paused"));
        QVERIFY(isoldectl({QStringLiteral("ps")}).out.contains(QLatin1String("(Paused)")));
        QCOMPARE(isoldectl({QStringLiteral("unpause"), QStringLiteral("frozen")}).exitCode, 0);
        QCOMPARE(stateOf(id), QStringLiteral("running"));

        const Ctl kill = isoldectl({QStringLiteral("kill"), QStringLiteral("frozen")});
        QVERIFY2(kill.exitCode == 0, qPrintable(kill.describe()));
        // Kill sends the signal; the helper reaps the process afterwards.
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("stopped"), 30000);
        QCOMPARE(listed(id).value(QLatin1String("exit_code")).toInt(), 137);
        QCOMPARE(isoldectl({QStringLiteral("rm"), QStringLiteral("frozen")}).exitCode, 0);
    }

    void errorsAreOneLineWithDockersCodes()
    {
        // Another command than run: the helper's sentence, exit 1 (docker stop's code).
        const Ctl stop = isoldectl({QStringLiteral("stop"), QStringLiteral("nosuchcontainer")});
        QCOMPARE(stop.exitCode, 1);
        QCOMPARE(stop.out, QString());
        QCOMPARE(stop.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(stop.err.contains(QLatin1String("nosuchcontainer")), qPrintable(stop.err));

        const Ctl inspect =
            isoldectl({QStringLiteral("inspect"), QStringLiteral("nosuchcontainer")});
        QCOMPARE(inspect.exitCode, 1);
        QCOMPARE(jsonArray(inspect.out), QJsonArray());
        QCOMPARE(inspect.err.count(QLatin1Char('\n')), 1);

        // run: 125 for its own failures, as docker run.
        const Ctl image = isoldectl({QStringLiteral("run"), QStringLiteral("--rm"),
                                     QStringLiteral("nosuchimage"), QStringLiteral("true")});
        QCOMPARE(image.exitCode, 125);
        QCOMPARE(image.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(image.err.contains(QLatin1String("nosuchimage")), qPrintable(image.err));

        const Ctl flag = isoldectl({QStringLiteral("run"), QStringLiteral("--memory"),
                                    QStringLiteral("lots"), QStringLiteral("busybox")});
        QCOMPARE(flag.exitCode, 125);
        QVERIFY2(flag.err.contains(QLatin1String("invalid argument \"lots\" for \"-m, --memory\"")),
                 qPrintable(flag.err));
        QCOMPARE(isoldectl({QStringLiteral("ps"), QStringLiteral("--bogus")}).exitCode, 125);
        QCOMPARE(isoldectl({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("-q")}).out,
                 QString());
    }
};

QTEST_GUILESS_MAIN(TestIsoldectlHelper)
#include "tst_isoldectl_helper.moc"
