#include "ContainerResources.h"

#include "CgroupFiles.h"
#include "CgroupHierarchy.h"
#include "Container.h"
#include "spec/SpecValidator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <csignal>
#include <unistd.h>

namespace isolde::engine {

namespace {

const QString ResourcesPath = QStringLiteral("linux.resources");

// What a live update may change: Cgroup::update applies these and nothing else.
const QStringList UpdatableResources{QStringLiteral("cpu"), QStringLiteral("memory"),
                                     QStringLiteral("pids"), QStringLiteral("blockIO"),
                                     QStringLiteral("unified")};

// Objects merge key by key; anything else (numbers, strings, arrays) is replaced whole.
QJsonObject merged(QJsonObject base, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QJsonValue old = base.value(it.key());
        base.insert(it.key(), old.isObject() && it.value().isObject()
                                  ? QJsonValue(merged(old.toObject(), it.value().toObject()))
                                  : QJsonValue(it.value()));
    }
    return base;
}

Expected<void> checkPatch(const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (!UpdatableResources.contains(it.key()))
            return Error{spec::fieldPath(ResourcesPath, it.key()),
                         it.key() == QLatin1String("devices")
                             ? QStringLiteral("device rules are set at create and cannot change "
                                              "on a running container")
                             : QStringLiteral("cannot be updated on a running container; "
                                              "updatable are %1")
                                   .arg(UpdatableResources.join(QStringLiteral(", ")))};
    }
    return {};
}

// Every problem in one Error: the first names the field, the others follow in the reason.
Error combined(const QList<Error> &errors)
{
    Error first = errors.first();
    for (qsizetype i = 1; i < errors.size(); ++i)
        first.reason += QStringLiteral("; ") + errors[i].toString();
    return first;
}

// The container's state with its live status, refused unless it is one of `allowed`.
Expected<ContainerState> stateIn(const StateStore &store, const QString &id,
                                 const QStringList &allowed)
{
    auto state = Container::state(store, id);
    if (!state)
        return state.error();
    if (!allowed.contains(state->status))
        return Error{QStringLiteral("id"),
                     QStringLiteral("container \"%1\" is %2, not %3")
                         .arg(id, state->status, allowed.join(QStringLiteral(" or ")))};
    return state;
}

QJsonObject withResources(QJsonObject document, const QJsonObject &resources)
{
    QJsonObject linux = document.value(QStringLiteral("linux")).toObject();
    linux.insert(QStringLiteral("resources"), resources);
    document.insert(QStringLiteral("linux"), linux);
    return document;
}

Expected<void> setPaused(const StateStore &store, const QString &id, bool paused)
{
    auto lock = store.lock(id);
    if (!lock)
        return lock.error();
    auto state =
        stateIn(store, id, {paused ? QStringLiteral("running") : QStringLiteral("paused")});
    if (!state)
        return state.error();
    auto cgroup = Cgroup::open(state->cgroupsPath, id);
    if (!cgroup)
        return cgroup.error();
    if (auto frozen = cgroup->setFrozen(paused); !frozen)
        return frozen;
    state->status = paused ? QStringLiteral("paused") : QStringLiteral("running");
    auto saved = store.save(state.value());
    if (!saved)
        (void)cgroup->setFrozen(!paused); // the state on disk still says what was before
    return saved;
}

} // namespace

