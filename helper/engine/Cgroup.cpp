#include "Cgroup.h"

#include "CgroupHierarchy.h"
#include "CgroupV1.h"
#include "CgroupV2.h"

#include <QDir>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace isolde::engine {

namespace {

const QString kCgroupsPath = QStringLiteral("linux.cgroupsPath");

bool setsCpu(const spec::CpuResources &cpu)
{
    return cpu.shares || cpu.quota || cpu.period || cpu.realtimeRuntime || cpu.realtimePeriod ||
           cpu.idle;
}

bool setsCpuset(const spec::CpuResources &cpu)
{
    return !cpu.cpus.isEmpty() || !cpu.mems.isEmpty();
}

} // namespace

struct Cgroup::Private
{
    CgroupHost host;
    QString path;
    std::optional<CgroupV1> v1;
    std::optional<CgroupV2> v2;

    // The backend that holds `controller`: v1 first (on a hybrid host a controller bound to
    // a v1 hierarchy is absent from v2), then v2.
    CgroupBackend *backendFor(const QString &controller)
    {
        if (v1 && v1->hasController(controller))
            return &*v1;
        if (v2 && v2->hasController(controller))
            return &*v2;
        return nullptr;
    }

    Expected<CgroupBackend *> requireBackend(const QString &controller, const QString &field)
    {
        if (CgroupBackend *backend = backendFor(controller))
            return backend;
        return Error{field,
                     QStringLiteral(
                         "this host has no %1 controller for the container's cgroup (cgroups: %2)")
                         .arg(controller, cgroupModeName(host.mode))};
    }

    Expected<void> apply(const spec::Resources &resources, cgroupfs::WriteLog &log,
                         bool withDevices);
    // Every directory of the cgroup, one per hierarchy.
    QStringList directories() const;
};

Expected<void> Cgroup::Private::apply(const spec::Resources &resources, cgroupfs::WriteLog &log,
                                      bool withDevices)
{
    using Step = std::function<Expected<void>(CgroupBackend &)>;
    QList<std::tuple<QString, QString, Step>> steps; // controller, field, what to write
    if (resources.cpu && setsCpu(*resources.cpu))
        steps.append({QStringLiteral("cpu"), QStringLiteral("linux.resources.cpu"),
                      [&](CgroupBackend &b) { return b.applyCpu(*resources.cpu, log); }});
    if (resources.cpu && setsCpuset(*resources.cpu))
        steps.append({QStringLiteral("cpuset"), QStringLiteral("linux.resources.cpu.cpus"),
                      [&](CgroupBackend &b) { return b.applyCpuset(*resources.cpu, log); }});
    if (resources.memory)
        steps.append({QStringLiteral("memory"), QStringLiteral("linux.resources.memory"),
                      [&](CgroupBackend &b) { return b.applyMemory(*resources.memory, log); }});
    if (resources.pidsLimit)
        steps.append({QStringLiteral("pids"), QStringLiteral("linux.resources.pids.limit"),
                      [&](CgroupBackend &b) { return b.applyPids(*resources.pidsLimit, log); }});
    if (resources.blockIO)
        steps.append({QStringLiteral("io"), QStringLiteral("linux.resources.blockIO"),
                      [&](CgroupBackend &b) { return b.applyBlockIo(*resources.blockIO, log); }});
    if (withDevices)
        steps.append({QStringLiteral("devices"), QStringLiteral("linux.resources.devices"),
                      [&](CgroupBackend &b) { return b.applyDevices(resources.devices); }});
    for (const auto &[controller, field, step] : steps) {
        const auto backend = requireBackend(controller, field);
        if (!backend)
            return backend.error();
        if (auto applied = step(**backend); !applied)
            return applied;
    }
    if (!resources.unified.isEmpty()) {
        if (!v2)
            return Error{QStringLiteral("linux.resources.unified"),
                         QStringLiteral("this host has no cgroup v2 hierarchy (cgroups: %1)")
                             .arg(cgroupModeName(host.mode))};
        return v2->applyUnified(resources.unified, log);
    }
    return {};
}

QStringList Cgroup::Private::directories() const
{
    QStringList list;
    if (v1) {
        for (const CgroupV1::Directory &directory : v1->directories())
            list.append(directory.path);
    }
    if (v2)
        list.append(v2->directory());
    return list;
}

