// PolkitAuthorizer against the real polkitd, with the project's policy and rules, on a
// private system bus. Callers are separate processes running as root or as test users, so
// polkit sees real uids and groups.
#include "PolkitAuthorizer.h"
#include "PrivateSystemBus.h"
#include "TestAccounts.h"
#include "helper1proxy.h"

#include <QDBusContext>
#include <QDBusMessage>
#include <QProcess>
#include <QTest>
#include <optional>
#include <unistd.h>

using isolde::service::Authorization;
using isolde::service::PolkitAuthorizer;
using isolde::test::EnsuredGroup;
using isolde::test::PrivateSystemBus;
using isolde::test::TestUser;
namespace actions = isolde::service::actions;

namespace {

const QString IsoldeGroup = QStringLiteral("isolde");
const QStringList AllActions = {QString::fromLatin1(actions::ContainerManageOwn),
                                QString::fromLatin1(actions::ContainerManageAny),
                                QString::fromLatin1(actions::ContainerReadOwn),
                                QString::fromLatin1(actions::ImageRead),
                                QString::fromLatin1(actions::ImageManage)};

// org.isolde.Test1.Authorize(action) -> (allowed, uid, cached, reason), answered late through
// PolkitAuthorizer the way the helper answers its calls.
class AuthorizeService : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.isolde.Test1")
public:
    explicit AuthorizeService(PolkitAuthorizer *authorizer)
        : m_authorizer(authorizer)
    {}

public slots:
    void Authorize(const QString &action)
    {
        setDelayedReply(true);
        const QDBusMessage request = message();
        const QDBusConnection bus = connection();
        m_authorizer->authorize(
            request.service(), action, [request, bus](const Authorization &answer) {
                bus.send(request.createReply(
                    QVariantList{answer.allowed, answer.uid, answer.cached, answer.reason}));
            });
    }

private:
    PolkitAuthorizer *m_authorizer;
};

// QVERIFY2 evaluates its message even when the check passes.
template<typename T>
QByteArray why(const isolde::Expected<T> &result)
{
    return result.ok() ? QByteArray() : result.error().toString().toLocal8Bit();
}

struct Answer
{
    QString verdict; // "allowed", "refused", or "error" when the call itself failed
    uint uid = 0;
    bool cached = false;
    QString reason;
};

// One isolde-test-authorize-caller process on the private bus, as root or as a test user.
class Caller
{
public:
    explicit Caller(const TestUser *user = nullptr)
    {
        const QString program = QCoreApplication::applicationDirPath() +
                                QStringLiteral("/isolde-test-authorize-caller");
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // Dies with this test, whatever the test dies of.
        QStringList arguments{QStringLiteral("--pdeathsig=KILL")};
        if (user)
            arguments << QStringLiteral("--reuid=%1").arg(user->uid())
                      << QStringLiteral("--regid=%1").arg(user->gid())
                      << QStringLiteral("--init-groups");
        m_process.start(QStringLiteral("setpriv"), arguments << QStringLiteral("--") << program);
        const QStringList first = readLine().split(u'\t');
        if (first.size() == 2 && first[0] == u"name")
            m_busName = first[1];
        else
            qWarning("caller did not start: %s", qPrintable(first.join(u' ')));
    }
    ~Caller()
    {
        if (!finish())
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    Caller(const Caller &) = delete;
    Caller &operator=(const Caller &) = delete;

    QString busName() const { return m_busName; }

    QString request(const QString &line)
    {
        m_process.write((line + u'\n').toUtf8());
        return readLine();
    }

    Answer authorize(const QString &action)
    {
        const QStringList fields = request(action).split(u'\t');
        Answer answer;
        answer.verdict = fields.value(0);
        if (answer.verdict == u"error") {
            answer.reason = fields.mid(1).join(u' ');
            return answer;
        }
        answer.uid = fields.value(1).toUInt();
        answer.cached = fields.value(2) == u"cached";
        answer.reason = fields.value(3);
        return answer;
    }

    // Closes its stdin; it leaves the bus as it exits.
    bool finish()
    {
        if (m_process.state() == QProcess::NotRunning)
            return true;
        m_process.closeWriteChannel();
        return QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, 10000);
    }

private:
    // Spins the event loop while waiting, so that this process's service answers the caller.
    QString readLine()
    {
        const bool ready = QTest::qWaitFor(
            [this] { return m_process.canReadLine() || m_process.state() == QProcess::NotRunning; },
            60000);
        if (!ready)
            qWarning("caller gave no answer within a minute");
        QString line = QString::fromUtf8(m_process.readLine());
        if (line.endsWith(u'\n'))
            line.chop(1);
        return line;
    }

