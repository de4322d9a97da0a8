// isoldectl, through the built binary: exit codes, stdout and stderr.
#include "spec/DockerFlags.h"
#include "spec/SpecDefaults.h"
#include "spec/SpecExport.h"
#include "spec/SpecValidator.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace isolde;
using namespace isolde::spec;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestIsoldectl : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    Run run(const QStringList &args)
    {
        QProcess process;
        process.setProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/isoldectl"));
        process.setArguments(args);
        process.start();
        Run result;
        if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit) {
            result.err = QStringLiteral("isoldectl did not finish: ") + process.errorString();
            return result;
        }
        result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QString specFile(const QString &name, const QStringList &flags)
    {
        const Expected<OciSpec> spec = specFromDockerArgs(flags);
        if (!spec)
            qFatal("bad flags in the test: %s", qPrintable(spec.error().reason));
        return writeFile(name, spec->toJson());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(QCoreApplication::applicationDirPath() + "/isoldectl"));
    }

    void version()
    {
        const Run r = run({"--version"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression("^isoldectl \\d+\\.\\d+\\.\\d+\n$").match(r.out).hasMatch(),
                 qPrintable(r.out));
    }

    void help()
    {
        const Run r = run({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Usage: isoldectl"));
        QVERIFY(r.out.contains("spec"));
        QVERIFY(r.err.isEmpty());
        const Run spec = run({"spec", "--help"});
        QCOMPARE(spec.exitCode, 0);
        QVERIFY(spec.out.startsWith("Usage: isoldectl spec COMMAND"));
        for (const char *command : {"new", "validate", "export"})
            QVERIFY(spec.out.contains(QLatin1String(command)));
        const Run flags = run({"spec", "new", "--help"});
        QCOMPARE(flags.exitCode, 0);
        QVERIFY(flags.out.contains(dockerFlagsHelp()));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QStringList() << "a command is needed";
        QTest::newRow("unknown command") << QStringList{"bogus"} << "unknown command \"bogus\"";
        QTest::newRow("spec alone") << QStringList{"spec"} << "spec needs a command";
        QTest::newRow("unknown spec command")
            << QStringList{"spec", "frob"} << "unknown spec command \"frob\"";
        QTest::newRow("validate without file")
            << QStringList{"spec", "validate"} << "spec validate takes one FILE";
        QTest::newRow("validate two files")
            << QStringList{"spec", "validate", "a", "b"} << "spec validate takes one FILE";
        QTest::newRow("export without format")
            << QStringList{"spec", "export", "x.json"} << "--format must be docker, podman or kube";
        QTest::newRow("export bad format") << QStringList{"spec", "export", "--format", "lxc", "x"}
                                           << "--format must be docker, podman or kube";
        QTest::newRow("export unknown option")
            << QStringList{"spec", "export", "--colour", "x"} << "Unknown option 'colour'.";
        QTest::newRow("export without file")
            << QStringList{"spec", "export", "--format", "kube"} << "spec export takes one FILE";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith("isoldectl: " + message + "\n"), qPrintable(r.err));
        QVERIFY(r.err.contains("Usage: isoldectl"));
    }

    void specNew()
    {
        const QStringList flags = {"-m", "512m", "--cap-drop", "ALL", "--", "sh", "-c", "echo hi"};
        const Run r = run(QStringList{"spec", "new"} + flags);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const Expected<OciSpec> printed = OciSpec::fromJson(r.out.toUtf8());
        QVERIFY(printed.ok());
        QCOMPARE(printed->toJson(), specFromDockerArgs(flags)->toJson());
        QCOMPARE(printed->process().args, (QStringList{"sh", "-c", "echo hi"}));
        QCOMPARE(printed->linux().resources->memory->limit, std::optional<int64_t>(512 << 20));
        // No flags at all: Docker's defaults.
        const Run plain = run({"spec", "new"});
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(OciSpec::fromJson(plain.out.toUtf8())->toJson(), defaultSpec().toJson());
    }

    void specNewRefusesLikeDocker_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad size")
            << QStringList{"-m", "abc"}
            << R"(invalid argument "abc" for "-m, --memory" flag: invalid size: 'abc')";
        QTest::newRow("unknown flag") << QStringList{"--foo"} << "unknown flag: --foo";
        QTest::newRow("minimum") << QStringList{"--memory=1m"}
                                 << "Minimum memory limit allowed is 6MB";
        QTest::newRow("network")
            << QStringList{"--network", "bridge"}
            << R"(invalid argument "bridge" for "--network" flag: network "bridge" does not exist: Isolde has only none (a private network namespace with loopback only) and host yet)";
    }
    void specNewRefusesLikeDocker()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, message);
        const Run r = run(QStringList{"spec", "new"} + flags);
        QCOMPARE(r.exitCode, 125);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err, "isoldectl: " + message + ".\nSee 'isoldectl spec new --help'.\n");
    }

    void validateClean()
    {
        const QString path = specFile("clean.json", {"--cpus", "1", "-m", "1g", "--read-only"});
        const Run r = run({"spec", "validate", path});
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        QVERIFY(r.err.isEmpty());
        QCOMPARE(r.exitCode, 0);
    }

    void validateProblems()
    {
        QJsonObject document = defaultSpec().document();
        OciSpec spec(document);
        Linux l = spec.linux();
        l.resources->memory = MemoryResources{};
        l.resources->memory->limit = 4096;
        l.namespaces << Namespace{"pid", {}};
        spec.setLinux(l);
        QList<Mount> mounts = spec.mounts();
        mounts << Mount{"relative/dir", "tmpfs", "tmpfs", {}, {}, {}};
        spec.setMounts(mounts);
        const QList<Error> expected = validateSpec(spec);
        QVERIFY2(expected.size() >= 3, "the validator finds the three problems");
        const Run r = run({"spec", "validate", writeFile("bad.json", spec.toJson())});
        QCOMPARE(r.exitCode, 1);
        QStringList lines;
        for (const Error &e : expected)
            lines << e.field + ": " + e.reason;
        QCOMPARE(r.out, lines.join('\n') + '\n');
        QVERIFY(r.out.contains("linux.resources.memory.limit: "));
    }

    void validateUnreadable()
    {
        const Run missing = run({"spec", "validate", m_dir.filePath("none.json")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.out.isEmpty());
        QVERIFY2(missing.err.startsWith("isoldectl: cannot read " + m_dir.filePath("none.json")),
                 qPrintable(missing.err));
        const Run notJson = run({"spec", "validate", writeFile("text.json", "not json")});
        QCOMPARE(notJson.exitCode, 1);
        QCOMPARE(notJson.out.count('\n'), 1);
    }

    void exports_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("which");
        QTest::newRow("docker") << "docker" << int(ExportFormat::Docker);
        QTest::newRow("podman") << "podman" << int(ExportFormat::Podman);
        QTest::newRow("kube") << "kube" << int(ExportFormat::Kubernetes);
    }
    void exports()
    {
        QFETCH(QString, format);
        QFETCH(int, which);
        const QStringList flags = {"--name",  "web",   "--cpus", "0.5",        "--userns",
                                   "private", "-e",    "A=b c",  "--image",    "nginx",
                                   "--",      "nginx", "-g",     "daemon off;"};
        const QString path = specFile("export.json", flags);
        const Run r = run({"spec", "export", "--format", format, path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        // Printed as exportSpec() makes it, ending in exactly one newline.
        QString expected = exportSpec(*specFromDockerArgs(flags), ExportFormat(which));
        if (!expected.endsWith('\n'))
            expected += '\n';
        QCOMPARE(r.out, expected);
        QVERIFY(!r.out.endsWith("\n\n"));
        QVERIFY(r.out.contains("nginx"));
        const Run image = run({"spec", "export", "--format=" + format, "--image", "nginx:2", path});
        QVERIFY(image.out.contains("nginx:2"));
    }

    void exportUnreadable()
    {
        const Run r = run({"spec", "export", "--format", "docker", m_dir.filePath("none.json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.startsWith("isoldectl: cannot read "));
    }

    // new -> file -> export docker -> the exported flags -> new again: the same spec.
    void exportedLineRunsAgain()
    {
        const QStringList flags = {
            "--cpus",    "1.5",   "-m",          "1g",      "--cap-drop",    "ALL",
            "--cap-add", "CHOWN", "--read-only", "--tmpfs", "/tmp:size=64m", "-u",
            "1000:1000", "--",    "sleep",       "60"};
        const Run created = run(QStringList{"spec", "new"} + flags);
        QCOMPARE(created.exitCode, 0);
        const Run exported = run(
            {"spec", "export", "--format", "docker", writeFile("e.json", created.out.toUtf8())});
        QCOMPARE(exported.exitCode, 0);
        // Every word is shell-safe here, so splitting on blanks is the shell's reading.
        QStringList words = exported.out.trimmed().split(' ');
        QCOMPARE(words.mid(0, 2), (QStringList{"docker", "run"}));
        const qsizetype image = words.indexOf("busybox");
        QVERIFY(image > 0);
        const QStringList again =
            words.mid(2, image - 2) + QStringList{"--"} + words.mid(image + 1);
        const Run recreated = run(QStringList{"spec", "new"} + again);
        QCOMPARE(recreated.exitCode, 0);
        QCOMPARE(recreated.out, created.out);
    }
};

QTEST_GUILESS_MAIN(TestIsoldectl)
#include "tst_isoldectl.moc"
