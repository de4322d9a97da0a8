// SpecEditor, the model behind the spec editor page: every property lands in its config.json
// member, unknown fields survive, validation messages sit at their JSON path, and the
// previews are SpecExport's for the edited spec.
#include "editor/ShellWords.h"
#include "editor/SpecEditor.h"
#include "spec/CapabilityCatalog.h"
#include "spec/DockerFlags.h"
#include "spec/SeccompProfile.h"
#include "spec/SpecDefaults.h"
#include "spec/SpecExport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace isolde::spec;

namespace {

QJsonObject config(const SpecEditor &editor)
{
    return QJsonDocument::fromJson(editor.configJson().toUtf8()).object();
}

// A member of config.json by its dotted path ("linux.resources.memory.limit").
QJsonValue member(const SpecEditor &editor, const QString &path)
{
    QJsonValue value = config(editor);
    for (const QString &key : path.split(QLatin1Char('.')))
        value = value.toObject().value(key);
    return value;
}

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out << item.toString();
    return out;
}

int capabilityRow(const SpecCapabilityModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row).data(SpecCapabilityModel::NameRole).toString() == name)
            return row;
    }
    return -1;
}

int namespaceRow(const SpecNamespaceModel &model, const QString &type)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row).data(SpecNamespaceModel::TypeRole).toString() == type)
            return row;
    }
    return -1;
}

} // namespace

class TestSpecEditor : public QObject
{
    Q_OBJECT

private slots:
    void shellWords_data();
    void shellWords();
    void shellWordsErrors();
    void startsAsDefaultSpec();
    void generalProperties();
    void resourceProperties();
    void unsetLimitsLeaveNoEmptyObjects();
    void cpusetPicker();
    void securityProperties();
    void seccompModes();
    void userNamespaceMapping();
    void unknownFieldsSurvive();
    void loadJsonRejectsNonObjects();
    void validationAtField();
    void commandThatDoesNotParse();
    void capabilities();
    void namespaces();
    void mounts();
    void ioDevices();
    void previewsMatchSpecExport();
    void everyChangeNotifies();
};

void TestSpecEditor::shellWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << "sh -c true" << QStringList{"sh", "-c", "true"};
    QTest::newRow("single quotes") << "sh -c 'echo hi'" << QStringList{"sh", "-c", "echo hi"};
    QTest::newRow("double quotes")
        << R"(echo "a \"b\" \$c \d")" << QStringList{"echo", R"(a "b" $c \d)"};
    QTest::newRow("backslash") << R"(echo a\ b)" << QStringList{"echo", "a b"};
    QTest::newRow("empty word") << "printf ''" << QStringList{"printf", ""};
    QTest::newRow("spaces") << "  ls   -l  " << QStringList{"ls", "-l"};
    QTest::newRow("adjacent parts") << "a'b'\"c\"d" << QStringList{"abcd"};
    QTest::newRow("nothing") << "" << QStringList{};
}

void TestSpecEditor::shellWords()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    const isolde::Expected<QStringList> split = isolde::editor::splitShellWords(text);
    QVERIFY2(split.ok(), qPrintable(split.ok() ? QString() : split.error().reason));
    QCOMPARE(*split, words);
    // The join is the inverse.
    const isolde::Expected<QStringList> again =
        isolde::editor::splitShellWords(isolde::editor::joinShellWords(words));
    QVERIFY(again.ok());
    QCOMPARE(*again, words);
}

void TestSpecEditor::shellWordsErrors()
{
    for (const QString &text :
         {QStringLiteral("sh -c 'echo"), QStringLiteral("echo \"hi"), QStringLiteral("echo \\")}) {
        const isolde::Expected<QStringList> split = isolde::editor::splitShellWords(text);
        QVERIFY2(!split.ok(), qPrintable(text));
        QVERIFY(!split.error().reason.isEmpty());
    }
}