Expected<spec::Resources> updateResources(const StateStore &store, const QString &id,
                                          const QJsonObject &patch)
{
    if (auto allowed = checkPatch(patch); !allowed)
        return allowed.error();
    auto lock = store.lock(id);
    if (!lock)
        return lock.error();
    auto state =
        stateIn(store, id,
                {QStringLiteral("created"), QStringLiteral("running"), QStringLiteral("paused")});
    if (!state)
        return state.error();
    auto stored = spec::OciSpec::load(store.specPath(id));
    if (!stored)
        return stored.error();
    const QJsonObject current = stored->document()
                                    .value(QStringLiteral("linux"))
                                    .toObject()
                                    .value(QStringLiteral("resources"))
                                    .toObject();
    const spec::OciSpec updated(withResources(stored->document(), merged(current, patch)));
    // A field of the wrong JSON type would read as its default: report it instead.
    QList<Error> problems;
    for (const Error &problem : updated.schemaErrors()) {
        if (problem.field.startsWith(ResourcesPath))
            problems.append(problem);
    }
    const spec::Resources resources = updated.linux().resources.value_or(spec::Resources{});
    problems += spec::validateResources(resources);
    if (!problems.isEmpty())
        return combined(problems);
    auto cgroup = Cgroup::open(state->cgroupsPath, id);
    if (!cgroup)
        return cgroup.error();
    if (auto applied = cgroup->update(resources); !applied)
        return applied.error();
    if (auto saved = store.saveSpec(id, updated.toJson()); !saved) {
        // Keep the kernel in line with the spec that is still on disk.
        (void)cgroup->update(stored->linux().resources.value_or(spec::Resources{}));
        return saved.error();
    }
    return resources;
}

Expected<void> pauseContainer(const StateStore &store, const QString &id)
{
    return setPaused(store, id, true);
}

Expected<void> resumeContainer(const StateStore &store, const QString &id)
{
    return setPaused(store, id, false);
}

Expected<ContainerMonitor> ContainerMonitor::open(const StateStore &store, const QString &id)
{
    auto state = Container::state(store, id);
    if (!state)
        return state.error();
    auto cgroup = Cgroup::open(state->cgroupsPath, id);
    if (!cgroup)
        return cgroup.error();
    ContainerMonitor monitor;
    monitor.m_state = state.value();
    monitor.m_cgroup.emplace(std::move(cgroup.value()));
    monitor.m_sampler.emplace(CgroupStatsSampler::open(*monitor.m_cgroup, StatsScope::Full));
    monitor.m_clock = std::make_unique<SystemCpuClock>();
    // The quota at open; an update during a stream shows from the next `events` on.
    if (auto stored = spec::OciSpec::load(store.specPath(id))) {
        const auto resources = stored->linux().resources;
        if (resources && resources->cpu) {
            if (resources->cpu->quota && *resources->cpu->quota > 0)
                monitor.m_quotaUs = *resources->cpu->quota;
            monitor.m_periodUs = resources->cpu->period.value_or(spec::DockerCpuPeriod);
        }
    }
    return monitor;
}

bool ContainerMonitor::isRunning() const
{
    return isProcessAlive(m_state);
}

std::optional<QJsonObject> ContainerMonitor::sample()
{
    CgroupStats stats;
    if (!m_sampler->sample(stats))
        return std::nullopt;
    const uint64_t systemNs = m_clock->totalNs();
    std::optional<CpuPercent> percent;
    if (m_previous) {
        static const int onlineCpus = int(::sysconf(_SC_NPROCESSORS_ONLN));
        percent = CpuPercent{dockerCpuPercent(m_previous->cpu.usageNs, stats.cpu.usageNs,
                                              m_previousSystemNs, systemNs, onlineCpus),
                             std::nullopt};
        if (m_quotaUs)
            percent->quota = quotaCpuPercent(m_previous->cpu.usageNs, stats.cpu.usageNs,
                                             stats.timestampNs - m_previous->timestampNs,
                                             *m_quotaUs, m_periodUs);
    }
    m_previous = stats;
    m_previousSystemNs = systemNs;
    return QJsonObject{
        {"type", "stats"}, {"id", m_state.id}, {"data", statsToJson(stats, percent)}};
}

