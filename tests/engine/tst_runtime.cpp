// isolde-runtime end to end, one test per isolation mechanism, each checked through what
// isolde-probe sees from inside the container. Root and the real kernel.

#include "RuntimeTestSupport.h"

#include <QThread>
#include <cstring>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using runtimetest::names;
using runtimetest::Result;
using runtimetest::Runtime;

class tst_Runtime : public QObject
{
    Q_OBJECT

private:
    Runtime *rt = nullptr;

    QJsonObject probeWith(const QString &name,
                          const std::function<void(QJsonObject &)> &change = {})
    {
        const QString bundle = rt->makeBundle(name);
        QJsonObject config = Runtime::loadConfig(bundle);
        if (change)
            change(config);
        Runtime::saveConfig(bundle, config);
        return rt->probeRun(bundle, name);
    }

    static void setProcessField(QJsonObject &config, const QString &key, const QJsonValue &value)
    {
        QJsonObject process = config.value("process").toObject();
        process.insert(key, value);
        config.insert("process", process);
    }

    static void addUserNamespace(QJsonObject &config)
    {
        QJsonObject linux = config.value("linux").toObject();
        QJsonArray namespaces = linux.value("namespaces").toArray();
        namespaces.append(QJsonObject{{"type", "user"}});
        linux.insert("namespaces", namespaces);
        const QJsonArray map{QJsonObject{{"containerID", 0}, {"hostID", 100000}, {"size", 65536}}};
        linux.insert("uidMappings", map);
        linux.insert("gidMappings", map);
        config.insert("linux", linux);
    }

    // A bundle whose process asks for a terminal of `rows` x `columns`.
    QString terminalBundle(const QString &name, const QStringList &args, int rows, int columns)
    {
        const QString bundle = rt->makeBundle(name, args);
        QJsonObject config = Runtime::loadConfig(bundle);
        setProcessField(config, "terminal", true);
        setProcessField(config, "consoleSize", QJsonObject{{"height", rows}, {"width", columns}});
        Runtime::saveConfig(bundle, config);
        return bundle;
    }

    // Output lines without the terminal's carriage returns.
    static QList<QByteArray> terminalLines(const QByteArray &output)
    {
        QList<QByteArray> lines;
        for (const QByteArray &line : output.split('\n'))
            lines.append(line.trimmed());
        return lines;
    }

