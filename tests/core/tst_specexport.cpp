// A spec as docker and podman command lines and as a Kubernetes Pod, checked word for word.
#include "spec/DockerFlags.h"
#include "spec/SpecDefaults.h"
#include "spec/SpecExport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace isolde;
using namespace isolde::spec;

namespace {

OciSpec fromFlags(const QStringList &flags)
{
    const Expected<OciSpec> spec = specFromDockerArgs(flags);
    if (!spec)
        qFatal("bad flags in the test: %s", qPrintable(spec.error().reason));
    return *spec;
}

const QStringList webFlags = {"--name",
                              "web",
                              "--cpus",
                              "1.5",
                              "-c",
                              "512",
                              "-m",
                              "512m",
                              "--memory-reservation",
                              "256m",
                              "--cap-drop",
                              "ALL",
                              "--cap-add",
                              "NET_BIND_SERVICE",
                              "--read-only",
                              "--security-opt",
                              "no-new-privileges",
                              "-u",
                              "1000:1000",
                              "-e",
                              "GREETING=hello world",
                              "-w",
                              "/srv",
                              "--tmpfs",
                              "/tmp:size=64m",
                              "-v",
                              "/srv/www:/usr/share/www:ro",
                              "--image",
                              "nginx:1.25",
                              "--",
                              "sh",
                              "-c",
                              "echo 'hi'; exec nginx"};

} // namespace

class TestSpecExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void shellQuote_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << "plain-word_1.2:/x=y@%+,"
                               << "plain-word_1.2:/x=y@%+,";
        QTest::newRow("empty") << ""
                               << "''";
        QTest::newRow("space") << "a b"
                               << "'a b'";
        QTest::newRow("single quote") << "it's"
                                      << "'it'\\''s'";
        QTest::newRow("dollar") << "$HOME"
                                << "'$HOME'";
        QTest::newRow("glob") << "*.txt"
                              << "'*.txt'";
        QTest::newRow("semicolon") << "a;b"
                                   << "'a;b'";
        QTest::newRow("double quote and backslash") << R"(say "hi"\)"
                                                    << R"('say "hi"\')";
        QTest::newRow("non-ASCII") << "héllo"
                                   << "'héllo'";
        QTest::newRow("newline") << "a\nb"
                                 << "'a\nb'";
    }
    void shellQuote()
    {
        QFETCH(QString, word);
        QFETCH(QString, quoted);
        QCOMPARE(isolde::spec::shellQuote(word), quoted);
    }

    void exportImage()
    {
        OciSpec spec = defaultSpec();
        QCOMPARE(isolde::spec::exportImage(spec), "busybox");
        spec.setAnnotation(AnnotationImage, "alpine");
        QCOMPARE(isolde::spec::exportImage(spec), "alpine");
        QCOMPARE(isolde::spec::exportImage(spec, "debian:12"), "debian:12");
    }

    void formats()
    {
        QCOMPARE(exportFormatFromName("docker"), ExportFormat::Docker);
        QCOMPARE(exportFormatFromName("podman"), ExportFormat::Podman);
        QCOMPARE(exportFormatFromName("kube"), ExportFormat::Kubernetes);
        QCOMPARE(exportFormatFromName("kubernetes"), ExportFormat::Kubernetes);
        QCOMPARE(exportFormatFromName("lxc"), std::nullopt);
        QCOMPARE(exportSpec(defaultSpec(), ExportFormat::Docker),
                 dockerRunCommand(defaultSpec()) + '\n');
        QCOMPARE(exportSpec(defaultSpec(), ExportFormat::Kubernetes), kubernetesPod(defaultSpec()));
    }

    void defaultSpecExports()
    {
        QCOMPARE(dockerRunCommand(defaultSpec()), "docker run --network none busybox sh");
        QCOMPARE(podmanRunCommand(defaultSpec(), "alpine"), "podman run --network none alpine sh");
        QCOMPARE(kubernetesPod(defaultSpec()), R"(apiVersion: v1
kind: Pod
metadata:
  name: "isolde"
spec:
  restartPolicy: Never
  containers:
    - name: "isolde"
      image: "busybox"
      command: ["sh"]
      securityContext:
        allowPrivilegeEscalation: true
        readOnlyRootFilesystem: false
        runAsUser: 0
        runAsGroup: 0
        seccompProfile:
          type: RuntimeDefault
)");
    }

    void webServer()
    {
        const OciSpec spec = fromFlags(webFlags);
        const QString flags =
            "--name web --user 1000:1000 --workdir /srv --env 'GREETING=hello world' --read-only "
            "--cap-drop ALL --cap-add NET_BIND_SERVICE --security-opt no-new-privileges --network "
            "none --cpus 1.5 --cpu-shares 512 --memory 512m --memory-reservation 256m --tmpfs "
            "/tmp:size=64m --volume /srv/www:/usr/share/www:ro nginx:1.25 sh -c 'echo "
            "'\\''hi'\\''; "
            "exec nginx'";
        QCOMPARE(dockerRunCommand(spec), "docker run " + flags);
        QCOMPARE(podmanRunCommand(spec), "podman run " + flags);
        QCOMPARE(kubernetesPod(spec), R"(apiVersion: v1
kind: Pod
metadata:
  name: "web"
spec:
  restartPolicy: Never
  containers:
    - name: "web"
      image: "nginx:1.25"
      command: ["sh"]
      args: ["-c", "echo 'hi'; exec nginx"]
      workingDir: "/srv"
      env:
        - name: "GREETING"
          value: "hello world"
      resources:
        requests:
          cpu: "500m"
          memory: "256Mi"
        limits:
          cpu: "1500m"
          memory: "512Mi"
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        runAsUser: 1000
        runAsGroup: 1000
        capabilities:
          add: ["NET_BIND_SERVICE"]
          drop: ["ALL"]
        seccompProfile:
          type: RuntimeDefault
      volumeMounts:
        - name: "volume-0"
          mountPath: "/tmp"
        - name: "volume-1"
          mountPath: "/usr/share/www"
          readOnly: true
  volumes:
    - name: "volume-0"
      emptyDir:
        medium: Memory
        sizeLimit: "64Mi"
    - name: "volume-1"
      hostPath:
        path: "/srv/www"
)");
    }

    // Host namespaces, a seccomp profile file, capabilities relative to the default set, a
    // non-default CFS period, and strings that need quoting in both languages.
    void hostNamespacesAndQuoting()
    {
        QVERIFY(m_dir.isValid());
        const QString profile = m_dir.filePath("audit.json");
        QFile file(profile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": []})");
        file.close();
        const OciSpec spec = fromFlags({"--name",
                                        "Web_App.1",
                                        "--cpu-period",
                                        "50000",
                                        "--cpu-quota",
                                        "75000",
                                        "-c",
                                        "512",
                                        "--cap-add",
                                        "SYS_PTRACE",
                                        "--cap-drop",
                                        "MKNOD",
                                        "--network",
                                        "host",
                                        "--ipc",
                                        "host",
                                        "--uts",
                                        "host",
                                        "--userns",
                                        "private",
                                        "--security-opt",
                                        "seccomp=" + profile,
                                        "-e",
                                        "QUOTE=say \"hi\"\\ now",
                                        "-e",
                                        "MULTI=a\nb\tc",
                                        "-e",
                                        "SINGLE=it's",
                                        "--",
                                        "/bin/echo",
                                        "$HOME",
                                        "",
                                        "a b"});
        const QString flags =
            QStringLiteral("--name Web_App.1 --env 'QUOTE=say \"hi\"\\ now' --env 'MULTI=a\n"
                           "b\tc' --env 'SINGLE=it'\\''s' --cap-drop MKNOD --cap-add "
                           "SYS_PTRACE --security-opt seccomp=%1 --network host --ipc host "
                           "--uts host%2 --cpu-period 50000 --cpu-quota 75000 --cpu-shares "
                           "512 busybox /bin/echo '$HOME' '' 'a b'")
                .arg(profile);
        QCOMPARE(dockerRunCommand(spec), "docker run " + flags.arg(QString()));
        QCOMPARE(podmanRunCommand(spec),
                 "podman run " + flags.arg(" --uidmap 0:100000:65536 --gidmap 0:100000:65536"));
        // Plain literals: moc misreads quotes and backslashes inside raw strings here.
        const QStringList pod = {
            "# Not expressible in a Pod, left out: user namespace",
            "apiVersion: v1",
            "kind: Pod",
            "metadata:",
            "  name: \"web-app-1\"",
            "spec:",
            "  restartPolicy: Never",
            "  hostNetwork: true",
            "  hostIPC: true",
            "  containers:",
            "    - name: \"web-app-1\"",
            "      image: \"busybox\"",
            "      command: [\"/bin/echo\"]",
            "      args: [\"$HOME\", \"\", \"a b\"]",
            "      env:",
            "        - name: \"QUOTE\"",
            "          value: \"say \\\"hi\\\"\\\\ now\"",
            "        - name: \"MULTI\"",
            "          value: \"a\\nb\\tc\"",
            "        - name: \"SINGLE\"",
            "          value: \"it's\"",
            "      resources:",
            "        requests:",
            "          cpu: \"500m\"",
            "        limits:",
            "          cpu: \"1500m\"",
            "      securityContext:",
            "        allowPrivilegeEscalation: true",
            "        readOnlyRootFilesystem: false",
            "        runAsUser: 0",
            "        runAsGroup: 0",
            "        capabilities:",
            "          add: [\"SYS_PTRACE\"]",
            "          drop: [\"MKNOD\"]",
            "        seccompProfile:",
            "          type: Localhost",
            "          localhostProfile: \"audit.json\"",
        };
        QCOMPARE(kubernetesPod(spec), pod.join('\n') + '\n');
    }

    void unconfinedAndLimitsAPodCannotHold()
    {
        const OciSpec spec =
            fromFlags({"--security-opt", "seccomp=unconfined", "--pid", "host", "-m", "6m",
                       "--memory-swap", "-1", "--pids-limit", "50", "--cpuset-cpus", "0",
                       "--group-add", "10", "--group-add", "20", "-h", "db"});
        QCOMPARE(
            kubernetesPod(spec, "postgres"),
            R"(# Not expressible in a Pod, left out: pids limit 50, memory+swap limit unlimited, cpuset
apiVersion: v1
kind: Pod
metadata:
  name: "isolde"
spec:
  restartPolicy: Never
  hostname: "db"
  hostPID: true
  securityContext:
    supplementalGroups: [10, 20]
  containers:
    - name: "isolde"
      image: "postgres"
      command: ["sh"]
      resources:
        limits:
          memory: "6Mi"
      securityContext:
        allowPrivilegeEscalation: true
        readOnlyRootFilesystem: false
        runAsUser: 0
        runAsGroup: 0
        seccompProfile:
          type: Unconfined
)");
        QCOMPARE(dockerRunCommand(spec, "postgres"),
                 "docker run --hostname db --group-add 10 --group-add 20 --security-opt "
                 "seccomp=unconfined --network none --pid host --cpuset-cpus 0 --memory 6m "
                 "--memory-swap -1 --pids-limit 50 postgres sh");
    }

    // A long drop list reads better as "drop ALL, add back these".
    void capabilitiesAgainstTheRuntimeDefault()
    {
        const OciSpec spec = fromFlags({"--cap-drop", "ALL", "--cap-add", "CHOWN", "--cap-add",
                                        "KILL", "--cap-add", "NET_ADMIN"});
        QVERIFY(kubernetesPod(spec).contains("        capabilities:\n"
                                             "          add: [\"CHOWN\", \"KILL\", \"NET_ADMIN\"]\n"
                                             "          drop: [\"ALL\"]\n"));
        const OciSpec few = fromFlags({"--cap-drop", "NET_RAW"});
        QVERIFY(kubernetesPod(few).contains("        capabilities:\n"
                                            "          drop: [\"NET_RAW\"]\n"
                                            "        seccompProfile:\n"));
    }
};

QTEST_GUILESS_MAIN(TestSpecExport)
#include "tst_specexport.moc"
