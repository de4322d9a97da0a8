// The lab's catalogue without a helper: what each experiment predicts from a spec, what its
// relaxed twin's spec predicts, how the single-layer twins split seccomp from capabilities,
// and how the observations busybox and isolde-probe really give are judged.
#include "LabSpecs.h"
#include "spec/SpecDefaults.h"
#include "spec/SpecValidator.h"
#include "teaching/Experiments.h"

#include <QTest>

using namespace isolde;
using namespace isolde::teaching;

class TestExperiments : public QObject
{
    Q_OBJECT
private slots:
    void catalogueIsComplete()
    {
        QCOMPARE(experiments().size(), labspecs::expectations().size());
        for (const Experiment &e : experiments()) {
            QVERIFY2(!e.title.isEmpty() && !e.tries.isEmpty(), qPrintable(e.id));
            QVERIFY2(e.predict && e.judge && e.relax, qPrintable(e.id));
            if (e.method == Method::Exec)
                QVERIFY2(!e.command.isEmpty(), qPrintable(e.id));
            else
                QVERIFY2(!e.syscall.isEmpty(), qPrintable(e.id));
        }
        QVERIFY(findExperiment(QStringLiteral("ptrace")));
        QVERIFY(!findExperiment(QStringLiteral("nothing")));
    }