    // The descriptor sent to `listener` as one SCM_RIGHTS message; -1 when none came.
    static int receiveDescriptor(int listener)
    {
        const int connection = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0)
            return -1;
        char byte = 0;
        iovec data{&byte, 1};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
        msghdr message{};
        message.msg_iov = &data;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        int fd = -1;
        if (::recvmsg(connection, &message, MSG_CMSG_CLOEXEC) == 1) {
            const cmsghdr *header = CMSG_FIRSTHDR(&message);
            if (header && header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_RIGHTS)
                std::memcpy(&fd, CMSG_DATA(header), sizeof fd);
        }
        ::close(connection);
        return fd;
    }

    // Everything readable on `fd` until end-of-file, EIO or `timeoutMs` of silence.
    static QByteArray readUntilClosed(int fd, int timeoutMs)
    {
        QByteArray output;
        pollfd pfd{fd, POLLIN, 0};
        while (::poll(&pfd, 1, timeoutMs) > 0) {
            char buffer[4096];
            const ssize_t got = ::read(fd, buffer, sizeof buffer);
            if (got <= 0)
                break;
            output.append(buffer, got);
        }
        return output;
    }

    QString status(const QString &id)
    {
        return QJsonDocument::fromJson(rt->call({"state", id}).out)["status"].toString();
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root and the real kernel: namespaces, mounts, cgroups");
        rt = new Runtime;
        QVERIFY(rt->tmp.isValid());
        QVERIFY(QFileInfo::exists(rt->runtime));
    }

    void cleanup() { rt->deleteAll(); }

    void cleanupTestCase()
    {
        if (!rt)
            return;
        rt->deleteAll();
        QCOMPARE(QDir(rt->root).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
        delete rt;
    }

    void pidOne()
    {
        const QJsonObject probe = probeWith("pid-one");
        QCOMPARE(probe["pid"].toInt(), 1);
        QCOMPARE(probe["ppid"].toInt(), 0);
    }

    void ownHostname()
    {
        const QJsonObject probe =
            probeWith("hostname", [](QJsonObject &config) { config["hostname"] = "isolde-test"; });
        QCOMPARE(probe["hostname"].toString(), QStringLiteral("isolde-test"));
        char host[256] = {};
        ::gethostname(host, sizeof host - 1);
        QVERIFY(QString::fromUtf8(host) != QStringLiteral("isolde-test"));
    }

    void userNamespaceMapsRootToHostUid()
    {
        const QJsonObject probe = probeWith("userns", addUserNamespace);
        QCOMPARE(probe["uid"].toInt(), 0);
        const QJsonObject line = probe["uidMap"].toArray().first().toObject();
        QCOMPARE(line["inside"].toInt(), 0);
        QCOMPARE(line["outside"].toInt(), 100000);
        QCOMPARE(line["count"].toInt(), 65536);

        // Seen from the host, container root is uid 100000.
        const qint64 pid = rt->startContainer("userns-host", {"sleep", "30"}, addUserNamespace);
        QVERIFY(pid > 0);
        QFile status(QStringLiteral("/proc/%1/status").arg(pid));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QByteArray text = status.readAll();
        QVERIFY2(text.contains("\nUid:\t100000\t100000\t100000\t100000\n"), text.constData());
    }

    void everyNamespaceDiffersFromTheHost()
    {
        const QJsonObject probe = probeWith("namespaces", addUserNamespace);
        const QJsonObject namespaces = probe["namespaces"].toObject();
        for (const char *name : {"cgroup", "ipc", "mnt", "net", "pid", "uts", "user"}) {
            const quint64 inside = namespaces[name].toInteger();
            QVERIFY2(inside != 0, name);
            QVERIFY2(inside != runtimetest::hostNamespace(name), name);
        }
    }

    void capabilitiesEqualTheSpec()
    {
        const QJsonArray wanted{"CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"};
        const QJsonObject probe = probeWith("caps", [&](QJsonObject &config) {
            setProcessField(config, "capabilities",
                            QJsonObject{{"bounding", wanted},
                                        {"effective", wanted},
                                        {"permitted", wanted},
                                        {"inheritable", QJsonArray{}},
                                        {"ambient", QJsonArray{}}});
        });
        const QJsonObject caps = probe["capabilities"].toObject();
        const QStringList expected = names(wanted);
        QCOMPARE(names(caps["bounding"]["names"]), expected);
        QCOMPARE(names(caps["effective"]["names"]), expected);
        QCOMPARE(names(caps["permitted"]["names"]), expected);
        QCOMPARE(names(caps["inheritable"]["names"]), QStringList());
        QCOMPARE(names(caps["ambient"]["names"]), QStringList());
    }

    void defaultSeccompBlocksDangerousSyscalls()
    {
        const QJsonObject filtered = probeWith("seccomp")["syscalls"].toObject();
        const QJsonObject unfiltered = probeWith("no-seccomp",
                                                 [](QJsonObject &config) {
                                                     QJsonObject linux = config["linux"].toObject();
                                                     linux.remove("seccomp");
                                                     config["linux"] = linux;
                                                 })["syscalls"]
                                           .toObject();
        for (const char *call : {"reboot", "mount", "ptrace", "keyctl", "unshare"})
            QVERIFY2(filtered[call].toString() == QLatin1String("EPERM"), call);
        // Without the filter the same container gets other answers: it is the filter.
        for (const char *call : {"ptrace", "keyctl", "unshare"})
            QVERIFY2(unfiltered[call].toString() != QLatin1String("EPERM"), call);
    }

    void readOnlyRootRefusesWrites()
    {
        const QJsonObject readOnly = probeWith("ro-root", [](QJsonObject &config) {
            config["root"] = QJsonObject{{"path", "rootfs"}, {"readonly", true}};
        });
        QCOMPARE(readOnly["rootfs"]["readOnly"].toBool(), true);
        QCOMPARE(readOnly["rootfs"]["createFile"].toString(), QStringLiteral("EROFS"));
        const QJsonObject writable = probeWith("rw-root");
        QCOMPARE(writable["rootfs"]["createFile"].toString(), QStringLiteral("OK"));
    }

    void maskedPathsAreUnreadable()
    {
        const QJsonObject masked = probeWith("masked")["maskedPaths"].toObject();
        QVERIFY(!masked.isEmpty());
        int checked = 0;
        for (auto it = masked.begin(); it != masked.end(); ++it) {
            const QJsonObject path = it.value().toObject();
            if (!path["exists"].toBool())
                continue;
            ++checked;
            QVERIFY2(!path["readable"].toBool(), qPrintable(it.key()));
        }
        QVERIFY(checked > 0);
    }

    void noNewPrivileges()
    {
        QCOMPARE(probeWith("nnp-on",
                           [](QJsonObject &config) {
                               setProcessField(config, "noNewPrivileges", true);
                           })["noNewPrivs"]
                     .toBool(),
                 true);
        QCOMPARE(probeWith("nnp-off",
                           [](QJsonObject &config) {
                               setProcessField(config, "noNewPrivileges", false);
                           })["noNewPrivs"]
                     .toBool(),
                 false);
    }

    void onlyStandardFdsAreOpen()
    {
        const QJsonArray fds = probeWith("fds")["fds"].toArray();
        QList<int> numbers;
        for (const QJsonValue &fd : fds)
            numbers << fd["fd"].toInt();
        QCOMPARE(numbers, (QList<int>{0, 1, 2}));
    }

    void processUserRunsAsThatUser()
    {
        const QJsonObject probe = probeWith("user", [](QJsonObject &config) {
            setProcessField(config, "user", QJsonObject{{"uid", 1000}, {"gid", 1000}});
        });
        QCOMPARE(probe["uid"].toInt(), 1000);
        QCOMPARE(probe["euid"].toInt(), 1000);
        QCOMPARE(probe["gid"].toInt(), 1000);
        QCOMPARE(probe["egid"].toInt(), 1000);
    }

    void overlayWritesLandInUpper()
    {
        const QString bundle = rt->makeBundle("overlay", {"sh", "-c", "echo data > /written"});
        const QString layer = Runtime::layers(bundle).section(':', -1);
        QVERIFY(QFileInfo(layer).isDir());
        QCOMPARE(rt->call({"run", "--bundle", bundle, "overlay"}).exitCode, 0);
        QFile upper(bundle + "/upper/written");
        QVERIFY(upper.open(QIODevice::ReadOnly));
        QCOMPARE(upper.readAll(), QByteArray("data\n"));
        QVERIFY(!QFileInfo::exists(layer + "/written"));
        QVERIFY(
            !QFileInfo::exists(bundle + "/rootfs/written")); // the overlay was never on the host
    }

    void twoContainersShareTheLowerLayer()
    {
        const qint64 first = rt->startContainer("share-a", {"sleep", "30"});
        QVERIFY(first > 0);
        const QString bundleB = rt->makeBundle("share-b", {"sh", "-c", "echo b > /only-b"});
        QCOMPARE(Runtime::layers(rt->tmp.path() + "/bundles/share-a"), Runtime::layers(bundleB));
        QCOMPARE(rt->call({"run", "--bundle", bundleB, "share-b"}).exitCode, 0);
        // Both see the layer's files; what B wrote stays in B.
        QCOMPARE(rt->call({"exec", "share-a", "test", "-x", "/bin/busybox"}).exitCode, 0);
        QCOMPARE(rt->call({"exec", "share-a", "test", "-e", "/only-b"}).exitCode, 1);
        QVERIFY(QFileInfo::exists(bundleB + "/upper/only-b"));
    }

    // The product's own path from docker flags to a running container: isoldectl writes the
    // spec, `bundle --config` lays it on the embedded image, `run` runs it.
    void specFromIsoldectlRuns()
    {
        QProcess isoldectl;
        isoldectl.start(QCoreApplication::applicationDirPath() + QStringLiteral("/isoldectl"),
                        {"spec", "new", "--hostname", "from-isoldectl", "--read-only", "-e",
                         "GREETING=hello", "--", "sh", "-c",
                         "echo $GREETING $(hostname); touch /x 2>/dev/null || echo read-only"});
        QVERIFY(isoldectl.waitForFinished());
        QCOMPARE(isoldectl.exitCode(), 0);
        const QString specFile = rt->tmp.path() + QStringLiteral("/from-isoldectl.json");
        QFile file(specFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(isoldectl.readAllStandardOutput());
        file.close();

        const QString bundle = rt->tmp.path() + QStringLiteral("/bundles/from-isoldectl");
        const Result made = rt->call({"bundle", "--config", specFile, bundle});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const Result ran = rt->call({"run", "--bundle", bundle, "from-isoldectl"});
        QCOMPARE(ran.exitCode, 0);
        QCOMPARE(ran.out, QByteArray("hello from-isoldectl\nread-only\n"));
        QVERIFY(rt->leftovers("from-isoldectl").isEmpty());

        const Result missing = rt->call({"bundle", "--config", specFile + ".none", bundle + "2"});
        QVERIFY(missing.exitCode != 0);
        QVERIFY(missing.err.contains("--config"));
    }

    void runReturnsTheExitStatus()
    {
        const QString exits = rt->makeBundle("exit7", {"sh", "-c", "exit 7"});
        QCOMPARE(rt->call({"run", "--bundle", exits, "exit7"}).exitCode, 7);
        QVERIFY(rt->leftovers("exit7").isEmpty());

        // Killed from outside: 128 + the signal, as a shell reports it.
        const QString sleeper = rt->makeBundle("killed", {"sleep", "30"});
        QProcess run;
        run.start(rt->runtime, {"--root", rt->root, "run", "--bundle", sleeper, "killed"});
        QVERIFY(run.waitForStarted());
        QTRY_COMPARE(status("killed"), QStringLiteral("running"));
        QCOMPARE(rt->call({"kill", "killed", "KILL"}).exitCode, 0);
        QVERIFY(run.waitForFinished(10000));
        QCOMPARE(run.exitCode(), 128 + 9);
        QVERIFY(rt->leftovers("killed").isEmpty());
    }

    void killAndStateTransitions()
    {
        const QString bundle = rt->makeBundle("life", {"sleep", "30"});
        QCOMPARE(rt->call({"create", "--bundle", bundle, "life"}).exitCode, 0);
        QCOMPARE(status("life"), QStringLiteral("created"));
        QCOMPARE(rt->call({"start", "life"}).exitCode, 0);
        QCOMPARE(status("life"), QStringLiteral("running"));
        QVERIFY(rt->call({"start", "life"}).exitCode != 0);  // only a created container starts
        QVERIFY(rt->call({"delete", "life"}).exitCode != 0); // running: needs --force
        QCOMPARE(rt->call({"kill", "life", "SIGKILL"}).exitCode, 0);
        QTRY_COMPARE(status("life"), QStringLiteral("stopped"));
        QVERIFY(rt->call({"kill", "life", "9"}).exitCode != 0);
        QCOMPARE(rt->call({"delete", "life"}).exitCode, 0);
        QVERIFY(rt->call({"state", "life"}).exitCode != 0);
        QVERIFY(rt->leftovers("life").isEmpty());
    }

    void execProbeSeesTheContainer()
    {
        const qint64 pid =
            rt->startContainer("exec-probe", {"sleep", "30"},
                               [](QJsonObject &config) { config["hostname"] = "exec-host"; });
        QVERIFY(pid > 0);
        const Result result = rt->call({"exec", "exec-probe", "--probe"});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject probe = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(probe["hostname"].toString(), QStringLiteral("exec-host"));
        QVERIFY(probe["pid"].toInt() > 1); // in the container's PID namespace, beside PID 1
        QVERIFY(quint64(probe["namespaces"]["pid"].toInteger()) !=
                runtimetest::hostNamespace("pid"));
        QCOMPARE(probe["seccomp"]["modeName"].toString(), QStringLiteral("filter"));
    }

    // Zombie children of the host process `parent`.
    static int zombieChildren(qint64 parent)
    {
        int zombies = 0;
        for (const QString &pid : QDir("/proc").entryList(QDir::Dirs)) {
            QFile status("/proc/" + pid + "/status");
            if (!status.open(QIODevice::ReadOnly))
                continue;
            const QByteArray text = status.readAll();
            if (text.contains("\nPPid:\t" + QByteArray::number(parent) + "\n") &&
                text.contains("\nState:\tZ"))
                ++zombies;
        }
        return zombies;
    }

    void initReapsZombies()
    {
        // An orphan is reparented to PID 1, which must reap it: `sleep` as PID 1 does not.
        const QStringList script{"sh", "-c", "(sleep 0.2 &); exec sleep 30"};
        const qint64 withInit = rt->startContainer("init", script, [](QJsonObject &config) {
            QJsonObject annotations = config["annotations"].toObject();
            annotations.insert("org.isolde.init", "true");
            config["annotations"] = annotations;
        });
        const qint64 withoutInit = rt->startContainer("no-init", script);
        QVERIFY(withInit > 0 && withoutInit > 0);
        QTRY_COMPARE(zombieChildren(withoutInit), 1);
        QCOMPARE(zombieChildren(withInit), 0);
        // The user process is PID 2 behind the init, PID 1 without it.
        QCOMPARE(rt->call({"exec", "init", "pidof", "sleep"}).out.trimmed(), QByteArray("2"));
        QCOMPARE(
            rt->call({"exec", "no-init", "sh", "-c", "pidof sleep | tr ' ' '\\n' | sort | head -1"})
                .out.trimmed(),
            QByteArray("1"));
    }

    void initForwardsSignals()
    {
        const qint64 pid =
            rt->startContainer("init-signal", {"sleep", "30"}, [](QJsonObject &config) {
                QJsonObject annotations = config["annotations"].toObject();
                annotations.insert("org.isolde.init", "true");
                config["annotations"] = annotations;
            });
        QVERIFY(pid > 0);
        // sleep as PID 1 would ignore SIGTERM; behind the init it gets it and dies.
        QCOMPARE(rt->call({"kill", "init-signal", "TERM"}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(status("init-signal"), QStringLiteral("stopped"), 5000);
    }

    void runForwardsSignalsToTheContainer()
    {
        const QString bundle = rt->makeBundle("forward", {"sleep", "30"});
        QJsonObject config = Runtime::loadConfig(bundle);
        QJsonObject annotations = config["annotations"].toObject();
        annotations.insert("org.isolde.init", "true"); // so that sleep gets the TERM
        config["annotations"] = annotations;
        Runtime::saveConfig(bundle, config);
        QProcess run;
        run.start(rt->runtime, {"--root", rt->root, "run", "--bundle", bundle, "forward"});
        QVERIFY(run.waitForStarted());
        QTRY_COMPARE(status("forward"), QStringLiteral("running"));
        run.terminate(); // SIGTERM to isolde-runtime itself
        QVERIFY(run.waitForFinished(10000));
        QCOMPARE(run.exitStatus(), QProcess::NormalExit);
        QCOMPARE(run.exitCode(), 128 + 15);
        QVERIFY(rt->leftovers("forward").isEmpty());
    }

    void unappliedLsmIsRecordedInTheState()
    {
        QFile apparmor("/sys/module/apparmor/parameters/enabled");
        if (apparmor.open(QIODevice::ReadOnly) && apparmor.readAll().trimmed() == "Y")
            QSKIP("AppArmor is enabled here: the profile would be applied, not recorded");
        QVERIFY(rt->startContainer("lsm", {"sleep", "30"}, [](QJsonObject &config) {
            setProcessField(config, "apparmorProfile", "isolde-test-profile");
        }) > 0);
        const QJsonObject state = QJsonDocument::fromJson(rt->call({"state", "lsm"}).out).object();
        const QString note = state["annotations"].toObject()["org.isolde.lsm"].toString();
        QVERIFY2(note.contains("isolde-test-profile") && note.contains("not applied"),
                 qPrintable(note));
    }

    // The seccomp program is compiled once into a private cache in the state root; the next
    // container with the same profile reads it instead of compiling again.
    void seccompProgramIsCachedInTheStateRoot()
    {
        const QString bundle = rt->makeBundle("cached", {"true"});
        QVERIFY(!Runtime::loadConfig(bundle)["linux"].toObject()["seccomp"].toObject().isEmpty());
        QCOMPARE(rt->call({"run", "--bundle", bundle, "cached"}).exitCode, 0);
        const QString cache = rt->root + "/.seccomp-cache";
        struct stat status
        {};
        QCOMPARE(::stat(QFile::encodeName(cache).constData(), &status), 0);
        QCOMPARE(status.st_mode & 07777, mode_t(0700));
        const auto entries = [&cache] {
            QMap<QString, QDateTime> found;
            for (const QFileInfo &entry :
                 QDir(cache).entryInfoList({"*.bpf"}, QDir::Files | QDir::Hidden))
                found.insert(entry.fileName(), entry.lastModified());
            return found;
        };
        const QMap<QString, QDateTime> first = entries();
        QVERIFY(!first.isEmpty());
        QCOMPARE(rt->call({"run", "--bundle", bundle, "cached"}).exitCode, 0);
        QCOMPARE(entries(), first);
        // Not a container: list and delete leave it alone.
        QVERIFY(!rt->call({"list"}).out.contains("seccomp-cache"));
    }

    // process.terminal in the foreground: the process has a controlling terminal of the
    // spec's size, /dev/console is that terminal, and run relays it although our stdin is a
    // pipe.
    void runRelaysTheTerminal()
    {
        const QString bundle = terminalBundle(
            "tty",
            {"sh", "-c",
             "tty && test -c /dev/console && test /dev/console -ef /proc/self/fd/0 && "
             "echo console-ok; stty size; exit 3"},
            33, 101);
        const Result result = rt->call({"run", "--bundle", bundle, "tty"}, 20000);
        QCOMPARE(result.exitCode, 3);
        const QList<QByteArray> lines = terminalLines(result.out);
        QVERIFY2(lines.contains("console-ok"), result.out.constData());
        QVERIFY2(lines.contains("33 101"), result.out.constData());
        QVERIFY2(!result.out.contains("not a tty"), result.out.constData());
        QVERIFY(rt->leftovers("tty").isEmpty());
    }

    // create with a terminal hands the pty master to --console-socket, as runc does; without
    // a socket it refuses, naming the field, and leaves nothing behind.
    void consoleSocketReceivesTheTerminal()
    {
        const QString bundle =
            terminalBundle("console", {"sh", "-c", "read line; echo got-$line; stty size"}, 20, 70);
        for (const QStringList &command :
             {QStringList{"create", "--bundle", bundle, "console"},
              QStringList{"run", "--detach", "--bundle", bundle, "console"}}) {
            const Result refused = rt->call(command);
            QVERIFY(refused.exitCode != 0);
            QVERIFY2(refused.err.contains("process.terminal") &&
                         refused.err.contains("--console-socket"),
                     refused.err.constData());
            QVERIFY(rt->leftovers("console").isEmpty());
        }

        const QByteArray socketPath = QFile::encodeName(rt->tmp.path() + "/console.sock");
        const int listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(listener >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, socketPath.constData(), std::size_t(socketPath.size()));
        QCOMPARE(::bind(listener, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
        QCOMPARE(::listen(listener, 1), 0);
        const Result created = rt->call({"create", "--bundle", bundle, "--console-socket",
                                         QString::fromUtf8(socketPath), "console"});
        const int master = receiveDescriptor(listener);
        ::close(listener);
        QCOMPARE(created.exitCode, 0);
        QVERIFY(master >= 0);
        unsigned int ptyNumber = 0;
        QCOMPARE(::ioctl(master, TIOCGPTN, &ptyNumber), 0); // a pty's master side
        QCOMPARE(rt->call({"start", "console"}).exitCode, 0);
        QCOMPARE(::write(master, "ping\n", 5), ssize_t(5));
        const QByteArray output = readUntilClosed(master, 10000);
        ::close(master);
        const QList<QByteArray> lines = terminalLines(output);
        QVERIFY2(lines.contains("got-ping"), output.constData());
        QVERIFY2(lines.contains("20 70"), output.constData());
        QTRY_COMPARE(status("console"), QStringLiteral("stopped"));
        QCOMPARE(rt->call({"delete", "console"}).exitCode, 0);
        QVERIFY(rt->leftovers("console").isEmpty());
    }

    void listShowsContainers()
    {
        QVERIFY(rt->startContainer("listed", {"sleep", "30"}) > 0);
        const QJsonArray list =
            QJsonDocument::fromJson(rt->call({"list", "--format", "json"}).out).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first()["id"].toString(), QStringLiteral("listed"));
        QCOMPARE(list.first()["status"].toString(), QStringLiteral("running"));
        QVERIFY(rt->call({"list"}).out.contains("listed"));
    }
};

QTEST_GUILESS_MAIN(tst_Runtime)
#include "tst_runtime.moc"
