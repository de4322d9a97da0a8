// The real isolde-helper on a private system bus with the real polkitd (HelperHarness): who may
// do what, how it answers malformed calls, and what survives a helper crash. Root calls come
// from this process; every other caller is an isolde-test-call process running as a test user,
// so that polkit sees real uids and groups.
#include "Cgroup.h"
#include "HelperHarness.h"
#include "client/HelperProtocol.h"

#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using isolde::test::CallResult;
using isolde::test::EnsuredGroup;
using isolde::test::explain;
using isolde::test::HelperHarness;
using isolde::test::TestUser;
namespace protocol = isolde::protocol;

namespace {

const QString ManageOwn = QStringLiteral("org.isolde.container.manage-own");
const QString ImageManage = QStringLiteral("org.isolde.image.manage");
const QString ReadOwn = QStringLiteral("org.isolde.container.read-own");
const QString UnknownId = QString(64, u'0');
const QStringList Sleeper = {QStringLiteral("sleep"), QStringLiteral("1000")};

QString accessDenied()
{
    return QString::fromLatin1(protocol::ErrorAccessDenied);
}
QString invalidArgument()
{
    return QString::fromLatin1(protocol::ErrorInvalidArgument);
}
QString noSuchContainer()
{
    return QString::fromLatin1(protocol::ErrorNoSuchContainer);
}

QString describe(const QDBusMessage &message)
{
    if (message.type() == QDBusMessage::ErrorMessage)
        return message.errorName() + u' ' + message.errorMessage();
    QStringList values;
    for (const QVariant &value : message.arguments())
        values << value.toString().left(300);
    return QStringLiteral("reply: ") + values.join(u", ");
}

bool succeeded(const QDBusMessage &message)
{
    return message.type() == QDBusMessage::ReplyMessage;
}

QString firstString(const QDBusMessage &message)
{
    return message.arguments().value(0).toString();
}

QJsonArray jsonArray(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

// Logs and LogLines carry JSON Lines: one object per line.
QJsonArray jsonLines(const QString &text)
{
    QJsonArray lines;
    const QStringList texts = text.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : texts)
        lines.append(QJsonDocument::fromJson(line.toUtf8()).object());
    return lines;
}

QJsonObject jsonObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonObject summaryOf(const QJsonArray &summaries, const QString &id)
{
    for (const QJsonValue &summary : summaries) {
        if (summary.toObject().value(QStringLiteral("id")).toString() == id)
            return summary.toObject();
    }
    return {};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool processAlive(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

// Records the helper's signals arriving on one connection of this process.
class SignalRecorder : public QObject
{
    Q_OBJECT
public:
    SignalRecorder(QDBusConnection bus, const QString &signal)
    {
        connected = bus.connect(
            QLatin1String(protocol::ServiceName), QLatin1String(protocol::ObjectPath),
            QLatin1String(protocol::InterfaceName), signal, this, SLOT(record(QDBusMessage)));
    }
    bool connected = false;
    QList<QVariantList> received;

public slots:
    void record(const QDBusMessage &message) { received << message.arguments(); }
};

} // namespace

class TestHelperService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void rootCanDoEverything();
    void memberManagesOwnContainersWithoutPassword();
    void plainUserCannotCreate();
    void plainUserCannotStart();
    void plainUserCannotStop();
    void plainUserCannotKill();
    void plainUserCannotRemove();
    void plainUserCannotPause();
    void plainUserCannotResume();
    void plainUserCannotUpdate();
    void plainUserCannotExec();
    void plainUserCannotSubscribeStats();
    void plainUserCannotFollowLogs();
    void plainUserCannotMakeDefaultImage();
    void plainUserCannotRead();
    void userCannotReachAnothersContainer();
    void memberCannotEscapeTheContainer();
    void malformedCreate();
    void malformedContainerReferences();
    void malformedKill();
    void malformedUpdate();
    void malformedStats();
    void malformedLogs();
    void malformedExec();
    void wrongArgumentTypes();
    void failsClosedWithoutPolkit();
    void containersSurviveHelperKill();
    void logsSurviveRestartAndExit();
    void execWithFileDescriptors();
    void probeShowsBothSides();
    void statsBatchReachesTheSubscriberOnly();
    void stateChangesReachOnlyThoseWhoMayRead();
    void cleanupSweepsWhatADeadHelperLeft();
    void idleHelperExits();

private:
    // A running container of root's that refused calls must leave alone.
    QString victim();
    QString victimState();
    void expectRefused(const QStringList &call, const QString &action);
    void expectError(const QDBusMessage &reply, const QString &errorName,
                     const QString &messageStart, const QString &what = {});
    void expectHelperUp();
    void removeContainer(const QString &id, bool force);
    QString configFile(const QStringList &args);

    std::unique_ptr<HelperHarness> m_harness;
    std::unique_ptr<EnsuredGroup> m_group;
    std::unique_ptr<TestUser> m_plain;
    std::unique_ptr<TestUser> m_alice;
    std::unique_ptr<TestUser> m_bob;
    QString m_victim;
    qint64 m_helperPid = 0;
    int m_configFiles = 0;
};

void TestHelperService::initTestCase()
{
    if (geteuid() != 0)
        QSKIP("needs root: runs dbus-daemon, polkitd and the helper, adds users");
    m_harness = std::make_unique<HelperHarness>();
    const auto started = m_harness->start();
    QVERIFY2(started.ok(), explain(started));

    auto group = EnsuredGroup::ensure(QStringLiteral("isolde"));
    QVERIFY2(group.ok(), explain(group));
    m_group = std::move(group.value());
    auto plain = TestUser::create(QStringLiteral("isoldesvc-plain"));
    QVERIFY2(plain.ok(), explain(plain));
    m_plain = std::move(plain.value());
    auto alice = TestUser::create(QStringLiteral("isoldesvc-alice"));
    QVERIFY2(alice.ok(), explain(alice));
    m_alice = std::move(alice.value());
    auto bob = TestUser::create(QStringLiteral("isoldesvc-bob"));
    QVERIFY2(bob.ok(), explain(bob));
    m_bob = std::move(bob.value());
    for (TestUser *member : {m_alice.get(), m_bob.get()}) {
        const auto joined = member->joinGroup(QStringLiteral("isolde"));
        QVERIFY2(joined.ok(), explain(joined));
    }
}

void TestHelperService::init()
{
    if (!m_harness)
        return;
    // A test that stopped polkitd or the helper must not change the next one's world.
    if (!m_harness->bus().polkitRunning()) {
        const auto restarted = m_harness->bus().startPolkit();
        QVERIFY2(restarted.ok(), explain(restarted));
    }
    if (!m_harness->helperRunning()) {
        const auto restarted = m_harness->startHelper();
        QVERIFY2(restarted.ok(), explain(restarted));
    }
    m_helperPid = m_harness->helperPid();
}

void TestHelperService::cleanup()
{
    // Whatever a test asserted, the helper must still be the same process afterwards, unless
    // the test replaced it on purpose (then it set m_helperPid to 0).
    if (m_harness && m_helperPid != 0 && !QTest::currentTestFailed())
        expectHelperUp();
}

void TestHelperService::cleanupTestCase()
{
    // Users first: they live in the bus's private copy of /etc, which goes with the harness.
    m_bob.reset();
    m_alice.reset();
    m_plain.reset();
    m_group.reset();
    m_harness.reset();
}

QString TestHelperService::configFile(const QStringList &args)
{
    // Test users read the config from a file: a spec can exceed what one argv string holds.
    const QString path =
        m_harness->scratchDir() + QStringLiteral("/config-%1.json").arg(++m_configFiles);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(HelperHarness::containerConfig(args)) < 0)
        qWarning("cannot write %s", qPrintable(path));
    file.close();
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
    return QStringLiteral("@") + path;
}

