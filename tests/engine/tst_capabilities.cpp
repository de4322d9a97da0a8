// planCapabilities, planIdentity, planRlimits and the child-side apply functions against the
// real kernel: a forked child applies a plan, then checks what the kernel says it now is.
#include "Capabilities.h"
#include "spec/CapabilityCatalog.h"

#include <QFile>
#include <QTest>
#include <functional>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace isolde;
using namespace isolde::engine;

Q_DECLARE_METATYPE(QList<isolde::spec::Rlimit>)

namespace {

constexpr uint64_t bit(int number)
{
    return uint64_t{1} << number;
}

// Forks; the child runs `body` and exits with its value (0: every check held, otherwise the
// number of the first failing check; 100 + step for an apply failure).
int inChild(const std::function<int()> &body)
{
    const pid_t pid = fork();
    if (pid == 0)
        _exit(body());
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct KernelSets
{
    uint64_t effective = 0;
    uint64_t permitted = 0;
    uint64_t inheritable = 0;
};

KernelSets currentSets()
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    syscall(SYS_capget, &header, data);
    KernelSets sets;
    for (int word = 0; word < _LINUX_CAPABILITY_U32S_3; ++word) {
        sets.effective |= uint64_t{data[word].effective} << (32 * word);
        sets.permitted |= uint64_t{data[word].permitted} << (32 * word);
        sets.inheritable |= uint64_t{data[word].inheritable} << (32 * word);
    }
    return sets;
}

uint64_t boundingSet(int lastCap)
{
    uint64_t mask = 0;
    for (int cap = 0; cap <= lastCap; ++cap) {
        if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1)
            mask |= bit(cap);
    }
    return mask;
}

uint64_t ambientSet(int lastCap)
{
    uint64_t mask = 0;
    for (int cap = 0; cap <= lastCap; ++cap) {
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0) == 1)
            mask |= bit(cap);
    }
    return mask;
}

spec::Capabilities dockerLike()
{
    const QStringList defaults = spec::dockerDefaultCapabilities();
    spec::Capabilities caps;
    caps.bounding = defaults;
    caps.effective = defaults;
    caps.permitted = defaults;
    return caps;
}

CapabilityPlan planned(const spec::Capabilities &caps)
{
    auto plan = planCapabilities(caps);
    if (!plan)
        qFatal("planCapabilities failed: %s", qPrintable(plan.error().toString()));
    return *plan;
}

} // namespace

