// isolde-runtime's resource verbs on the real kernel: live update (and a refused one), pause
// and resume, events --stats and the stream, and gc. Root; cgroup files are read where the
// kernel keeps them. Ids carry this process's pid, since /isolde/<id> is shared with other
// runs on the machine.

#include "CgroupFiles.h"
#include "ContainerResources.h"
#include "RuntimeTestSupport.h"

#include <QThread>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using runtimetest::Result;
using runtimetest::Runtime;

namespace {

QString uniqueId(const QString &name)
{
    return QStringLiteral("res-%1-%2").arg(::getpid()).arg(name);
}

bool isV1(const QString &controller)
{
    return QFileInfo::exists("/sys/fs/cgroup/" + controller + "/cgroup.procs");
}

// A control file of the container cgroup `path` (within the hierarchy), v1 or v2 names.
QByteArray cgroupFile(const QString &path, const QString &controller, const QString &v1File,
                      const QString &v2File)
{
    QFile file(isV1(controller) ? "/sys/fs/cgroup/" + controller + path + '/' + v1File
                                : "/sys/fs/cgroup" + path + '/' + v2File);
    file.open(QIODevice::ReadOnly);
    return file.readAll().trimmed();
}

QByteArray memoryLimit(const QString &path)
{
    return cgroupFile(path, "memory", "memory.limit_in_bytes", "memory.max");
}

QByteArray pidsMax(const QString &path)
{
    return cgroupFile(path, "pids", "pids.max", "pids.max");
}

// Every hierarchy directory of cgroup `path`: each v1 controller mount and the v2 one.
QStringList cgroupDirectories(const QString &path)
{
    QStringList directories;
    const QStringList mounts = QDir("/sys/fs/cgroup").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &mount : mounts) {
        if (QFileInfo::exists("/sys/fs/cgroup/" + mount + "/cgroup.procs"))
            directories << "/sys/fs/cgroup/" + mount + path;
    }
    if (QFileInfo::exists("/sys/fs/cgroup/cgroup.procs"))
        directories << "/sys/fs/cgroup" + path;
    return directories;
}

} // namespace

class tst_RuntimeResources : public QObject
{
    Q_OBJECT

private:
    Runtime *rt = nullptr;
    // The cgroup parent of the gc test: gc is scoped to it so that it cannot touch the
    // containers of any other test running on this machine.
    const QString gcParent = QStringLiteral("/isolde/") + uniqueId("gc");

    static void setResources(QJsonObject &config, const QJsonObject &resources)
    {
        QJsonObject linux = config.value("linux").toObject();
        linux.insert("resources", resources);
        config.insert("linux", linux);
    }

    QString status(const QString &id) const
    {
        return QJsonDocument::fromJson(rt->call({"state", id}).out)["status"].toString();
    }

    // The container's copy of config.json, as the runtime keeps it.
    const QJsonObject storedResources(const QString &id) const
    {
        QFile file(rt->root + '/' + id + "/config.json");
        file.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(file.readAll())["linux"]["resources"].toObject();
    }

    const QJsonObject statsOnce(const QString &id) const
    {
        const Result result = rt->call({"events", "--stats", id});
        if (result.exitCode != 0)
            qWarning() << "events --stats failed:" << result.err;
        return QJsonDocument::fromJson(result.out).object();
    }

    // Everything this test made.
    void removeAll() const
    {
        rt->deleteAll();
        removeGcParent();
    }

    // Kills and removes what the gc test may have left below its parent.
    void removeGcParent() const
    {
        for (const QString &directory : cgroupDirectories(gcParent)) {
            if (!QFileInfo::exists(directory))
                continue;
            for (const pid_t pid : isolde::engine::cgroupfs::processesInTree(directory))
                ::kill(pid, SIGKILL);
            QFile freezer(directory + "/freezer.state");
            if (freezer.open(QIODevice::WriteOnly))
                freezer.write("THAWED");
            isolde::engine::cgroupfs::removeTree(directory);
        }
    }

    // A `sleep` moved into cgroup `path` (made in every hierarchy); 0 on failure.
    static pid_t sleeperIn(const QString &path)
    {
        const pid_t sleeper = ::fork();
        if (sleeper == 0) {
            ::execl("/bin/sleep", "sleep", "60", nullptr);
            ::_exit(127);
        }
        for (const QString &directory : cgroupDirectories(path)) {
            QFile procs(directory + "/cgroup.procs");
            if (!QDir().mkpath(directory) || !procs.open(QIODevice::WriteOnly) ||
                procs.write(QByteArray::number(sleeper)) < 0) {
                ::kill(sleeper, SIGKILL);
                ::waitpid(sleeper, nullptr, 0);
                return 0;
            }
        }
        return sleeper;
    }

