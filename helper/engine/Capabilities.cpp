#include "Capabilities.h"

#include "spec/CapabilityCatalog.h"

#include <QFile>
#include <algorithm>
#include <array>
#include <cerrno>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace isolde::engine {

namespace {

constexpr uint64_t bit(int number)
{
    return uint64_t{1} << number;
}

// One set of process.capabilities with its field name, so every check can name the field.
struct NamedSet
{
    const char *field;
    const QStringList &names;
    uint64_t *mask;
};

Error capabilityError(const char *set, qsizetype index, const QString &reason)
{
    return Error{QStringLiteral("process.capabilities.%1[%2]").arg(QLatin1String(set)).arg(index),
                 reason};
}

// The first name in `names` that this kernel has but `allowed` lacks, as an error.
std::optional<Error> firstOutside(const char *set, const QStringList &names, uint64_t allowed,
                                  int lastCap, const QString &why)
{
    for (qsizetype i = 0; i < names.size(); ++i) {
        const auto cap = spec::findCapability(names[i]);
        if (cap && cap->number <= lastCap && cap->number < 64 && !(allowed & bit(cap->number)))
            return capabilityError(set, i, QStringLiteral("%1 %2").arg(names[i], why));
    }
    return std::nullopt;
}

// --- child side: async-signal-safe helpers, no allocation ---

// A bounded string builder on a caller's buffer: snprintf is not async-signal-safe.
struct Text
{
    char *buffer;
    std::size_t size;
    std::size_t used = 0;

    Text &operator<<(const char *text)
    {
        for (; text && *text && used + 1 < size; ++text)
            buffer[used++] = *text;
        buffer[used] = '\0';
        return *this;
    }
};

const char *capabilityName(int number)
{
    const auto all = spec::allCapabilities();
    for (const spec::CapabilityInfo &cap : all) {
        if (cap.number == number)
            return cap.name;
    }
    return "an unnamed capability";
}

bool fail(ChildFailure &failure, const char *step, const char *field, const char *detail)
{
    setChildFailure(failure, step, field, detail, errno);
    return false;
}

// PR_CAPBSET_DROP needs CAP_SETPCAP in the effective set, which a switch to a non-zero uid
// clears: so the bounding set is dropped while still root, before the identity changes.
bool dropBoundingSet(const CapabilityPlan &caps, ChildFailure &failure)
{
    for (int cap = 0; cap <= caps.lastCap && cap < 64; ++cap) {
        // Dropping needs CAP_SETPCAP even for a capability already gone, which a runtime
        // that itself runs with a reduced bounding set may not have.
        if ((caps.bounding & bit(cap)) || prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 0)
            continue;
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
            char detail[96];
            Text(detail, sizeof detail)
                << "cannot drop " << capabilityName(cap) << " from the bounding set";
            return fail(failure, "prctl(PR_CAPBSET_DROP)", "process.capabilities.bounding", detail);
        }
    }
    return true;
}

// Raw system calls: glibc's setgroups/setresgid/setresuid broadcast the change to every thread
// it believes exists, and after a bare clone() its thread list is the parent's.
bool switchIdentity(const IdentityPlan &identity, ChildFailure &failure)
{
    if (identity.setgroupsAllowed) {
        if (syscall(SYS_setgroups, identity.additionalGids.size(),
                    identity.additionalGids.data()) != 0)
            return fail(failure, "setgroups", "process.user.additionalGids",
                        "cannot set the additional groups");
    } else if (!identity.additionalGids.empty()) {
        errno = EPERM;
        return fail(failure, "setgroups", "process.user.additionalGids",
                    "additional groups need setgroups, which this user namespace denies");
    }
    if (syscall(SYS_setresgid, identity.gid, identity.gid, identity.gid) != 0)
        return fail(failure, "setresgid", "process.user.gid",
                    "cannot switch to the group id (is it mapped in the user namespace?)");
    if (syscall(SYS_setresuid, identity.uid, identity.uid, identity.uid) != 0)
        return fail(failure, "setresuid", "process.user.uid",
                    "cannot switch to the user id (is it mapped in the user namespace?)");
    return true;
}

bool setCapabilitySets(const CapabilityPlan &caps, ChildFailure &failure)
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    for (int word = 0; word < _LINUX_CAPABILITY_U32S_3; ++word) {
        const int shift = 32 * word;
        data[word].effective = static_cast<uint32_t>(caps.effective >> shift);
        data[word].permitted = static_cast<uint32_t>(caps.permitted >> shift);
        data[word].inheritable = static_cast<uint32_t>(caps.inheritable >> shift);
    }
    if (syscall(SYS_capset, &header, data) != 0)
        return fail(failure, "capset", "process.capabilities",
                    "cannot set the effective, permitted and inheritable sets");
    return true;
}

