#include "Namespaces.h"

#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utility>

namespace isolde::engine {

namespace {

struct NamespaceKind
{
    const char *ociType;
    const char *procName;
    int cloneFlag;
};

constexpr NamespaceKind Kinds[] = {
    {"user", "user", CLONE_NEWUSER},       {"mount", "mnt", CLONE_NEWNS},
    {"pid", "pid", CLONE_NEWPID},          {"network", "net", CLONE_NEWNET},
    {"ipc", "ipc", CLONE_NEWIPC},          {"uts", "uts", CLONE_NEWUTS},
    {"cgroup", "cgroup", CLONE_NEWCGROUP}, {"time", "time", CLONE_NEWTIME},
};

// The largest valid id: (uid_t)-1 means "no id" to the kernel.
constexpr uint64_t MaxId = 4294967294ULL;
// The kernel accepts at most this many lines in uid_map and gid_map.
constexpr qsizetype MaxMapLines = 340;

QString errnoText(int errnum)
{
    return QString::fromLocal8Bit(strerror(errnum));
}

Expected<QByteArray> formatIdMap(const QList<spec::IdMapping> &mappings, const QString &field)
{
    if (mappings.size() > MaxMapLines)
        return Error{field, QStringLiteral("%1 mappings, the kernel takes at most %2")
                                .arg(mappings.size())
                                .arg(MaxMapLines)};
    QByteArray text;
    for (qsizetype i = 0; i < mappings.size(); ++i) {
        const spec::IdMapping &m = mappings[i];
        const QString at = QStringLiteral("%1[%2]").arg(field).arg(i);
        if (m.size == 0)
            return Error{at + QStringLiteral(".size"), QStringLiteral("a mapping of 0 ids")};
        if (uint64_t(m.hostID) + m.size - 1 > MaxId)
            return Error{at + QStringLiteral(".hostID"),
                         QStringLiteral("host ids %1 to %2 go beyond the largest id, %3")
                             .arg(m.hostID)
                             .arg(uint64_t(m.hostID) + m.size - 1)
                             .arg(MaxId)};
        if (uint64_t(m.containerID) + m.size - 1 > MaxId)
            return Error{at + QStringLiteral(".containerID"),
                         QStringLiteral("container ids %1 to %2 go beyond the largest id, %3")
                             .arg(m.containerID)
                             .arg(uint64_t(m.containerID) + m.size - 1)
                             .arg(MaxId)};
        text += QByteArray::number(m.containerID) + ' ' + QByteArray::number(m.hostID) + ' ' +
                QByteArray::number(m.size) + '\n';
    }
    return text;
}

Expected<void> writeProcFile(pid_t pid, const char *name, const QByteArray &text,
                             const QString &field)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/%s", static_cast<int>(pid), name);
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{
            field,
            QStringLiteral("cannot open %1: %2").arg(QString::fromLatin1(path), errnoText(errno))};
    const bool written = ::write(fd, text.constData(), text.size()) == text.size();
    const int errnum = errno;
    ::close(fd);
    if (!written)
        return Error{field, QStringLiteral("the kernel refused %1 (\"%2\"): %3")
                                .arg(QString::fromLatin1(path),
                                     QString::fromLatin1(text.trimmed()).replace('\n', "; "),
                                     errnoText(errnum))};
    return {};
}

} // namespace

NamespacePlan::NamespacePlan(NamespacePlan &&other) noexcept
    : newFlags(other.newFlags)
    , joins(std::exchange(other.joins, {}))
    , newUserNamespace(other.newUserNamespace)
    , uidMap(std::move(other.uidMap))
    , gidMap(std::move(other.gidMap))
    , denySetgroups(other.denySetgroups)
{}

NamespacePlan &NamespacePlan::operator=(NamespacePlan &&other) noexcept
{
    if (this != &other) {
        for (const NamespaceJoin &join : joins)
            ::close(join.fd);
        newFlags = other.newFlags;
        joins = std::exchange(other.joins, {});
        newUserNamespace = other.newUserNamespace;
        uidMap = std::move(other.uidMap);
        gidMap = std::move(other.gidMap);
        denySetgroups = other.denySetgroups;
    }
    return *this;
}

NamespacePlan::~NamespacePlan()
{
    for (const NamespaceJoin &join : joins)
        ::close(join.fd);
}

bool NamespacePlan::has(int cloneFlag) const
{
    return (newFlags & static_cast<unsigned long long>(cloneFlag)) != 0 ||
           std::any_of(joins.begin(), joins.end(), [cloneFlag](const NamespaceJoin &join) {
               return join.cloneFlag == cloneFlag;
           });
}

int namespaceCloneFlag(const QString &type)
{
    for (const NamespaceKind &kind : Kinds) {
        if (type == QLatin1String(kind.ociType))
            return kind.cloneFlag;
    }
    return 0;
}

const char *namespaceProcName(int cloneFlag)
{
    for (const NamespaceKind &kind : Kinds) {
        if (kind.cloneFlag == cloneFlag)
            return kind.procName;
    }
    return nullptr;
}