QString TestHelperService::victim()
{
    if (!m_victim.isEmpty() && victimState() == u"running")
        return m_victim;
    auto id = m_harness->runContainer(Sleeper);
    if (!id) {
        qWarning("cannot run a container: %s", explain(id).constData());
        return QString();
    }
    m_victim = id.value();
    return m_victim;
}

QString TestHelperService::victimState()
{
    const QDBusMessage inspected = m_harness->call(QStringLiteral("Inspect"), {m_victim});
    return jsonObject(firstString(inspected))
        .value(QStringLiteral("state"))
        .toObject()
        .value(QStringLiteral("status"))
        .toString();
}

void TestHelperService::expectHelperUp()
{
    const QDBusMessage listed = m_harness->call(QStringLiteral("List"));
    QVERIFY2(succeeded(listed), qPrintable(describe(listed) + u' ' + m_harness->helperLog()));
    QCOMPARE(m_harness->helperPid(), m_helperPid);
}

void TestHelperService::removeContainer(const QString &id, bool force)
{
    const QDBusMessage removed = m_harness->call(QStringLiteral("Remove"), {id, force});
    QVERIFY2(succeeded(removed),
             qPrintable(QStringLiteral("Remove %1: %2").arg(id, describe(removed))));
}

void TestHelperService::expectRefused(const QStringList &call, const QString &action)
{
    const CallResult result = m_harness->callAs(m_plain.get(), call);
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QCOMPARE(result.errorName, accessDenied());
    QVERIFY2(result.errorMessage.contains(action), qPrintable(result.errorMessage));
}

void TestHelperService::expectError(const QDBusMessage &reply, const QString &errorName,
                                    const QString &messageStart, const QString &what)
{
    QVERIFY2(reply.type() == QDBusMessage::ErrorMessage,
             qPrintable(what + QStringLiteral(" succeeded: ") + describe(reply)));
    QVERIFY2(reply.errorName() == errorName,
             qPrintable(QStringLiteral("expected %1, got %2").arg(errorName, describe(reply))));
    QVERIFY2(reply.errorMessage().startsWith(messageStart),
             qPrintable(QStringLiteral("expected the message to start with \"%1\": %2")
                            .arg(messageStart, reply.errorMessage())));
    expectHelperUp();
}

// ---- who may do what -------------------------------------------------------------------------

void TestHelperService::rootCanDoEverything()
{
    const QDBusMessage made = m_harness->call(QStringLiteral("MakeDefaultImage"));
    QVERIFY2(succeeded(made), qPrintable(describe(made)));
    QVERIFY2(firstString(made).contains(QRegularExpression(QStringLiteral("[0-9a-f]{64}"))),
             qPrintable(firstString(made)));
    const QJsonArray images = jsonArray(firstString(m_harness->call(QStringLiteral("ListImages"))));
    QVERIFY(std::any_of(images.begin(), images.end(), [](const QJsonValue &image) {
        return image.toObject().value(QStringLiteral("default")).toBool();
    }));

    const QDBusMessage created = m_harness->call(
        QStringLiteral("Create"), {QString::fromUtf8(HelperHarness::containerConfig(Sleeper)),
                                   QStringLiteral("svc-root"), QString()});
    QVERIFY2(succeeded(created), qPrintable(describe(created)));
    const QString id = firstString(created);
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(id).hasMatch(),
             qPrintable(id));
    QCOMPARE(summaryOf(jsonArray(firstString(m_harness->call(QStringLiteral("List")))), id)
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("created"));

    // By name and by a unique id prefix, as everywhere an id is accepted.
    const QDBusMessage startCall =
        m_harness->call(QStringLiteral("Start"), {QStringLiteral("svc-root")});
    QVERIFY2(succeeded(startCall), qPrintable(describe(startCall)));
    const QJsonObject inspected =
        jsonObject(firstString(m_harness->call(QStringLiteral("Inspect"), {id.left(16)})));
    QCOMPARE(inspected.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(inspected.value(QStringLiteral("name")).toString(), QStringLiteral("svc-root"));
    QCOMPARE(inspected.value(QStringLiteral("owner_uid")).toInt(-1), 0);
    QCOMPARE(inspected.value(QStringLiteral("spec"))
                 .toObject()
                 .value(QStringLiteral("process"))
                 .toObject()
                 .value(QStringLiteral("args"))
                 .toArray()
                 .size(),
             2);
    QCOMPARE(inspected.value(QStringLiteral("state"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("running"));

    for (const auto &[method, arguments] :
         {std::pair{QStringLiteral("Update"),
                    QVariantList{id, QStringLiteral(R"({"pids": {"limit": 64}})")}},
          std::pair{QStringLiteral("Pause"), QVariantList{id}},
          std::pair{QStringLiteral("Resume"), QVariantList{id}},
          std::pair{QStringLiteral("Kill"), QVariantList{id, QStringLiteral("SIGCONT")}},
          std::pair{QStringLiteral("Stats"), QVariantList{QStringList{id}}},
          std::pair{QStringLiteral("Logs"), QVariantList{id, qint64(0), -1}},
          std::pair{QStringLiteral("SubscribeStats"), QVariantList{QStringList{id}, 1000u}},
          std::pair{QStringLiteral("UnsubscribeStats"), QVariantList{}},
          std::pair{QStringLiteral("FollowLogs"), QVariantList{id}},
          std::pair{QStringLiteral("UnfollowLogs"), QVariantList{id}},
          std::pair{QStringLiteral("Stop"), QVariantList{id, 1u}},
          std::pair{QStringLiteral("Remove"), QVariantList{id, false}}}) {
        const QDBusMessage reply = m_harness->call(method, arguments);
        QVERIFY2(succeeded(reply), qPrintable(method + u' ' + describe(reply)));
    }
    QVERIFY(
        summaryOf(jsonArray(firstString(m_harness->call(QStringLiteral("List")))), id).isEmpty());
}

void TestHelperService::memberManagesOwnContainersWithoutPassword()
{
    const CallResult created = m_harness->callAs(
        m_alice.get(), {QStringLiteral("Create"), configFile(Sleeper), QString(), QString()});
    QVERIFY2(created.ok(), qPrintable(created.describe()));
    const QString id = created.output.trimmed();
    QVERIFY2(id.size() == 64, qPrintable(id));

    const CallResult started = m_harness->callAs(m_alice.get(), {QStringLiteral("Start"), id});
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    const CallResult listed = m_harness->callAs(m_alice.get(), {QStringLiteral("List")});
    QVERIFY2(listed.ok(), qPrintable(listed.describe()));
    const QJsonObject summary = summaryOf(jsonArray(listed.output), id);
    QCOMPARE(summary.value(QStringLiteral("owner_uid")).toInt(-1), int(m_alice->uid()));
    QCOMPARE(summary.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    // The made-up name is Docker-style and valid.
    QVERIFY2(QRegularExpression(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"))
                 .match(summary.value(QStringLiteral("name")).toString())
                 .hasMatch(),
             qPrintable(summary.value(QStringLiteral("name")).toString()));

    for (const QStringList &call :
         {QStringList{QStringLiteral("Pause"), id}, QStringList{QStringLiteral("Resume"), id},
          QStringList{QStringLiteral("Update"), id, QStringLiteral(R"({"pids":{"limit":32}})")},
          QStringList{QStringLiteral("Inspect"), id},
          QStringList{QStringLiteral("Stop"), id, QStringLiteral("1")},
          QStringList{QStringLiteral("Remove"), id, QStringLiteral("false")}}) {
        const CallResult result = m_harness->callAs(m_alice.get(), call);
        QVERIFY2(result.ok(), qPrintable(call.first() + u' ' + result.describe()));
    }
    const CallResult after = m_harness->callAs(m_alice.get(), {QStringLiteral("List")});
    QVERIFY(summaryOf(jsonArray(after.output), id).isEmpty());
}

void TestHelperService::plainUserCannotCreate()
{
    const int before = jsonArray(firstString(m_harness->call(QStringLiteral("List")))).size();
    expectRefused({QStringLiteral("Create"), configFile(Sleeper), QString(), QString()}, ManageOwn);
    QCOMPARE(jsonArray(firstString(m_harness->call(QStringLiteral("List")))).size(), before);
}

void TestHelperService::plainUserCannotStart()
{
    const QDBusMessage created = m_harness->call(
        QStringLiteral("Create"),
        {QString::fromUtf8(HelperHarness::containerConfig(Sleeper)), QString(), QString()});
    QVERIFY2(succeeded(created), qPrintable(describe(created)));
    const QString id = firstString(created);
    expectRefused({QStringLiteral("Start"), id}, ManageOwn);
    const QJsonObject summary =
        summaryOf(jsonArray(firstString(m_harness->call(QStringLiteral("List")))), id);
    QCOMPARE(summary.value(QStringLiteral("state")).toString(), QStringLiteral("created"));
    removeContainer(id, true);
}

void TestHelperService::plainUserCannotStop()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectRefused({QStringLiteral("Stop"), id, QStringLiteral("1")}, ManageOwn);
    QCOMPARE(victimState(), QStringLiteral("running"));
}

void TestHelperService::plainUserCannotKill()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectRefused({QStringLiteral("Kill"), id, QStringLiteral("KILL")}, ManageOwn);
    QCOMPARE(victimState(), QStringLiteral("running"));
}

void TestHelperService::plainUserCannotRemove()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectRefused({QStringLiteral("Remove"), id, QStringLiteral("true")}, ManageOwn);
    QCOMPARE(victimState(), QStringLiteral("running"));
}

void TestHelperService::plainUserCannotPause()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectRefused({QStringLiteral("Pause"), id}, ManageOwn);
    QCOMPARE(victimState(), QStringLiteral("running"));
}