    static bool killedBySigkill(pid_t pid)
    {
        int wstatus = 0;
        return ::waitpid(pid, &wstatus, 0) == pid && WIFSIGNALED(wstatus) &&
               WTERMSIG(wstatus) == SIGKILL;
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root and the real kernel: namespaces, mounts, cgroups");
        rt = new Runtime;
        QVERIFY(rt->tmp.isValid());
        QVERIFY(QFileInfo::exists(rt->runtime));
    }

    void cleanup() { removeAll(); }

    void cleanupTestCase()
    {
        if (!rt)
            return;
        removeAll();
        QCOMPARE(QDir(rt->root).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
        delete rt;
    }

    void updateMemoryAndPidsOnARunningContainer()
    {
        const QString id = uniqueId("update");
        QVERIFY(rt->startContainer(id, {"sleep", "60"}, [](QJsonObject &config) {
            setResources(config, QJsonObject{{"memory", QJsonObject{{"limit", 64 << 20}}},
                                             {"pids", QJsonObject{{"limit", 100}}}});
        }) > 0);
        const QString path = "/isolde/" + id;
        QCOMPARE(memoryLimit(path), QByteArray::number(64 << 20));
        QCOMPARE(pidsMax(path), QByteArray("100"));

        const Result updated = rt->call({"update", "--memory", "128m", "--pids-limit", "50", id});
        QVERIFY2(updated.exitCode == 0, updated.err.constData());
        QCOMPARE(memoryLimit(path), QByteArray::number(128 << 20));
        QCOMPARE(pidsMax(path), QByteArray("50"));
        const QJsonObject stored = storedResources(id);
        QCOMPARE(stored["memory"]["limit"].toInteger(), 128 << 20);
        QCOMPARE(stored["pids"]["limit"].toInteger(), 50);
        QCOMPARE(status(id), QStringLiteral("running"));

        // -1 lifts the limit, as with runc.
        const Result unlimited = rt->call({"update", "--memory", "-1", id});
        QVERIFY2(unlimited.exitCode == 0, unlimited.err.constData());
        const QByteArray lifted = memoryLimit(path);
        QVERIFY2(lifted == "max" || lifted.toLongLong() > (qint64(1) << 60), lifted.constData());
        QCOMPARE(storedResources(id)["memory"]["limit"].toInteger(), -1);
        QCOMPARE(pidsMax(path), QByteArray("50"));
    }

    void invalidUpdateNamesTheField()
    {
        const QString id = uniqueId("invalid");
        QVERIFY(rt->startContainer(id, {"sleep", "60"}) > 0);
        const Result small = rt->call({"update", "--memory", "4k", id});
        QVERIFY(small.exitCode != 0);
        QVERIFY2(small.err.contains("linux.resources.memory.limit"), small.err.constData());
        const Result units = rt->call({"update", "--memory", "12x", id});
        QVERIFY(units.exitCode != 0);
        QVERIFY2(units.err.contains("--memory"), units.err.constData());
        const QString file = rt->tmp.filePath("not-an-object.json");
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("[1]");
        out.close();
        const Result array = rt->call({"update", "-r", file, id});
        QVERIFY(array.exitCode != 0);
        QVERIFY2(array.err.contains("-r"), array.err.constData());
        const Result wrongType =
            rt->call({"update", "--cpuset-cpus", "0", "--pids-limit", "x", id});
        QVERIFY(wrongType.exitCode != 0);
        QVERIFY2(wrongType.err.contains("--pids-limit"), wrongType.err.constData());
    }

    void refusedUpdateKeepsTheOldLimit()
    {
        if (!isV1("memory"))
            QSKIP("v2 reclaims to memory.max instead of refusing it");
        const QString id = uniqueId("refused");
        // 24 MiB in tmpfs: with no swap the kernel cannot reclaim it below that.
        const qint64 pid = rt->startContainer(
            id, {"sh", "-c", "head -c 25165824 /dev/zero > /dev/shm/fill; sleep 60"},
            [](QJsonObject &config) {
                setResources(config, QJsonObject{{"memory", QJsonObject{{"limit", 64 << 20}}}});
            });
        QVERIFY(pid > 0);
        const QString path = "/isolde/" + id;
        QTRY_VERIFY(
            cgroupFile(path, "memory", "memory.usage_in_bytes", "memory.current").toLongLong() >
            (24 << 20));
        const Result refused = rt->call({"update", "--memory", "8m", id});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("linux.resources.memory.limit"), refused.err.constData());
        QCOMPARE(memoryLimit(path), QByteArray::number(64 << 20));
        QCOMPARE(storedResources(id)["memory"]["limit"].toInteger(), 64 << 20);
        QCOMPARE(status(id), QStringLiteral("running"));
    }