bool setAmbientSet(const CapabilityPlan &caps, ChildFailure &failure)
{
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) {
        // Kernels before 4.3 have no ambient set; with nothing to raise there is nothing to do.
        if (errno == EINVAL && caps.ambient == 0)
            return true;
        return fail(failure, "prctl(PR_CAP_AMBIENT_CLEAR_ALL)", "process.capabilities.ambient",
                    "cannot clear the ambient set");
    }
    for (int cap = 0; cap <= caps.lastCap && cap < 64; ++cap) {
        if (!(caps.ambient & bit(cap)))
            continue;
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) != 0) {
            char detail[96];
            Text(detail, sizeof detail)
                << "cannot raise " << capabilityName(cap) << " into the ambient set";
            return fail(failure, "prctl(PR_CAP_AMBIENT_RAISE)", "process.capabilities.ambient",
                        detail);
        }
    }
    return true;
}

struct RlimitName
{
    const char *name;
    int resource;
};

constexpr std::array<RlimitName, 16> RlimitNames{{
    {"RLIMIT_AS", RLIMIT_AS},
    {"RLIMIT_CORE", RLIMIT_CORE},
    {"RLIMIT_CPU", RLIMIT_CPU},
    {"RLIMIT_DATA", RLIMIT_DATA},
    {"RLIMIT_FSIZE", RLIMIT_FSIZE},
    {"RLIMIT_LOCKS", RLIMIT_LOCKS},
    {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},
    {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
    {"RLIMIT_NICE", RLIMIT_NICE},
    {"RLIMIT_NOFILE", RLIMIT_NOFILE},
    {"RLIMIT_NPROC", RLIMIT_NPROC},
    {"RLIMIT_RSS", RLIMIT_RSS},
    {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},
    {"RLIMIT_RTTIME", RLIMIT_RTTIME},
    {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
    {"RLIMIT_STACK", RLIMIT_STACK},
}};

std::optional<int> rlimitResource(const QString &type)
{
    for (const RlimitName &entry : RlimitNames) {
        if (type == QLatin1String(entry.name))
            return entry.resource;
    }
    return std::nullopt;
}

} // namespace

int kernelLastCapability()
{
    QFile file(QStringLiteral("/proc/sys/kernel/cap_last_cap"));
    bool ok = false;
    int last = -1;
    if (file.open(QIODevice::ReadOnly))
        last = file.readAll().trimmed().toInt(&ok);
    if (ok && last >= 0 && last < 64)
        return last;
    // No /proc (unusual for a container host): trust the catalog of this build.
    int highest = 0;
    for (const spec::CapabilityInfo &cap : spec::allCapabilities())
        highest = std::max(highest, cap.number);
    return highest;
}

QStringList capabilityNames(uint64_t mask)
{
    QStringList names;
    for (const spec::CapabilityInfo &cap : spec::allCapabilities()) {
        if (cap.number < 64 && (mask & bit(cap.number)))
            names << QLatin1String(cap.name);
    }
    return names;
}

Expected<CapabilityPlan> planCapabilities(const std::optional<spec::Capabilities> &capabilities)
{
    CapabilityPlan plan;
    plan.lastCap = kernelLastCapability();
    // No process.capabilities: the process gets none, rather than everything the runtime has.
    if (!capabilities)
        return plan;

    const NamedSet sets[] = {
        {"bounding", capabilities->bounding, &plan.bounding},
        {"effective", capabilities->effective, &plan.effective},
        {"inheritable", capabilities->inheritable, &plan.inheritable},
        {"permitted", capabilities->permitted, &plan.permitted},
        {"ambient", capabilities->ambient, &plan.ambient},
    };
    for (const NamedSet &set : sets) {
        for (qsizetype i = 0; i < set.names.size(); ++i) {
            const auto cap = spec::findCapability(set.names[i]);
            if (!cap)
                return capabilityError(
                    set.field, i, QStringLiteral("unknown capability \"%1\"").arg(set.names[i]));
            // A capability this kernel does not have cannot be granted; leaving it out is what
            // the kernel would do with it anyway.
            if (cap->number <= plan.lastCap && cap->number < 64)
                *set.mask |= bit(cap->number);
        }
    }

    // What capset and PR_CAP_AMBIENT_RAISE would refuse with a bare EPERM, said here with the
    // field that causes it.
    if (auto error =
            firstOutside("effective", capabilities->effective, plan.permitted, plan.lastCap,
                         QStringLiteral("is not in the permitted set; only permitted "
                                        "capabilities can be effective")))
        return *error;
    if (auto error =
            firstOutside("inheritable", capabilities->inheritable, plan.bounding, plan.lastCap,
                         QStringLiteral("is not in the bounding set; the kernel refuses "
                                        "inheritable capabilities outside it")))
        return *error;
    // The kernel raises an ambient capability only when it is also permitted and inheritable.
    // `crun spec` lists ambient capabilities that are not inheritable, and crun and runc run
    // such a spec by skipping what cannot be raised: so does Isolde, so that their specs run
    // unchanged.
    plan.ambient &= plan.permitted & plan.inheritable;
    return plan;
}

IdentityPlan planIdentity(const spec::User &user, bool setgroupsAllowed)
{
    IdentityPlan plan;
    plan.uid = user.uid;
    plan.gid = user.gid;
    plan.additionalGids.assign(user.additionalGids.cbegin(), user.additionalGids.cend());
    plan.setgroupsAllowed = setgroupsAllowed;
    plan.hasUmask = user.umask.has_value();
    if (plan.hasUmask)
        plan.umask = static_cast<mode_t>(*user.umask & 07777);
    return plan;
}

bool applyIdentityAndCapabilities(const IdentityPlan &identity, const CapabilityPlan &caps,
                                  ChildFailure &failure)
{
    // Without KEEPCAPS, leaving uid 0 empties the permitted set and nothing could be kept.
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0)
        return fail(failure, "prctl(PR_SET_KEEPCAPS)", "process.user.uid",
                    "cannot keep capabilities across the switch of user id");
    if (!dropBoundingSet(caps, failure) || !switchIdentity(identity, failure) ||
        !setCapabilitySets(caps, failure) || !setAmbientSet(caps, failure))
        return false;
    if (identity.hasUmask)
        umask(identity.umask);
    return true;
}