void TestHelperService::plainUserCannotResume()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    const QDBusMessage paused = m_harness->call(QStringLiteral("Pause"), {id});
    QVERIFY2(succeeded(paused), qPrintable(describe(paused)));
    expectRefused({QStringLiteral("Resume"), id}, ManageOwn);
    QCOMPARE(victimState(), QStringLiteral("paused"));
    const QDBusMessage resumed = m_harness->call(QStringLiteral("Resume"), {id});
    QVERIFY2(succeeded(resumed), qPrintable(describe(resumed)));
}

void TestHelperService::plainUserCannotUpdate()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectRefused({QStringLiteral("Update"), id, QStringLiteral(R"({"pids":{"limit":1}})")},
                  ManageOwn);
}

void TestHelperService::plainUserCannotExec()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    const QString marker = m_harness->scratchDir() + QStringLiteral("/plain-exec");
    expectRefused(
        {QStringLiteral("Exec"), id,
         QStringLiteral(R"({"args": ["echo", "ran"], "cwd": "/", "user": {"uid": 0, "gid": 0}})"),
         QStringLiteral("/dev/null"), marker, marker},
        ManageOwn);
    QVERIFY2(readFile(marker).isEmpty(), readFile(marker).constData());
}

void TestHelperService::plainUserCannotSubscribeStats()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectRefused({QStringLiteral("SubscribeStats"), id, QStringLiteral("250")}, ReadOwn);
}

void TestHelperService::plainUserCannotFollowLogs()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectRefused({QStringLiteral("FollowLogs"), id}, ReadOwn);
}

void TestHelperService::plainUserCannotMakeDefaultImage()
{
    expectRefused({QStringLiteral("MakeDefaultImage")}, ImageManage);
}

void TestHelperService::plainUserCannotRead()
{
    // Reading needs an administrator's password too for a user outside group isolde.
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    for (const QStringList &call :
         {QStringList{QStringLiteral("List")}, QStringList{QStringLiteral("Inspect"), id},
          QStringList{QStringLiteral("Stats"), id},
          QStringList{QStringLiteral("Logs"), id, QStringLiteral("0"), QStringLiteral("-1")},
          QStringList{QStringLiteral("Probe"), id}}) {
        expectRefused(call, ReadOwn);
        if (QTest::currentTestFailed())
            return;
    }
    expectRefused({QStringLiteral("ListImages")}, QStringLiteral("org.isolde.image.read"));
}

