// HelperClient against the real isolde-helper on a private system bus with the real polkitd:
// replies arrive later, never inside the call and never after the client is gone; errors keep
// the helper's D-Bus name and field; the helper's targeted signals are re-emitted; a restarted
// helper is noticed. Root only.
#include "HelperHarness.h"
#include "client/HelperClient.h"
#include "client/HelperProtocol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <optional>
#include <unistd.h>

using namespace isolde::test;
using isolde::client::CallError;
using isolde::client::HelperClient;

namespace {

// What one call answered.
template<typename T>
struct Answer
{
    std::optional<T> value;
    std::optional<CallError> error;
    bool arrived = false;

    isolde::client::Reply<T> callback()
    {
        return [this](const T &v, const CallError *e) {
            arrived = true;
            if (e)
                error = *e;
            else
                value = v;
        };
    }
    bool wait()
    {
        return QTest::qWaitFor([this] { return arrived; }, 60000);
    }
    QByteArray describe() const
    {
        return error ? (error->dbusName + QLatin1Char(' ') + error->toString()).toLocal8Bit()
                     : QByteArray();
    }
};

} // namespace

class TestHelperClient : public QObject
{
    Q_OBJECT

private:
    HelperHarness m_harness;

    // Created and started through the client; the harness removes it in any case.
    QString runContainer(HelperClient &client, const QStringList &args)
    {
        Answer<QString> created;
        client.create(HelperHarness::containerConfig(args), QString(), QString(),
                      created.callback());
        if (!created.wait() || !created.value)
            return {};
        Answer<bool> started;
        client.start(*created.value, started.callback());
        if (!started.wait() || !started.value)
            return {};
        return *created.value;
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

    void answersLaterNeverInsideTheCall()
    {
        HelperClient client;
        Answer<QJsonArray> listed;
        client.list(listed.callback());
        QVERIFY(!listed.arrived);
        QVERIFY(listed.wait());
        QVERIFY2(listed.value, listed.describe().constData());
        QVERIFY(client.busConnected());
        QTRY_VERIFY(client.helperPresent());
    }

    void lifecycleAndStateSignals()
    {
        HelperClient client;
        QSignalSpy states(&client, &HelperClient::containerStateChanged);
        const QString id = runContainer(client, {QStringLiteral("sleep"), QStringLiteral("1000")});
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY(states.contains(QVariantList{id, QStringLiteral("running")}));

        // A unique prefix is accepted wherever an id is.
        Answer<QJsonObject> inspected;
        client.inspect(id.left(10), inspected.callback());
        QVERIFY(inspected.wait());
        QVERIFY2(inspected.value, inspected.describe().constData());
        QCOMPARE(inspected.value->value(QLatin1String("id")).toString(), id);

        Answer<bool> removed;
        client.remove(id, true, removed.callback());
        QVERIFY(removed.wait());
        QVERIFY2(removed.value, removed.describe().constData());
        QTRY_VERIFY(states.contains(QVariantList{id, QStringLiteral("removed")}));
    }

    void errorsKeepNameAndField()
    {
        HelperClient client;
        Answer<bool> unknown;
        client.stop(QStringLiteral("nosuchcontainer"), 1, unknown.callback());
        QVERIFY(unknown.wait());
        QVERIFY(unknown.error);
        QCOMPARE(unknown.error->dbusName,
                 QString::fromLatin1(isolde::protocol::ErrorNoSuchContainer));
        QVERIFY(unknown.error->error.field.isEmpty());
        QVERIFY(!unknown.error->error.reason.isEmpty());

        const QString id = runContainer(client, {QStringLiteral("sleep"), QStringLiteral("1000")});
        QVERIFY(!id.isEmpty());
        Answer<bool> badSignal;
        client.kill(id, QStringLiteral("SIGNOPE"), badSignal.callback());
        QVERIFY(badSignal.wait());
        QVERIFY(badSignal.error);
        QCOMPARE(badSignal.error->dbusName,
                 QString::fromLatin1(isolde::protocol::ErrorInvalidArgument));
        QCOMPARE(badSignal.error->error.field, QStringLiteral("signal_name"));
        QVERIFY(!badSignal.error->error.reason.isEmpty());
    }

    void logLinesAndExecExited()
    {
        HelperClient client;
        QSignalSpy lines(&client, &HelperClient::logLines);
        QSignalSpy exits(&client, &HelperClient::execExited);
        Answer<QString> created;
        client.create(HelperHarness::containerConfig({QStringLiteral("sh"), QStringLiteral("-c"),
                                                      QStringLiteral("echo one; exec sleep 1000")}),
                      QString(), QString(), created.callback());
        QVERIFY(created.wait());
        QVERIFY2(created.value, created.describe().constData());
        const QString id = *created.value;
        // Following before the start: no line can be missed.
        Answer<bool> following;
        client.followLogs(id, following.callback());
        QVERIFY(following.wait());
        QVERIFY2(following.value, following.describe().constData());
        Answer<bool> started;
        client.start(id, started.callback());
        QVERIFY(started.wait());
        QTRY_VERIFY_WITH_TIMEOUT(!lines.isEmpty(), 30000);
        QCOMPARE(lines.first().at(0).toString(), id);
        const QJsonObject line = lines.first().at(1).toJsonArray().first().toObject();
        QCOMPARE(line.value(QLatin1String("line")).toString(), QStringLiteral("one"));
        QCOMPARE(line.value(QLatin1String("stream")).toString(), QStringLiteral("stdout"));

        QFile null(QStringLiteral("/dev/null"));
        QVERIFY(null.open(QIODevice::ReadWrite));
        Answer<int> pid;
        client.exec(id,
                    QJsonObject{{QStringLiteral("args"),
                                 QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"),
                                            QStringLiteral("exit 5")}}},
                    null.handle(), null.handle(), null.handle(), pid.callback());
        QVERIFY(pid.wait());
        QVERIFY2(pid.value, pid.describe().constData());
        QVERIFY(*pid.value > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!exits.isEmpty(), 30000);
        QCOMPARE(exits.first().at(1).toInt(), *pid.value);
        QCOMPARE(exits.first().at(2).toInt(), 5);
    }

