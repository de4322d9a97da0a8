// The default spec is what `docker run busybox sh` gets: checked field by field, through the
// typed model and through the JSON a runtime reads.
#include "spec/CapabilityCatalog.h"
#include "spec/SeccompProfile.h"
#include "spec/SpecDefaults.h"
#include "spec/SpecValidator.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <sys/stat.h>
#include <sys/sysmacros.h>

using namespace isolde::spec;

class TestSpecDefaults : public QObject
{
    Q_OBJECT

private slots:
    void processIsDockers()
    {
        const Process process = defaultSpec().process();
        QCOMPARE(process.args, QStringList{QStringLiteral("sh")});
        QCOMPARE(
            process.env,
            (QStringList{
                QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                QStringLiteral("TERM=xterm")}));
        QCOMPARE(process.cwd, QStringLiteral("/"));
        QCOMPARE(process.user.uid, 0u);
        QCOMPARE(process.user.gid, 0u);
        QVERIFY(!process.terminal);
        QVERIFY(!process.noNewPrivileges);
        QVERIFY(process.capabilities.has_value());
        const QStringList fourteen = dockerDefaultCapabilities();
        QCOMPARE(fourteen.size(), 14);
        QCOMPARE(process.capabilities->bounding, fourteen);
        QCOMPARE(process.capabilities->effective, fourteen);
        QCOMPARE(process.capabilities->permitted, fourteen);
        QVERIFY(process.capabilities->inheritable.isEmpty());
        QVERIFY(process.capabilities->ambient.isEmpty());
        const QList<Rlimit> rlimits{Rlimit{QStringLiteral("RLIMIT_NOFILE"), 1024, 1024}};
        QCOMPARE(process.rlimits, rlimits);
    }

    void rootHostnameAndVersion()
    {
        const OciSpec spec = defaultSpec();
        QCOMPARE(spec.ociVersion(), QStringLiteral("1.0.2"));
        QCOMPARE(spec.root().path, QStringLiteral("rootfs"));
        QVERIFY(!spec.root().readonly);
        QCOMPARE(spec.hostname(), QStringLiteral("isolde"));
    }

    void mountsAreDockers()
    {
        const QList<Mount> mounts = defaultSpec().mounts();
        QCOMPARE(mounts, defaultMounts());
        QStringList destinations;
        for (const Mount &mount : mounts)
            destinations << mount.destination;
        QCOMPARE(destinations, (QStringList{QStringLiteral("/proc"), QStringLiteral("/dev"),
                                            QStringLiteral("/dev/pts"), QStringLiteral("/dev/shm"),
                                            QStringLiteral("/dev/mqueue"), QStringLiteral("/sys"),
                                            QStringLiteral("/sys/fs/cgroup")}));
        const auto find = [&mounts](const char *destination) {
            for (const Mount &mount : mounts) {
                if (mount.destination == QLatin1String(destination))
                    return mount;
            }
            return Mount{};
        };
        QCOMPARE(find("/proc").type, QStringLiteral("proc"));
        for (const char *option : {"nosuid", "noexec", "nodev"})
            QVERIFY(find("/proc").options.contains(QLatin1String(option)));
        const Mount dev = find("/dev");
        QCOMPARE(dev.type, QStringLiteral("tmpfs"));
        for (const char *option : {"nosuid", "strictatime", "mode=755", "size=65536k"})
            QVERIFY2(dev.options.contains(QLatin1String(option)), option);
        const Mount pts = find("/dev/pts");
        QCOMPARE(pts.type, QStringLiteral("devpts"));
        for (const char *option : {"newinstance", "ptmxmode=0666", "mode=0620", "gid=5"})
            QVERIFY2(pts.options.contains(QLatin1String(option)), option);
        QCOMPARE(find("/dev/shm").type, QStringLiteral("tmpfs"));
        QVERIFY(find("/dev/shm").options.contains(QStringLiteral("size=65536k")));
        QCOMPARE(find("/dev/mqueue").type, QStringLiteral("mqueue"));
        QCOMPARE(find("/sys").type, QStringLiteral("sysfs"));
        QVERIFY(find("/sys").options.contains(QStringLiteral("ro")));
        QCOMPARE(find("/sys/fs/cgroup").type, QStringLiteral("cgroup"));
        QVERIFY(find("/sys/fs/cgroup").options.contains(QStringLiteral("ro")));
    }