void TestHelperService::userCannotReachAnothersContainer()
{
    const CallResult created =
        m_harness->callAs(m_alice.get(), {QStringLiteral("Create"), configFile(Sleeper),
                                          QStringLiteral("alices"), QString()});
    QVERIFY2(created.ok(), qPrintable(created.describe()));
    const QString id = created.output.trimmed();
    const CallResult started = m_harness->callAs(m_alice.get(), {QStringLiteral("Start"), id});
    QVERIFY2(started.ok(), qPrintable(started.describe()));

    // Bob is allowed to manage his own containers; Alice's do not exist for him, by id, by
    // name or by prefix.
    for (const QString &reference : {id, QStringLiteral("alices"), id.left(12)}) {
        for (const QStringList &call :
             {QStringList{QStringLiteral("Stop"), reference, QStringLiteral("1")},
              QStringList{QStringLiteral("Inspect"), reference},
              QStringList{QStringLiteral("Kill"), reference, QStringLiteral("KILL")},
              QStringList{QStringLiteral("Remove"), reference, QStringLiteral("true")},
              QStringList{QStringLiteral("Logs"), reference, QStringLiteral("0"),
                          QStringLiteral("-1")}}) {
            const CallResult result = m_harness->callAs(m_bob.get(), call);
            QVERIFY2(result.errorName == noSuchContainer(),
                     qPrintable(call.join(u' ') + u' ' + result.describe()));
        }
    }
    const CallResult bobsList = m_harness->callAs(m_bob.get(), {QStringLiteral("List")});
    QVERIFY2(bobsList.ok(), qPrintable(bobsList.describe()));
    QVERIFY2(summaryOf(jsonArray(bobsList.output), id).isEmpty(), qPrintable(bobsList.output));
    // Nothing bob did touched it; root sees it and whose it is.
    const QJsonObject summary =
        summaryOf(jsonArray(firstString(m_harness->call(QStringLiteral("List")))), id);
    QCOMPARE(summary.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(summary.value(QStringLiteral("owner_uid")).toInt(-1), int(m_alice->uid()));
    removeContainer(id, true);
}

void TestHelperService::memberCannotEscapeTheContainer()
{
    // What group isolde grants must not be root on the host: each refusal names the field.
    const auto refusedField = [this](QJsonObject config, const QString &field) {
        const QString path =
            m_harness->scratchDir() + QStringLiteral("/escape-%1.json").arg(++m_configFiles);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(config).toJson());
        file.close();
        QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadOther);
        const CallResult result = m_harness->callAs(
            m_alice.get(), {QStringLiteral("Create"), u'@' + path, QString(), QString()});
        QVERIFY2(result.errorName == invalidArgument(), qPrintable(result.describe()));
        QVERIFY2(result.errorMessage.startsWith(field), qPrintable(result.errorMessage));
    };
    const QJsonObject base =
        QJsonDocument::fromJson(HelperHarness::containerConfig(Sleeper)).object();

    QJsonObject hooks = base;
    hooks.insert(QStringLiteral("hooks"),
                 QJsonObject{{QStringLiteral("prestart"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("path"), QStringLiteral("/bin/true")}}}}});
    refusedField(hooks, QStringLiteral("hooks"));

    QJsonObject hostUserNamespace = base;
    QJsonObject linux = hostUserNamespace.value(QStringLiteral("linux")).toObject();
    QJsonArray namespaces = linux.value(QStringLiteral("namespaces")).toArray();
    namespaces.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("user")},
                                  {QStringLiteral("path"), QStringLiteral("/proc/1/ns/user")}});
    linux.insert(QStringLiteral("namespaces"), namespaces);
    hostUserNamespace.insert(QStringLiteral("linux"), linux);
    refusedField(hostUserNamespace, QStringLiteral("linux.namespaces["));

    for (const char *shared : {"pid", "network", "ipc", "uts", "mount"}) {
        QJsonObject hostNamespace = base;
        QJsonObject withoutOne = hostNamespace.value(QStringLiteral("linux")).toObject();
        QJsonArray kept;
        for (const QJsonValue &entry : withoutOne.value(QStringLiteral("namespaces")).toArray()) {
            if (entry.toObject().value(QStringLiteral("type")).toString() != QLatin1String(shared))
                kept.append(entry);
        }
        withoutOne.insert(QStringLiteral("namespaces"), kept);
        hostNamespace.insert(QStringLiteral("linux"), withoutOne);
        refusedField(hostNamespace, QStringLiteral("linux.namespaces: only root may share the "
                                                   "host's %1 namespace")
                                        .arg(QLatin1String(shared)));
    }

    QJsonObject hostRoot = base;
    QJsonArray mounts = hostRoot.value(QStringLiteral("mounts")).toArray();
    mounts.append(QJsonObject{{QStringLiteral("destination"), QStringLiteral("/host")},
                              {QStringLiteral("type"), QStringLiteral("bind")},
                              {QStringLiteral("source"), QStringLiteral("/etc")},
                              {QStringLiteral("options"), QJsonArray{QStringLiteral("rbind")}}});
    hostRoot.insert(QStringLiteral("mounts"), mounts);
    refusedField(hostRoot, QStringLiteral("mounts["));

    QJsonObject allCaps = base;
    QJsonObject process = allCaps.value(QStringLiteral("process")).toObject();
    QJsonObject capabilities = process.value(QStringLiteral("capabilities")).toObject();
    capabilities.insert(QStringLiteral("bounding"), QJsonArray{QStringLiteral("CAP_SYS_ADMIN")});
    process.insert(QStringLiteral("capabilities"), capabilities);
    allCaps.insert(QStringLiteral("process"), process);
    refusedField(allCaps, QStringLiteral("process.capabilities"));
}

// ---- malformed arguments ------------------------------------------------------------------

void TestHelperService::malformedCreate()
{
    const auto create = [this](const QString &config, const QString &name,
                               const QString &image = QString()) {
        return m_harness->call(QStringLiteral("Create"), {config, name, image});
    };
    const QString good = QString::fromUtf8(HelperHarness::containerConfig(Sleeper));
    expectError(create(QStringLiteral("{not json"), QString()), invalidArgument(),
                QStringLiteral("config_json"), QStringLiteral("bad JSON"));
    expectError(create(QStringLiteral("[1, 2]"), QString()), invalidArgument(),
                QStringLiteral("config_json"), QStringLiteral("a JSON array"));
    expectError(create(QString(4 * 1024 * 1024, u' '), QString()), invalidArgument(),
                QStringLiteral("config_json"), QStringLiteral("4 MiB of config"));
    expectError(create(good, QStringLiteral("-starts-with-dash")), invalidArgument(),
                QStringLiteral("name"), QStringLiteral("name -starts-with-dash"));
    expectError(create(good, QStringLiteral("has space")), invalidArgument(),
                QStringLiteral("name"), QStringLiteral("name with a space"));
    expectError(create(good, QString(100000, u'a')), invalidArgument(), QStringLiteral("name"),
                QStringLiteral("huge name"));
    expectError(create(good, QString(), QString(100000, u'i')), invalidArgument(),
                QStringLiteral("image"), QStringLiteral("huge image"));
    expectError(create(good, QString(), QStringLiteral("no-such-image")),
                QString::fromLatin1(protocol::ErrorNoSuchImage), QString(),
                QStringLiteral("unknown image"));

    QJsonObject config = QJsonDocument::fromJson(good.toUtf8()).object();
    QJsonObject linux = config.value(QStringLiteral("linux")).toObject();
    linux.insert(QStringLiteral("resources"),
                 QJsonObject{{QStringLiteral("memory"),
                              QJsonObject{{QStringLiteral("limit"), QStringLiteral("lots")}}}});
    config.insert(QStringLiteral("linux"), linux);
    expectError(create(QString::fromUtf8(QJsonDocument(config).toJson()), QString()),
                invalidArgument(), QStringLiteral("linux.resources.memory.limit"),
                QStringLiteral("memory.limit a string"));

    QJsonObject noArgs = QJsonDocument::fromJson(good.toUtf8()).object();
    QJsonObject process = noArgs.value(QStringLiteral("process")).toObject();
    process.insert(QStringLiteral("args"), QStringLiteral("sleep"));
    noArgs.insert(QStringLiteral("process"), process);
    expectError(create(QString::fromUtf8(QJsonDocument(noArgs).toJson()), QString()),
                invalidArgument(), QStringLiteral("process.args"),
                QStringLiteral("process.args a string"));

    // A name is unique.
    auto first =
        m_harness->call(QStringLiteral("Create"), {good, QStringLiteral("twice"), QString()});
    QVERIFY2(succeeded(first), qPrintable(describe(first)));
    expectError(create(good, QStringLiteral("twice")), invalidArgument(), QStringLiteral("name"),
                QStringLiteral("a name taken"));
    removeContainer(firstString(first), true);
}