bool setNoNewPrivileges(ChildFailure &failure)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return fail(failure, "prctl(PR_SET_NO_NEW_PRIVS)", "process.noNewPrivileges",
                    "cannot set no_new_privs");
    return true;
}

Expected<RlimitPlan> planRlimits(const QList<spec::Rlimit> &rlimits)
{
    RlimitPlan plan;
    for (qsizetype i = 0; i < rlimits.size(); ++i) {
        const spec::Rlimit &rlimit = rlimits[i];
        const QString field = QStringLiteral("process.rlimits[%1]").arg(i);
        const auto resource = rlimitResource(rlimit.type);
        if (!resource)
            return Error{field + QStringLiteral(".type"),
                         QStringLiteral("unknown resource limit \"%1\"").arg(rlimit.type)};
        for (qsizetype earlier = 0; earlier < i; ++earlier) {
            if (rlimits[earlier].type == rlimit.type)
                return Error{field + QStringLiteral(".type"),
                             QStringLiteral("%1 is already set by process.rlimits[%2]")
                                 .arg(rlimit.type)
                                 .arg(earlier)};
        }
        if (rlimit.soft > rlimit.hard)
            return Error{field + QStringLiteral(".soft"),
                         QStringLiteral("the soft limit %1 is above the hard limit %2")
                             .arg(rlimit.soft)
                             .arg(rlimit.hard)};
        RlimitPlan::Limit limit;
        limit.resource = *resource;
        limit.limit.rlim_cur = rlimit.soft;
        limit.limit.rlim_max = rlimit.hard;
        const QByteArray latin = field.toLatin1();
        std::copy_n(latin.constData(), std::min<qsizetype>(latin.size(), sizeof limit.field - 1),
                    limit.field);
        plan.limits.push_back(limit);
    }
    return plan;
}

bool applyRlimits(const RlimitPlan &plan, ChildFailure &failure)
{
    for (const RlimitPlan::Limit &limit : plan.limits) {
        if (setrlimit(static_cast<__rlimit_resource>(limit.resource), &limit.limit) != 0)
            return fail(failure, "setrlimit", limit.field,
                        "cannot set the resource limit (raising a hard limit needs "
                        "CAP_SYS_RESOURCE)");
    }
    return true;
}

} // namespace isolde::engine
