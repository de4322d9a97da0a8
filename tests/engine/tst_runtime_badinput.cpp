// Hostile or broken bundles: each `create` fails with one line naming the config.json field,
// and leaves nothing behind: no state directory, no cgroup, no process, no mount.

#include "RuntimeTestSupport.h"

#include <functional>
#include <unistd.h>

using runtimetest::Result;
using runtimetest::Runtime;

class tst_RuntimeBadInput : public QObject
{
    Q_OBJECT

private:
    Runtime *rt = nullptr;
    using Change = std::function<void(QJsonObject &config, const QString &bundle)>;

    // `create` of a plain-root bundle changed by `change` must fail naming `field`.
    void expectRefused(const QString &id, const QString &field, const Change &change)
    {
        const QString bundle = rt->makePlainBundle(id, {"sleep", "30"});
        QJsonObject config = Runtime::loadConfig(bundle);
        change(config, bundle);
        Runtime::saveConfig(bundle, config);
        const Result result = rt->call({"create", "--bundle", bundle, id});
        QVERIFY2(result.exitCode != 0, "create succeeded");
        const QByteArray expected = "isolde-runtime: " + field.toUtf8();
        QVERIFY2(result.err.startsWith(expected), result.err.constData());
        QCOMPARE(result.err.count('\n'), 1); // one line
        QCOMPARE(rt->leftovers(id), QStringList());
    }

    static void setProcess(QJsonObject &config, const QString &key, const QJsonValue &value)
    {
        QJsonObject process = config["process"].toObject();
        process.insert(key, value);
        config["process"] = process;
    }

    static void addMount(QJsonObject &config, const QString &destination)
    {
        QJsonArray mounts = config["mounts"].toArray();
        mounts.append(QJsonObject{{"destination", destination},
                                  {"type", "tmpfs"},
                                  {"source", "tmpfs"},
                                  {"options", QJsonArray{"nosuid"}}});
        config["mounts"] = mounts;
    }

    static void addUserNamespace(QJsonObject &config, const QJsonArray &uidMap)
    {
        QJsonObject linux = config["linux"].toObject();
        QJsonArray namespaces = linux["namespaces"].toArray();
        namespaces.append(QJsonObject{{"type", "user"}});
        linux["namespaces"] = namespaces;
        linux["uidMappings"] = uidMap;
        linux["gidMappings"] =
            QJsonArray{QJsonObject{{"containerID", 0}, {"hostID", 100000}, {"size", 65536}}};
        config["linux"] = linux;
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root and the real kernel: namespaces, mounts, cgroups");
        rt = new Runtime;
        QVERIFY(rt->tmp.isValid());
    }

    void cleanup() { rt->deleteAll(); }

    void cleanupTestCase()
    {
        if (rt)
            rt->deleteAll();
        delete rt;
    }

    void relativeMissingRoot()
    {
        expectRefused("missing-root", "root.path", [](QJsonObject &config, const QString &) {
            config["root"] = QJsonObject{{"path", "no-such-rootfs"}};
        });
    }

    void mountDestinationEscapingThroughSymlink()
    {
        const QString outside = rt->tmp.path() + "/outside";
        QDir().mkpath(outside);
        expectRefused("symlink-escape", "mounts[", [&](QJsonObject &config, const QString &bundle) {
            QFile::link("../../../../../../../../" + outside, bundle + "/rootfs/escape");
            addMount(config, "/escape/target");
        });
        // Nothing was made through the link on the host.
        QCOMPARE(QDir(outside).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
    }

    void mountDestinationEscapingThroughDotDot()
    {
        // The engine would resolve it inside the root anyway (RESOLVE_IN_ROOT); the validator
        // refuses `..` before anything is made.
        expectRefused("dotdot-escape", "mounts[", [](QJsonObject &config, const QString &) {
            addMount(config, "/../../../../tmp/isolde-dotdot-escape");
        });
        QVERIFY(!QFileInfo::exists("/tmp/isolde-dotdot-escape"));
    }

    void missingArgsZero()
    {
        expectRefused("no-args", "process.args", [](QJsonObject &config, const QString &) {
            setProcess(config, "args", QJsonArray{});
        });
    }

    void unknownCapability()
    {
        expectRefused("bad-cap", "process.capabilities.bounding[",
                      [](QJsonObject &config, const QString &) {
                          QJsonObject process = config["process"].toObject();
                          QJsonObject caps = process["capabilities"].toObject();
                          QJsonArray bounding = caps["bounding"].toArray();
                          bounding.append("CAP_NO_SUCH_THING");
                          caps["bounding"] = bounding;
                          process["capabilities"] = caps;
                          config["process"] = process;
                      });
    }

    void unknownSyscall()
    {
        expectRefused("bad-syscall", "linux.seccomp.syscalls[",
                      [](QJsonObject &config, const QString &) {
                          QJsonObject linux = config["linux"].toObject();
                          QJsonObject seccomp = linux["seccomp"].toObject();
                          QJsonArray syscalls = seccomp["syscalls"].toArray();
                          syscalls.append(QJsonObject{{"names", QJsonArray{"no_such_syscall"}},
                                                      {"action", "SCMP_ACT_ERRNO"}});
                          seccomp["syscalls"] = syscalls;
                          linux["seccomp"] = seccomp;
                          config["linux"] = linux;
                      });
    }

    void uidMapBeyondTheAllowedRange()
    {
        expectRefused("big-map", "linux.uidMappings", [](QJsonObject &config, const QString &) {
            addUserNamespace(config,
                             QJsonArray{QJsonObject{
                                 {"containerID", 0}, {"hostID", 4294960000.0}, {"size", 65536}}});
        });
    }

    void uidMapTheKernelRefuses()
    {
        // Overlapping ranges pass the checks before clone; the kernel refuses them after it,
        // so this also checks that a child already made is killed and cleaned up.
        expectRefused("overlap-map", "linux.uidMappings", [](QJsonObject &config, const QString &) {
            addUserNamespace(
                config,
                QJsonArray{QJsonObject{{"containerID", 0}, {"hostID", 100000}, {"size", 1000}},
                           QJsonObject{{"containerID", 500}, {"hostID", 200000}, {"size", 1000}}});
        });
    }

    void missingCwdFailsInTheChild()
    {
        expectRefused("bad-cwd", "process.cwd", [](QJsonObject &config, const QString &) {
            setProcess(config, "cwd", "/no/such/dir");
        });
    }

    void programNotInPath()
    {
        expectRefused("no-program", "process.args[0]", [](QJsonObject &config, const QString &) {
            setProcess(config, "args", QJsonArray{"no-such-program"});
        });
    }

    void secondCreateWithTheSameId()
    {
        const QString bundle = rt->makePlainBundle("twice", {"sleep", "30"});
        QCOMPARE(rt->call({"create", "--bundle", bundle, "twice"}).exitCode, 0);
        const QByteArray firstState = rt->call({"state", "twice"}).out;
        const Result second = rt->call({"create", "--bundle", bundle, "twice"});
        QVERIFY(second.exitCode != 0);
        QVERIFY2(second.err.startsWith("isolde-runtime: id: "), second.err.constData());
        // The first container is untouched.
        QCOMPARE(rt->call({"state", "twice"}).out, firstState);
        QCOMPARE(rt->call({"delete", "--force", "twice"}).exitCode, 0);
        QCOMPARE(rt->leftovers("twice"), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_RuntimeBadInput)
#include "tst_runtime_badinput.moc"