void TestHelperService::malformedContainerReferences()
{
    // Every method that takes a container: empty, huge, unknown.
    const auto withId = [](const QString &method, const QString &id) -> QVariantList {
        const QString ignored = QStringLiteral("{}");
        if (method == u"Stop")
            return {id, 1u};
        if (method == u"Kill")
            return {id, QStringLiteral("TERM")};
        if (method == u"Remove")
            return {id, true};
        if (method == u"Update")
            return {id, ignored};
        if (method == u"Logs")
            return {id, qint64(0), -1};
        if (method == u"Stats")
            return {QStringList{id}};
        if (method == u"Exec")
            return {
                id,
                QStringLiteral(R"({"args": ["true"], "cwd": "/", "user": {"uid": 0, "gid": 0}})"),
                QVariant::fromValue(QDBusUnixFileDescriptor(STDIN_FILENO)),
                QVariant::fromValue(QDBusUnixFileDescriptor(STDERR_FILENO)),
                QVariant::fromValue(QDBusUnixFileDescriptor(STDERR_FILENO))};
        return {id};
    };
    const QStringList methods = {
        QStringLiteral("Start"),  QStringLiteral("Stop"),       QStringLiteral("Kill"),
        QStringLiteral("Remove"), QStringLiteral("Pause"),      QStringLiteral("Resume"),
        QStringLiteral("Update"), QStringLiteral("Inspect"),    QStringLiteral("Stats"),
        QStringLiteral("Logs"),   QStringLiteral("FollowLogs"), QStringLiteral("UnfollowLogs"),
        QStringLiteral("Exec"),   QStringLiteral("Probe")};
    for (const QString &method : methods) {
        for (const QString &bad : {QString(), QString(1024 * 1024, u'f')}) {
            const QDBusMessage reply = m_harness->call(method, withId(method, bad));
            QVERIFY2(reply.errorName() == invalidArgument() &&
                         reply.errorMessage().startsWith(u"id"), // "ids" for Stats
                     qPrintable(method + u' ' + describe(reply)));
        }
        const QDBusMessage unknown = m_harness->call(method, withId(method, UnknownId));
        QVERIFY2(unknown.errorName() == noSuchContainer(),
                 qPrintable(method + u' ' + describe(unknown)));
        expectHelperUp();
    }
}

void TestHelperService::malformedKill()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    for (const QString &signal : {QStringLiteral("SIGFOO"), QStringLiteral("999"),
                                  QStringLiteral("-9"), QString(), QString(100000, u'S')}) {
        expectError(m_harness->call(QStringLiteral("Kill"), {id, signal}), invalidArgument(),
                    QStringLiteral("signal_name"));
    }
    QCOMPARE(victimState(), QStringLiteral("running"));
}

void TestHelperService::malformedUpdate()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    const auto update = [&](const QString &resources) {
        return m_harness->call(QStringLiteral("Update"), {id, resources});
    };
    expectError(update(QStringLiteral("{not json")), invalidArgument(),
                QStringLiteral("resources_json"));
    expectError(update(QStringLiteral("[]")), invalidArgument(), QStringLiteral("resources_json"));
    const QDBusMessage badLimit = update(QStringLiteral(R"({"memory": {"limit": "lots"}})"));
    QVERIFY2(badLimit.errorName() == invalidArgument() &&
                 badLimit.errorMessage().contains(QStringLiteral("memory.limit")),
             qPrintable(describe(badLimit)));
    const QDBusMessage badShares = update(QStringLiteral(R"({"cpu": {"shares": "many"}})"));
    QVERIFY2(badShares.errorName() == invalidArgument() &&
                 badShares.errorMessage().contains(QStringLiteral("cpu.shares")),
             qPrintable(describe(badShares)));
    expectHelperUp();
    QCOMPARE(victimState(), QStringLiteral("running"));
}

void TestHelperService::malformedStats()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectError(m_harness->call(QStringLiteral("SubscribeStats"), {QStringList{id}, 0u}),
                invalidArgument(), QStringLiteral("interval_ms"));
    expectError(m_harness->call(QStringLiteral("SubscribeStats"), {QStringList{id}, 100u}),
                invalidArgument(), QStringLiteral("interval_ms"));
    const QDBusMessage unknown =
        m_harness->call(QStringLiteral("SubscribeStats"), {QStringList{UnknownId}, 1000u});
    QVERIFY2(unknown.errorName() == noSuchContainer(), qPrintable(describe(unknown)));
    const QDBusMessage mixed =
        m_harness->call(QStringLiteral("Stats"), {QStringList{id, UnknownId}});
    QVERIFY2(mixed.errorName() == noSuchContainer(), qPrintable(describe(mixed)));
    expectHelperUp();
}

void TestHelperService::malformedLogs()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    expectError(m_harness->call(QStringLiteral("Logs"), {id, qint64(-5), -1}), invalidArgument(),
                QStringLiteral("since_ms"));
    expectError(m_harness->call(QStringLiteral("Logs"), {id, qint64(0), -2}), invalidArgument(),
                QStringLiteral("tail"));
}

void TestHelperService::malformedExec()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    const QString sink = m_harness->scratchDir() + QStringLiteral("/exec-sink");
    const int writable =
        ::open(QFile::encodeName(sink).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    const int readable = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    QVERIFY(writable >= 0 && readable >= 0);
    const QDBusUnixFileDescriptor in(readable);
    const QDBusUnixFileDescriptor out(writable);
    ::close(writable);
    ::close(readable);
    const auto exec = [&](const QString &process, const QDBusUnixFileDescriptor &stdinFd,
                          const QDBusUnixFileDescriptor &stdoutFd) {
        return m_harness->call(QStringLiteral("Exec"),
                               {id, process, QVariant::fromValue(stdinFd),
                                QVariant::fromValue(stdoutFd), QVariant::fromValue(out)});
    };
    expectError(exec(QStringLiteral("{not json"), in, out), invalidArgument(),
                QStringLiteral("process_json"));
    expectError(
        exec(QStringLiteral(R"({"args": [], "cwd": "/", "user": {"uid": 0, "gid": 0}})"), in, out),
        invalidArgument(), QStringLiteral("process.args"));
    expectError(exec(QStringLiteral(R"({"args": "sh", "cwd": "/", "user": {"uid": 0, "gid": 0}})"),
                     in, out),
                invalidArgument(), QStringLiteral("process.args"));
    expectError(exec(QString(1024 * 1024, u'{'), in, out), invalidArgument(),
                QStringLiteral("process_json"));
    // A descriptor that cannot serve its role: stdout open for reading only, stdin for
    // writing only.
    expectError(
        exec(QStringLiteral(R"({"args": ["true"], "cwd": "/", "user": {"uid": 0, "gid": 0}})"), in,
             in),
        invalidArgument(), QStringLiteral("stdout_fd"));
    expectError(
        exec(QStringLiteral(R"({"args": ["true"], "cwd": "/", "user": {"uid": 0, "gid": 0}})"), out,
             out),
        invalidArgument(), QStringLiteral("stdin_fd"));
}