void TestSpecEditor::startsAsDefaultSpec()
{
    SpecEditor editor;
    OciSpec expected = defaultSpec();
    expected.setAnnotation(QLatin1String(AnnotationImage), QStringLiteral("busybox"));
    QCOMPARE(editor.spec(), expected);
    QCOMPARE(editor.image(), QStringLiteral("busybox"));
    QCOMPARE(editor.command(), QStringLiteral("sh"));
    QCOMPARE(editor.seccompMode(), QStringLiteral("default"));
    QVERIFY2(editor.errors().isEmpty(), qPrintable(editor.errorFor(QString())));
    QCOMPARE(editor.hostCpuCount(), QThread::idealThreadCount());
    QVERIFY(editor.hostMemory() > 0);
}

void TestSpecEditor::generalProperties()
{
    SpecEditor editor;
    editor.setImage(QStringLiteral("alpine:3.19"));
    QCOMPARE(member(editor, "annotations").toObject().value(AnnotationImage).toString(),
             QStringLiteral("alpine:3.19"));
    editor.setCommand(QStringLiteral("sh -c 'echo hi there'"));
    QCOMPARE(strings(member(editor, "process.args")), (QStringList{"sh", "-c", "echo hi there"}));
    editor.setEnv({QStringLiteral("A=1"), QStringLiteral("B=two")});
    QCOMPARE(strings(member(editor, "process.env")), (QStringList{"A=1", "B=two"}));
    editor.setCwd(QStringLiteral("/srv"));
    QCOMPARE(member(editor, "process.cwd").toString(), QStringLiteral("/srv"));
    editor.setHostname(QStringLiteral("web"));
    QCOMPARE(member(editor, "hostname").toString(), QStringLiteral("web"));
    editor.setUid(1000);
    editor.setGid(100);
    QCOMPARE(member(editor, "process.user.uid").toInt(), 1000);
    QCOMPARE(member(editor, "process.user.gid").toInt(), 100);
    QCOMPARE(editor.uid(), 1000);
    QCOMPARE(editor.gid(), 100);
}

void TestSpecEditor::resourceProperties()
{
    SpecEditor editor;
    editor.setCpus(1.5);
    QCOMPARE(member(editor, "linux.resources.cpu.quota").toInteger(), 150000);
    QCOMPARE(member(editor, "linux.resources.cpu.period").toInteger(), 100000);
    QCOMPARE(editor.cpus(), 1.5);
    editor.setCpuWeight(512);
    QCOMPARE(member(editor, "linux.resources.cpu.shares").toInteger(), 512);
    editor.setCpusetCpus(QStringLiteral("0"));
    QCOMPARE(member(editor, "linux.resources.cpu.cpus").toString(), QStringLiteral("0"));
    editor.setMemoryLimit(512 * 1024 * 1024);
    QCOMPARE(member(editor, "linux.resources.memory.limit").toInteger(), 512 * 1024 * 1024);
    editor.setMemorySwap(1024 * 1024 * 1024);
    QCOMPARE(member(editor, "linux.resources.memory.swap").toInteger(), 1024 * 1024 * 1024);
    editor.setPidsLimit(100);
    QCOMPARE(member(editor, "linux.resources.pids.limit").toInteger(), 100);
    editor.setIoWeight(300);
    QCOMPARE(member(editor, "linux.resources.blockIO.weight").toInteger(), 300);
    QVERIFY2(editor.errors().isEmpty(), qPrintable(editor.errorFor(QString())));
    // The same values read back.
    QCOMPARE(editor.cpuWeight(), 512);
    QCOMPARE(editor.memoryLimit(), 512 * 1024 * 1024);
    QCOMPARE(editor.memorySwap(), 1024 * 1024 * 1024);
    QCOMPARE(editor.pidsLimit(), 100);
    QCOMPARE(editor.ioWeight(), 300);
}