    void updateFromAResourcesFile()
    {
        const QString id = uniqueId("file");
        QVERIFY(rt->startContainer(id, {"sleep", "60"}, [](QJsonObject &config) {
            setResources(config, QJsonObject{{"memory", QJsonObject{{"limit", 64 << 20}}},
                                             {"pids", QJsonObject{{"limit", 100}}}});
        }) > 0);
        const QString file = rt->tmp.filePath("resources.json");
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(R"({"memory": {"limit": 100663296}, "cpu": {"quota": 50000, "period": 100000}})");
        out.close();
        const Result updated = rt->call({"update", "-r", file, id});
        QVERIFY2(updated.exitCode == 0, updated.err.constData());
        const QString path = "/isolde/" + id;
        QCOMPARE(memoryLimit(path), QByteArray("100663296"));
        QCOMPARE(pidsMax(path), QByteArray("100")); // not in the file: unchanged
        if (isV1("cpu"))
            QCOMPARE(cgroupFile(path, "cpu", "cpu.cfs_quota_us", ""), QByteArray("50000"));
        else
            QCOMPARE(cgroupFile(path, "cpu", "", "cpu.max"), QByteArray("50000 100000"));
        const QJsonObject stored = storedResources(id);
        QCOMPARE(stored["memory"]["limit"].toInteger(), 100663296);
        QCOMPARE(stored["pids"]["limit"].toInteger(), 100);
        QCOMPARE(stored["cpu"]["quota"].toInteger(), 50000);

        QProcess withDevices;
        withDevices.start(rt->runtime, {"--root", rt->root, "update", "-r", "-", id});
        withDevices.write(R"({"devices": [{"allow": true, "access": "rwm"}]})");
        withDevices.closeWriteChannel();
        QVERIFY(withDevices.waitForFinished());
        QVERIFY(withDevices.exitCode() != 0);
        QVERIFY(withDevices.readAllStandardError().contains("linux.resources.devices"));
    }

    void pauseFreezesAndResumeThaws()
    {
        const QString id = uniqueId("pause");
        const qint64 pid = rt->startContainer(
            id, {"sh", "-c", "i=0; while true; do i=$((i+1)); echo $i >> /tmp/counter; done"});
        QVERIFY(pid > 0);
        const QString counterPath = QStringLiteral("/proc/%1/root/tmp/counter").arg(pid);
        // The file grows by one line per count; its size is the counter, read without racing
        // a truncation.
        auto counter = [&] { return QFileInfo(counterPath).size(); };
        QTRY_VERIFY(counter() > 0);

        QCOMPARE(rt->call({"pause", id}).exitCode, 0);
        QCOMPARE(status(id), QStringLiteral("paused"));
        QVERIFY(rt->call({"pause", id}).exitCode != 0); // already paused
        const qint64 frozenAt = counter();
        QThread::msleep(500);
        QCOMPARE(counter(), frozenAt);

        QCOMPARE(rt->call({"resume", id}).exitCode, 0);
        QCOMPARE(status(id), QStringLiteral("running"));
        QTRY_VERIFY(counter() > frozenAt);
        QVERIFY(rt->call({"resume", id}).exitCode != 0); // not paused

        // A paused container is only deleted by force, and then for real: its frozen
        // process cannot act on SIGKILL until the engine thaws it.
        QCOMPARE(rt->call({"pause", id}).exitCode, 0);
        const Result refused = rt->call({"delete", id});
        QVERIFY(refused.exitCode != 0);
        QVERIFY(refused.err.contains("paused"));
        QCOMPARE(rt->call({"delete", "--force", id}).exitCode, 0);
        QCOMPARE(rt->leftovers(id), QStringList());
    }