void TestHelperService::wrongArgumentTypes()
{
    // A message whose signature matches no method: the bus library answers, the helper stays.
    for (const QString &method : {QStringLiteral("Create"),
                                  QStringLiteral("Start"),
                                  QStringLiteral("Stop"),
                                  QStringLiteral("Kill"),
                                  QStringLiteral("Remove"),
                                  QStringLiteral("Pause"),
                                  QStringLiteral("Resume"),
                                  QStringLiteral("Update"),
                                  QStringLiteral("List"),
                                  QStringLiteral("Inspect"),
                                  QStringLiteral("Stats"),
                                  QStringLiteral("SubscribeStats"),
                                  QStringLiteral("UnsubscribeStats"),
                                  QStringLiteral("Logs"),
                                  QStringLiteral("FollowLogs"),
                                  QStringLiteral("UnfollowLogs"),
                                  QStringLiteral("Exec"),
                                  QStringLiteral("Probe"),
                                  QStringLiteral("ListImages"),
                                  QStringLiteral("MakeDefaultImage")}) {
        const QDBusMessage reply =
            m_harness->call(method, {QVariant::fromValue(3.5), QVariant::fromValue(true)});
        QVERIFY2(reply.type() == QDBusMessage::ErrorMessage, qPrintable(method));
        expectHelperUp();
    }
}

// ---- failure, recovery, logs, exec, probe, stats ------------------------------------------

void TestHelperService::failsClosedWithoutPolkit()
{
    m_harness->bus().stopPolkit();
    const CallResult plain = m_harness->callAs(m_plain.get(), {QStringLiteral("List")});
    QCOMPARE(plain.errorName, accessDenied());
    const CallResult member = m_harness->callAs(
        m_alice.get(), {QStringLiteral("Create"), configFile(Sleeper), QString(), QString()});
    QVERIFY2(member.errorName == accessDenied(), qPrintable(member.describe()));
    QVERIFY2(member.errorMessage.contains(ManageOwn), qPrintable(member.errorMessage));
    const CallResult memberList = m_harness->callAs(m_alice.get(), {QStringLiteral("List")});
    QCOMPARE(memberList.errorName, accessDenied());

    // Root goes on: through the bus as another process, and from this one.
    const CallResult rootList = m_harness->callAs(nullptr, {QStringLiteral("List")});
    QVERIFY2(rootList.ok(), qPrintable(rootList.describe()));
    auto id = m_harness->runContainer(Sleeper);
    QVERIFY2(id.ok(), explain(id));
    const QDBusMessage removed = m_harness->call(QStringLiteral("Remove"), {id.value(), true});
    QVERIFY2(succeeded(removed), qPrintable(describe(removed)));

    const auto restarted = m_harness->bus().startPolkit();
    QVERIFY2(restarted.ok(), explain(restarted));
    const CallResult again = m_harness->callAs(m_alice.get(), {QStringLiteral("List")});
    QVERIFY2(again.ok(), qPrintable(again.describe()));
}

void TestHelperService::containersSurviveHelperKill()
{
    QStringList ids;
    QList<qint64> pids;
    for (int i = 0; i < 3; ++i) {
        auto id = m_harness->runContainer(Sleeper, QStringLiteral("survivor-%1").arg(i));
        QVERIFY2(id.ok(), explain(id));
        ids << id.value();
    }
    const QJsonArray before = jsonArray(firstString(m_harness->call(QStringLiteral("List"))));
    for (const QString &id : std::as_const(ids)) {
        const qint64 pid = summaryOf(before, id).value(QStringLiteral("pid")).toInteger();
        QVERIFY2(processAlive(pid), qPrintable(id));
        pids << pid;
    }

    m_harness->killHelper();
    for (qint64 pid : std::as_const(pids))
        QVERIFY2(processAlive(pid), qPrintable(QString::number(pid)));
    const auto restarted = m_harness->startHelper();
    QVERIFY2(restarted.ok(), explain(restarted));
    m_helperPid = m_harness->helperPid();

    const QJsonArray after = jsonArray(firstString(m_harness->call(QStringLiteral("List"))));
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QJsonObject summary = summaryOf(after, ids[i]);
        QCOMPARE(summary.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        QCOMPARE(summary.value(QStringLiteral("pid")).toInteger(), pids[i]);
        QCOMPARE(summary.value(QStringLiteral("name")).toString(),
                 QStringLiteral("survivor-%1").arg(i));
    }
    const QDBusMessage stats = m_harness->call(QStringLiteral("Stats"), {ids});
    QVERIFY2(succeeded(stats), qPrintable(describe(stats)));
    const QJsonObject samples = jsonObject(firstString(stats));
    for (const QString &id : std::as_const(ids)) {
        const QJsonObject sample = samples.value(id).toObject();
        QVERIFY2(sample.value(QStringLiteral("pids")).toInteger() >= 1,
                 qPrintable(firstString(stats)));
        QVERIFY(sample.value(QStringLiteral("memory_usage")).toInteger() > 0);
        QVERIFY(sample.contains(QStringLiteral("cpu_usage_ns")));
    }
    for (const QString &id : std::as_const(ids)) {
        const QDBusMessage stopped = m_harness->call(QStringLiteral("Stop"), {id, 1u});
        QVERIFY2(succeeded(stopped), qPrintable(describe(stopped)));
    }
    const QJsonArray end = jsonArray(firstString(m_harness->call(QStringLiteral("List"))));
    for (qsizetype i = 0; i < ids.size(); ++i) {
        QCOMPARE(summaryOf(end, ids[i]).value(QStringLiteral("state")).toString(),
                 QStringLiteral("stopped"));
        QTRY_VERIFY(!processAlive(pids[i]));
        removeContainer(ids[i], false);
    }
}