    void predictRestrictedAndRelaxed_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &x : labspecs::expectations())
            QTest::newRow(x.id) << QString::fromLatin1(x.id);
    }
    void predictRestrictedAndRelaxed()
    {
        QFETCH(QString, id);
        const Experiment *e = findExperiment(id);
        QVERIFY(e);
        const auto x =
            *std::find_if(labspecs::expectations().cbegin(), labspecs::expectations().cend(),
                          [&](const auto &y) { return id == QLatin1String(y.id); });
        const spec::OciSpec restricted = labspecs::restrictedSpec(id);
        const Verdict before = e->predict(restricted);
        QCOMPARE(outcomeId(before.outcome), outcomeId(x.restricted));
        QCOMPARE(mechanismId(before.mechanism), mechanismId(x.mechanism));
        QVERIFY(!before.why.isEmpty());

        const spec::OciSpec twin = e->relax(restricted);
        QCOMPARE(outcomeId(e->predict(twin).outcome), outcomeId(x.relaxed));
        // The twin is a spec the helper accepts.
        const auto problems = spec::validateSpec(twin);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
    }

    void layersSplitSeccompFromCapabilities_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &x : labspecs::expectations()) {
            if (!findExperiment(QString::fromLatin1(x.id))->layers.isEmpty())
                QTest::newRow(x.id) << QString::fromLatin1(x.id);
        }
    }
    void layersSplitSeccompFromCapabilities()
    {
        QFETCH(QString, id);
        const Experiment *e = findExperiment(id);
        const auto x =
            *std::find_if(labspecs::expectations().cbegin(), labspecs::expectations().cend(),
                          [&](const auto &y) { return id == QLatin1String(y.id); });
        const spec::OciSpec restricted = labspecs::restrictedSpec(id);
        QStringList deciding;
        for (const Layer &layer : e->layers) {
            if (e->predict(layer.relax(restricted)).outcome == Outcome::Allowed) {
                deciding = {mechanismId(layer.mechanism)};
                break;
            }
            deciding.append(mechanismId(layer.mechanism));
        }
        QCOMPARE(deciding.join(QLatin1Char('+')), QString::fromLatin1(x.decidedBy));
    }

    void seccompReading()
    {
        const spec::OciSpec s = spec::defaultSpec();
        QCOMPARE(seccompAction(s, QStringLiteral("read")), QStringLiteral("SCMP_ACT_ALLOW"));
        QCOMPARE(seccompAction(s, QStringLiteral("socket")), QStringLiteral("SCMP_ACT_ALLOW"));
        QCOMPARE(seccompAction(s, QStringLiteral("ptrace")), QStringLiteral("SCMP_ACT_ERRNO"));
        QCOMPARE(seccompAction(withoutSeccomp(s), QStringLiteral("ptrace")), QString());
        QCOMPARE(seccompAction(withSyscallsAllowed(s, {QStringLiteral("ptrace")}),
                               QStringLiteral("ptrace")),
                 QStringLiteral("SCMP_ACT_ALLOW"));
        QVERIFY(!hasEffectiveCapability(s, QStringLiteral("CAP_SYS_ADMIN")));
        QVERIFY(hasEffectiveCapability(withCapability(s, QStringLiteral("CAP_SYS_ADMIN")),
                                       QStringLiteral("CAP_SYS_ADMIN")));
        QVERIFY(hasNewNamespace(s, QStringLiteral("pid")));
        QVERIFY(
            !hasNewNamespace(withoutNamespace(s, QStringLiteral("pid")), QStringLiteral("pid")));
    }

    void judgeProbe()
    {
        const Experiment *e = findExperiment(QStringLiteral("reboot"));
        Observation o;
        o.probe = QJsonObject{{QStringLiteral("syscalls"),
                               QJsonObject{{QStringLiteral("reboot"), QStringLiteral("EPERM")}}}};
        QCOMPARE(e->judge(o).outcome, Outcome::Refused);
        o.probe = QJsonObject{{QStringLiteral("syscalls"),
                               QJsonObject{{QStringLiteral("reboot"), QStringLiteral("EINVAL")}}}};
        QCOMPARE(e->judge(o).outcome, Outcome::Allowed);
        o.probe = QJsonObject{{QStringLiteral("syscalls"),
                               QJsonObject{{QStringLiteral("reboot"), QStringLiteral("SIGSYS")}}}};
        QCOMPARE(e->judge(o).outcome, Outcome::Killed);
        QCOMPARE(e->judge(Observation{}).outcome, Outcome::Unknown);
    }

    // The texts below are what Debian's busybox prints in a container.
    void judgeExec()
    {
        auto judge = [](const char *id, int exitCode, const char *output) {
            Observation o;
            o.exitCode = exitCode;
            o.output = QString::fromLatin1(output);
            o.hostNamespaces = {{QStringLiteral("pid"), QStringLiteral("4026531836")},
                                {QStringLiteral("net"), QStringLiteral("4026531840")}};
            return findExperiment(QString::fromLatin1(id))->judge(o).outcome;
        };
        QCOMPARE(judge("ping", 1, "ping: permission denied (are you root?)\n"), Outcome::Refused);
        QCOMPARE(judge("ping", 1, "PING 127.0.0.1\nping: sendto: Network is unreachable\n"),
                 Outcome::Allowed);
        QCOMPARE(judge("mount", 255, "mount: permission denied (are you root?)\n"),
                 Outcome::Refused);
        QCOMPARE(judge("mount", 0, ""), Outcome::Allowed);
        QCOMPARE(judge("hostname", 1, "hostname: sethostname: Operation not permitted\n"),
                 Outcome::Refused);
        QCOMPARE(judge("forkbomb", 2, "sh: can't fork: Resource temporarily unavailable\n"),
                 Outcome::Refused);
        QCOMPARE(judge("forkbomb", 0, "forked 200\n"), Outcome::Allowed);
        QCOMPARE(judge("memhog", 137, ""), Outcome::Killed);
        QCOMPARE(judge("memhog", 0, "1+0 records in\n1+0 records out\n"), Outcome::Allowed);
        QCOMPARE(judge("readonly", 1, "touch: /.isolde-lab: Read-only file system\n"),
                 Outcome::Refused);
        QCOMPARE(judge("masked", 0, "0\n"), Outcome::Refused);
        QCOMPARE(judge("masked", 0, "64\n"), Outcome::Allowed);
        QCOMPARE(judge("whoami", 0, "pid=7\nisolde\nuid=0(root)\npid:[4026532301]\n"),
                 Outcome::Isolated);
        QCOMPARE(judge("whoami", 0, "pid=7\nisolde\nuid=0(root)\npid:[4026531836]\n"),
                 Outcome::Shared);
        QCOMPARE(judge("whoami", 0, "no namespace printed"), Outcome::Unknown);
        Observation seen;
        seen.output = QStringLiteral("pid=7\npid:[4026532301]\n");
        seen.hostPid = 31337;
        seen.hostNamespaces = {{QStringLiteral("pid"), QStringLiteral("4026531836")}};
        QVERIFY(findExperiment(QStringLiteral("whoami"))
                    ->judge(seen)
                    .why.contains(QLatin1String(
                        "PID 7 inside; the host sees the same process as PID 31337")));
        QCOMPARE(judge("port80", 0, "net:[4026532305]\nbound\n"), Outcome::Isolated);
        QCOMPARE(judge("port80", 0,
                       "net:[4026532305]\nbound\n--- second container ---\nnet:[4026532399]\n"
                       "bound\n"),
                 Outcome::Isolated);
        QCOMPARE(judge("port80", 0,
                       "net:[4026531840]\nbound\n--- second container ---\nnet:[4026531840]\n"
                       "nc: bind: Address in use\n"),
                 Outcome::Shared);
    }

    // The owner of the file on the host decides; the uid map only backs it up.
    void judgeHostFileOwner()
    {
        const Experiment *e = findExperiment(QStringLiteral("userns"));
        QVERIFY(e->bindsHostDirectory);
        Observation o;
        o.output = QStringLiteral("0\n         0     100000      65536\n-rw-r--r--    1 0        0 "
                                  "                0 Nov 29 18:00 made-inside\n");
        o.hostFileOwner = 100000;
        Verdict v = e->judge(o);
        QCOMPARE(v.outcome, Outcome::Isolated);
        QCOMPARE(v.mechanism, Mechanism::UserNamespace);
        QVERIFY2(v.why.contains(QLatin1String("uid 100000 on the host")), qPrintable(v.why));
        o.output = QStringLiteral("0\n         0          0 4294967295\n");
        o.hostFileOwner = 0;
        QCOMPARE(e->judge(o).outcome, Outcome::Shared);
        o.output = QStringLiteral("touch: /isolde-lab/made-inside: Permission denied\n");
        o.hostFileOwner = -1;
        v = e->judge(o);
        QCOMPARE(v.outcome, Outcome::Unknown);
        QVERIFY(v.why.contains(QLatin1String("Permission denied")));
    }

    // Renaming is tried only where it cannot reach the host, by any experiment.
    void neverRenamesTheHost()
    {
        const spec::OciSpec docker = spec::defaultSpec();
        const spec::OciSpec noUts = withoutNamespace(docker, QStringLiteral("uts"));
        const spec::OciSpec dangerous = withCapability(noUts, QStringLiteral("CAP_SYS_ADMIN"));
        QVERIFY(!sethostnameReachesHost(docker));
        QVERIFY(!sethostnameReachesHost(noUts)); // refused for lack of CAP_SYS_ADMIN
        QVERIFY(sethostnameReachesHost(dangerous));
        for (const Experiment &e : experiments()) {
            const QStringList argv = e.commandFor ? e.commandFor(dangerous) : e.command;
            const bool renames = argv.join(QLatin1Char(' ')).contains(QLatin1String("hostname "));
            QVERIFY2(!renames, qPrintable(e.id + QLatin1Char(':') + argv.join(QLatin1Char(' '))));
        }
        const Experiment *uts = findExperiment(QStringLiteral("uts"));
        QVERIFY(uts->commandFor(noUts)
                    .join(QLatin1Char(' '))
                    .contains(QLatin1String("hostname isolde-lab")));
        // The relaxed twin keeps Docker's capabilities, so its rename is refused.
        QVERIFY(!sethostnameReachesHost(uts->relax(presetSpec(QStringLiteral("uts")))));
        QVERIFY(sethostnameReachesHost(
            withoutNamespace(presetSpec(QStringLiteral("uts")), QStringLiteral("uts"))));
    }

    void judgeHostname()
    {
        const Experiment *e = findExperiment(QStringLiteral("uts"));
        Observation o;
        o.hostNamespaces = {{QStringLiteral("uts"), QStringLiteral("4026531838")}};
        o.hostHostname = QStringLiteral("buildhost");
        o.output = QStringLiteral("uts:[4026532410]\nisolde\nrenamed=0\nisolde-lab\n");
        Verdict v = e->judge(o);
        QCOMPARE(v.outcome, Outcome::Isolated);
        QCOMPARE(v.mechanism, Mechanism::UtsNamespace);
        QVERIFY2(v.why.contains(QLatin1String("now called isolde-lab; the host is still called "
                                              "buildhost")),
                 qPrintable(v.why));
        o.output = QStringLiteral("uts:[4026531838]\nbuildhost\nhostname: sethostname: Operation "
                                  "not permitted\nrenamed=1\nbuildhost\n");
        v = e->judge(o);
        QCOMPARE(v.outcome, Outcome::Shared);
        QVERIFY2(v.why.contains(QLatin1String("CAP_SYS_ADMIN")), qPrintable(v.why));
        QVERIFY(v.why.contains(QLatin1String("hostname buildhost")));
        o.output = QStringLiteral("uts:[4026531838]\nbuildhost\n");
        v = e->judge(o);
        QCOMPARE(v.outcome, Outcome::Shared);
        QVERIFY2(v.why.contains(QLatin1String("not tried")), qPrintable(v.why));
        // Different namespaces, yet the host got the name: the verdict does not hide it.
        o.hostHostname = QStringLiteral("isolde-lab");
        o.output = QStringLiteral("uts:[4026532410]\nisolde\nrenamed=0\nisolde-lab\n");
        QCOMPARE(e->judge(o).outcome, Outcome::Shared);
        QCOMPARE(e->judge(Observation{}).outcome, Outcome::Unknown);
    }

    void judgeStats()
    {
        const auto sample = [](const char *key, double value) {
            return QJsonObject{
                {QStringLiteral("0123abcd"), QJsonObject{{QLatin1String(key), value}}}};
        };
        Observation o;
        o.exitCode = 143;
        o.before = sample("cpu_throttled_periods", 3);
        o.after = sample("cpu_throttled_periods", 12);
        QCOMPARE(findExperiment(QStringLiteral("cpuhog"))->judge(o).outcome, Outcome::Throttled);
        o.after = o.before;
        QCOMPARE(findExperiment(QStringLiteral("cpuhog"))->judge(o).outcome, Outcome::Allowed);
        // An OOM kill counted by the cgroup decides even when the exit code hides it.
        o.exitCode = 1;
        o.before = sample("oom_kills", 0);
        o.after = sample("oom_kills", 1);
        QCOMPARE(findExperiment(QStringLiteral("memhog"))->judge(o).outcome, Outcome::Killed);
    }
};

QTEST_GUILESS_MAIN(TestExperiments)
#include "tst_experiments.moc"