Expected<QString> Cgroup::resolvePath(const QString &cgroupsPath, const QString &containerId)
{
    if (cgroupsPath.isEmpty())
        return QStringLiteral("/isolde/") + containerId;
    if (!cgroupsPath.startsWith(QLatin1Char('/')) && cgroupsPath.count(QLatin1Char(':')) == 2)
        return Error{
            kCgroupsPath,
            QStringLiteral("\"%1\" is a systemd slice:prefix:name path; the systemd cgroup "
                           "driver is not supported, use a path such as /isolde/%2")
                .arg(cgroupsPath, containerId)};
    const QStringList parts = cgroupsPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part == QLatin1String("..") || part == QLatin1String("."))
            return Error{kCgroupsPath,
                         QStringLiteral("\"%1\" contains \"%2\"; a cgroup path may not leave or "
                                        "refer to its own hierarchy level")
                             .arg(cgroupsPath, part)};
    }
    if (parts.isEmpty())
        return Error{kCgroupsPath, QStringLiteral("the root cgroup cannot hold a container")};
    const QString joined = QLatin1Char('/') + parts.join(QLatin1Char('/'));
    return cgroupsPath.startsWith(QLatin1Char('/')) ? joined : QStringLiteral("/isolde") + joined;
}

Expected<Cgroup> Cgroup::create(const QString &cgroupsPath, const QString &containerId,
                                const std::optional<spec::Resources> &resources)
{
    auto path = resolvePath(cgroupsPath, containerId);
    if (!path)
        return path.error();
    auto host = detectCgroupHost();
    if (!host)
        return host.error();

    auto d = std::make_unique<Private>();
    d->host = std::move(*host);
    d->path = *path;
    QStringList created;
    auto fail = [&](const Error &error) -> Expected<Cgroup> {
        d.reset(); // close the fds first
        for (auto it = created.crbegin(); it != created.crend(); ++it)
            ::rmdir(it->toLocal8Bit().constData());
        return error;
    };
    if (!d->host.v1Mounts().isEmpty()) {
        auto v1 = CgroupV1::create(d->host, d->path, created);
        if (!v1)
            return fail(v1.error());
        d->v1 = std::move(*v1);
    }
    if (const CgroupMount *unified = d->host.unifiedMount()) {
        auto v2 = CgroupV2::create(*unified, d->path, created);
        if (!v2)
            return fail(v2.error());
        d->v2 = std::move(*v2);
    }
    // Sharing a cgroup with running processes would give them the container's limits and
    // kill them with it. One made just now holds none.
    for (const QString &directory : d->directories()) {
        if (!created.contains(directory) && !cgroupfs::processesInTree(directory).isEmpty())
            return fail(Error{kCgroupsPath,
                              QStringLiteral("cgroup %1 already holds processes").arg(directory)});
    }
    if (resources) {
        cgroupfs::WriteLog log; // a new cgroup is removed on failure, nothing to put back
        if (auto applied = d->apply(*resources, log, true); !applied)
            return fail(applied.error());
    }
    return Cgroup(d.release());
}

Expected<Cgroup> Cgroup::open(const QString &cgroupsPath, const QString &containerId)
{
    auto path = resolvePath(cgroupsPath, containerId);
    if (!path)
        return path.error();
    auto host = detectCgroupHost();
    if (!host)
        return host.error();
    auto d = std::make_unique<Private>();
    d->host = std::move(*host);
    d->path = *path;
    if (!d->host.v1Mounts().isEmpty()) {
        auto v1 = CgroupV1::open(d->host, d->path);
        if (!v1)
            return v1.error();
        d->v1 = std::move(*v1);
    }
    if (const CgroupMount *unified = d->host.unifiedMount()) {
        auto v2 = CgroupV2::open(*unified, d->path);
        // On a hybrid host the v2 side is optional: the v1 hierarchies hold the limits.
        if (!v2 && d->host.mode == CgroupMode::Unified)
            return v2.error();
        if (v2)
            d->v2 = std::move(*v2);
    }
    return Cgroup(d.release());
}

Cgroup::Cgroup(Private *priv)
    : d(priv)
{}