    void statsReportTheLimits()
    {
        const QString id = uniqueId("stats");
        QVERIFY(rt->startContainer(id, {"sleep", "60"}, [](QJsonObject &config) {
            setResources(config, QJsonObject{{"memory", QJsonObject{{"limit", 96 << 20}}},
                                             {"pids", QJsonObject{{"limit", 30}}}});
        }) > 0);
        const QJsonObject sample = statsOnce(id);
        QCOMPARE(sample["type"].toString(), QStringLiteral("stats"));
        QCOMPARE(sample["id"].toString(), id);
        const QJsonObject data = sample["data"].toObject();
        QCOMPARE(data["memory"]["limit"].toInteger(), 96 << 20);
        QVERIFY(data["memory"]["usage"].toInteger() > 0);
        QVERIFY(data["memory"]["workingSet"].toInteger() <= data["memory"]["usage"].toInteger());
        for (const char *field : {"anon", "file", "kernel", "shmem", "swap", "oom", "oomKill"})
            QVERIFY2(data["memory"][QLatin1String(field)].isDouble(), field);
        QVERIFY(data["memory"]["events"]["max"].isDouble());
        QCOMPARE(data["pids"]["limit"].toInteger(), 30);
        QCOMPARE(data["pids"]["current"].toInteger(), 1);
        QVERIFY(data["cpu"]["usage"]["total"].toInteger() > 0);
        QVERIFY(data["cpu"]["usage"]["user"].isDouble());
        QVERIFY(data["cpu"]["usage"]["system"].isDouble());
        QVERIFY(data["cpu"]["throttling"]["periods"].isDouble());
        QVERIFY(data["io"].isArray());
        QVERIFY(!data["cpu"].toObject().contains("percent")); // one sample: no delta

        // The limit follows an update.
        QCOMPARE(rt->call({"update", "--memory", "80m", id}).exitCode, 0);
        QCOMPARE(statsOnce(id)["data"]["memory"]["limit"].toInteger(), 80 << 20);
    }

    void eventsStreamCpuPercent()
    {
        const QString id = uniqueId("stream");
        // A busy loop held to half a CPU.
        QVERIFY(
            rt->startContainer(id, {"sh", "-c", "while :; do :; done"}, [](QJsonObject &config) {
                setResources(config, QJsonObject{{"cpu", QJsonObject{{"quota", 50000},
                                                                     {"period", 100000}}}});
            }) > 0);
        QProcess events;
        events.start(rt->runtime, {"--root", rt->root, "events", "--interval", "1s", id});
        QVERIFY(events.waitForStarted());
        QList<QJsonObject> samples;
        QByteArray buffered;
        QElapsedTimer timer;
        timer.start();
        while (samples.size() < 3 && timer.elapsed() < 20000) {
            events.waitForReadyRead(1000);
            buffered += events.readAllStandardOutput();
            qsizetype newline;
            while ((newline = buffered.indexOf('\n')) >= 0) {
                samples << QJsonDocument::fromJson(buffered.left(newline)).object();
                buffered.remove(0, newline + 1);
            }
        }
        ::kill(pid_t(events.processId()), SIGINT);
        QVERIFY(events.waitForFinished(5000));
        QCOMPARE(events.exitStatus(), QProcess::NormalExit);
        QCOMPARE(events.exitCode(), 0);
        QVERIFY2(samples.size() >= 3, qPrintable(QString::number(samples.size())));
        QVERIFY(!std::as_const(samples)[0]["data"]["cpu"].toObject().contains("percent"));
        const QJsonObject percent = std::as_const(samples)[2]["data"]["cpu"]["percent"].toObject();
        const double docker = percent["docker"].toDouble();
        const double quota = percent["quota"].toDouble();
        qInfo() << "cpu percent: docker" << docker << "quota" << quota;
        // Half a CPU: at most ~50% the docker way, twice that as a share of the quota.
        QVERIFY2(docker > 5 && docker < 65, qPrintable(QString::number(docker)));
        QVERIFY2(quota > 10 && quota < 130, qPrintable(QString::number(quota)));
        QVERIFY2(quota / docker > 1.6 && quota / docker < 2.4,
                 qPrintable(QString::number(quota / docker)));
        // The quota is in force (CFS counts periods only under a quota); the kernel throttled
        // the loop when it got its whole share (a busy machine may give it less).
        const QJsonObject throttling =
            std::as_const(samples)[2]["data"]["cpu"]["throttling"].toObject();
        QVERIFY(throttling["periods"].toInteger() > 0);
        if (docker > 45)
            QVERIFY(throttling["throttledPeriods"].toInteger() > 0);
    }

    void eventsEndWhenTheContainerStops()
    {
        const QString id = uniqueId("ends");
        QVERIFY(rt->startContainer(id, {"sleep", "2"}) > 0);
        const Result badInterval = rt->call({"events", "--interval", "soon", id});
        QVERIFY(badInterval.exitCode != 0);
        QVERIFY2(badInterval.err.contains("--interval"), badInterval.err.constData());
        QProcess events;
        events.start(rt->runtime, {"--root", rt->root, "events", "--interval", "200ms", id});
        QVERIFY(events.waitForFinished(15000));
        QCOMPARE(events.exitCode(), 0);
        QVERIFY(events.readAllStandardOutput().count('\n') >= 2);
    }

