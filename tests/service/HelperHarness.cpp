#include "HelperHarness.h"

#include "Cgroup.h"
#include "client/HelperProtocol.h"
#include "spec/SpecDefaults.h"

#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <sys/mount.h>
#include <sys/prctl.h>

namespace isolde::test {

namespace {

constexpr int StartTimeoutMs = 15000;
constexpr int StopTimeoutMs = 10000;
const QString RootConnectionName = QStringLiteral("isolde-helper-harness-root");
const QString WatchConnectionName = QStringLiteral("isolde-helper-harness-watch");

Error failure(const QString &what)
{
    return Error{QString(), what};
}

QString helperName()
{
    return QString::fromLatin1(protocol::ServiceName);
}

QStringList containerIdsIn(const QString &directory)
{
    static const QRegularExpression id(QStringLiteral("^[0-9a-f]{64}$"));
    QStringList ids;
    const QStringList names = QDir(directory).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        if (id.match(name).hasMatch())
            ids << name;
    }
    return ids;
}

// /proc/self/mountinfo escapes blanks and backslashes in paths as octal (\040).
QString unescapeMountPath(const QByteArray &field)
{
    QByteArray path;
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            path += char(field.mid(i + 1, 3).toInt(nullptr, 8));
            i += 3;
        } else {
            path += field[i];
        }
    }
    return QFile::decodeName(path);
}

} // namespace

QString CallResult::describe() const
{
    return QStringLiteral("exit %1, error %2 \"%3\", output \"%4\", stderr \"%5\"")
        .arg(QString::number(exitCode), errorName, errorMessage, output.trimmed(),
             diagnostics.trimmed());
}

HelperHarness::HelperHarness()
    : m_dir(QDir::tempPath() + QStringLiteral("/isolde-helper-test-XXXXXX"))
{}

HelperHarness::~HelperHarness()
{
    cleanup();
    m_helper.reset();
    QDBusConnection::disconnectFromBus(RootConnectionName);
    QDBusConnection::disconnectFromBus(WatchConnectionName);
    m_bus.reset();
}

QString HelperHarness::binDir()
{
    return QStringLiteral(ISOLDE_TEST_BIN_DIR);
}

QString HelperHarness::dataDir() const
{
    return m_dir.filePath(QStringLiteral("data"));
}

QString HelperHarness::stateDir() const
{
    return m_dir.filePath(QStringLiteral("state"));
}

QString HelperHarness::scratchDir() const
{
    return m_dir.filePath(QStringLiteral("scratch"));
}

Expected<void> HelperHarness::start(const QStringList &helperArguments)
{
    if (!m_dir.isValid())
        return failure(
            QStringLiteral("cannot make a temporary directory: %1").arg(m_dir.errorString()));
    // Containers whose root is a user namespace, and test users, must reach inside.
    const auto everyoneSearches = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                  QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                  QFile::ExeOther;
    QFile::setPermissions(m_dir.path(), everyoneSearches);
    for (const QString &dir : {dataDir(), stateDir(), scratchDir()}) {
        if (!QDir().mkpath(dir))
            return failure(QStringLiteral("cannot make %1").arg(dir));
    }
    QFile::setPermissions(scratchDir(), everyoneSearches | QFile::WriteGroup | QFile::WriteOther);

    m_bus = std::make_unique<PrivateSystemBus>(QStringLiteral(ISOLDE_TEST_SOURCE_DIR));
    if (auto started = m_bus->start(); !started)
        return started;
    return startHelper(helperArguments);
}

Expected<void> HelperHarness::startHelper(const QStringList &arguments)
{
    if (helperRunning())
        return failure(QStringLiteral("the helper already runs (pid %1)").arg(helperPid()));
    const QString program = binDir() + QStringLiteral("/isolde-helper");
    if (!QFile::exists(program))
        return failure(QStringLiteral("%1 is not built").arg(program));

    m_logPath = m_dir.filePath(QStringLiteral("helper.log"));
    m_helper = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ISOLDE_DATA_DIR"), dataDir());
    environment.insert(QStringLiteral("ISOLDE_STATE_DIR"), stateDir());
    m_helper->setProcessEnvironment(environment);
    m_helper->setProcessChannelMode(QProcess::MergedChannels);
    m_helper->setStandardOutputFile(m_logPath, QIODevice::Append);
    // Should the test die, the helper dies with it (its containers are another matter: they
    // are meant to outlive a helper crash).
    m_helper->setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_helper->start(program, arguments.isEmpty() ? QStringList{QStringLiteral("--idle-timeout"),
                                                               QStringLiteral("0")}
                                                 : arguments);
    if (!m_helper->waitForStarted(StartTimeoutMs))
        return failure(QStringLiteral("cannot run %1: %2").arg(program, m_helper->errorString()));

    const bool owned = QTest::qWaitFor(
        [this] { return helperOwnsName() || m_helper->state() == QProcess::NotRunning; },
        StartTimeoutMs);
    if (!owned || !helperRunning())
        return failure(QStringLiteral("isolde-helper did not take %1 on the bus: %2")
                           .arg(helperName(), helperLog()));
    return {};
}