    void noAnswerAfterDestruction()
    {
        bool called = false;
        auto *doomed = new HelperClient;
        doomed->list([&called](const QJsonArray &, const CallError *) { called = true; });
        delete doomed;
        // Both use the one system bus connection: the helper answers in order, so once the
        // second reply is here the first has been dropped.
        HelperClient survivor;
        Answer<QJsonArray> after;
        survivor.list(after.callback());
        QVERIFY(after.wait());
        QVERIFY(!called);
    }

    void helperRestartIsNoticed()
    {
        HelperClient client;
        QTRY_VERIFY(client.helperPresent());
        QSignalSpy restarted(&client, &HelperClient::helperRestarted);
        QSignalSpy presence(&client, &HelperClient::helperPresentChanged);
        const isolde::Expected<void> again = m_harness.restartHelper();
        QVERIFY2(again.ok(), explain(again).constData());
        QTRY_COMPARE(restarted.count(), 1);
        QVERIFY(client.helperPresent());
        QCOMPARE(presence.count(), 2); // gone, then back
    }

    void noBusIsAnErrorNotAHang()
    {
        HelperClient client(QDBusConnection::connectToBus(QStringLiteral("unix:path=/nonexistent"),
                                                          QStringLiteral("isolde-no-bus")));
        QVERIFY(!client.busConnected());
        Answer<QJsonArray> listed;
        client.list(listed.callback());
        QVERIFY(!listed.arrived);
        QVERIFY(listed.wait());
        QVERIFY(listed.error);
        QCOMPARE(listed.error->dbusName, QStringLiteral("org.freedesktop.DBus.Error.Disconnected"));
        QDBusConnection::disconnectFromBus(QStringLiteral("isolde-no-bus"));
    }
};

QTEST_GUILESS_MAIN(TestHelperClient)
#include "tst_helperclient.moc"