    void gcRemovesLeftoversAndMarksStopped()
    {
        const QString id = uniqueId("gc-victim");
        const QString cgroupsPath = gcParent + '/' + id;
        const qint64 pid = rt->startContainer(id, {"sleep", "60"}, [&](QJsonObject &config) {
            QJsonObject linux = config.value("linux").toObject();
            linux.insert("cgroupsPath", cgroupsPath);
            config.insert("linux", linux);
        });
        QVERIFY(pid > 0);
        const QString keeper = uniqueId("gc-keeper");
        QVERIFY(rt->startContainer(keeper, {"sleep", "60"}, [&](QJsonObject &config) {
            QJsonObject linux = config.value("linux").toObject();
            linux.insert("cgroupsPath", gcParent + '/' + keeper);
            config.insert("linux", linux);
        }) > 0);

        // A crash's leftover: a cgroup in every hierarchy, one process inside.
        const pid_t sleeper = sleeperIn(gcParent + "/crashed/inner");
        QVERIFY(sleeper > 0);

        ::kill(pid_t(pid), SIGKILL);
        QTRY_COMPARE(status(id), QStringLiteral("stopped"));
        // state.json still says running: nobody has looked since.
        auto storedStatus = [&] {
            QFile file(rt->root + '/' + id + "/state.json");
            file.open(QIODevice::ReadOnly);
            return QJsonDocument::fromJson(file.readAll())["status"].toString();
        };
        QCOMPARE(storedStatus(), QStringLiteral("running"));

        const Result gc = rt->call({"gc", "--cgroup-parent", gcParent});
        QVERIFY2(gc.exitCode == 0, gc.err.constData());
        QVERIFY2(gc.out.contains("stopped container " + id.toUtf8()), gc.out.constData());
        QVERIFY2(gc.out.contains("removed cgroup " + (gcParent + "/crashed").toUtf8()),
                 gc.out.constData());
        QCOMPARE(gc.out.count('\n'), 2);
        QCOMPARE(storedStatus(), QStringLiteral("stopped"));
        for (const QString &directory : cgroupDirectories(gcParent + "/crashed"))
            QVERIFY2(!QFileInfo::exists(directory), qPrintable(directory));
        QVERIFY(killedBySigkill(sleeper));
        // The known containers keep their cgroups.
        QCOMPARE(status(keeper), QStringLiteral("running"));
        for (const QString &directory : cgroupDirectories(gcParent + '/' + keeper))
            QVERIFY2(QFileInfo::exists(directory), qPrintable(directory));
        QVERIFY(rt->call({"gc", "--cgroup-parent", "/elsewhere"}).exitCode != 0);
    }

    void gcLeavesExcludedSubtreesAlone()
    {
        // As the helper's /isolde/helper below isolde-runtime's /isolde: the cgroups of
        // another store, unknown to this one, with a process inside.
        const QString excluded = gcParent + "/helper";
        const QString foreign = excluded + '/' + QString(64, 'a');
        const pid_t foreignSleeper = sleeperIn(foreign);
        QVERIFY(foreignSleeper > 0);
        const pid_t leftoverSleeper = sleeperIn(gcParent + "/crashed");
        QVERIFY(leftoverSleeper > 0);
        const isolde::engine::StateStore store(rt->root);

        auto report = isolde::engine::collectGarbage(store, gcParent, {excluded});
        QVERIFY2(report, report ? "" : qPrintable(report.error().toString()));
        QCOMPARE(report->removedCgroups, QStringList{gcParent + "/crashed"});
        QVERIFY(report->failures.isEmpty());
        QVERIFY(killedBySigkill(leftoverSleeper));
        for (const QString &directory : cgroupDirectories(foreign))
            QVERIFY2(QFileInfo::exists(directory), qPrintable(directory));
        QCOMPARE(::waitpid(foreignSleeper, nullptr, WNOHANG), 0); // still running

        // Named as the parent, the subtree is collected: the helper's gc of its own cgroups.
        report = isolde::engine::collectGarbage(store, excluded, {excluded});
        QVERIFY(report);
        QCOMPARE(report->removedCgroups, QStringList{foreign});
        QVERIFY(killedBySigkill(foreignSleeper));
    }
};

QTEST_GUILESS_MAIN(tst_RuntimeResources)
#include "tst_runtime_resources.moc"