void HelperHarness::killHelper()
{
    if (!helperRunning())
        return;
    ::kill(pid_t(m_helper->processId()), SIGKILL);
    m_helper->waitForFinished(StopTimeoutMs);
    if (!QTest::qWaitFor([this] { return !helperOwnsName(); }, StartTimeoutMs))
        qWarning("%s is still on the bus after the helper was killed", qPrintable(helperName()));
}

Expected<void> HelperHarness::restartHelper(const QStringList &arguments)
{
    killHelper();
    return startHelper(arguments);
}

bool HelperHarness::helperRunning() const
{
    return m_helper && m_helper->state() != QProcess::NotRunning;
}

qint64 HelperHarness::helperPid() const
{
    return helperRunning() ? m_helper->processId() : 0;
}

bool HelperHarness::waitForHelperExit(int timeoutMs)
{
    if (!helperRunning())
        return true;
    return QTest::qWaitFor([this] { return !helperRunning(); }, timeoutMs);
}

int HelperHarness::helperExitCode() const
{
    return m_helper && m_helper->exitStatus() == QProcess::NormalExit ? m_helper->exitCode() : -1;
}

bool HelperHarness::helperOwnsName() const
{
    if (!m_bus)
        return false;
    const QDBusConnection watch = m_bus->connect(WatchConnectionName);
    const QDBusReply<bool> reply = watch.interface()->isServiceRegistered(helperName());
    return reply.isValid() && reply.value();
}

QString HelperHarness::helperLog() const
{
    QFile log(m_logPath);
    if (!log.open(QIODevice::ReadOnly))
        return QString();
    // The end is what explains a failure; the whole log can be long.
    constexpr qint64 Tail = 4000;
    if (log.size() > Tail)
        log.seek(log.size() - Tail);
    return QString::fromLocal8Bit(log.readAll()).trimmed();
}

QDBusConnection HelperHarness::rootConnection() const
{
    return m_bus->connect(RootConnectionName);
}

QDBusMessage HelperHarness::call(const QString &method, const QVariantList &arguments,
                                 int timeoutMs) const
{
    QDBusMessage message =
        QDBusMessage::createMethodCall(helperName(), QString::fromLatin1(protocol::ObjectPath),
                                       QString::fromLatin1(protocol::InterfaceName), method);
    message.setArguments(arguments);
    const QDBusMessage reply = rootConnection().call(message, QDBus::Block, timeoutMs);
    if (method == u"Create" && reply.type() == QDBusMessage::ReplyMessage)
        m_createdIds << reply.arguments().value(0).toString();
    return reply;
}

void HelperHarness::startCallAs(QProcess &process, const TestUser *user,
                                const QStringList &arguments) const
{
    const QString caller = binDir() + QStringLiteral("/isolde-test-call");
    // setpriv sets it again after it changes the uid, which clears it.
    process.setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGKILL); });
    if (!user) {
        process.start(caller, arguments);
        return;
    }
    process.start(QStringLiteral("setpriv"),
                  QStringList{QStringLiteral("--pdeathsig=KILL"),
                              QStringLiteral("--reuid=%1").arg(user->uid()),
                              QStringLiteral("--regid=%1").arg(user->gid()),
                              QStringLiteral("--init-groups"), QStringLiteral("--"), caller} +
                      arguments);
}

CallResult HelperHarness::callAs(const TestUser *user, const QStringList &arguments,
                                 int timeoutMs) const
{
    QProcess process;
    startCallAs(process, user, arguments);
    CallResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(StopTimeoutMs);
        result.diagnostics = QStringLiteral("isolde-test-call did not finish within %1 ms: %2")
                                 .arg(timeoutMs)
                                 .arg(process.errorString());
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromUtf8(process.readAllStandardOutput());
    result.diagnostics = QString::fromLocal8Bit(process.readAllStandardError());
    // The method follows the options; each option of isolde-test-call takes a value.
    qsizetype method = 0;
    while (arguments.value(method).startsWith(u"--"))
        method += arguments[method].contains(u'=') ? 1 : 2;
    if (result.ok() && arguments.value(method) == u"Create")
        m_createdIds << result.output.section(u'\n', 0, 0).trimmed();
    if (result.output.startsWith(u"ERROR ")) {
        const QString line = result.output.section(u'\n', 0, 0);
        result.errorName = line.section(u' ', 1, 1);
        result.errorMessage = line.section(u' ', 2);
    }
    return result;
}

