// compileSeccomp and loadSeccomp against the real kernel: a forked child loads the compiled
// filter, makes system calls and reports what they returned through its exit status.
#include "Capabilities.h"
#include "Seccomp.h"
#include "spec/SpecDefaults.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <cstring>
#include <functional>
#include <linux/reboot.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace isolde;
using namespace isolde::engine;

Q_DECLARE_METATYPE(isolde::spec::Seccomp)

namespace {

// How a child ended: its exit code, or the signal that killed it.
struct Outcome
{
    int exitCode = -1;
    int signal = 0;
};

// Forks; the child loads `plan` and exits with the value of `body` (0 means every check held,
// otherwise the number of the first check that failed). Only system calls in the child.
Outcome runFiltered(const SeccompPlan &plan, const std::function<int()> &body)
{
    const pid_t pid = fork();
    if (pid == 0) {
        ChildFailure failure;
        if (!setNoNewPrivileges(failure) || !loadSeccomp(plan, failure))
            _exit(100);
        _exit(body());
    }
    int status = 0;
    waitpid(pid, &status, 0);
    Outcome outcome;
    if (WIFEXITED(status))
        outcome.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        outcome.signal = WTERMSIG(status);
    return outcome;
}

// The errno of a raw system call that is expected to fail, or 0 when it succeeded.
int errnoOf(long result)
{
    return result == -1 ? errno : 0;
}

spec::SeccompSyscall rule(QStringList names, const QString &action,
                          std::optional<uint32_t> errnoRet = std::nullopt,
                          QList<spec::SeccompArg> args = {})
{
    spec::SeccompSyscall syscall;
    syscall.names = std::move(names);
    syscall.action = action;
    syscall.errnoRet = errnoRet;
    syscall.args = std::move(args);
    return syscall;
}

spec::Seccomp allowExcept(QList<spec::SeccompSyscall> syscalls)
{
    spec::Seccomp seccomp;
    seccomp.defaultAction = QStringLiteral("SCMP_ACT_ALLOW");
    seccomp.syscalls = std::move(syscalls);
    return seccomp;
}

SeccompPlan compiled(const spec::Seccomp &seccomp)
{
    auto plan = compileSeccomp(seccomp);
    if (!plan)
        qFatal("compileSeccomp failed: %s", qPrintable(plan.error().toString()));
    return std::move(*plan);
}

// Calls that the default profile refuses, with arguments that are harmless when allowed: each
// then fails with something other than EPERM (or, for unshare(0), succeeds doing nothing).
int dangerousCallsRefused()
{
    if (errnoOf(syscall(SYS_reboot, 0, 0, 0, nullptr)) != EPERM)
        return 1;
    if (errnoOf(syscall(SYS_mount, "", "/nonexistent-isolde", "", 0, nullptr)) != EPERM)
        return 2;
    if (errnoOf(syscall(SYS_unshare, 0)) != EPERM)
        return 3;
    if (errnoOf(syscall(SYS_keyctl, 17 /* KEYCTL_GET_SECURITY */, -1, nullptr, 0)) != EPERM)
        return 4;
    if (errnoOf(syscall(SYS_ptrace, PTRACE_PEEKUSER, 1, nullptr, nullptr)) != EPERM)
        return 5;
    if (syscall(SYS_getpid) <= 0)
        return 6;
    return 0;
}

} // namespace