namespace {

QJsonValue number(uint64_t value)
{
    return QJsonValue(qint64(value));
}

QJsonValue optionalNumber(const std::optional<uint64_t> &value)
{
    return value ? number(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject pressureToJson(const CgroupStats::Pressure &pressure)
{
    return QJsonObject{{"some", QJsonObject{{"avg10", pressure.someAvg10},
                                            {"total", number(pressure.someTotalUs)}}},
                       {"full", QJsonObject{{"avg10", pressure.fullAvg10},
                                            {"total", number(pressure.fullTotalUs)}}}};
}

QJsonObject cpuToJson(const CgroupStats::Cpu &cpu, const std::optional<CpuPercent> &percent)
{
    QJsonObject object{
        {"usage", QJsonObject{{"total", number(cpu.usageNs)},
                              {"user", number(cpu.userNs)},
                              {"system", number(cpu.systemNs)}}},
        {"throttling", QJsonObject{{"periods", number(cpu.periods)},
                                   {"throttledPeriods", number(cpu.throttledPeriods)},
                                   {"throttledTime", number(cpu.throttledNs)}}}};
    if (percent) {
        QJsonObject percentObject{{"docker", percent->docker}};
        if (percent->quota)
            percentObject.insert("quota", *percent->quota);
        object.insert("percent", percentObject);
    }
    return object;
}

QJsonObject memoryToJson(const CgroupStats::Memory &memory)
{
    return QJsonObject{
        {"usage", number(memory.usage)},
        {"workingSet", number(memory.workingSet)},
        {"anon", number(memory.anon)},
        {"file", number(memory.file)},
        {"kernel", number(memory.kernel)},
        {"shmem", number(memory.shmem)},
        {"inactiveFile", number(memory.inactiveFile)},
        {"limit", optionalNumber(memory.limit)},
        {"swap", number(memory.swap)},
        {"oom", number(memory.oom)},
        {"oomKill", number(memory.oomKill)},
        {"events", QJsonObject{{"high", number(memory.high)}, {"max", number(memory.max)}}}};
}

QJsonArray ioToJson(const std::vector<CgroupStats::IoDevice> &devices)
{
    QJsonArray array;
    for (const CgroupStats::IoDevice &device : devices)
        array.append(QJsonObject{{"major", qint64(device.major)},
                                 {"minor", qint64(device.minor)},
                                 {"readBytes", number(device.readBytes)},
                                 {"writeBytes", number(device.writeBytes)},
                                 {"readOps", number(device.readOps)},
                                 {"writeOps", number(device.writeOps)}});
    return array;
}

} // namespace

QJsonObject statsToJson(const CgroupStats &stats, const std::optional<CpuPercent> &percent)
{
    QJsonObject data{{"timestamp", number(stats.timestampNs)},
                     {"cpu", cpuToJson(stats.cpu, percent)},
                     {"memory", memoryToJson(stats.memory)},
                     {"pids", QJsonObject{{"current", number(stats.pids.current)},
                                          {"limit", optionalNumber(stats.pids.limit)}}},
                     {"io", ioToJson(stats.io)}};
    QJsonObject pressure;
    const std::pair<const char *, const CgroupStats::Pressure *> kinds[] = {
        {"cpu", &stats.cpuPressure}, {"memory", &stats.memoryPressure}, {"io", &stats.ioPressure}};
    for (const auto &[name, figures] : kinds) {
        if (figures->present)
            pressure.insert(QLatin1String(name), pressureToJson(*figures));
    }
    if (!pressure.isEmpty())
        data.insert("pressure", pressure);
    return data;
}

namespace {

// The cgroup path of every container in the store, also of those still being created (no
// state.json yet: their copy of config.json, or the default path, names it).
QSet<QString> knownCgroups(const StateStore &store, GarbageReport &report)
{
    QSet<QString> known;
    const QStringList entries = QDir(store.root()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &id : entries) {
        if (id.startsWith(QLatin1Char('.')))
            continue;
        QString cgroupsPath;
        if (auto state = store.load(id)) {
            cgroupsPath = state->cgroupsPath;
        } else if (auto stored = spec::OciSpec::load(store.specPath(id))) {
            cgroupsPath = stored->linux().cgroupsPath;
        }
        if (auto path = Cgroup::resolvePath(cgroupsPath, id))
            known.insert(path.value());
        else
            report.failures.append(Error{id, path.error().toString()});
    }
    return known;
}

void markStopped(const StateStore &store, GarbageReport &report)
{
    for (const QString &id : store.ids()) {
        auto lock = store.lock(id);
        if (!lock)
            continue; // deleted meanwhile
        auto stored = store.load(id);
        auto live = Container::state(store, id);
        if (!stored || !live || live->status == stored->status)
            continue;
        if (auto saved = store.save(live.value()))
            report.stopped.append(id);
        else
            report.failures.append(saved.error());
    }
}

// Cgroups below `path` in the hierarchy of `mount` that are no known container and hold none.
void findLeftovers(const CgroupMount &mount, const QString &path, const QSet<QString> &known,
                   QSet<QString> &leftovers)
{
    const QStringList children =
        QDir(mount.directoryOf(path)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &child : children) {
        const QString childPath = path + QLatin1Char('/') + child;
        if (known.contains(childPath))
            continue;
        const bool holdsKnown = std::any_of(known.begin(), known.end(), [&](const QString &k) {
            return k.startsWith(childPath + QLatin1Char('/'));
        });
        if (holdsKnown)
            findLeftovers(mount, childPath, known, leftovers);
        else
            leftovers.insert(childPath);
    }
}

// Through Cgroup where a v1 hierarchy (or the v2 one on a pure v2 host) holds the path, which
// freezes, kills, thaws and waits; else (only the v2 side of a hybrid host) directly.
Expected<void> removeLeftover(const CgroupHost &host, const QString &path)
{
    if (auto cgroup = Cgroup::open(path, QString()))
        return cgroup->destroy();
    Expected<void> result;
    for (const CgroupMount &mount : host.mounts) {
        const QString directory = mount.directoryOf(path);
        if (!QFileInfo::exists(directory))
            continue;
        for (const pid_t pid : cgroupfs::processesInTree(directory))
            ::kill(pid, SIGKILL);
        if (auto removed = cgroupfs::removeTree(directory); !removed && result)
            result = removed;
    }
    return result;
}

} // namespace

Expected<GarbageReport> collectGarbage(const StateStore &store, const QString &cgroupParent,
                                       const QStringList &excludedSubtrees)
{
    auto parent = Cgroup::resolvePath(cgroupParent, QString());
    if (!parent)
        return parent.error();
    if (*parent != QLatin1String("/isolde") && !parent->startsWith(QLatin1String("/isolde/")))
        return Error{QStringLiteral("cgroup parent"),
                     QStringLiteral("%1 is not /isolde or below it: garbage collection only "
                                    "touches the engine's own cgroups")
                         .arg(cgroupParent)};
    auto host = detectCgroupHost();
    if (!host)
        return host.error();
    GarbageReport report;
    markStopped(store, report);
    QSet<QString> known = knownCgroups(store, report);
    // Kept like a container's cgroup: findLeftovers neither removes it nor what it holds.
    for (const QString &excluded : excludedSubtrees) {
        auto path = Cgroup::resolvePath(excluded, QString());
        if (!path)
            return Error{QStringLiteral("excluded cgroup"), path.error().reason};
        if (path->startsWith(*parent + QLatin1Char('/')))
            known.insert(path.value());
    }
    QSet<QString> leftovers;
    if (!known.contains(*parent)) {
        for (const CgroupMount &mount : host->mounts)
            findLeftovers(mount, *parent, known, leftovers);
    }
    QStringList sorted = leftovers.values();
    sorted.sort();
    for (const QString &path : std::as_const(sorted)) {
        if (auto removed = removeLeftover(host.value(), path))
            report.removedCgroups.append(path);
        else
            report.failures.append(Error{path, removed.error().toString()});
    }
    return report;
}

} // namespace isolde::engine