    void everyMountComesAfterTheMountItLiesIn()
    {
        const QList<Mount> mounts = defaultMounts();
        for (qsizetype i = 0; i < mounts.size(); ++i) {
            QVERIFY(mounts[i].destination.startsWith(QLatin1Char('/')));
            for (qsizetype j = i + 1; j < mounts.size(); ++j)
                QVERIFY2(
                    !mounts[i].destination.startsWith(mounts[j].destination + QLatin1Char('/')),
                    qPrintable(mounts[i].destination));
        }
    }

    void namespacesAreNewOnes()
    {
        QStringList types;
        for (const Namespace &ns : defaultSpec().linux().namespaces) {
            QVERIFY(ns.path.isEmpty());
            types << ns.type;
        }
        QCOMPARE(types, (QStringList{QStringLiteral("pid"), QStringLiteral("network"),
                                     QStringLiteral("ipc"), QStringLiteral("uts"),
                                     QStringLiteral("mount"), QStringLiteral("cgroup")}));
        QCOMPARE(defaultSpec().linux().namespaces, defaultNamespaces());
    }

    void maskedAndReadonlyPaths()
    {
        const Linux linux = defaultSpec().linux();
        QCOMPARE(linux.maskedPaths, defaultMaskedPaths());
        QCOMPARE(linux.readonlyPaths, defaultReadonlyPaths());
        const QSet<QString> masked(linux.maskedPaths.cbegin(), linux.maskedPaths.cend());
        const QSet<QString> expectedMasked{QStringLiteral("/proc/asound"),
                                           QStringLiteral("/proc/acpi"),
                                           QStringLiteral("/proc/kcore"),
                                           QStringLiteral("/proc/keys"),
                                           QStringLiteral("/proc/latency_stats"),
                                           QStringLiteral("/proc/timer_list"),
                                           QStringLiteral("/proc/timer_stats"),
                                           QStringLiteral("/proc/sched_debug"),
                                           QStringLiteral("/proc/scsi"),
                                           QStringLiteral("/sys/firmware"),
                                           QStringLiteral("/sys/devices/virtual/powercap")};
        QCOMPARE(masked, expectedMasked);
        QCOMPARE(linux.readonlyPaths,
                 (QStringList{QStringLiteral("/proc/bus"), QStringLiteral("/proc/fs"),
                              QStringLiteral("/proc/irq"), QStringLiteral("/proc/sys"),
                              QStringLiteral("/proc/sysrq-trigger")}));
    }

    void deviceRulesDenyAllThenAllowTheStandardDevices()
    {
        const QList<DeviceRule> rules =
            defaultSpec().linux().resources.value_or(Resources{}).devices;
        QCOMPARE(rules, defaultDeviceRules());
        QVERIFY(!rules.isEmpty());
        // First: deny everything (no type, no numbers).
        QVERIFY(!rules.first().allow);
        QVERIFY(rules.first().type.isEmpty() || rules.first().type == QLatin1String("a"));
        QVERIFY(!rules.first().major && !rules.first().minor);
        QCOMPARE(rules.first().access, QStringLiteral("rwm"));
        const auto allows = [&rules](const char *type, std::optional<int64_t> major,
                                     std::optional<int64_t> minor, const char *access) {
            for (const DeviceRule &rule : rules) {
                if (rule.allow && rule.type == QLatin1String(type) && rule.major == major &&
                    rule.minor == minor && rule.access == QLatin1String(access))
                    return true;
            }
            return false;
        };
        QVERIFY(allows("c", std::nullopt, std::nullopt, "m"));
        QVERIFY(allows("b", std::nullopt, std::nullopt, "m"));
        const std::pair<int64_t, int64_t> devices[] = {{1, 3}, {1, 5}, {1, 7}, {1, 8},
                                                       {1, 9}, {5, 0}, {5, 1}, {5, 2}};
        for (const auto &[major, minor] : devices)
            QVERIFY2(allows("c", major, minor, "rwm"),
                     qPrintable(QStringLiteral("%1:%2").arg(major).arg(minor)));
        QVERIFY(allows("c", 136, std::nullopt, "rwm")); // /dev/pts/N
        QCOMPARE(rules.size(), 1 + 2 + 8 + 1);
        // Nothing else is allowed: no block device may be read or written.
        for (const DeviceRule &rule : rules)
            QVERIFY(!(rule.allow && rule.type == QLatin1String("b") &&
                      rule.access.contains(QLatin1Char('r'))));
    }

