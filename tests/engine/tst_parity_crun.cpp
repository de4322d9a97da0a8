// Parity with crun: the same config.json (from `crun spec`, on the busybox rootfs, with
// Isolde's default seccomp profile, the probe as the process) run under crun and under
// isolde-runtime must give the same probe results for capabilities, system calls, masked
// and read-only paths, no_new_privs, the read-only root and which namespaces are new.
//
// crun refuses this machine's hybrid cgroup layout: it runs in a private mount namespace
// where /sys/fs/cgroup/unified is unmounted.

#include "RuntimeTestSupport.h"

#include <QStandardPaths>
#include <unistd.h>

using runtimetest::Result;
using runtimetest::Runtime;

class tst_ParityCrun : public QObject
{
    Q_OBJECT

private:
    Runtime *rt = nullptr;
    QJsonObject isolde;
    QJsonObject crun;

    QString crunRoot() const { return rt->tmp.path() + QStringLiteral("/crun-root"); }

    QJsonObject runUnderCrun(const QString &bundle, const QString &id)
    {
        QProcess process;
        process.start("unshare",
                      {"-m", "--propagation", "private", "sh", "-c",
                       "umount /sys/fs/cgroup/unified 2>/dev/null; exec crun --root \"$1\" run "
                       "--bundle \"$2\" \"$3\"",
                       "sh", crunRoot(), bundle, id});
        process.waitForFinished(60000);
        if (process.exitCode() != 0)
            qWarning() << "crun failed:" << process.readAllStandardError();
        return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    }

    // Which namespaces differ from the host's.
    static QStringList newNamespaces(const QJsonObject &probe)
    {
        QStringList result;
        const QJsonObject namespaces = probe["namespaces"].toObject();
        for (auto it = namespaces.begin(); it != namespaces.end(); ++it) {
            if (quint64(it.value().toInteger()) != runtimetest::hostNamespace(it.key()))
                result << it.key();
        }
        return result;
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root and the real kernel: namespaces, mounts, cgroups");
        if (QStandardPaths::findExecutable("crun").isEmpty())
            QSKIP("crun is not installed (Debian package crun)");
        rt = new Runtime;
        QVERIFY(rt->tmp.isValid());

        const QString bundle = rt->makePlainBundle("parity");
        QFile::remove(bundle + "/config.json");
        QProcess crunSpec;
        crunSpec.setWorkingDirectory(bundle);
        crunSpec.start("crun", {"spec"});
        QVERIFY(crunSpec.waitForFinished());
        QCOMPARE(crunSpec.exitCode(), 0);
        QJsonObject config = Runtime::loadConfig(bundle);
        const QJsonObject isoldeSpec = QJsonDocument::fromJson(rt->call({"spec"}).out).object();
        QJsonObject linux = config["linux"].toObject();
        linux["seccomp"] = isoldeSpec["linux"].toObject()["seccomp"];
        QVERIFY(!linux["seccomp"].toObject().isEmpty());
        config["linux"] = linux;
        QJsonObject process = config["process"].toObject();
        process["terminal"] = false;
        config["process"] = process;
        rt->runProbeAsProcess(config);
        Runtime::saveConfig(bundle, config);

        const Result ours = rt->call({"run", "--bundle", bundle, "parity-isolde"});
        QCOMPARE(ours.exitCode, 0);
        isolde = QJsonDocument::fromJson(ours.out).object();
        crun = runUnderCrun(bundle, "parity-crun");
        QVERIFY(!isolde.isEmpty());
        QVERIFY(!crun.isEmpty());
    }

    void cleanupTestCase()
    {
        if (!rt)
            return;
        rt->deleteAll();
        QProcess::execute("crun", {"--root", crunRoot(), "delete", "--force", "parity-crun"});
        delete rt;
    }

    void capabilities()
    {
        const QJsonObject ours = isolde["capabilities"].toObject();
        const QJsonObject theirs = crun["capabilities"].toObject();
        for (const char *set : {"bounding", "effective", "permitted", "inheritable", "ambient"})
            QVERIFY2(ours[QLatin1String(set)] == theirs[QLatin1String(set)], set);
    }

    void blockedSyscalls()
    {
        const QJsonObject ours = isolde["syscalls"].toObject();
        const QJsonObject theirs = crun["syscalls"].toObject();
        QCOMPARE(ours.keys(), theirs.keys());
        for (const QString &call : ours.keys())
            QVERIFY2(ours[call] == theirs[call],
                     qPrintable(call + ": isolde " + ours[call].toString() + ", crun " +
                                theirs[call].toString()));
        QCOMPARE(isolde["seccomp"].toObject()["modeName"].toString(), QStringLiteral("filter"));
        QCOMPARE(isolde["noNewPrivs"], crun["noNewPrivs"]);
    }

    void maskedPaths()
    {
        const QJsonObject ours = isolde["maskedPaths"].toObject();
        const QJsonObject theirs = crun["maskedPaths"].toObject();
        QCOMPARE(ours.keys(), theirs.keys());
        for (const QString &path : ours.keys()) {
            QVERIFY2(ours[path]["exists"] == theirs[path]["exists"], qPrintable(path));
            QVERIFY2(ours[path]["readable"] == theirs[path]["readable"], qPrintable(path));
        }
    }

    void readOnlyPaths()
    {
        QCOMPARE(isolde["readonlyPaths"], crun["readonlyPaths"]);
        QCOMPARE(isolde["rootfs"], crun["rootfs"]);
    }

    void namespaces()
    {
        QCOMPARE(newNamespaces(isolde), newNamespaces(crun));
        QCOMPARE(isolde["pid"].toInt(), crun["pid"].toInt());
        QCOMPARE(isolde["hostname"], crun["hostname"]);
    }
};

QTEST_GUILESS_MAIN(tst_ParityCrun)
#include "tst_parity_crun.moc"
