// Seccomp profiles: Docker's format and the OCI form, resolution against capabilities,
// architectures and kernel versions, errors with their JSON path, and the built-in default
// profile itself (every name known to libseccomp, dangerous calls behind their capability).
#include "spec/CapabilityCatalog.h"
#include "spec/SeccompProfile.h"
#include "spec/SpecValidator.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <sched.h>
#include <seccomp.h>

using namespace isolde::spec;

namespace {

const SeccompHost X86_64{QStringLiteral("SCMP_ARCH_X86_64"), 6, 1};
const SeccompHost Aarch64{QStringLiteral("SCMP_ARCH_AARCH64"), 6, 1};

// Every syscall some SCMP_ACT_ALLOW rule grants; with `unconditional`, only rules without
// argument conditions count.
QSet<QString> allowed(const Seccomp &seccomp, bool unconditional = false)
{
    QSet<QString> names;
    for (const SeccompSyscall &rule : seccomp.syscalls) {
        if (rule.action != QLatin1String("SCMP_ACT_ALLOW"))
            continue;
        if (unconditional && !rule.args.isEmpty())
            continue;
        for (const QString &name : rule.names)
            names.insert(name);
    }
    return names;
}

QList<SeccompSyscall> rulesFor(const Seccomp &seccomp, const QString &name)
{
    QList<SeccompSyscall> rules;
    for (const SeccompSyscall &rule : seccomp.syscalls) {
        if (rule.names.contains(name))
            rules << rule;
    }
    return rules;
}

QStringList allCapabilityNames()
{
    QStringList names;
    for (const CapabilityInfo &cap : allCapabilities())
        names << QString::fromLatin1(cap.name);
    return names;
}

QStringList documentSyscallNames(const QJsonObject &document)
{
    QStringList names;
    for (const QJsonValue &rule : document.value(QLatin1String("syscalls")).toArray()) {
        for (const QJsonValue &name : rule.toObject().value(QLatin1String("names")).toArray())
            names << name.toString();
    }
    return names;
}

// For QVERIFY2, which evaluates its message even when the check passes.
QByteArray failure(const isolde::Expected<SeccompProfile> &profile)
{
    return profile.ok() ? QByteArray() : profile.error().toString().toUtf8();
}

SeccompProfile parse(const char *json)
{
    auto profile = SeccompProfile::fromJson(QByteArray(json));
    if (!profile)
        qFatal("test profile does not parse: %s", qPrintable(profile.error().toString()));
    return *profile;
}

// A Docker-format profile touching every kind of condition; each rule allows one syscall
// named after what it tests.
const char *const ConditionsProfile = R"({
  "defaultAction": "SCMP_ACT_ERRNO",
  "archMap": [
    {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
    {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
  ],
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
    {"names": ["reboot"], "action": "SCMP_ACT_ALLOW",
     "includes": {"caps": ["CAP_SYS_BOOT", "CAP_SYS_ADMIN"]}},
    {"names": ["getpid"], "action": "SCMP_ACT_ALLOW",
     "excludes": {"caps": ["CAP_SYS_ADMIN", "CAP_SYS_BOOT"]}},
    {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64"]}},
    {"names": ["set_tls"], "action": "SCMP_ACT_ALLOW",
     "includes": {"arches": ["SCMP_ARCH_AARCH64"]}},
    {"names": ["iopl"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["arm64"]}},
    {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
    {"names": ["kcmp"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.10"}},
    {"name": "write", "action": "SCMP_ACT_ALLOW"},
    {"names": ["open", "mseal"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["opne"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["chmod"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
     "args": [{"index": 1, "value": 2048, "valueTwo": 2048, "op": "SCMP_CMP_MASKED_EQ"}],
     "comment": "refuse setgid bits"}
  ]
})";

} // namespace

class TestSeccompProfile : public QObject
{
    Q_OBJECT

private slots:
    void builtinDefaultIsTheFileInResources()
    {
        QFile file(qEnvironmentVariable("ISOLDE_SOURCE_DIR") +
                   QStringLiteral("/resources/seccomp/default.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const auto fromSource = SeccompProfile::fromJson(file.readAll());
        QVERIFY2(fromSource.ok(), failure(fromSource).constData());
        const SeccompProfile builtin = SeccompProfile::builtinDefault();
        QCOMPARE(builtin.document(), fromSource->document());
        const Seccomp seccomp = builtin.resolve(dockerDefaultCapabilities(), X86_64);
        QCOMPARE(seccomp.defaultAction, QStringLiteral("SCMP_ACT_ERRNO"));
        QCOMPARE(seccomp.defaultErrnoRet, std::optional<uint32_t>(1)); // EPERM
    }

    void everySyscallNameIsKnownToLibseccomp()
    {
        const QStringList names = documentSyscallNames(SeccompProfile::builtinDefault().document());
        QVERIFY(names.size() > 300);
        for (const QString &name : names) {
            QVERIFY2(seccomp_syscall_resolve_name(name.toLatin1().constData()) != __NR_SCMP_ERROR,
                     qPrintable(name));
        }
        // So resolving drops nothing from Isolde's own profile.
        int resolved = 0;
        for (const SeccompSyscall &rule :
             SeccompProfile::builtinDefault().resolve(allCapabilityNames(), X86_64).syscalls)
            resolved += int(rule.names.size());
        QVERIFY(resolved > 300);
    }

    void noSyscallIsListedTwiceUnconditionally()
    {
        const Seccomp seccomp =
            SeccompProfile::builtinDefault().resolve(dockerDefaultCapabilities(), X86_64);
        QSet<QString> seen;
        for (const SeccompSyscall &rule : seccomp.syscalls) {
            if (!rule.args.isEmpty())
                continue;
            for (const QString &name : rule.names) {
                QVERIFY2(!seen.contains(name), qPrintable(name));
                seen.insert(name);
            }
        }
    }

    void dangerousSyscallsAreRefusedWithTheDefaultCapabilities_data()
    {
        QTest::addColumn<QString>("syscall");
        for (const char *name : {"reboot",
                                 "mount",
                                 "umount2",
                                 "ptrace",
                                 "keyctl",
                                 "add_key",
                                 "request_key",
                                 "unshare",
                                 "setns",
                                 "kexec_load",
                                 "kexec_file_load",
                                 "init_module",
                                 "finit_module",
                                 "delete_module",
                                 "bpf",
                                 "perf_event_open",
                                 "swapon",
                                 "swapoff",
                                 "settimeofday",
                                 "clock_settime",
                                 "adjtimex",
                                 "open_by_handle_at",
                                 "name_to_handle_at",
                                 "pivot_root",
                                 "syslog",
                                 "acct",
                                 "iopl",
                                 "ioperm",
                                 "userfaultfd",
                                 "process_vm_readv",
                                 "process_vm_writev",
                                 "kcmp",
                                 "quotactl",
                                 "lookup_dcookie",
                                 "fanotify_init",
                                 "fsopen",
                                 "move_mount",
                                 "open_tree",
                                 "io_uring_setup",
                                 "modify_ldt",
                                 "uselib",
                                 "vhangup",
                                 "clone3"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void dangerousSyscallsAreRefusedWithTheDefaultCapabilities()
    {
        QFETCH(QString, syscall);
        for (const SeccompHost &host : {X86_64, Aarch64}) {
            const Seccomp seccomp =
                SeccompProfile::builtinDefault().resolve(dockerDefaultCapabilities(), host);
            QVERIFY2(!allowed(seccomp).contains(syscall), qPrintable(host.architecture));
        }
    }

    void capabilityAllowsItsSyscalls_data()
    {
        QTest::addColumn<QString>("syscall");
        QTest::addColumn<QString>("capability");
        const std::pair<const char *, const char *> pairs[] = {
            {"mount", "CAP_SYS_ADMIN"},
            {"umount2", "CAP_SYS_ADMIN"},
            {"unshare", "CAP_SYS_ADMIN"},
            {"setns", "CAP_SYS_ADMIN"},
            {"pivot_root", "CAP_SYS_ADMIN"},
            {"swapon", "CAP_SYS_ADMIN"},
            {"quotactl", "CAP_SYS_ADMIN"},
            {"name_to_handle_at", "CAP_SYS_ADMIN"},
            {"fanotify_init", "CAP_SYS_ADMIN"},
            {"bpf", "CAP_SYS_ADMIN"},
            {"bpf", "CAP_BPF"},
            {"perf_event_open", "CAP_SYS_ADMIN"},
            {"perf_event_open", "CAP_PERFMON"},
            {"clone3", "CAP_SYS_ADMIN"},
            {"open_by_handle_at", "CAP_DAC_READ_SEARCH"},
            {"syslog", "CAP_SYSLOG"},
            {"reboot", "CAP_SYS_BOOT"},
            {"kexec_load", "CAP_SYS_BOOT"},
            {"init_module", "CAP_SYS_MODULE"},
            {"finit_module", "CAP_SYS_MODULE"},
            {"delete_module", "CAP_SYS_MODULE"},
            {"ptrace", "CAP_SYS_PTRACE"},
            {"process_vm_readv", "CAP_SYS_PTRACE"},
            {"process_vm_writev", "CAP_SYS_PTRACE"},
            {"kcmp", "CAP_SYS_PTRACE"},
            {"userfaultfd", "CAP_SYS_PTRACE"},
            {"settimeofday", "CAP_SYS_TIME"},
            {"clock_settime", "CAP_SYS_TIME"},
            {"adjtimex", "CAP_SYS_TIME"},
            {"acct", "CAP_SYS_PACCT"},
            {"iopl", "CAP_SYS_RAWIO"},
            {"ioperm", "CAP_SYS_RAWIO"},
            {"vhangup", "CAP_SYS_TTY_CONFIG"},
        };
        for (const auto &[syscall, capability] : pairs)
            QTest::addRow("%s with %s", syscall, capability)
                << QString::fromLatin1(syscall) << QString::fromLatin1(capability);
    }

    void capabilityAllowsItsSyscalls()
    {
        QFETCH(QString, syscall);
        QFETCH(QString, capability);
        const SeccompProfile profile = SeccompProfile::builtinDefault();
        QVERIFY(!allowed(profile.resolve(dockerDefaultCapabilities(), X86_64)).contains(syscall));
        const QStringList withCap = dockerDefaultCapabilities() << capability;
        QVERIFY(allowed(profile.resolve(withCap, X86_64), true).contains(syscall));
        // The capability alone is enough: no hidden dependency on the 14.
        QVERIFY(allowed(profile.resolve({capability}, X86_64), true).contains(syscall));
    }

    void keyringAndIoUringStayRefusedWithEveryCapability()
    {
        const QSet<QString> names =
            allowed(SeccompProfile::builtinDefault().resolve(allCapabilityNames(), X86_64));
        for (const char *name :
             {"keyctl", "add_key", "request_key", "io_uring_setup", "io_uring_enter",
              "io_uring_register", "modify_ldt", "uselib", "nfsservctl", "_sysctl", "vm86"})
            QVERIFY2(!names.contains(QLatin1String(name)), name);
    }

    void ordinarySyscallsAreAllowed()
    {
        for (const SeccompHost &host : {X86_64, Aarch64}) {
            const QSet<QString> names = allowed(
                SeccompProfile::builtinDefault().resolve(dockerDefaultCapabilities(), host), true);
            for (const char *name : {"read",
                                     "write",
                                     "openat",
                                     "close",
                                     "execve",
                                     "mmap",
                                     "mprotect",
                                     "brk",
                                     "futex",
                                     "rt_sigaction",
                                     "exit_group",
                                     "wait4",
                                     "fork",
                                     "vfork",
                                     "pipe2",
                                     "dup3",
                                     "getdents64",
                                     "newfstatat",
                                     "statx",
                                     "chown",
                                     "fchownat",
                                     "setuid",
                                     "setgroups",
                                     "bind",
                                     "listen",
                                     "accept4",
                                     "connect",
                                     "epoll_pwait",
                                     "getrandom",
                                     "rseq",
                                     "set_robust_list",
                                     "prlimit64",
                                     "chroot",
                                     "mknodat",
                                     "sethostname",
                                     "clock_gettime",
                                     "clock_nanosleep",
                                     "memfd_create",
                                     "prctl",
                                     "seccomp",
                                     "capset",
                                     "ioctl",
                                     "sched_getaffinity",
                                     "membarrier",
                                     "sendmmsg",
                                     "setsockopt",
                                     "sysinfo",
                                     "uname"})
                QVERIFY2(names.contains(QLatin1String(name)),
                         qPrintable(host.architecture + QLatin1Char(' ') + QLatin1String(name)));
        }
    }

    void socketRefusesOnlyVsock()
    {
        const Seccomp seccomp =
            SeccompProfile::builtinDefault().resolve(dockerDefaultCapabilities(), X86_64);
        const auto rules = rulesFor(seccomp, QStringLiteral("socket"));
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules.first().action, QStringLiteral("SCMP_ACT_ALLOW"));
        const QList<SeccompArg> expected{SeccompArg{0, 40, 0, QStringLiteral("SCMP_CMP_NE")}};
        QCOMPARE(rules.first().args, expected);
    }

    void cloneWithoutSysAdminMayNotCreateNamespaces()
    {
        const Seccomp seccomp =
            SeccompProfile::builtinDefault().resolve(dockerDefaultCapabilities(), X86_64);
        const auto clone = rulesFor(seccomp, QStringLiteral("clone"));
        QCOMPARE(clone.size(), 1);
        QCOMPARE(clone.first().action, QStringLiteral("SCMP_ACT_ALLOW"));
        const uint64_t namespaceFlags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
                                        CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP;
        const QList<SeccompArg> expected{
            SeccompArg{0, namespaceFlags, 0, QStringLiteral("SCMP_CMP_MASKED_EQ")}};
        QCOMPARE(clone.first().args, expected);

        const auto clone3 = rulesFor(seccomp, QStringLiteral("clone3"));
        QCOMPARE(clone3.size(), 1);
        QCOMPARE(clone3.first().action, QStringLiteral("SCMP_ACT_ERRNO"));
        QCOMPARE(clone3.first().errnoRet, std::optional<uint32_t>(ENOSYS));
    }

    void cloneWithSysAdminIsFree()
    {
        const Seccomp seccomp = SeccompProfile::builtinDefault().resolve(
            dockerDefaultCapabilities() << QStringLiteral("CAP_SYS_ADMIN"), X86_64);
        for (const QString &name : {QStringLiteral("clone"), QStringLiteral("clone3")}) {
            const auto rules = rulesFor(seccomp, name);
            QCOMPARE(rules.size(), 1);
            QCOMPARE(rules.first().action, QStringLiteral("SCMP_ACT_ALLOW"));
            QVERIFY(rules.first().args.isEmpty());
        }
    }

    void personalityOnlyForHarmlessPersonas()
    {
        const Seccomp seccomp =
            SeccompProfile::builtinDefault().resolve(dockerDefaultCapabilities(), X86_64);
        QSet<uint64_t> values;
        for (const SeccompSyscall &rule : rulesFor(seccomp, QStringLiteral("personality"))) {
            QCOMPARE(rule.action, QStringLiteral("SCMP_ACT_ALLOW"));
            QCOMPARE(rule.args.size(), 1);
            QCOMPARE(rule.args.first().index, 0u);
            QCOMPARE(rule.args.first().op, QStringLiteral("SCMP_CMP_EQ"));
            values.insert(rule.args.first().value);
        }
        QVERIFY(values.contains(0));          // PER_LINUX
        QVERIFY(values.contains(0xffffffff)); // query
        QVERIFY(!values.contains(0x0040000)); // ADDR_NO_RANDOMIZE: no turning ASLR off
        QVERIFY(!values.contains(0x0400000)); // READ_IMPLIES_EXEC
    }

    void architecturesFollowTheHost()
    {
        const SeccompProfile profile = SeccompProfile::builtinDefault();
        const QStringList caps = dockerDefaultCapabilities();
        QCOMPARE(profile.resolve(caps, X86_64).architectures,
                 (QStringList{QStringLiteral("SCMP_ARCH_X86_64"), QStringLiteral("SCMP_ARCH_X86"),
                              QStringLiteral("SCMP_ARCH_X32")}));
        QCOMPARE(
            profile.resolve(caps, Aarch64).architectures,
            (QStringList{QStringLiteral("SCMP_ARCH_AARCH64"), QStringLiteral("SCMP_ARCH_ARM")}));
        // A host the profile has no entry for gets the native architecture only.
        QVERIFY(profile.resolve(caps, SeccompHost{QStringLiteral("SCMP_ARCH_RISCV64"), 6, 1})
                    .architectures.isEmpty());
        QVERIFY(allowed(profile.resolve(caps, X86_64)).contains(QStringLiteral("arch_prctl")));
        QVERIFY(!allowed(profile.resolve(caps, Aarch64)).contains(QStringLiteral("arch_prctl")));
        QVERIFY(allowed(profile.resolve(caps, Aarch64)).contains(QStringLiteral("set_tls")));
        QVERIFY(!allowed(profile.resolve(caps, X86_64)).contains(QStringLiteral("set_tls")));
    }

    void currentHostIsThisMachine()
    {
        const SeccompHost host = SeccompHost::current();
        const QString cpu = QSysInfo::currentCpuArchitecture();
        if (cpu == QLatin1String("x86_64"))
            QCOMPARE(host.architecture, QStringLiteral("SCMP_ARCH_X86_64"));
        else if (cpu == QLatin1String("arm64"))
            QCOMPARE(host.architecture, QStringLiteral("SCMP_ARCH_AARCH64"));
        QVERIFY(!host.architecture.isEmpty());
        const QStringList release = QSysInfo::kernelVersion().split(QLatin1Char('.'));
        QCOMPARE(host.kernelMajor, release.value(0).toInt());
        QCOMPARE(host.kernelMinor, release.value(1).toInt());
        // resolve() without a host is resolve() for this one.
        const SeccompProfile profile = SeccompProfile::builtinDefault();
        QCOMPARE(profile.resolve(dockerDefaultCapabilities()),
                 profile.resolve(dockerDefaultCapabilities(), host));
    }

    void dockerConditions_data()
    {
        QTest::addColumn<QStringList>("capabilities");
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("kernelMajor");
        QTest::addColumn<int>("kernelMinor");
        QTest::addColumn<QStringList>("expected");
        const auto list = [](const char *names) {
            return QString::fromLatin1(names).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        };
        const QString x86 = QStringLiteral("SCMP_ARCH_X86_64");
        const QString arm = QStringLiteral("SCMP_ARCH_AARCH64");
        QTest::newRow("no caps, x86_64, 6.1") << QStringList() << x86 << 6 << 1
                                              << list("read getpid arch_prctl iopl ptrace write "
                                                      "open opne chmod");
        QTest::newRow("no caps, aarch64, 6.1")
            << QStringList() << arm << 6 << 1
            << list("read getpid set_tls ptrace write open opne chmod");
        QTest::newRow("old kernel 4.4") << QStringList() << x86 << 4 << 4
                                        << list("read getpid arch_prctl iopl kcmp write "
                                                "open opne chmod");
        QTest::newRow("kernel 4.8 exactly") << QStringList() << x86 << 4 << 8
                                            << list("read getpid arch_prctl iopl ptrace kcmp "
                                                    "write open opne chmod");
        QTest::newRow("kernel 5.10 excludes kcmp") << QStringList() << x86 << 5 << 10
                                                   << list("read getpid arch_prctl iopl ptrace "
                                                           "write open opne chmod");
        QTest::newRow("sys_admin: mount, no getpid")
            << list("CAP_SYS_ADMIN") << x86 << 6 << 1
            << list("read mount arch_prctl iopl ptrace write open opne chmod");
        QTest::newRow("reboot needs both caps")
            << list("CAP_SYS_BOOT") << x86 << 6 << 1
            << list("read arch_prctl iopl ptrace write open opne chmod");
        QTest::newRow("both caps, short and lower case")
            << list("sys_boot sys_admin") << x86 << 6 << 1
            << list("read mount reboot arch_prctl iopl ptrace write open opne chmod");
    }

    void dockerConditions()
    {
        QFETCH(QStringList, capabilities);
        QFETCH(QString, architecture);
        QFETCH(int, kernelMajor);
        QFETCH(int, kernelMinor);
        QFETCH(QStringList, expected);
        const Seccomp seccomp =
            parse(ConditionsProfile)
                .resolve(capabilities, SeccompHost{architecture, kernelMajor, kernelMinor});
        QStringList names;
        for (const SeccompSyscall &rule : seccomp.syscalls)
            names << rule.names;
        QCOMPARE(names, expected);
    }

    void dockerRuleDetailsSurviveResolution()
    {
        const Seccomp seccomp = parse(ConditionsProfile).resolve({}, X86_64);
        QCOMPARE(seccomp.defaultAction, QStringLiteral("SCMP_ACT_ERRNO"));
        QVERIFY(!seccomp.defaultErrnoRet);
        const auto chmod = rulesFor(seccomp, QStringLiteral("chmod"));
        QCOMPARE(chmod.size(), 1);
        QCOMPARE(chmod.first().action, QStringLiteral("SCMP_ACT_ERRNO"));
        QCOMPARE(chmod.first().errnoRet, std::optional<uint32_t>(13));
        const QList<SeccompArg> args{
            SeccompArg{1, 2048, 2048, QStringLiteral("SCMP_CMP_MASKED_EQ")}};
        QCOMPARE(chmod.first().args, args);
        // A syscall newer than libseccomp is dropped, the known one beside it kept; a typo
        // stays for the validator to report.
        QCOMPARE(rulesFor(seccomp, QStringLiteral("open")).first().names,
                 QStringList{QStringLiteral("open")});
        QCOMPARE(rulesFor(seccomp, QStringLiteral("opne")).size(), 1);
        QVERIFY(!validateSeccomp(seccomp).isEmpty());
    }

    void ociObjectResolvesToItself()
    {
        const SeccompProfile profile = parse(R"({
          "defaultAction": "SCMP_ACT_ALLOW",
          "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
          "flags": ["SECCOMP_FILTER_FLAG_LOG"],
          "listenerPath": "/run/agent.sock",
          "listenerMetadata": "box",
          "syscalls": [
            {"names": ["mount", "umount2"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
            {"names": ["personality"], "action": "SCMP_ACT_KILL_PROCESS",
             "args": [{"index": 0, "value": 4194304, "op": "SCMP_CMP_EQ"}]},
            {"names": ["getpid"], "action": "SCMP_ACT_NOTIFY"}
          ]
        })");
        Seccomp expected;
        expected.defaultAction = QStringLiteral("SCMP_ACT_ALLOW");
        expected.architectures = {QStringLiteral("SCMP_ARCH_X86_64"),
                                  QStringLiteral("SCMP_ARCH_X86")};
        expected.flags = {QStringLiteral("SECCOMP_FILTER_FLAG_LOG")};
        expected.listenerPath = QStringLiteral("/run/agent.sock");
        expected.listenerMetadata = QStringLiteral("box");
        expected.syscalls = {
            SeccompSyscall{{QStringLiteral("mount"), QStringLiteral("umount2")},
                           QStringLiteral("SCMP_ACT_ERRNO"),
                           1,
                           {}},
            SeccompSyscall{{QStringLiteral("personality")},
                           QStringLiteral("SCMP_ACT_KILL_PROCESS"),
                           std::nullopt,
                           {SeccompArg{0, 4194304, 0, QStringLiteral("SCMP_CMP_EQ")}}},
            SeccompSyscall{
                {QStringLiteral("getpid")}, QStringLiteral("SCMP_ACT_NOTIFY"), std::nullopt, {}},
        };
        QCOMPARE(profile.resolve({}, X86_64), expected);
        QCOMPARE(profile.resolve(allCapabilityNames(), Aarch64), expected);
    }

    void largeArgumentValuesAreExact()
    {
        const Seccomp seccomp = parse(R"({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
            {"names": ["ioctl"], "action": "SCMP_ACT_ERRNO",
             "args": [{"index": 1, "value": 9223372036854775807, "op": "SCMP_CMP_EQ"}]}]})")
                                    .resolve({}, X86_64);
        QCOMPARE(seccomp.syscalls.first().args.first().value, uint64_t(9223372036854775807ULL));
    }

    void malformedProfiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const auto row = [](const char *name, const char *json, const char *error) {
            QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(error);
        };
        row("unknown action in rule 3",
            R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
                {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["write"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["close"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["open"], "action": "SCMP_ACT_FOO"}]})",
            "syscalls[3].action: unknown action SCMP_ACT_FOO");
        row("empty object", "{}", "defaultAction: missing (the action for syscalls no rule names)");
        row("default action a number", R"({"defaultAction": 3})",
            "defaultAction: must be a string, not a number");
        row("unknown default action", R"({"defaultAction": "SCMP_ACT_MAYBE"})",
            "defaultAction: unknown action SCMP_ACT_MAYBE");
        row("negative defaultErrnoRet", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "defaultErrnoRet": -1})",
            "defaultErrnoRet: must be a whole number of zero or more, not -1");
        row("defaultErrnoRet a string", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "defaultErrnoRet": "EPERM"})",
            "defaultErrnoRet: must be a number, not a string");
        row("unknown architecture", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_Z80"]})",
            "architectures[1]: unknown architecture SCMP_ARCH_Z80");
        row("architectures a string", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "architectures": "SCMP_ARCH_X86_64"})",
            "architectures: must be an array of strings, not a string");
        row("unknown archMap architecture", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "archMap": [{"architecture": "SCMP_ARCH_VAX"}]})",
            "archMap[0].architecture: unknown architecture SCMP_ARCH_VAX");
        row("unknown sub-architecture", R"({"defaultAction": "SCMP_ACT_ERRNO", "archMap": [
            {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]},
            {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_THUMB"]}]})",
            "archMap[1].subArchitectures[0]: unknown architecture SCMP_ARCH_THUMB");
        row("archMap entry not an object", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "archMap": ["SCMP_ARCH_X86_64"]})",
            "archMap[0]: must be an object, not a string");
        row("architectures and archMap", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "architectures": ["SCMP_ARCH_X86_64"],
            "archMap": [{"architecture": "SCMP_ARCH_X86_64"}]})",
            "archMap: use either architectures or archMap, not both");
        row("unknown flag", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "flags": ["SECCOMP_FILTER_FLAG_FAST"]})",
            "flags[0]: unknown flag SECCOMP_FILTER_FLAG_FAST");
        row("listenerPath a number", R"({"defaultAction": "SCMP_ACT_ERRNO",
            "listenerPath": 1})",
            "listenerPath: must be a string, not a number");
        row("syscalls an object", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": {}})",
            "syscalls: must be an array, not an object");
        row("rule not an object", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [true]})",
            "syscalls[0]: must be an object, not a boolean");
        row("names a string", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": "read", "action": "SCMP_ACT_ALLOW"}]})",
            "syscalls[0].names: must be an array of strings, not a string");
        row("name not a string", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read", 3], "action": "SCMP_ACT_ALLOW"}]})",
            "syscalls[0].names[1]: must be a string, not a number");
        row("no names", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": [], "action": "SCMP_ACT_ALLOW"}]})",
            "syscalls[0].names: must name at least one syscall");
        row("empty name", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read", ""], "action": "SCMP_ACT_ALLOW"}]})",
            "syscalls[0].names[1]: is empty");
        row("name and names", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"name": "read", "names": ["write"], "action": "SCMP_ACT_ALLOW"}]})",
            "syscalls[0]: has both name and names; use names");
        row("legacy name a list", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"name": ["read"], "action": "SCMP_ACT_ALLOW"}]})",
            "syscalls[0].name: must be a string, not an array");
        row("missing action", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read"]}]})",
            "syscalls[0].action: must be a string, not missing");
        row("errnoRet a string", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": "EPERM"}]})",
            "syscalls[0].errnoRet: must be a number, not a string");
        row("args an object", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": {}}]})",
            "syscalls[0].args: must be an array, not an object");
        row("unknown operator", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read"], "action": "SCMP_ACT_ALLOW",
             "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"},
                      {"index": 1, "value": 1, "op": "SCMP_CMP_ALMOST"}]}]})",
            "syscalls[0].args[1].op: unknown operator SCMP_CMP_ALMOST");
        row("argument index 6", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read"], "action": "SCMP_ACT_ALLOW",
             "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]})",
            "syscalls[0].args[0].index: 6 is above the maximum 5");
        row("argument index missing", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read"], "action": "SCMP_ACT_ALLOW",
             "args": [{"value": 1, "op": "SCMP_CMP_EQ"}]}]})",
            "syscalls[0].args[0].index: missing (the argument number, 0-5)");
        row("fractional value", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read"], "action": "SCMP_ACT_ALLOW",
             "args": [{"index": 0, "value": 1.5, "op": "SCMP_CMP_EQ"}]}]})",
            "syscalls[0].args[0].value: must be a whole number of zero or more, not 1.5");
        row("negative valueTwo", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["read"], "action": "SCMP_ACT_ALLOW",
             "args": [{"index": 0, "value": 1, "valueTwo": -2, "op": "SCMP_CMP_MASKED_EQ"}]}]})",
            "syscalls[0].args[0].valueTwo: must be a whole number of zero or more, not -2");
        row("includes caps a string", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["mount"], "action": "SCMP_ACT_ALLOW",
             "includes": {"caps": "CAP_SYS_ADMIN"}}]})",
            "syscalls[0].includes.caps: must be an array of strings, not a string");
        row("excludes arch a number", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": [64]}}]})",
            "syscalls[0].excludes.arches[0]: must be a string, not a number");
        row("bad minKernel", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW",
             "includes": {"minKernel": "four.eight"}}]})",
            "syscalls[0].includes.minKernel: \"four.eight\" is not a kernel version such as 4.8");
        row("includes a list", R"({"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
            {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": ["CAP_SYS_PTRACE"]}]})",
            "syscalls[0].includes: must be an object, not an array");
    }

    void malformedProfiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto profile = SeccompProfile::fromJson(json);
        QVERIFY(!profile.ok());
        QCOMPARE(profile.error().toString(), error);
    }

    void notJson()
    {
        for (const char *text : {"", "not json", "{\"defaultAction\": ", "{} {}"}) {
            const auto profile = SeccompProfile::fromJson(QByteArray(text));
            QVERIFY2(!profile.ok(), text);
            QVERIFY(profile.error().field.isEmpty());
            QVERIFY2(profile.error().reason.startsWith(QLatin1String("not valid JSON: ")),
                     qPrintable(profile.error().reason));
        }
        for (const char *text : {"[]", "[{\"defaultAction\": \"SCMP_ACT_ALLOW\"}]"}) {
            const auto profile = SeccompProfile::fromJson(QByteArray(text));
            QVERIFY2(!profile.ok(), text);
            QCOMPARE(profile.error().reason,
                     QStringLiteral("a seccomp profile must be a JSON object"));
        }
    }

    void loadNamesTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(QStringLiteral("missing.json"));
        const auto none = SeccompProfile::load(missing);
        QVERIFY(!none.ok());
        QVERIFY2(none.error().reason.contains(missing), qPrintable(none.error().reason));

        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"defaultAction": "SCMP_ACT_NOPE"})");
        file.close();
        const auto broken = SeccompProfile::load(bad);
        QVERIFY(!broken.ok());
        QCOMPARE(broken.error().field, QStringLiteral("defaultAction"));
        QVERIFY2(broken.error().reason.contains(bad), qPrintable(broken.error().reason));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"defaultAction": "SCMP_ACT_LOG"})");
        file.close();
        const auto good = SeccompProfile::load(bad);
        QVERIFY2(good.ok(), failure(good).constData());
        QCOMPARE(good->resolve({}, X86_64).defaultAction, QStringLiteral("SCMP_ACT_LOG"));
    }
};

QTEST_GUILESS_MAIN(TestSeccompProfile)
#include "tst_seccompprofile.moc"