    void standardDevicesMatchThisMachine()
    {
        // The numbers in the rules are the kernel's fixed ones; check them on the host's /dev.
        const std::pair<const char *, std::pair<int64_t, int64_t>> nodes[] = {
            {"/dev/null", {1, 3}},   {"/dev/zero", {1, 5}},    {"/dev/full", {1, 7}},
            {"/dev/random", {1, 8}}, {"/dev/urandom", {1, 9}}, {"/dev/tty", {5, 0}},
            {"/dev/ptmx", {5, 2}},
        };
        for (const auto &[path, numbers] : nodes) {
            struct stat st
            {};
            QVERIFY2(::stat(path, &st) == 0, path);
            QVERIFY2(S_ISCHR(st.st_mode), path);
            QCOMPARE(int64_t(major(st.st_rdev)), numbers.first);
            QCOMPARE(int64_t(minor(st.st_rdev)), numbers.second);
        }
    }

    void seccompIsTheDefaultProfileForTheFourteen()
    {
        const Linux linux = defaultSpec().linux();
        QVERIFY(linux.seccomp.has_value());
        QCOMPARE(*linux.seccomp,
                 SeccompProfile::builtinDefault().resolve(dockerDefaultCapabilities()));
        QCOMPARE(linux.seccomp->defaultAction, QStringLiteral("SCMP_ACT_ERRNO"));
        bool mountAllowed = false;
        bool readAllowed = false;
        for (const SeccompSyscall &rule : linux.seccomp->syscalls) {
            if (rule.action != QLatin1String("SCMP_ACT_ALLOW"))
                continue;
            mountAllowed |= rule.names.contains(QStringLiteral("mount"));
            readAllowed |= rule.names.contains(QStringLiteral("read"));
        }
        QVERIFY(readAllowed);
        QVERIFY(!mountAllowed);
    }

    void defaultSpecValidates()
    {
        QStringList problems;
        for (const isolde::Error &error : validateSpec(defaultSpec()))
            problems << error.toString();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // With every capability the profile unlocks every rule; those must validate too.
        QStringList all;
        for (const CapabilityInfo &cap : allCapabilities())
            all << QString::fromLatin1(cap.name);
        for (const isolde::Error &error :
             validateSeccomp(SeccompProfile::builtinDefault().resolve(all)))
            problems << error.toString();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void jsonIsWhatARuntimeReads()
    {
        const OciSpec spec = defaultSpec();
        const auto reloaded = OciSpec::fromJson(spec.toJson());
        QVERIFY(reloaded.ok());
        QCOMPARE(*reloaded, spec);
        const QJsonObject document = spec.document();
        QCOMPARE(document.value(QLatin1String("hostname")).toString(), QStringLiteral("isolde"));
        const QJsonObject linux = document.value(QLatin1String("linux")).toObject();
        const QJsonArray devices = linux.value(QLatin1String("resources"))
                                       .toObject()
                                       .value(QLatin1String("devices"))
                                       .toArray();
        QCOMPARE(devices.size(), 12);
        QCOMPARE(devices.first().toObject().value(QLatin1String("allow")).toBool(true), false);
        QCOMPARE(devices.first().toObject().value(QLatin1String("access")).toString(),
                 QStringLiteral("rwm"));
        const QJsonObject seccomp = linux.value(QLatin1String("seccomp")).toObject();
        QCOMPARE(seccomp.value(QLatin1String("defaultAction")).toString(),
                 QStringLiteral("SCMP_ACT_ERRNO"));
        QVERIFY(seccomp.value(QLatin1String("syscalls")).toArray().size() > 10);
        QVERIFY(!linux.value(QLatin1String("maskedPaths")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSpecDefaults)
#include "tst_specdefaults.moc"