void TestHelperService::logsSurviveRestartAndExit()
{
    // One line on each stream, then quiet until SIGTERM, which prints one more.
    auto id = m_harness->runContainer(
        {QStringLiteral("sh"), QStringLiteral("-c"),
         QStringLiteral("echo first-out; echo first-err >&2; trap 'echo bye; exit 0' TERM; "
                        "while :; do sleep 1; done")});
    QVERIFY2(id.ok(), explain(id));
    const auto logs = [&](qint64 since, int tail) {
        return jsonLines(
            firstString(m_harness->call(QStringLiteral("Logs"), {id.value(), since, tail})));
    };
    const auto lineTexts = [](const QJsonArray &lines) {
        QStringList texts;
        for (const QJsonValue &line : lines)
            texts << line.toObject().value(QStringLiteral("line")).toString();
        return texts;
    };
    QTRY_COMPARE(logs(0, -1).size(), 2);
    const QJsonArray all = logs(0, -1);
    QStringList streams;
    for (const QJsonValue &line : all) {
        const QJsonObject object = line.toObject();
        streams << object.value(QStringLiteral("stream")).toString();
        QVERIFY2(QDateTime::fromString(object.value(QStringLiteral("time")).toString(),
                                       Qt::ISODateWithMs)
                     .isValid(),
                 qPrintable(object.value(QStringLiteral("time")).toString()));
    }
    streams.sort();
    QCOMPARE(streams, (QStringList{QStringLiteral("stderr"), QStringLiteral("stdout")}));
    QCOMPARE(logs(0, 1).size(), 1);
    QCOMPARE(logs(QDateTime::currentMSecsSinceEpoch() + 3600000, -1).size(), 0);

    m_harness->killHelper();
    QVERIFY2(m_harness->startHelper().ok(), qPrintable(m_harness->helperLog()));
    m_helperPid = m_harness->helperPid();
    QCOMPARE(lineTexts(logs(0, -1)).size(), 2);

    // Following after the restart: the lines the stop causes arrive as LogLines.
    SignalRecorder follower(m_harness->rootConnection(), QStringLiteral("LogLines"));
    QVERIFY(follower.connected);
    QVERIFY(succeeded(m_harness->call(QStringLiteral("FollowLogs"), {id.value()})));
    const QDBusMessage stopped = m_harness->call(QStringLiteral("Stop"), {id.value(), 5u});
    QVERIFY2(succeeded(stopped), qPrintable(describe(stopped)));
    QTRY_VERIFY(std::any_of(
        follower.received.cbegin(), follower.received.cend(), [&](const QVariantList &signal) {
            return signal.value(0).toString() == id.value() &&
                   lineTexts(jsonLines(signal.value(1).toString())).contains(QStringLiteral("bye"));
        }));
    // And after the exit, everything is still there (the two streams in either order).
    QStringList texts = lineTexts(logs(0, -1));
    texts.sort();
    QCOMPARE(texts, (QStringList{QStringLiteral("bye"), QStringLiteral("first-err"),
                                 QStringLiteral("first-out")}));
    removeContainer(id.value(), false);
}

void TestHelperService::execWithFileDescriptors()
{
    // As a member on her own container, so that the descriptors are opened as her.
    const CallResult created = m_harness->callAs(
        m_alice.get(), {QStringLiteral("Create"), configFile(Sleeper), QString(), QString()});
    QVERIFY2(created.ok(), qPrintable(created.describe()));
    const QString id = created.output.trimmed();
    QVERIFY(m_harness->callAs(m_alice.get(), {QStringLiteral("Start"), id}).ok());

    const QString scratch = m_harness->scratchDir();
    const QString input = scratch + QStringLiteral("/exec-in");
    QFile in(input);
    QVERIFY(in.open(QIODevice::WriteOnly));
    in.write("from-stdin\n");
    in.close();
    QFile::setPermissions(input, QFile::ReadOwner | QFile::ReadOther);
    const QString output = scratch + QStringLiteral("/exec-out");
    const QString errors = scratch + QStringLiteral("/exec-err");
    // ExecExited goes to the caller of Exec only: root's connection here must hear nothing.
    SignalRecorder bystander(m_harness->rootConnection(), QStringLiteral("ExecExited"));
    QVERIFY(bystander.connected);

    const CallResult ran = m_harness->callAs(
        m_alice.get(),
        {QStringLiteral("--wait"), QStringLiteral("ExecExited"), QStringLiteral("Exec"), id,
         QStringLiteral(
             R"({"args": ["sh", "-c", "cat; echo to-err >&2; exit 7"], "cwd": "/", "user": {"uid": 0, "gid": 0}})"),
         input, output, errors});
    QVERIFY2(ran.ok(), qPrintable(ran.describe()));
    const QStringList lines = ran.output.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 2);
    const QString pid = lines[0];
    QVERIFY2(pid.toInt() > 0, qPrintable(pid));
    QCOMPARE(lines[1],
             QStringList({QStringLiteral("ExecExited"), id, pid, QStringLiteral("7")}).join(u'\t'));
    QCOMPARE(readFile(output), QByteArray("from-stdin\n"));
    QCOMPARE(readFile(errors), QByteArray("to-err\n"));

    // A signal's death is 128 + its number.
    const CallResult killed = m_harness->callAs(
        m_alice.get(),
        {QStringLiteral("--wait"), QStringLiteral("ExecExited"), QStringLiteral("Exec"), id,
         QStringLiteral(
             R"({"args": ["sh", "-c", "kill -9 $$"], "cwd": "/", "user": {"uid": 0, "gid": 0}})"),
         QStringLiteral("/dev/null"), output, errors});
    QVERIFY2(killed.ok(), qPrintable(killed.describe()));
    QVERIFY2(killed.output.trimmed().endsWith(QStringLiteral("\t137")), qPrintable(killed.output));

    QTest::qWait(200);
    QCOMPARE(bystander.received.size(), 0);
    removeContainer(id, true);
}

void TestHelperService::probeShowsBothSides()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    const QDBusMessage probed = m_harness->call(QStringLiteral("Probe"), {id});
    QVERIFY2(succeeded(probed), qPrintable(describe(probed) + u' ' + m_harness->helperLog()));
    const QJsonObject probe = jsonObject(firstString(probed));
    const QJsonObject container = probe.value(QStringLiteral("container")).toObject();
    const QJsonObject host = probe.value(QStringLiteral("host")).toObject();
    QVERIFY2(!container.isEmpty() && !host.isEmpty(), qPrintable(firstString(probed)));
    // The container is in a pid namespace of its own: the two sides differ there.
    QVERIFY2(container.contains(QStringLiteral("namespaces")), qPrintable(firstString(probed)));
    QVERIFY2(container.value(QStringLiteral("namespaces")) !=
                 host.value(QStringLiteral("namespaces")),
             qPrintable(firstString(probed)));
}