    QProcess m_process;
    QString m_busName;
};

} // namespace

class TestPolkitAuthorizer : public QObject
{
    Q_OBJECT
public:
    ~TestPolkitAuthorizer() override { releaseAll(); }

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase() { releaseAll(); }

    void rootIsAllowedEverything();
    void plainUserIsRefusedEverything();
    void onlyRootOwnsTheHelperName();
    void joiningGroupIsoldeAllowsOwnButNotAny();
    void callerThatCannotBeIdentifiedIsRefused();
    void grantIsRememberedUntilTheNameLeaves();
    void concurrentChecksOfOneCallerAllSettle();
    void callerLeavingDuringItsCheckIsNotRemembered();
    void failsClosedWithoutPolkit();
    void proxyReachesTheHelperName();

private:
    void releaseAll();

    std::unique_ptr<PrivateSystemBus> m_bus;
    std::unique_ptr<EnsuredGroup> m_group;
    std::unique_ptr<TestUser> m_plain;
    std::unique_ptr<TestUser> m_member;
    std::unique_ptr<PolkitAuthorizer> m_authorizer;
    std::unique_ptr<AuthorizeService> m_service;
};

void TestPolkitAuthorizer::initTestCase()
{
    if (geteuid() != 0)
        QSKIP("needs root: runs polkitd and adds users inside a private mount namespace");
    m_bus = std::make_unique<PrivateSystemBus>(QStringLiteral(ISOLDE_TEST_SOURCE_DIR));
    const auto started = m_bus->start();
    QVERIFY2(started.ok(), why(started));

    auto group = EnsuredGroup::ensure(IsoldeGroup);
    QVERIFY2(group.ok(), why(group));
    m_group = std::move(group.value());
    auto plain = TestUser::create(QStringLiteral("isoldetest-plain"));
    QVERIFY2(plain.ok(), why(plain));
    m_plain = std::move(plain.value());
    auto member = TestUser::create(QStringLiteral("isoldetest-member"));
    QVERIFY2(member.ok(), why(member));
    m_member = std::move(member.value());
    const auto joined = m_member->joinGroup(IsoldeGroup);
    QVERIFY2(joined.ok(), why(joined));

    QDBusConnection serviceBus = m_bus->connect(QStringLiteral("isolde-test-service"));
    QVERIFY2(serviceBus.isConnected(), qPrintable(serviceBus.lastError().message()));
    m_authorizer = std::make_unique<PolkitAuthorizer>(serviceBus);
    m_service = std::make_unique<AuthorizeService>(m_authorizer.get());
    QVERIFY(serviceBus.registerObject(QStringLiteral("/org/isolde/Test"), m_service.get(),
                                      QDBusConnection::ExportAllSlots));
    // Also proves the project's bus policy lets root own the helper's name.
    QVERIFY2(serviceBus.registerService(QStringLiteral("org.isolde.Helper1")),
             qPrintable(serviceBus.lastError().message()));
}

void TestPolkitAuthorizer::init()
{
    // A test that stopped polkitd must not change the next one's world.
    if (m_bus && !m_bus->polkitRunning()) {
        const auto restarted = m_bus->startPolkit();
        QVERIFY2(restarted.ok(), why(restarted));
    }
}

void TestPolkitAuthorizer::releaseAll()
{
    m_service.reset();
    m_authorizer.reset();
    QDBusConnection::disconnectFromBus(QStringLiteral("isolde-test-service"));
    QDBusConnection::disconnectFromBus(QStringLiteral("isolde-test-proxy"));
    m_member.reset();
    m_plain.reset();
    m_group.reset();
    m_bus.reset();
}

void TestPolkitAuthorizer::rootIsAllowedEverything()
{
    Caller root;
    QVERIFY(!root.busName().isEmpty());
    for (const QString &action : AllActions) {
        const Answer answer = root.authorize(action);
        QVERIFY2(answer.verdict == u"allowed",
                 qPrintable(action + QStringLiteral(": ") + answer.reason));
        QCOMPARE(answer.uid, 0u);
    }
}

void TestPolkitAuthorizer::plainUserIsRefusedEverything()
{
    Caller plain(m_plain.get());
    QVERIFY(!plain.busName().isEmpty());
    for (const QString &action : AllActions) {
        const Answer answer = plain.authorize(action);
        QVERIFY2(answer.verdict == u"refused",
                 qPrintable(action + QStringLiteral(": ") + answer.verdict));
        QCOMPARE(answer.uid, m_plain->uid());
        QVERIFY2(answer.reason.contains(action), qPrintable(answer.reason));
    }
}