class TestSeccomp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("needs root: loads seccomp filters and calls privileged system calls");
    }

    void unconfinedCallsAreNotRefused()
    {
        // The control for the checks below: without a filter, root gets other errors.
        const Outcome outcome = runFiltered(SeccompPlan{}, [] {
            if (errnoOf(syscall(SYS_reboot, 0, 0, 0, nullptr)) != EINVAL)
                return 1;
            if (errnoOf(syscall(SYS_mount, "", "/nonexistent-isolde", "", 0, nullptr)) != ENOENT)
                return 2;
            if (errnoOf(syscall(SYS_unshare, 0)) != 0)
                return 3;
            if (errnoOf(syscall(SYS_ptrace, PTRACE_PEEKUSER, 1, nullptr, nullptr)) == EPERM)
                return 5;
            return 0;
        });
        QCOMPARE(outcome.exitCode, 0);
    }

    void handmadeFilterRefusesWithEperm()
    {
        const SeccompPlan plan =
            compiled(allowExcept({rule({"reboot", "mount", "unshare", "keyctl", "ptrace"},
                                       QStringLiteral("SCMP_ACT_ERRNO"))}));
        QVERIFY(plan.enabled);
        QVERIFY(!plan.program.empty());
        QCOMPARE(runFiltered(plan, dangerousCallsRefused).exitCode, 0);
    }

    void defaultProfileRefusesWithEperm()
    {
        const spec::OciSpec spec = spec::defaultSpec();
        const auto seccomp = spec.linux().seccomp;
        QVERIFY2(seccomp.has_value(), "the default spec has no linux.seccomp");
        const auto plan = compileSeccomp(seccomp);
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
        QCOMPARE(runFiltered(*plan, dangerousCallsRefused).exitCode, 0);
    }

    void compileDefaultProfileBenchmark()
    {
        const auto seccomp = spec::defaultSpec().linux().seccomp;
        std::size_t instructions = 0;
        QBENCHMARK
        {
            const auto plan = compileSeccomp(seccomp);
            QVERIFY(plan.ok());
            instructions = plan->program.size();
        }
        QVERIFY(instructions > 0);
        qInfo("default profile: %zu BPF instructions", instructions);
    }

    void cacheKeepsCompiledPrograms()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const QString cacheDir = temp.path() + QStringLiteral("/seccomp");
        const auto seccomp = spec::defaultSpec().linux().seccomp;
        const auto direct = compileSeccomp(seccomp);
        QVERIFY(direct.ok());

        QElapsedTimer timer;
        timer.start();
        const auto first = compileSeccomp(seccomp, cacheDir);
        const qint64 compileNs = timer.nsecsElapsed();
        QVERIFY(first.ok());
        const QStringList entries = QDir(cacheDir).entryList(QDir::Files);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(QFileInfo(cacheDir).permissions() & 0x0077, QFile::Permissions{});
        QCOMPARE(QFileInfo(cacheDir + '/' + entries[0]).permissions() & 0x0077,
                 QFile::Permissions{});

        timer.restart();
        const auto second = compileSeccomp(seccomp, cacheDir);
        const qint64 cachedNs = timer.nsecsElapsed();
        QVERIFY(second.ok());
        QVERIFY(second->enabled);
        QCOMPARE(second->flags, direct->flags);
        QCOMPARE(second->program.size(), direct->program.size());
        QVERIFY(std::memcmp(second->program.data(), direct->program.data(),
                            direct->program.size() * sizeof(sock_filter)) == 0);
        qInfo("default profile: compiled in %.2f ms, read from the cache in %.2f ms",
              compileNs / 1e6, cachedNs / 1e6);
        QCOMPARE(runFiltered(*second, dangerousCallsRefused).exitCode, 0);

        // Another profile, another entry; no entry for a profile that does not compile.
        QVERIFY(compileSeccomp(allowExcept({rule({"reboot"}, "SCMP_ACT_ERRNO")}), cacheDir).ok());
        QVERIFY(!compileSeccomp(allowExcept({rule({"no_such_call"}, "SCMP_ACT_ERRNO")}), cacheDir)
                     .ok());
        QCOMPARE(QDir(cacheDir).entryList(QDir::Files).size(), 2);
    }

    void damagedOrForeignCacheEntriesAreRecompiled()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const spec::Seccomp seccomp = allowExcept({rule({"getppid"}, "SCMP_ACT_ERRNO", ENOTBLK)});
        QVERIFY(compileSeccomp(seccomp, temp.path()).ok());
        const QString entry = temp.path() + '/' + QDir(temp.path()).entryList(QDir::Files)[0];

        // A permissive program planted in a group-writable entry must not be taken.
        QFile file(entry);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        const sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
        for (qsizetype at = 16; at + qsizetype(sizeof allow) <= bytes.size(); at += sizeof allow)
            std::memcpy(bytes.data() + at, &allow, sizeof allow);
        QVERIFY(file.seek(0));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();
        QVERIFY(QFile::setPermissions(entry, QFile::ReadOwner | QFile::WriteOwner |
                                                 QFile::ReadGroup | QFile::WriteGroup));
        auto plan = compileSeccomp(seccomp, temp.path());
        QVERIFY(plan.ok());
        QCOMPARE(runFiltered(*plan, [] { return errnoOf(syscall(SYS_getppid)) == ENOTBLK ? 0 : 1; })
                     .exitCode,
                 0);

        // A truncated entry is compiled again too.
        QVERIFY(QFile::setPermissions(entry, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(QFile::resize(entry, 20));
        plan = compileSeccomp(seccomp, temp.path());
        QVERIFY(plan.ok());
        QCOMPARE(runFiltered(*plan, [] { return errnoOf(syscall(SYS_getppid)) == ENOTBLK ? 0 : 1; })
                     .exitCode,
                 0);
    }

    void errnoRetIsReturned()
    {
        const SeccompPlan plan =
            compiled(allowExcept({rule({"getppid"}, QStringLiteral("SCMP_ACT_ERRNO"), ENOTBLK)}));
        const Outcome outcome =
            runFiltered(plan, [] { return errnoOf(syscall(SYS_getppid)) == ENOTBLK ? 0 : 1; });
        QCOMPARE(outcome.exitCode, 0);
    }

    void defaultErrnoRetIsReturned()
    {
        spec::Seccomp seccomp;
        seccomp.defaultAction = QStringLiteral("SCMP_ACT_ERRNO");
        seccomp.defaultErrnoRet = EXDEV;
        seccomp.syscalls = {rule({"exit_group", "exit", "getpid"}, "SCMP_ACT_ALLOW")};
        const Outcome outcome = runFiltered(compiled(seccomp), [] {
            if (errnoOf(syscall(SYS_getppid)) != EXDEV)
                return 1;
            return syscall(SYS_getpid) > 0 ? 0 : 2;
        });
        QCOMPARE(outcome.exitCode, 0);
    }

    void argumentConditionSelectsCalls()
    {
        // Refuse personality() unless its argument is 0 (PER_LINUX).
        const spec::SeccompArg notZero{0, 0, 0, QStringLiteral("SCMP_CMP_NE")};
        const SeccompPlan plan =
            compiled(allowExcept({rule({"personality"}, "SCMP_ACT_ERRNO", EPERM, {notZero})}));
        const Outcome outcome = runFiltered(plan, [] {
            if (errnoOf(syscall(SYS_personality, 0)) != 0)
                return 1;
            if (errnoOf(syscall(SYS_personality, 0xffffffffUL)) != EPERM)
                return 2;
            return 0;
        });
        QCOMPARE(outcome.exitCode, 0);
    }

    void maskedEqualTakesValueAsMask()
    {
        // socket(): refuse datagram sockets whatever flags are ORed into the type.
        const spec::SeccompArg datagram{1, 0xf, SOCK_DGRAM, QStringLiteral("SCMP_CMP_MASKED_EQ")};
        const SeccompPlan plan =
            compiled(allowExcept({rule({"socket"}, "SCMP_ACT_ERRNO", EPERM, {datagram})}));
        const Outcome outcome = runFiltered(plan, [] {
            if (errnoOf(syscall(SYS_socket, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) != EPERM)
                return 1;
            if (errnoOf(syscall(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) != 0)
                return 2;
            return 0;
        });
        QCOMPARE(outcome.exitCode, 0);
    }

    void conditionsOnDistinctArgumentsAreAnded()
    {
        const spec::SeccompArg unixDomain{0, AF_UNIX, 0, QStringLiteral("SCMP_CMP_EQ")};
        const spec::SeccompArg datagram{1, 0xf, SOCK_DGRAM, QStringLiteral("SCMP_CMP_MASKED_EQ")};
        const SeccompPlan plan = compiled(
            allowExcept({rule({"socket"}, "SCMP_ACT_ERRNO", EPERM, {unixDomain, datagram})}));
        const Outcome outcome = runFiltered(plan, [] {
            if (errnoOf(syscall(SYS_socket, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) != EPERM)
                return 1;
            if (errnoOf(syscall(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) != 0)
                return 2;
            if (errnoOf(syscall(SYS_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) != 0)
                return 3;
            return 0;
        });
        QCOMPARE(outcome.exitCode, 0);
    }

    void conditionsOnOneArgumentBecomeSeparateRules()
    {
        // As in runc and crun: libseccomp cannot AND two conditions on one argument.
        const spec::SeccompArg one{0, 1, 0, QStringLiteral("SCMP_CMP_EQ")};
        const spec::SeccompArg two{0, 2, 0, QStringLiteral("SCMP_CMP_EQ")};
        const SeccompPlan plan =
            compiled(allowExcept({rule({"dup"}, "SCMP_ACT_ERRNO", ENOTBLK, {one, two})}));
        const Outcome outcome = runFiltered(plan, [] {
            if (errnoOf(syscall(SYS_dup, 1)) != ENOTBLK || errnoOf(syscall(SYS_dup, 2)) != ENOTBLK)
                return 1;
            return errnoOf(syscall(SYS_dup, 0)) == 0 ? 0 : 2;
        });
        QCOMPARE(outcome.exitCode, 0);
    }

    void killActionsKillWithSigsys_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("kill") << "SCMP_ACT_KILL";
        QTest::newRow("kill thread") << "SCMP_ACT_KILL_THREAD";
        QTest::newRow("kill process") << "SCMP_ACT_KILL_PROCESS";
        QTest::newRow("trap") << "SCMP_ACT_TRAP";
    }

    void killActionsKillWithSigsys()
    {
        QFETCH(QString, action);
        const SeccompPlan plan = compiled(allowExcept({rule({"getppid"}, action)}));
        const Outcome outcome = runFiltered(plan, [] {
            syscall(SYS_getppid);
            return 0;
        });
        QCOMPARE(outcome.signal, SIGSYS);
    }

    void logAllowsAndTraceWithoutTracerFails()
    {
        // SCMP_ACT_TRACE with no tracer attached: the kernel answers ENOSYS.
        const SeccompPlan plan = compiled(
            allowExcept({rule({"getppid"}, "SCMP_ACT_LOG"), rule({"getpgrp"}, "SCMP_ACT_TRACE")}));
        const Outcome outcome = runFiltered(plan, [] {
            if (syscall(SYS_getppid) <= 0)
                return 1;
            return errnoOf(syscall(SYS_getpgrp)) == ENOSYS ? 0 : 2;
        });
        QCOMPARE(outcome.exitCode, 0);
    }

    void foreignArchitecturesOnlyFilterThem()
    {
        // x86 listed alone: native x86_64 calls meet the bad-architecture action (kill).
        spec::Seccomp foreignOnly = allowExcept({rule({"reboot"}, "SCMP_ACT_ERRNO")});
        foreignOnly.architectures = {QStringLiteral("SCMP_ARCH_X86")};
        const Outcome killed = runFiltered(compiled(foreignOnly), [] {
            syscall(SYS_getppid);
            return 0;
        });
        QCOMPARE(killed.signal, SIGSYS);

        spec::Seccomp all = allowExcept({rule({"reboot"}, "SCMP_ACT_ERRNO")});
        all.architectures = {QStringLiteral("SCMP_ARCH_X86_64"), QStringLiteral("SCMP_ARCH_X86"),
                             QStringLiteral("SCMP_ARCH_X32")};
        const Outcome filtered = runFiltered(compiled(all), [] {
            return errnoOf(syscall(SYS_reboot, 0, 0, 0, nullptr)) == EPERM ? 0 : 1;
        });
        QCOMPARE(filtered.exitCode, 0);
    }

    void callsOfOtherArchitecturesCompile()
    {
        const auto plan = compileSeccomp(allowExcept(
            {rule({"socketcall", "arm_fadvise64_64", "waitpid", "mmap2"}, "SCMP_ACT_ERRNO")}));
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    }

    void flagsAreCarried()
    {
        spec::Seccomp seccomp = allowExcept({rule({"reboot"}, "SCMP_ACT_ERRNO")});
        seccomp.flags = {QStringLiteral("SECCOMP_FILTER_FLAG_LOG"),
                         QStringLiteral("SECCOMP_FILTER_FLAG_SPEC_ALLOW")};
        const SeccompPlan plan = compiled(seccomp);
        QCOMPARE(plan.flags, unsigned(SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW));
        const Outcome outcome = runFiltered(
            plan, [] { return errnoOf(syscall(SYS_reboot, 0, 0, 0, nullptr)) == EPERM ? 0 : 1; });
        QCOMPARE(outcome.exitCode, 0);
    }

    void noSeccompMeansNoFilter()
    {
        const auto plan = compileSeccomp(std::nullopt);
        QVERIFY(plan.ok());
        QVERIFY(!plan->enabled);
        ChildFailure failure;
        QVERIFY(loadSeccomp(*plan, failure));
    }

    void badInputNamesTheField_data()
    {
        QTest::addColumn<spec::Seccomp>("seccomp");
        QTest::addColumn<QString>("field");

        const spec::SeccompSyscall good = rule({"reboot"}, "SCMP_ACT_ERRNO");
        spec::Seccomp s =
            allowExcept({good, rule({"read", "write", "no_such_call"}, "SCMP_ACT_ERRNO")});
        QTest::newRow("unknown syscall") << s << "linux.seccomp.syscalls[1].names[2]";

        s = allowExcept({good, rule({"read"}, "SCMP_ACT_FROBNICATE")});
        QTest::newRow("unknown action") << s << "linux.seccomp.syscalls[1].action";

        s = allowExcept({rule({"read"}, "SCMP_ACT_NOTIFY")});
        QTest::newRow("notify without listener") << s << "linux.seccomp.syscalls[0].action";

        s = allowExcept({rule({"read"}, "SCMP_ACT_ALLOW", 1)});
        s.defaultAction = QStringLiteral("SCMP_ACT_ERRNO");
        QTest::newRow("errnoRet on allow") << s << "linux.seccomp.syscalls[0].errnoRet";

        s = allowExcept({rule({"read"}, "SCMP_ACT_ERRNO", 70000)});
        QTest::newRow("errnoRet too big") << s << "linux.seccomp.syscalls[0].errnoRet";

        s = allowExcept({rule({"read"}, "SCMP_ACT_ERRNO", EPERM,
                              {{0, 1, 0, "SCMP_CMP_EQ"}, {1, 1, 0, "SCMP_CMP_ALMOST"}})});
        QTest::newRow("unknown op") << s << "linux.seccomp.syscalls[0].args[1].op";

        s = allowExcept({rule({"read"}, "SCMP_ACT_ERRNO", EPERM, {{6, 1, 0, "SCMP_CMP_EQ"}})});
        QTest::newRow("argument index") << s << "linux.seccomp.syscalls[0].args[0].index";

        s = allowExcept({good});
        s.architectures = {QStringLiteral("SCMP_ARCH_X86_64"), QStringLiteral("SCMP_ARCH_Z80")};
        QTest::newRow("unknown architecture") << s << "linux.seccomp.architectures[1]";

        s = allowExcept({good});
        s.flags = {QStringLiteral("SECCOMP_FILTER_FLAG_LOG"), QStringLiteral("SECCOMP_FLAG_X")};
        QTest::newRow("unknown flag") << s << "linux.seccomp.flags[1]";

        s = allowExcept({good});
        s.defaultAction.clear();
        QTest::newRow("missing default action") << s << "linux.seccomp.defaultAction";

        s = allowExcept({good});
        s.defaultErrnoRet = 1;
        QTest::newRow("defaultErrnoRet on allow") << s << "linux.seccomp.defaultErrnoRet";
    }

    void badInputNamesTheField()
    {
        QFETCH(spec::Seccomp, seccomp);
        QFETCH(QString, field);
        const auto plan = compileSeccomp(seccomp);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().field, field);
        QVERIFY(!plan.error().reason.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSeccomp)
#include "tst_seccomp.moc"