void TestHelperService::statsBatchReachesTheSubscriberOnly()
{
    const QString id = victim();
    QVERIFY(!id.isEmpty());
    const QDBusConnection subscriberBus =
        m_harness->bus().connect(QStringLiteral("isolde-test-subscriber"));
    const QDBusConnection bystanderBus =
        m_harness->bus().connect(QStringLiteral("isolde-test-bystander"));
    SignalRecorder subscriber(subscriberBus, QStringLiteral("StatsBatch"));
    SignalRecorder bystander(bystanderBus, QStringLiteral("StatsBatch"));
    QVERIFY(subscriber.connected && bystander.connected);

    QDBusMessage subscribe = QDBusMessage::createMethodCall(
        QLatin1String(protocol::ServiceName), QLatin1String(protocol::ObjectPath),
        QLatin1String(protocol::InterfaceName), QStringLiteral("SubscribeStats"));
    subscribe.setArguments({QStringList{id}, 250u});
    const QDBusMessage subscribed = subscriberBus.call(subscribe);
    QVERIFY2(succeeded(subscribed), qPrintable(describe(subscribed)));
    QTRY_VERIFY_WITH_TIMEOUT(subscriber.received.size() >= 3, 15000);

    qint64 previous = 0;
    for (const QVariantList &batch : std::as_const(subscriber.received)) {
        const QJsonObject samples = jsonObject(batch.value(0).toString());
        QVERIFY2(samples.contains(id), qPrintable(batch.value(0).toString()));
        const qint64 time =
            samples.value(id).toObject().value(QStringLiteral("time_ms")).toInteger();
        // Never faster than asked (a little slack for the sampler's own clock reads).
        if (previous)
            QVERIFY2(time - previous >= 200, qPrintable(QString::number(time - previous)));
        previous = time;
    }
    QCOMPARE(bystander.received.size(), 0);

    QDBusMessage unsubscribe = QDBusMessage::createMethodCall(
        QLatin1String(protocol::ServiceName), QLatin1String(protocol::ObjectPath),
        QLatin1String(protocol::InterfaceName), QStringLiteral("UnsubscribeStats"));
    QVERIFY(succeeded(subscriberBus.call(unsubscribe)));
    // Batches sent before the reply arrived before it; none may follow.
    QCoreApplication::processEvents();
    const qsizetype received = subscriber.received.size();
    QTest::qWait(1000);
    QCOMPARE(subscriber.received.size(), received);
    QCOMPARE(bystander.received.size(), 0);
    QDBusConnection::disconnectFromBus(QStringLiteral("isolde-test-subscriber"));
    QDBusConnection::disconnectFromBus(QStringLiteral("isolde-test-bystander"));
}

void TestHelperService::stateChangesReachOnlyThoseWhoMayRead()
{
    SignalRecorder root(m_harness->rootConnection(), QStringLiteral("ContainerStateChanged"));
    QVERIFY(root.connected);
    // The helper sends these to the connections it knows as readers: those that called it.
    QVERIFY(succeeded(m_harness->call(QStringLiteral("List"))));
    // Bob has read his (empty) list, so the helper knows him as a reader; he stays on the bus
    // until his wait times out, and must hear nothing of Alice's container.
    QProcess bob;
    m_harness->startCallAs(bob, m_bob.get(),
                           {QStringLiteral("--timeout"), QStringLiteral("4000"),
                            QStringLiteral("--wait"), QStringLiteral("ContainerStateChanged"),
                            QStringLiteral("List")});
    QTRY_VERIFY(bob.canReadLine());
    QCOMPARE(bob.readLine().trimmed(), QByteArray("[]"));

    const CallResult created = m_harness->callAs(
        m_alice.get(), {QStringLiteral("Create"), configFile(Sleeper), QString(), QString()});
    QVERIFY2(created.ok(), qPrintable(created.describe()));
    const QString id = created.output.trimmed();
    QVERIFY(m_harness->callAs(m_alice.get(), {QStringLiteral("Start"), id}).ok());
    QVERIFY(
        m_harness->callAs(m_alice.get(), {QStringLiteral("Stop"), id, QStringLiteral("1")}).ok());
    QVERIFY(
        m_harness->callAs(m_alice.get(), {QStringLiteral("Remove"), id, QStringLiteral("false")})
            .ok());

    // Root may read every container: it hears each step, in order.
    const auto statesOf = [&] {
        QStringList states;
        for (const QVariantList &change : std::as_const(root.received)) {
            if (change.value(0).toString() == id)
                states << change.value(1).toString();
        }
        return states;
    };
    QTRY_VERIFY2(statesOf().contains(QStringLiteral("removed")), qPrintable(statesOf().join(u' ')));
    QCOMPARE(statesOf(), (QStringList{QStringLiteral("created"), QStringLiteral("running"),
                                      QStringLiteral("stopped"), QStringLiteral("removed")}));

    QVERIFY(bob.waitForFinished(15000));
    QCOMPARE(bob.readAll().trimmed(), QByteArray("TIMEOUT ContainerStateChanged"));
}

void TestHelperService::cleanupSweepsWhatADeadHelperLeft()
{
    // The harness's own promise: with the helper gone (no Remove through the bus possible),
    // cleanup() still kills every container process and removes the cgroups.
    auto running = m_harness->runContainer(Sleeper);
    QVERIFY2(running.ok(), explain(running));
    const QDBusMessage created = m_harness->call(
        QStringLiteral("Create"),
        {QString::fromUtf8(HelperHarness::containerConfig(Sleeper)), QString(), QString()});
    QVERIFY2(succeeded(created), qPrintable(describe(created)));
    const QJsonArray summaries = jsonArray(firstString(m_harness->call(QStringLiteral("List"))));
    QList<qint64> pids;
    for (const QString &id : {running.value(), firstString(created)})
        pids << summaryOf(summaries, id).value(QStringLiteral("pid")).toInteger();
    for (qint64 pid : std::as_const(pids))
        QVERIFY2(processAlive(pid), qPrintable(QString::number(pid)));
    const QString cgroupOfRunning = QStringLiteral("/isolde/helper/") + running.value();
    QVERIFY(isolde::engine::Cgroup::open(cgroupOfRunning, running.value()).ok());

    m_harness->killHelper();
    m_helperPid = 0;
    m_victim.clear();
    m_harness->cleanup();
    for (qint64 pid : std::as_const(pids))
        QTRY_VERIFY2(!processAlive(pid), qPrintable(QString::number(pid)));
    for (const QString &id : {running.value(), firstString(created)}) {
        const auto cgroup =
            isolde::engine::Cgroup::open(QStringLiteral("/isolde/helper/") + id, id);
        QVERIFY2(!cgroup.ok(), qPrintable(id));
    }
}

void TestHelperService::idleHelperExits()
{
    // Nothing runs (cleanup() removes every container and stops the helper); a helper with a
    // short idle timeout answers a call, then leaves by itself.
    m_harness->cleanup();
    m_victim.clear();
    const auto started =
        m_harness->startHelper({QStringLiteral("--idle-timeout"), QStringLiteral("1")});
    QVERIFY2(started.ok(), explain(started));
    m_helperPid = 0;
    const CallResult listed = m_harness->callAs(nullptr, {QStringLiteral("List")});
    QVERIFY2(listed.ok(), qPrintable(listed.describe()));
    QVERIFY2(m_harness->waitForHelperExit(30000), qPrintable(m_harness->helperLog()));
    QCOMPARE(m_harness->helperExitCode(), 0);
    QTRY_VERIFY(!m_harness->helperOwnsName());

    // With a container running it stays, well past its timeout.
    QVERIFY(m_harness->startHelper({QStringLiteral("--idle-timeout"), QStringLiteral("1")}).ok());
    auto id = m_harness->runContainer(Sleeper);
    QVERIFY2(id.ok(), explain(id));
    QTest::qWait(3000);
    QVERIFY(m_harness->helperRunning());
    removeContainer(id.value(), true);
    QVERIFY2(m_harness->waitForHelperExit(30000), qPrintable(m_harness->helperLog()));
}

QTEST_GUILESS_MAIN(TestHelperService)
#include "tst_helper_service.moc"