class TestCapabilities : public QObject
{
    Q_OBJECT

private slots:
    void namesBecomeBits()
    {
        spec::Capabilities caps;
        caps.bounding = {QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_NET_RAW"),
                         QStringLiteral("CAP_SYS_ADMIN")};
        caps.permitted = {QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_NET_RAW")};
        caps.effective = {QStringLiteral("CAP_NET_RAW")};
        caps.inheritable = {QStringLiteral("CAP_NET_RAW")};
        caps.ambient = {QStringLiteral("CAP_NET_RAW")};
        const CapabilityPlan plan = planned(caps);
        QCOMPARE(plan.bounding, bit(CAP_CHOWN) | bit(CAP_NET_RAW) | bit(CAP_SYS_ADMIN));
        QCOMPARE(plan.permitted, bit(CAP_CHOWN) | bit(CAP_NET_RAW));
        QCOMPARE(plan.effective, bit(CAP_NET_RAW));
        QCOMPARE(plan.inheritable, bit(CAP_NET_RAW));
        QCOMPARE(plan.ambient, bit(CAP_NET_RAW));
        QCOMPARE(plan.lastCap, kernelLastCapability());
        QCOMPARE(capabilityNames(plan.bounding),
                 QStringList({"CAP_CHOWN", "CAP_NET_RAW", "CAP_SYS_ADMIN"}));
    }

    void lastCapabilityIsTheKernels()
    {
        QFile file(QStringLiteral("/proc/sys/kernel/cap_last_cap"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(kernelLastCapability(), file.readAll().trimmed().toInt());
    }

    void noCapabilitiesMeansNone()
    {
        const auto plan = planCapabilities(std::nullopt);
        QVERIFY(plan.ok());
        QCOMPARE(plan->bounding | plan->effective | plan->permitted | plan->inheritable |
                     plan->ambient,
                 uint64_t{0});
    }

    void badCapabilitiesNameTheField_data()
    {
        QTest::addColumn<QString>("set");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown effective") << "unknown"
                                           << "process.capabilities.effective[2]";
        QTest::newRow("effective not permitted") << "notPermitted"
                                                 << "process.capabilities.effective[1]";
        QTest::newRow("inheritable not bounding") << "notBounding"
                                                  << "process.capabilities.inheritable[0]";
    }

    void badCapabilitiesNameTheField()
    {
        QFETCH(QString, set);
        QFETCH(QString, field);
        spec::Capabilities caps;
        caps.bounding = {QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_KILL")};
        caps.permitted = {QStringLiteral("CAP_CHOWN")};
        caps.effective = {QStringLiteral("CAP_CHOWN")};
        if (set == QLatin1String("unknown"))
            caps.effective << QStringLiteral("CAP_CHOWN") << QStringLiteral("CAP_FLY");
        else if (set == QLatin1String("notPermitted"))
            caps.effective << QStringLiteral("CAP_KILL");
        else
            caps.inheritable = {QStringLiteral("CAP_SYS_ADMIN")};
        const auto plan = planCapabilities(caps);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().field, field);
        QVERIFY(!plan.error().reason.isEmpty());
    }

    // As crun and runc do: what the kernel cannot raise into the ambient set is left out.
    void ambientKeepsOnlyWhatCanBeRaised()
    {
        spec::Capabilities caps;
        caps.bounding = {QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_KILL"),
                         QStringLiteral("CAP_NET_RAW")};
        caps.permitted = {QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_KILL")};
        caps.inheritable = {QStringLiteral("CAP_KILL"), QStringLiteral("CAP_NET_RAW")};
        caps.ambient = {QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_KILL"),
                        QStringLiteral("CAP_NET_RAW")};
        const CapabilityPlan plan = planned(caps);
        QCOMPARE(plan.ambient, bit(CAP_KILL));
        caps.inheritable.clear();
        QCOMPARE(planned(caps).ambient, uint64_t{0});
    }

    void identityPlan()
    {
        spec::User user;
        user.uid = 1000;
        user.gid = 1001;
        user.additionalGids = {5, 27};
        user.umask = 077;
        const IdentityPlan plan = planIdentity(user, false);
        QCOMPARE(plan.uid, uid_t(1000));
        QCOMPARE(plan.gid, gid_t(1001));
        QCOMPARE(plan.additionalGids, std::vector<gid_t>({5, 27}));
        QVERIFY(!plan.setgroupsAllowed);
        QVERIFY(plan.hasUmask);
        QCOMPARE(plan.umask, mode_t(077));
        QVERIFY(!planIdentity(spec::User{}, true).hasUmask);
    }

    void rootKeepsExactlyTheSpecsSets()
    {
        if (geteuid() != 0)
            QSKIP("needs root");
        const CapabilityPlan plan = planned(dockerLike());
        const IdentityPlan identity = planIdentity(spec::User{}, true);
        const int result = inChild([&] {
            ChildFailure failure;
            if (!applyIdentityAndCapabilities(identity, plan, failure))
                return 100;
            const KernelSets sets = currentSets();
            if (sets.effective != plan.effective || sets.permitted != plan.permitted)
                return 1;
            if (sets.inheritable != 0 || ambientSet(plan.lastCap) != 0)
                return 2;
            if (boundingSet(plan.lastCap) != plan.bounding)
                return 3;
            // CAP_SYS_ADMIN is gone: sethostname is refused even though the uid is 0.
            return sethostname("x", 1) == -1 && errno == EPERM ? 0 : 4;
        });
        QCOMPARE(result, 0);
    }

    void unprivilegedUserWithAmbientCapability()
    {
        if (geteuid() != 0)
            QSKIP("needs root");
        spec::Capabilities caps;
        caps.bounding = {QStringLiteral("CAP_NET_BIND_SERVICE"), QStringLiteral("CAP_CHOWN")};
        caps.permitted = {QStringLiteral("CAP_NET_BIND_SERVICE")};
        caps.effective = caps.permitted;
        caps.inheritable = caps.permitted;
        caps.ambient = caps.permitted;
        const CapabilityPlan plan = planned(caps);
        spec::User user;
        user.uid = 1000;
        user.gid = 1000;
        user.additionalGids = {20, 30};
        user.umask = 027;
        const IdentityPlan identity = planIdentity(user, true);
        const int result = inChild([&] {
            ChildFailure failure;
            if (!applyIdentityAndCapabilities(identity, plan, failure))
                return 100;
            uid_t ruid, euid, suid;
            gid_t rgid, egid, sgid;
            getresuid(&ruid, &euid, &suid);
            getresgid(&rgid, &egid, &sgid);
            if (ruid != 1000 || euid != 1000 || suid != 1000 || rgid != 1000 || egid != 1000 ||
                sgid != 1000)
                return 1;
            gid_t groups[8];
            if (getgroups(8, groups) != 2 || groups[0] != 20 || groups[1] != 30)
                return 2;
            const KernelSets sets = currentSets();
            if (sets.effective != bit(CAP_NET_BIND_SERVICE) ||
                sets.permitted != bit(CAP_NET_BIND_SERVICE) ||
                sets.inheritable != bit(CAP_NET_BIND_SERVICE))
                return 3;
            if (ambientSet(plan.lastCap) != bit(CAP_NET_BIND_SERVICE))
                return 4;
            if (boundingSet(plan.lastCap) != plan.bounding)
                return 5;
            const mode_t mask = umask(0);
            return mask == 027 ? 0 : 6;
        });
        QCOMPARE(result, 0);
    }

    void applyingAgainWithoutSetpcapSucceeds()
    {
        if (geteuid() != 0)
            QSKIP("needs root");
        // After a first application the process has neither CAP_SETPCAP nor the dropped
        // capabilities: a second one (a runtime that runs confined) must not try to drop again.
        spec::Capabilities caps;
        caps.bounding = {QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_KILL"),
                         QStringLiteral("CAP_SETGID"), QStringLiteral("CAP_SETUID")};
        caps.permitted = caps.bounding;
        caps.effective = caps.bounding;
        const CapabilityPlan plan = planned(caps);
        const IdentityPlan identity = planIdentity(spec::User{}, true);
        const int result = inChild([&] {
            ChildFailure failure;
            if (!applyIdentityAndCapabilities(identity, plan, failure))
                return 100;
            if (prctl(PR_CAPBSET_DROP, CAP_KILL, 0, 0, 0) != -1 || errno != EPERM)
                return 1; // CAP_SETPCAP is really gone
            if (!applyIdentityAndCapabilities(identity, plan, failure))
                return 101;
            return boundingSet(plan.lastCap) == plan.bounding ? 0 : 2;
        });
        QCOMPARE(result, 0);
    }

    void setgroupsDeniedRefusesAdditionalGroups()
    {
        if (geteuid() != 0)
            QSKIP("needs root");
        spec::User user;
        user.additionalGids = {20};
        const IdentityPlan identity = planIdentity(user, false);
        const CapabilityPlan plan = planned(dockerLike());
        const int result = inChild([&] {
            ChildFailure failure;
            if (applyIdentityAndCapabilities(identity, plan, failure))
                return 1;
            return QByteArray(failure.field) == "process.user.additionalGids" ? 0 : 2;
        });
        QCOMPARE(result, 0);
    }

    void noNewPrivileges()
    {
        const int result = inChild([] {
            ChildFailure failure;
            if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 0)
                return 1;
            if (!setNoNewPrivileges(failure))
                return 100;
            return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : 2;
        });
        QCOMPARE(result, 0);
    }

    void rlimitsAreSet()
    {
        const QList<spec::Rlimit> rlimits = {{QStringLiteral("RLIMIT_NOFILE"), 512, 256},
                                             {QStringLiteral("RLIMIT_CORE"), 0, 0}};
        const auto plan = planRlimits(rlimits);
        QVERIFY(plan.ok());
        QCOMPARE(plan->limits.size(), std::size_t(2));
        QCOMPARE(QByteArray(plan->limits[1].field), QByteArray("process.rlimits[1]"));
        const int result = inChild([&] {
            ChildFailure failure;
            if (!applyRlimits(*plan, failure))
                return 100;
            rlimit nofile{}, core{};
            getrlimit(RLIMIT_NOFILE, &nofile);
            getrlimit(RLIMIT_CORE, &core);
            if (nofile.rlim_cur != 256 || nofile.rlim_max != 512)
                return 1;
            return core.rlim_cur == 0 && core.rlim_max == 0 ? 0 : 2;
        });
        QCOMPARE(result, 0);
    }

    void raisingAHardLimitWithoutCapabilityFails()
    {
        rlimit current{};
        getrlimit(RLIMIT_NOFILE, &current);
        const auto plan = planRlimits(
            {{QStringLiteral("RLIMIT_NOFILE"), current.rlim_max + 1, current.rlim_cur}});
        QVERIFY(plan.ok());
        const int result = inChild([&] {
            // Without CAP_SYS_RESOURCE the kernel refuses to raise the hard limit.
            prctl(PR_CAPBSET_DROP, CAP_SYS_RESOURCE, 0, 0, 0);
            __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
            __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
            syscall(SYS_capset, &header, data);
            ChildFailure failure;
            if (applyRlimits(*plan, failure))
                return 1;
            if (failure.errnum != EPERM)
                return 2;
            return QByteArray(failure.field) == "process.rlimits[0]" ? 0 : 3;
        });
        QCOMPARE(result, 0);
    }

    void badRlimitsNameTheField_data()
    {
        QTest::addColumn<QList<spec::Rlimit>>("rlimits");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown type")
            << QList<spec::Rlimit>{{"RLIMIT_NOFILE", 10, 10}, {"RLIMIT_SPOONS", 1, 1}}
            << "process.rlimits[1].type";
        QTest::newRow("repeated type")
            << QList<spec::Rlimit>{{"RLIMIT_NOFILE", 10, 10}, {"RLIMIT_NOFILE", 20, 20}}
            << "process.rlimits[1].type";
        QTest::newRow("soft above hard")
            << QList<spec::Rlimit>{{"RLIMIT_NOFILE", 10, 20}} << "process.rlimits[0].soft";
    }

    void badRlimitsNameTheField()
    {
        QFETCH(QList<spec::Rlimit>, rlimits);
        QFETCH(QString, field);
        const auto plan = planRlimits(rlimits);
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().field, field);
    }
};

QTEST_GUILESS_MAIN(TestCapabilities)
#include "tst_capabilities.moc"