std::optional<uint32_t> hostIdOf(const QList<spec::IdMapping> &mappings, uint32_t containerId)
{
    if (mappings.isEmpty())
        return containerId;
    for (const spec::IdMapping &m : mappings) {
        if (containerId >= m.containerID &&
            uint64_t(containerId) < uint64_t(m.containerID) + m.size)
            return m.hostID + (containerId - m.containerID);
    }
    return std::nullopt;
}

static Expected<NamespaceJoin> openJoin(const spec::Namespace &ns, int cloneFlag, qsizetype index)
{
    NamespaceJoin join;
    join.cloneFlag = cloneFlag;
    std::snprintf(join.field, sizeof join.field, "linux.namespaces[%d].path",
                  static_cast<int>(index));
    const QString field = QString::fromLatin1(join.field);
    join.fd = ::open(QFile::encodeName(ns.path).constData(), O_RDONLY | O_CLOEXEC);
    if (join.fd < 0)
        return Error{field, QStringLiteral("cannot open %1: %2").arg(ns.path, errnoText(errno))};
    const int actual = ::ioctl(join.fd, NS_GET_NSTYPE);
    if (actual != cloneFlag) {
        ::close(join.fd);
        return Error{field, QStringLiteral("%1 is not a %2 namespace").arg(ns.path, ns.type)};
    }
    return join;
}

Expected<NamespacePlan> planNamespaces(const spec::Linux &linux)
{
    NamespacePlan plan;
    const QList<spec::Namespace> &namespaces = linux.namespaces;
    for (qsizetype i = 0; i < namespaces.size(); ++i) {
        const spec::Namespace &ns = namespaces[i];
        const int flag = namespaceCloneFlag(ns.type);
        if (flag == 0)
            return Error{QStringLiteral("linux.namespaces[%1].type").arg(i),
                         QStringLiteral("unknown namespace type \"%1\"").arg(ns.type)};
        if (plan.has(flag))
            return Error{QStringLiteral("linux.namespaces[%1].type").arg(i),
                         QStringLiteral("the %1 namespace is listed twice").arg(ns.type)};
        if (ns.path.isEmpty()) {
            plan.newFlags |= static_cast<unsigned long long>(flag);
            continue;
        }
        auto join = openJoin(ns, flag, i);
        if (!join)
            return join.error();
        // setns() into a user namespace must come first: the others are then joined with
        // the capabilities it gives.
        if (flag == CLONE_NEWUSER)
            plan.joins.insert(plan.joins.begin(), join.value());
        else
            plan.joins.push_back(join.value());
    }
    plan.newUserNamespace = (plan.newFlags & CLONE_NEWUSER) != 0;
    const bool joinsUser = plan.has(CLONE_NEWUSER) && !plan.newUserNamespace;
    if (joinsUser && (plan.newFlags & ~static_cast<unsigned long long>(CLONE_NEWUSER)) != 0)
        return Error{QStringLiteral("linux.namespaces"),
                     QStringLiteral("a user namespace joined by path cannot be combined with new "
                                    "namespaces: they would belong to the host's user namespace")};
    if (!plan.newUserNamespace) {
        if (!linux.uidMappings.isEmpty() || !linux.gidMappings.isEmpty())
            return Error{QStringLiteral("linux.uidMappings"),
                         QStringLiteral("id mappings need a new user namespace in "
                                        "linux.namespaces")};
        return plan;
    }
    if (linux.uidMappings.isEmpty() || linux.gidMappings.isEmpty())
        return Error{linux.uidMappings.isEmpty() ? QStringLiteral("linux.uidMappings")
                                                 : QStringLiteral("linux.gidMappings"),
                     QStringLiteral("a new user namespace needs uid and gid mappings")};
    auto uidMap = formatIdMap(linux.uidMappings, QStringLiteral("linux.uidMappings"));
    if (!uidMap)
        return uidMap.error();
    auto gidMap = formatIdMap(linux.gidMappings, QStringLiteral("linux.gidMappings"));
    if (!gidMap)
        return gidMap.error();
    plan.uidMap = uidMap.value();
    plan.gidMap = gidMap.value();
    // Only a writer without CAP_SETGID over the parent namespace must deny setgroups.
    plan.denySetgroups = ::geteuid() != 0;
    return plan;
}

Expected<void> writeIdMappings(pid_t pid, const NamespacePlan &plan)
{
    if (!plan.newUserNamespace)
        return {};
    if (plan.denySetgroups) {
        if (auto r = writeProcFile(pid, "setgroups", "deny", QStringLiteral("linux.gidMappings"));
            !r)
            return r;
    }
    if (auto r = writeProcFile(pid, "uid_map", plan.uidMap, QStringLiteral("linux.uidMappings"));
        !r)
        return r;
    return writeProcFile(pid, "gid_map", plan.gidMap, QStringLiteral("linux.gidMappings"));
}

bool joinNamespaces(const NamespacePlan &plan, ChildFailure &failure)
{
    for (const NamespaceJoin &join : plan.joins) {
        if (::setns(join.fd, join.cloneFlag) != 0) {
            setChildFailure(failure, "setns", join.field, namespaceProcName(join.cloneFlag), errno);
            return false;
        }
    }
    return true;
}

} // namespace isolde::engine