void TestSpecEditor::unsetLimitsLeaveNoEmptyObjects()
{
    SpecEditor editor;
    const QJsonValue before = member(editor, "linux.resources");
    editor.setCpus(2);
    editor.setMemoryLimit(64 * 1024 * 1024);
    editor.setIoWeight(100);
    editor.setPidsLimit(10);
    editor.setCpus(0);
    editor.setMemoryLimit(0);
    editor.setIoWeight(0);
    editor.setPidsLimit(0);
    QCOMPARE(member(editor, "linux.resources"), before);
    QCOMPARE(editor.cpus(), 0.0);
}

void TestSpecEditor::cpusetPicker()
{
    SpecEditor editor;
    editor.setCpuInSet(3, true);
    editor.setCpuInSet(0, true);
    editor.setCpuInSet(1, true);
    QCOMPARE(editor.cpusetCpus(), QStringLiteral("0-1,3"));
    editor.setCpuInSet(2, true);
    QCOMPARE(editor.cpusetCpus(), QStringLiteral("0-3"));
    QVERIFY(editor.isCpuInSet(2));
    editor.setCpuInSet(1, false);
    QCOMPARE(editor.cpusetCpus(), QStringLiteral("0,2-3"));
    QVERIFY(!editor.isCpuInSet(1));
    editor.setCpusetCpus(QStringLiteral("4-5,7"));
    QVERIFY(editor.isCpuInSet(5) && editor.isCpuInSet(7) && !editor.isCpuInSet(6));
}

void TestSpecEditor::securityProperties()
{
    SpecEditor editor;
    editor.setNoNewPrivileges(true);
    QCOMPARE(member(editor, "process.noNewPrivileges").toBool(), true);
    editor.setReadonlyRootfs(true);
    QCOMPARE(member(editor, "root.readonly").toBool(), true);
    editor.setMaskedPaths({QStringLiteral("/proc/kcore"), QStringLiteral("/secret")});
    QCOMPARE(strings(member(editor, "linux.maskedPaths")), (QStringList{"/proc/kcore", "/secret"}));
}

void TestSpecEditor::seccompModes()
{
    SpecEditor editor;
    editor.setSeccompMode(QStringLiteral("unconfined"));
    QVERIFY(!config(editor).value("linux").toObject().contains("seccomp"));
    QCOMPARE(editor.seccompMode(), QStringLiteral("unconfined"));
    QVERIFY(editor.dockerRun().contains(QStringLiteral("seccomp=unconfined")));
    editor.setSeccompMode(QStringLiteral("default"));
    QCOMPARE(editor.spec().linux().seccomp,
             SeccompProfile::builtinDefault().resolve(dockerDefaultCapabilities()));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("profile.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"defaultAction": "SCMP_ACT_ERRNO",
                   "syscalls": [{"names": ["read", "write", "exit_group"],
                                 "action": "SCMP_ACT_ALLOW"}]})");
    file.close();
    QVERIFY(editor.loadSeccompProfile(QUrl::fromLocalFile(path).toString()));
    QCOMPARE(editor.seccompMode(), QStringLiteral("custom"));
    QCOMPARE(editor.seccompProfilePath(), path);
    QCOMPARE(member(editor, "linux.seccomp.defaultAction").toString(),
             QStringLiteral("SCMP_ACT_ERRNO"));
    QVERIFY(editor.dockerRun().contains(QStringLiteral("seccomp=") + path));
    QVERIFY(editor.errorFor(QStringLiteral("linux.seccomp")).isEmpty());

    // A file that is no profile: the filter stays, the reason shows at linux.seccomp.
    const QJsonValue filter = member(editor, "linux.seccomp");
    QVERIFY(!editor.loadSeccompProfile(dir.filePath(QStringLiteral("missing.json"))));
    QCOMPARE(member(editor, "linux.seccomp"), filter);
    QVERIFY(!editor.errorFor(QStringLiteral("linux.seccomp")).isEmpty());
    editor.setSeccompMode(QStringLiteral("default"));
    QVERIFY(editor.errorFor(QStringLiteral("linux.seccomp")).isEmpty());
    QVERIFY(editor.seccompProfilePath().isEmpty());
}