Cgroup::Cgroup(Cgroup &&other) noexcept
    : d(std::exchange(other.d, nullptr))
{}

Cgroup &Cgroup::operator=(Cgroup &&other) noexcept
{
    std::swap(d, other.d);
    return *this;
}

Cgroup::~Cgroup()
{
    delete d;
}

int Cgroup::cloneIntoFd() const
{
    return d->host.mode == CgroupMode::Unified && d->v2 ? d->v2->fd() : -1;
}

Expected<void> Cgroup::attach(pid_t pid) const
{
    if (d->v1) {
        if (auto attached = d->v1->attach(pid); !attached)
            return attached;
    }
    if (d->v2)
        return d->v2->attach(pid);
    return {};
}

Expected<void> Cgroup::update(const spec::Resources &resources)
{
    cgroupfs::WriteLog log;
    auto applied = d->apply(resources, log, false);
    if (!applied)
        log.rollback();
    return applied;
}

Expected<void> Cgroup::setFrozen(bool frozen)
{
    const auto backend = d->requireBackend(QStringLiteral("freezer"), QStringLiteral("freezer"));
    if (!backend)
        return backend.error();
    return (*backend)->setFrozen(frozen);
}

QList<pid_t> Cgroup::pids() const
{
    const int fd = d->host.mode == CgroupMode::Unified || !d->v1 || d->v1->directories().isEmpty()
                       ? (d->v2 ? d->v2->fd() : -1)
                       : d->v1->directories().constFirst().fd;
    const auto procs = cgroupfs::read(fd, "cgroup.procs");
    return procs ? cgroupfs::parsePids(*procs) : QList<pid_t>();
}

namespace {

bool isTreeEmpty(const QStringList &directories)
{
    return std::all_of(directories.begin(), directories.end(), [](const QString &directory) {
        return cgroupfs::processesInTree(directory).isEmpty();
    });
}

} // namespace

// Kills every process in the cgroup's directories and waits (up to 5 s) until they are gone.
void Cgroup::killTree(const QStringList &directories)
{
    // Frozen tasks cannot fork while we kill them one by one; SIGKILL still reaches them.
    CgroupBackend *freezer = d->backendFor(QStringLiteral("freezer"));
    if (freezer)
        (void)freezer->setFrozen(true);
    if (d->v2 && cgroupfs::exists(d->v2->fd(), "cgroup.kill"))
        (void)cgroupfs::write(d->v2->fd(), "cgroup.kill", "1", {});
    for (const QString &directory : directories) {
        for (pid_t pid : cgroupfs::processesInTree(directory))
            ::kill(pid, SIGKILL);
    }
    if (freezer)
        (void)freezer->setFrozen(false);
    for (int waited = 0; waited < 500 && !isTreeEmpty(directories); ++waited)
        usleep(10'000);
}

Expected<void> Cgroup::destroy()
{
    QStringList directories = d->directories();
    // The usual case, a container whose processes have all exited and that made no cgroups of
    // its own: one rmdir per hierarchy. What the kernel refuses (busy, not empty) takes the
    // long way: kill what is inside, then remove the tree.
    directories.removeIf([](const QString &directory) {
        return ::rmdir(directory.toLocal8Bit().constData()) == 0 || errno == ENOENT;
    });
    if (!directories.isEmpty() && !isTreeEmpty(directories))
        killTree(directories);
    Expected<void> result;
    for (const QString &directory : directories) {
        if (auto removed = cgroupfs::removeTree(directory); !removed && result)
            result = removed;
    }
    return result;
}

void Cgroup::removeIfEmpty(const QString &path)
{
    const auto host = detectCgroupHost();
    if (!host)
        return;
    for (const CgroupMount &mount : host->mounts) {
        // The kernel refuses (EBUSY, ENOTEMPTY) a cgroup that is still in use.
        ::rmdir(mount.directoryOf(path).toLocal8Bit().constData());
    }
}

QString Cgroup::path() const
{
    return d->path;
}

CgroupMode Cgroup::mode() const
{
    return d->host.mode;
}

const CgroupV1 *Cgroup::v1() const
{
    return d->v1 ? &*d->v1 : nullptr;
}

const CgroupV2 *Cgroup::v2() const
{
    return d->v2 ? &*d->v2 : nullptr;
}

} // namespace isolde::engine
