// The editor's "Create and start" against the real helper on a private bus: the container the
// helper runs has the spec the editor made, limits included, and its cgroup carries the memory
// limit set through the editor's property (what the slider writes).
#include "HelperHarness.h"
#include "editor/SpecEditor.h"
#include "models/HelperSession.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <unistd.h>

using isolde::models::HelperSession;

namespace {

constexpr qint64 MiB = 1024 * 1024;

// memory.max on cgroup v2, memory.limit_in_bytes on v1: the helper puts every container at
// /isolde/helper/<id>.
QString memoryLimitFile(const QString &id)
{
    const QString relative = QStringLiteral("isolde/helper/") + id;
    if (QFile::exists(QStringLiteral("/sys/fs/cgroup/cgroup.controllers")) &&
        QFile::exists(QStringLiteral("/sys/fs/cgroup/") + relative + QStringLiteral("/memory.max")))
        return QStringLiteral("/sys/fs/cgroup/") + relative + QStringLiteral("/memory.max");
    return QStringLiteral("/sys/fs/cgroup/memory/") + relative +
           QStringLiteral("/memory.limit_in_bytes");
}

} // namespace

class TestEditorCreate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createAndStart();
    void refusedSpecReportsTheHelpersSentence();

private:
    isolde::test::HelperHarness m_harness;
};

void TestEditorCreate::initTestCase()
{
    if (geteuid() != 0)
        QSKIP("needs root: runs the real helper on a private system bus");
    const isolde::Expected<void> started = m_harness.start();
    QVERIFY2(started.ok(), isolde::test::explain(started).constData());
}

void TestEditorCreate::createAndStart()
{
    SpecEditor editor;
    editor.setCommand(QStringLiteral("sleep 300"));
    editor.setHostname(QStringLiteral("edited"));
    editor.setMemoryLimit(64 * MiB);
    editor.setPidsLimit(50);
    QVERIFY2(editor.errors().isEmpty(), qPrintable(editor.errorFor(QString())));

    HelperSession *session = HelperSession::instance();
    QSignalSpy created(session, &HelperSession::containerCreated);
    QSignalSpy failed(session, &HelperSession::errorOccurred);
    QSignalSpy finished(session, &HelperSession::actionFinished);
    editor.createContainer(QStringLiteral("editor-e2e"), true);
    QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    const QString id = created.first().first().toString();
    QCOMPARE(id.size(), 64);
    QTRY_VERIFY_WITH_TIMEOUT(
        !failed.isEmpty() || finished.contains(QVariantList{QStringLiteral("start"), id}), 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));

    const QDBusMessage reply = m_harness.call(QStringLiteral("Inspect"), {id});
    QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
    const QJsonObject inspect =
        QJsonDocument::fromJson(reply.arguments().value(0).toString().toUtf8()).object();
    QCOMPARE(inspect.value("name").toString(), QStringLiteral("editor-e2e"));
    QCOMPARE(inspect.value("image").toString(), editor.image());
    const QJsonObject spec = inspect.value("spec").toObject();
    QCOMPARE(spec.value("hostname").toString(), QStringLiteral("edited"));
    const QJsonObject resources = spec.value("linux").toObject().value("resources").toObject();
    QCOMPARE(resources.value("memory").toObject().value("limit").toInteger(), 64 * MiB);
    QCOMPARE(resources.value("pids").toObject().value("limit").toInteger(), 50);

    QFile limit(memoryLimitFile(id));
    QVERIFY2(limit.open(QIODevice::ReadOnly), qPrintable(limit.fileName()));
    QCOMPARE(limit.readAll().trimmed().toLongLong(), 64 * MiB);
}

void TestEditorCreate::refusedSpecReportsTheHelpersSentence()
{
    // The page refuses to send a spec with problems; a caller that sends one anyway gets the
    // helper's own sentence, naming the field.
    SpecEditor editor;
    editor.setMemoryLimit(4096);
    QVERIFY(!editor.errorFor(QStringLiteral("linux.resources.memory.limit")).isEmpty());
    HelperSession *session = HelperSession::instance();
    QSignalSpy created(session, &HelperSession::containerCreated);
    QSignalSpy failed(session, &HelperSession::errorOccurred);
    editor.createContainer(QStringLiteral("editor-refused"), false);
    QTRY_VERIFY_WITH_TIMEOUT(!created.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY(created.isEmpty());
    QVERIFY2(
        failed.first().first().toString().contains(QStringLiteral("linux.resources.memory.limit")),
        qPrintable(failed.first().first().toString()));
}

QTEST_GUILESS_MAIN(TestEditorCreate)
#include "tst_editorcreate.moc"
