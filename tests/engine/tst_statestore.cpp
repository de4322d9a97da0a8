// The runtime's state directory: ids, atomic files, removal, and the /proc/<pid>/stat reading
// that tells a live container process from a reused pid.

#include "StateStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace isolde::engine;

class TestStateStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;

private slots:
    void checkId_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("letters and digits") << QStringLiteral("web1") << true;
        QTest::newRow("every allowed sign") << QStringLiteral("_a-b.c_") << true;
        QTest::newRow("leading dash") << QStringLiteral("-x") << true;
        QTest::newRow("128 characters") << QString(128, u'a') << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("129 characters") << QString(129, u'a') << false;
        QTest::newRow("leading dot") << QStringLiteral(".hidden") << false;
        QTest::newRow("dot dot") << QStringLiteral("..") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("space") << QStringLiteral("a b") << false;
        QTest::newRow("colon") << QStringLiteral("a:b") << false;
        QTest::newRow("non-ASCII letter") << QStringLiteral("caf\u00e9") << false;
        QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) << false;
    }

    void checkId()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        const auto checked = StateStore::checkId(id);
        QCOMPARE(bool(checked), valid);
        if (!valid)
            QCOMPARE(checked.error().field, QStringLiteral("id"));
    }

    void stateRoundTripsAndSpecKeepsItsBytes()
    {
        QVERIFY(m_root.isValid());
        const StateStore store(m_root.filePath(QStringLiteral("roundtrip")));
        auto lock = store.createContainerDir(QStringLiteral("c1"));
        QVERIFY(lock);
        QVERIFY(!store.createContainerDir(QStringLiteral("c1"))); // the id is taken

        ContainerState state;
        state.ociVersion = QStringLiteral("1.0.2");
        state.id = QStringLiteral("c1");
        state.status = QStringLiteral("running");
        state.pid = 1234;
        state.bundle = QStringLiteral("/b");
        state.annotations.insert(QStringLiteral("k"), QStringLiteral("v"));
        state.pidStartTime = 99;
        state.owner = 1000;
        state.cgroupsPath = QStringLiteral("/isolde/c1");
        state.started = true;
        QVERIFY(store.save(state));
        const auto loaded = store.load(QStringLiteral("c1"));
        QVERIFY(loaded);
        QCOMPARE(loaded->status, state.status);
        QCOMPARE(loaded->pid, state.pid);
        QCOMPARE(loaded->annotations, state.annotations);
        QCOMPARE(loaded->pidStartTime, state.pidStartTime);
        QCOMPARE(loaded->owner, state.owner);
        QCOMPARE(loaded->cgroupsPath, state.cgroupsPath);
        QVERIFY(loaded->started);

        // config.json is stored exactly as given, whitespace and key order included.
        const QByteArray json = "{ \"ociVersion\": \"1.0.2\",\n  \"b\": 1, \"a\": 2 }\n";
        QVERIFY(store.saveSpec(QStringLiteral("c1"), json));
        QFile spec(store.specPath(QStringLiteral("c1")));
        QVERIFY(spec.open(QIODevice::ReadOnly));
        QCOMPARE(spec.readAll(), json);
        // No temporary file is left beside them.
        const QStringList files =
            QDir(store.containerDir(QStringLiteral("c1"))).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(files, (QStringList{QStringLiteral("config.json"), QStringLiteral("state.json")}));
    }

    void removeTakesEveryFileAndTheDirectory()
    {
        const StateStore store(m_root.filePath(QStringLiteral("remove")));
        QVERIFY(store.createContainerDir(QStringLiteral("c2")));
        QVERIFY(store.saveSpec(QStringLiteral("c2"), "{}"));
        const QByteArray fifo = QFile::encodeName(store.execFifoPath(QStringLiteral("c2")));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        QVERIFY(store.remove(QStringLiteral("c2")));
        QVERIFY(!QFileInfo::exists(store.containerDir(QStringLiteral("c2"))));
        QVERIFY(store.remove(QStringLiteral("c2"))); // gone already: nothing to do
        QVERIFY(store.ids().isEmpty());
    }

    void startTimeTellsALiveProcessFromAReusedPid()
    {
        const uint64_t ours = processStartTime(getpid());
        QVERIFY(ours > 0);
        QCOMPARE(processStartTime(-1), uint64_t(0));

        const pid_t child = fork();
        if (child == 0) {
            pause();
            _exit(0);
        }
        ContainerState state;
        state.pid = child;
        state.pidStartTime = processStartTime(child);
        QVERIFY(state.pidStartTime >= ours);
        QVERIFY(isProcessAlive(state));
        ContainerState reused = state;
        ++reused.pidStartTime; // the same pid, started at another time: another process
        QVERIFY(!isProcessAlive(reused));
        ::kill(child, SIGKILL);
        // A zombie is dead, though its /proc entry is still there.
        siginfo_t info{};
        QCOMPARE(::waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT), 0);
        QVERIFY(!isProcessAlive(state));
        ::waitpid(child, nullptr, 0);
        QVERIFY(!isProcessAlive(state));
    }
};

QTEST_GUILESS_MAIN(TestStateStore)
#include "tst_statestore.moc"