void TestSpecEditor::userNamespaceMapping()
{
    SpecEditor editor;
    QVERIFY(!editor.userNamespace());
    editor.setUserNamespace(true);
    QVERIFY(editor.userNamespace());
    const QJsonArray uids = member(editor, "linux.uidMappings").toArray();
    QCOMPARE(uids.size(), 1);
    QCOMPARE(uids.at(0).toObject().value("hostID").toInteger(), qint64(UsernsHostId));
    QCOMPARE(uids.at(0).toObject().value("size").toInteger(), qint64(UsernsSize));
    editor.setUsernsHostUid(200000);
    editor.setUsernsHostGid(300000);
    editor.setUsernsSize(1000);
    const QJsonObject uid = member(editor, "linux.uidMappings").toArray().at(0).toObject();
    const QJsonObject gid = member(editor, "linux.gidMappings").toArray().at(0).toObject();
    QCOMPARE(uid.value("containerID").toInteger(), 0);
    QCOMPARE(uid.value("hostID").toInteger(), 200000);
    QCOMPARE(gid.value("hostID").toInteger(), 300000);
    QCOMPARE(uid.value("size").toInteger(), 1000);
    QCOMPARE(gid.value("size").toInteger(), 1000);
    editor.setUserNamespace(false);
    QVERIFY(!config(editor).value("linux").toObject().contains("uidMappings"));
    QVERIFY(!editor.userNamespace());
}

void TestSpecEditor::unknownFieldsSurvive()
{
    SpecEditor editor;
    QJsonObject document = defaultSpec().document();
    document.insert("x-vendor", QJsonObject{{"keep", true}});
    QJsonObject process = document.value("process").toObject();
    process.insert("x-process", 7);
    document.insert("process", process);
    QJsonObject linux = document.value("linux").toObject();
    QJsonObject resources = linux.value("resources").toObject();
    resources.insert("memory", QJsonObject{{"limit", 1073741824}, {"x-memory", "here"}});
    linux.insert("resources", resources);
    document.insert("linux", linux);
    QCOMPARE(editor.loadJson(QString::fromUtf8(QJsonDocument(document).toJson())), QString());
    QCOMPARE(editor.memoryLimit(), 1073741824);

    // Edits in the same sections keep what the model does not know.
    editor.setMemoryLimit(256 * 1024 * 1024);
    editor.setCommand(QStringLiteral("top -b"));
    editor.setCpus(0.5);
    editor.capabilities()->dropAll();
    QCOMPARE(member(editor, "x-vendor"), QJsonValue(QJsonObject{{"keep", true}}));
    QCOMPARE(member(editor, "process.x-process").toInt(), 7);
    QCOMPARE(member(editor, "linux.resources.memory.x-memory").toString(), QStringLiteral("here"));
    QCOMPARE(member(editor, "linux.resources.memory.limit").toInteger(), 256 * 1024 * 1024);
    QCOMPARE(editor.command(), QStringLiteral("top -b"));
}

void TestSpecEditor::loadJsonRejectsNonObjects()
{
    SpecEditor editor;
    editor.setHostname(QStringLiteral("kept"));
    QVERIFY(!editor.loadJson(QStringLiteral("[1, 2]")).isEmpty());
    QVERIFY(!editor.loadJson(QStringLiteral("{ not json")).isEmpty());
    QCOMPARE(editor.hostname(), QStringLiteral("kept"));
    // A loaded spec's command is shown quoted, ready to edit.
    OciSpec spec = defaultSpec();
    Process process = spec.process();
    process.args = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo it's")};
    spec.setProcess(process);
    QCOMPARE(editor.loadJson(QString::fromUtf8(spec.toJson())), QString());
    QCOMPARE(editor.command(), QStringLiteral("sh -c 'echo it'\\''s'"));
}