void TestPolkitAuthorizer::onlyRootOwnsTheHelperName()
{
    // The name is let go for this test, so only the bus policy can stand in a caller's way.
    const QString helperName = QStringLiteral("org.isolde.Helper1");
    QDBusConnection serviceBus = m_bus->connect(QStringLiteral("isolde-test-service"));
    QVERIFY(serviceBus.unregisterService(helperName));
    const QString accessDenied = QStringLiteral("refused\torg.freedesktop.DBus.Error.AccessDenied");
    {
        Caller plain(m_plain.get());
        const QString answer = plain.request(QStringLiteral("own"));
        QVERIFY2(answer.startsWith(accessDenied), qPrintable(answer));
        Caller member(m_member.get());
        QVERIFY(member.request(QStringLiteral("own")).startsWith(accessDenied));
    }
    QVERIFY2(serviceBus.registerService(helperName), qPrintable(serviceBus.lastError().message()));
}

void TestPolkitAuthorizer::joiningGroupIsoldeAllowsOwnButNotAny()
{
    auto created = TestUser::create(QStringLiteral("isoldetest-joiner"));
    QVERIFY2(created.ok(), why(created));
    const std::unique_ptr<TestUser> joiner = std::move(created.value());
    {
        Caller before(joiner.get());
        QCOMPARE(before.authorize(QString::fromLatin1(actions::ContainerManageOwn)).verdict,
                 QStringLiteral("refused"));
    }
    const auto joined = joiner->joinGroup(IsoldeGroup);
    QVERIFY2(joined.ok(), why(joined));

    Caller after(joiner.get());
    for (const char *action :
         {actions::ContainerManageOwn, actions::ContainerReadOwn, actions::ImageRead}) {
        const Answer answer = after.authorize(QString::fromLatin1(action));
        QVERIFY2(answer.verdict == u"allowed", qPrintable(answer.verdict + u' ' + answer.reason));
        QCOMPARE(answer.uid, joiner->uid());
    }
    for (const char *action : {actions::ContainerManageAny, actions::ImageManage}) {
        const Answer answer = after.authorize(QString::fromLatin1(action));
        QVERIFY2(answer.verdict == u"refused", qPrintable(QString::fromLatin1(action)));
        QVERIFY2(answer.reason.contains(QLatin1String(action)), qPrintable(answer.reason));
    }
}

void TestPolkitAuthorizer::callerThatCannotBeIdentifiedIsRefused()
{
    // A unique name nobody holds: the bus cannot say whose it is, so nothing is allowed.
    const QString nobody = QStringLiteral(":1.999999");
    std::optional<Authorization> answer;
    bool returned = false;
    bool answeredInsideCall = false;
    m_authorizer->authorize(nobody, QString::fromLatin1(actions::ContainerReadOwn),
                            [&](const Authorization &result) {
                                answeredInsideCall = !returned;
                                answer = result;
                            });
    returned = true;
    QTRY_VERIFY(answer.has_value());
    QVERIFY(!answeredInsideCall);
    QVERIFY(!answer->allowed);
    QVERIFY(!answer->uidKnown);
    QVERIFY2(answer->reason.contains(QLatin1String(actions::ContainerReadOwn)),
             qPrintable(answer->reason));
    QVERIFY(m_authorizer->cachedActions(nobody).isEmpty());
}

void TestPolkitAuthorizer::grantIsRememberedUntilTheNameLeaves()
{
    const QString manageOwn = QString::fromLatin1(actions::ContainerManageOwn);
    const QString manageAny = QString::fromLatin1(actions::ContainerManageAny);
    Caller member(m_member.get());
    const QString name = member.busName();
    QVERIFY(!name.isEmpty());

    const Answer first = member.authorize(manageOwn);
    QCOMPARE(first.verdict, QStringLiteral("allowed"));
    QVERIFY(!first.cached);
    const Answer second = member.authorize(manageOwn);
    QCOMPARE(second.verdict, QStringLiteral("allowed"));
    QVERIFY(second.cached);
    QCOMPARE(second.uid, m_member->uid());
    // Refusals are not remembered: polkit is asked again each time.
    QVERIFY(!member.authorize(manageAny).cached);
    const Answer again = member.authorize(manageAny);
    QCOMPARE(again.verdict, QStringLiteral("refused"));
    QVERIFY(!again.cached);
    QCOMPARE(m_authorizer->cachedActions(name), QSet<QString>{manageOwn});

    QVERIFY(member.finish());
    QTRY_VERIFY(m_authorizer->cachedActions(name).isEmpty());
    // Every caller of the earlier tests has left too: nothing may linger.
    QTRY_COMPARE(m_authorizer->rememberedCallerCount(), qsizetype(0));
}