QByteArray HelperHarness::containerConfig(const QStringList &args,
                                          const QMap<QString, QString> &annotations)
{
    spec::OciSpec config = spec::defaultSpec();
    spec::Process process = config.process();
    process.args = args;
    process.terminal = false;
    config.setProcess(process);
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it)
        config.setAnnotation(it.key(), it.value());
    return config.toJson();
}

Expected<QString> HelperHarness::runContainer(const QStringList &args, const QString &name)
{
    const QDBusMessage created =
        call(QStringLiteral("Create"), {QString::fromUtf8(containerConfig(args)), name, QString()});
    if (created.type() != QDBusMessage::ReplyMessage)
        return failure(
            QStringLiteral("Create: %1 %2").arg(created.errorName(), created.errorMessage()));
    const QString id = created.arguments().value(0).toString();
    const QDBusMessage started = call(QStringLiteral("Start"), {id});
    if (started.type() != QDBusMessage::ReplyMessage)
        return failure(
            QStringLiteral("Start %1: %2 %3").arg(id, started.errorName(), started.errorMessage()));
    return id;
}

QStringList HelperHarness::knownContainerIds() const
{
    QStringList ids = m_createdIds;
    ids += containerIdsIn(dataDir() + QStringLiteral("/containers"));
    ids += containerIdsIn(stateDir() + QStringLiteral("/helper"));
    ids.removeDuplicates();
    return ids;
}

void HelperHarness::removeThroughBus()
{
    if (!helperRunning() || !helperOwnsName())
        return;
    QStringList ids = knownContainerIds();
    const QDBusMessage listed = call(QStringLiteral("List"), {}, 30000);
    if (listed.type() == QDBusMessage::ReplyMessage) {
        const QJsonArray summaries =
            QJsonDocument::fromJson(listed.arguments().value(0).toString().toUtf8()).array();
        for (const QJsonValue &summary : summaries)
            ids << summary.toObject().value(QStringLiteral("id")).toString();
    }
    ids.removeDuplicates();
    ids.removeAll(QString());
    for (const QString &id : std::as_const(ids)) {
        const QDBusMessage removed = call(QStringLiteral("Remove"), {id, true}, 30000);
        if (removed.type() != QDBusMessage::ReplyMessage &&
            removed.errorName() != QLatin1String(protocol::ErrorNoSuchContainer))
            qWarning("cleanup: Remove %s: %s %s", qPrintable(id), qPrintable(removed.errorName()),
                     qPrintable(removed.errorMessage()));
    }
}

void HelperHarness::stopHelperProcess()
{
    if (!helperRunning())
        return;
    m_helper->terminate();
    if (!m_helper->waitForFinished(StopTimeoutMs)) {
        m_helper->kill();
        m_helper->waitForFinished(StopTimeoutMs);
    }
}

void HelperHarness::sweepCgroups(const QStringList &ids)
{
    // The helper forces every container's cgroup to /isolde/helper/<id>.
    for (const QString &id : ids) {
        auto cgroup = engine::Cgroup::open(QStringLiteral("/isolde/helper/") + id, id);
        if (!cgroup)
            continue; // no such cgroup left in any hierarchy
        if (auto destroyed = cgroup->destroy(); !destroyed)
            qWarning("cleanup: cgroup of %s: %s", qPrintable(id),
                     qPrintable(destroyed.error().toString()));
    }
    engine::Cgroup::removeIfEmpty(QStringLiteral("/isolde/helper"));
}

void HelperHarness::unmountLeftovers()
{
    QFile mountinfo(QStringLiteral("/proc/self/mountinfo"));
    if (!mountinfo.open(QIODevice::ReadOnly))
        return;
    const QString prefix = m_dir.path() + u'/';
    QStringList targets;
    const QList<QByteArray> lines = mountinfo.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 5)
            continue;
        const QString target = unescapeMountPath(fields[4]);
        if (target.startsWith(prefix))
            targets << target;
    }
    // Deepest first, so that a mount on top of another goes before it.
    std::sort(targets.begin(), targets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &target : std::as_const(targets)) {
        if (umount2(QFile::encodeName(target).constData(), MNT_DETACH) != 0)
            qWarning("cleanup: cannot unmount %s", qPrintable(target));
    }
}

void HelperHarness::cleanup()
{
    if (!m_dir.isValid())
        return;
    removeThroughBus();
    // Ids are read before the helper goes, and again after: it may have been mid-create.
    QStringList ids = knownContainerIds();
    stopHelperProcess();
    ids += knownContainerIds();
    ids.removeDuplicates();
    sweepCgroups(ids);
    unmountLeftovers();
}

} // namespace isolde::test