void TestSpecEditor::validationAtField()
{
    SpecEditor editor;
    editor.setMemoryLimit(4096);
    const QString field = QStringLiteral("linux.resources.memory.limit");
    QVERIFY2(editor.errorFor(field).contains(QStringLiteral("6 MiB")),
             qPrintable(editor.errorFor(field)));
    bool listed = false;
    for (const QVariant &error : editor.errors()) {
        const QVariantMap map = error.toMap();
        listed = listed || (map.value("field") == field &&
                            map.value("message").toString() == editor.errorFor(field));
    }
    QVERIFY(listed);
    // Inside: the section's path gives it too; a neighbouring field does not.
    QCOMPARE(editor.errorFor(QStringLiteral("linux.resources.memory")), editor.errorFor(field));
    QVERIFY(editor.errorFor(QStringLiteral("linux.resources.memory.swap")).isEmpty());
    QVERIFY(editor.errorFor(QStringLiteral("linux.resources.mem")).isEmpty());
    editor.setMemoryLimit(6 * 1024 * 1024);
    QVERIFY(editor.errorFor(field).isEmpty());

    editor.setCwd(QStringLiteral("relative"));
    QVERIFY(!editor.errorFor(QStringLiteral("process.cwd")).isEmpty());
    editor.setPidsLimit(-5);
    QVERIFY(!editor.errorFor(QStringLiteral("linux.resources.pids.limit")).isEmpty());
    // A swap limit below the memory limit, then one without a memory limit.
    editor.setMemoryLimit(64 * 1024 * 1024);
    editor.setMemorySwap(32 * 1024 * 1024);
    QVERIFY(editor.errorFor(QStringLiteral("linux.resources.memory.swap"))
                .contains(QStringLiteral("below the memory limit")));
    editor.setMemoryLimit(0);
    QVERIFY(editor.errorFor(QStringLiteral("linux.resources.memory.swap"))
                .contains(QStringLiteral("needs a memory limit")));
}

void TestSpecEditor::commandThatDoesNotParse()
{
    SpecEditor editor;
    editor.setCommand(QStringLiteral("sh -c 'echo"));
    QCOMPARE(editor.command(), QStringLiteral("sh -c 'echo"));
    QVERIFY(!editor.errorFor(QStringLiteral("process.args")).isEmpty());
    QCOMPARE(strings(member(editor, "process.args")), QStringList{"sh"});
    editor.setCommand(QStringLiteral("sh -c 'echo'"));
    QVERIFY(editor.errorFor(QStringLiteral("process.args")).isEmpty());
    QCOMPARE(strings(member(editor, "process.args")), (QStringList{"sh", "-c", "echo"}));
    // An empty command is the validator's to report.
    editor.setCommand(QString());
    QVERIFY(!editor.errorFor(QStringLiteral("process.args")).isEmpty());
}

void TestSpecEditor::capabilities()
{
    SpecEditor editor;
    SpecCapabilityModel &model = *editor.capabilities();
    QCOMPARE(model.rowCount(), int(allCapabilities().size()));
    int defaults = 0;
    int enabled = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        QVERIFY(!index.data(SpecCapabilityModel::DescriptionRole).toString().isEmpty());
        defaults += index.data(SpecCapabilityModel::DockerDefaultRole).toBool() ? 1 : 0;
        enabled += index.data(SpecCapabilityModel::EnabledRole).toBool() ? 1 : 0;
    }
    QCOMPARE(defaults, int(dockerDefaultCapabilities().size()));
    QCOMPARE(enabled, int(dockerDefaultCapabilities().size()));
    QCOMPARE(model.enabledCount(), enabled);

    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    model.dropAll();
    QVERIFY(!dataChanged.isEmpty());
    QCOMPARE(model.enabledCount(), 0);
    for (const char *set : {"bounding", "effective", "permitted"})
        QVERIFY(strings(member(editor, QStringLiteral("process.capabilities.") + set)).isEmpty());
    // The default seccomp profile follows the capabilities, as Docker resolves it.
    QCOMPARE(editor.spec().linux().seccomp, SeccompProfile::builtinDefault().resolve({}));

    const int netAdmin = capabilityRow(model, QStringLiteral("CAP_NET_ADMIN"));
    QVERIFY(netAdmin >= 0);
    QVERIFY(!model.index(netAdmin).data(SpecCapabilityModel::DockerDefaultRole).toBool());
    model.setEnabled(netAdmin, true);
    QVERIFY(model.index(netAdmin).data(SpecCapabilityModel::EnabledRole).toBool());
    QCOMPARE(strings(member(editor, "process.capabilities.bounding")),
             QStringList{"CAP_NET_ADMIN"});
    QCOMPARE(strings(member(editor, "process.capabilities.effective")),
             QStringList{"CAP_NET_ADMIN"});
    QCOMPARE(editor.spec().linux().seccomp,
             SeccompProfile::builtinDefault().resolve({QStringLiteral("CAP_NET_ADMIN")}));
    QVERIFY(model.setData(model.index(netAdmin), false, SpecCapabilityModel::EnabledRole));
    QCOMPARE(model.enabledCount(), 0);

    model.dockerDefault();
    QCOMPARE(strings(member(editor, "process.capabilities.bounding")), dockerDefaultCapabilities());
    QCOMPARE(editor.spec(), SpecEditor().spec());
}