void TestPolkitAuthorizer::concurrentChecksOfOneCallerAllSettle()
{
    // Several checks for one connection in flight at once (root, so all are granted): each
    // gets its answer, and the grant is remembered once, until the connection goes.
    const QString connectionName = QStringLiteral("isolde-test-concurrent");
    const QString name = m_bus->connect(connectionName).baseService();
    const QString readOwn = QString::fromLatin1(actions::ContainerReadOwn);
    int allowed = 0;
    int answered = 0;
    for (int i = 0; i < 5; ++i)
        m_authorizer->authorize(name, readOwn, [&](const Authorization &answer) {
            ++answered;
            allowed += answer.allowed && answer.uid == 0 ? 1 : 0;
        });
    QTRY_COMPARE(answered, 5);
    QCOMPARE(allowed, 5);
    QCOMPARE(m_authorizer->cachedActions(name), QSet<QString>{readOwn});
    QCOMPARE(m_authorizer->rememberedCallerCount(), qsizetype(1));

    QDBusConnection::disconnectFromBus(connectionName);
    QTRY_COMPARE(m_authorizer->rememberedCallerCount(), qsizetype(0));
}

void TestPolkitAuthorizer::callerLeavingDuringItsCheckIsNotRemembered()
{
    // The connection goes while its check is still in flight. Whatever the check answers,
    // a name that has left the bus must not stay in the cache.
    const QString connectionName = QStringLiteral("isolde-test-leaving");
    const QString name = m_bus->connect(connectionName).baseService();
    bool answered = false;
    m_authorizer->authorize(name, QString::fromLatin1(actions::ContainerManageOwn),
                            [&](const Authorization &) { answered = true; });
    QDBusConnection::disconnectFromBus(connectionName);
    QTRY_VERIFY(answered);
    QTRY_COMPARE(m_authorizer->rememberedCallerCount(), qsizetype(0));
    QVERIFY(m_authorizer->cachedActions(name).isEmpty());
}

void TestPolkitAuthorizer::failsClosedWithoutPolkit()
{
    const QString manageOwn = QString::fromLatin1(actions::ContainerManageOwn);
    Caller member(m_member.get());
    QCOMPARE(member.authorize(manageOwn).verdict, QStringLiteral("allowed"));

    m_bus->stopPolkit();
    // What polkit granted before it went stays granted to this connection...
    const Answer remembered = member.authorize(manageOwn);
    QCOMPARE(remembered.verdict, QStringLiteral("allowed"));
    QVERIFY(remembered.cached);
    // ...but nothing new is: only root gets through while polkit cannot be asked.
    const Answer readOwn = member.authorize(QString::fromLatin1(actions::ContainerReadOwn));
    QCOMPARE(readOwn.verdict, QStringLiteral("refused"));
    QVERIFY2(readOwn.reason.contains(u"only root"), qPrintable(readOwn.reason));
    Caller newMember(m_member.get());
    QCOMPARE(newMember.authorize(manageOwn).verdict, QStringLiteral("refused"));
    Caller plain(m_plain.get());
    QCOMPARE(plain.authorize(manageOwn).verdict, QStringLiteral("refused"));
    Caller root;
    const Answer rootAnswer = root.authorize(QString::fromLatin1(actions::ContainerManageAny));
    QCOMPARE(rootAnswer.verdict, QStringLiteral("allowed"));
    QCOMPARE(rootAnswer.uid, 0u);
    // Root's fail-closed pass is not remembered as a polkit grant.
    QVERIFY(m_authorizer->cachedActions(root.busName()).isEmpty());

    const auto restarted = m_bus->startPolkit();
    QVERIFY2(restarted.ok(), why(restarted));
    QCOMPARE(newMember.authorize(manageOwn).verdict, QStringLiteral("allowed"));
}

void TestPolkitAuthorizer::proxyReachesTheHelperName()
{
    // The proxy generated from the interface XML reaches whoever owns org.isolde.Helper1
    // through the project's bus policy; here the test service, which exports no helper
    // object yet, so the call must come back as UnknownObject from it.
    QCOMPARE(QString::fromLatin1(Helper1Proxy::staticInterfaceName()),
             QStringLiteral("org.isolde.Helper1"));
    const QDBusConnection bus = m_bus->connect(QStringLiteral("isolde-test-proxy"));
    Helper1Proxy proxy(QStringLiteral("org.isolde.Helper1"), QStringLiteral("/org/isolde/Helper1"),
                       bus);
    QDBusPendingReply<QString> reply = proxy.List();
    QTRY_VERIFY(reply.isFinished());
    QVERIFY(reply.isError());
    QCOMPARE(reply.error().type(), QDBusError::UnknownObject);
}

QTEST_GUILESS_MAIN(TestPolkitAuthorizer)
#include "tst_polkitauthorizer.moc"