void TestSpecEditor::namespaces()
{
    SpecEditor editor;
    SpecNamespaceModel &model = *editor.namespaces();
    const int network = namespaceRow(model, QStringLiteral("network"));
    QVERIFY(network >= 0);
    QVERIFY(model.index(network).data(SpecNamespaceModel::EnabledRole).toBool());
    QVERIFY(!model.index(network).data(SpecNamespaceModel::DescriptionRole).toString().isEmpty());
    model.setEnabled(network, false);
    QVERIFY(!model.index(network).data(SpecNamespaceModel::EnabledRole).toBool());
    QStringList types;
    for (const QJsonValue &ns : member(editor, "linux.namespaces").toArray())
        types << ns.toObject().value("type").toString();
    QVERIFY(!types.contains(QStringLiteral("network")));
    QVERIFY(types.contains(QStringLiteral("pid")));
    QVERIFY(editor.dockerRun().contains(QStringLiteral("--network host")));
    model.setEnabled(network, true);
    QCOMPARE(editor.spec().linux().namespaces.size(), defaultNamespaces().size());
}

void TestSpecEditor::mounts()
{
    SpecEditor editor;
    SpecMountModel &model = *editor.mounts();
    QCOMPARE(model.rowCount(), 0);
    const qsizetype defaults = editor.spec().mounts().size();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(model.add(QStringLiteral("bind"), dir.path(), QStringLiteral("/data"), true),
             QString());
    QCOMPARE(model.add(QStringLiteral("tmpfs"), QString(), QStringLiteral("/scratch"), false),
             QString());
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex bind = model.index(0);
    QCOMPARE(bind.data(SpecMountModel::DestinationRole).toString(), QStringLiteral("/data"));
    QCOMPARE(bind.data(SpecMountModel::TypeRole).toString(), QStringLiteral("bind"));
    QCOMPARE(bind.data(SpecMountModel::SourceRole).toString(), dir.path());
    QVERIFY(bind.data(SpecMountModel::ReadOnlyRole).toBool());
    QCOMPARE(bind.data(SpecMountModel::FieldRole).toString(),
             QStringLiteral("mounts[%1]").arg(defaults));
    const QJsonObject json = member(editor, "mounts").toArray().at(defaults).toObject();
    QCOMPARE(json.value("destination").toString(), QStringLiteral("/data"));
    QVERIFY(strings(json.value("options")).contains(QStringLiteral("ro")));
    QCOMPARE(model.index(1).data(SpecMountModel::TypeRole).toString(), QStringLiteral("tmpfs"));

    model.setReadOnly(0, false);
    QVERIFY(!model.index(0).data(SpecMountModel::ReadOnlyRole).toBool());
    QVERIFY(!strings(member(editor, "mounts").toArray().at(defaults).toObject().value("options"))
                 .contains(QStringLiteral("ro")));

    // Docker's refusals come back as sentences and change nothing.
    QVERIFY(!model.add(QStringLiteral("bind"), dir.path(), QStringLiteral("relative"), false)
                 .isEmpty());
    QVERIFY(!model.add(QStringLiteral("volume"), QStringLiteral("x"), QStringLiteral("/x"), false)
                 .isEmpty());
    QCOMPARE(model.rowCount(), 2);

    model.remove(0);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(SpecMountModel::DestinationRole).toString(),
             QStringLiteral("/scratch"));
    model.remove(0);
    QCOMPARE(editor.spec().mounts(), defaultMounts());
}

void TestSpecEditor::ioDevices()
{
    SpecEditor editor;
    SpecThrottleModel &model = *editor.ioDevices();
    QVERIFY(!model.add(QStringLiteral("readBps"), QStringLiteral("/dev/null"), QStringLiteral("1m"))
                 .isEmpty());
    QVERIFY(!model.add(QStringLiteral("sideways"), QStringLiteral("/dev/null"), QStringLiteral("1"))
                 .isEmpty());
    QCOMPARE(model.rowCount(), 0);
    if (model.blockDevices().isEmpty())
        QSKIP("this machine has no block device to limit");
    const QString device = model.blockDevices().first();
    QCOMPARE(model.add(QStringLiteral("readBps"), device, QStringLiteral("10m")), QString());
    QCOMPARE(model.add(QStringLiteral("writeIops"), device, QStringLiteral("100")), QString());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data(SpecThrottleModel::KindRole).toString(),
             QStringLiteral("readBps"));
    QCOMPARE(model.index(0).data(SpecThrottleModel::RateRole).toDouble(), 10.0 * 1024 * 1024);
    QCOMPARE(model.index(1).data(SpecThrottleModel::FieldRole).toString(),
             QStringLiteral("linux.resources.blockIO.throttleWriteIOPSDevice[0]"));
    QCOMPARE(member(editor, "linux.resources.blockIO.throttleReadBpsDevice")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("rate")
                 .toInteger(),
             10 * 1024 * 1024);
    QVERIFY(editor.dockerRun().contains(QStringLiteral("--device-read-bps")));
    model.remove(0);
    model.remove(0);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!config(editor)
                 .value("linux")
                 .toObject()
                 .value("resources")
                 .toObject()
                 .contains("blockIO"));
}

void TestSpecEditor::previewsMatchSpecExport()
{
    SpecEditor editor;
    editor.setCommand(QStringLiteral("sh -c 'echo hi'"));
    editor.setMemoryLimit(128 * 1024 * 1024);
    editor.setCpus(0.5);
    editor.setReadonlyRootfs(true);
    editor.capabilities()->dropAll();
    QCOMPARE(editor.dockerRun(), dockerRunCommand(editor.spec()));
    QCOMPARE(editor.kubernetes(), kubernetesPod(editor.spec()));
    QCOMPARE(editor.configJson(), QString::fromUtf8(editor.spec().toJson()));
    QVERIFY(editor.dockerRun().contains(QStringLiteral("--memory 128m")));
    QVERIFY(editor.dockerRun().contains(QStringLiteral("'echo hi'")));
    QVERIFY(editor.kubernetes().contains(QStringLiteral("readOnlyRootFilesystem: true")));
}

void TestSpecEditor::everyChangeNotifies()
{
    SpecEditor editor;
    QSignalSpy changed(&editor, &SpecEditor::specChanged);
    editor.setHostname(QStringLiteral("a"));
    editor.setMemoryLimit(64 * 1024 * 1024);
    editor.namespaces()->setEnabled(0, false);
    editor.capabilities()->dropAll();
    QCOMPARE(changed.size(), 4);
    editor.reset();
    QCOMPARE(editor.spec(), SpecEditor().spec());
}

QTEST_GUILESS_MAIN(TestSpecEditor)
#include "tst_speceditor.moc"
