#include "StatsSamplers.h"

#include "spec/Units.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <unistd.h>

namespace isolde::service {

namespace {

// Subscribers ask at least every 250 ms; a sample this fresh serves all of them.
constexpr qint64 ShareWindowMs = 200;

QJsonValue number(uint64_t value)
{
    return QJsonValue(static_cast<qint64>(value));
}

QJsonObject toJson(const engine::CgroupStats &stats, std::optional<double> cpuLimit)
{
    QJsonObject json;
    json.insert(QLatin1String("time_ms"), QDateTime::currentMSecsSinceEpoch());
    json.insert(QLatin1String("monotonic_ns"), number(stats.timestampNs));
    json.insert(QLatin1String("online_cpus"), static_cast<qint64>(::sysconf(_SC_NPROCESSORS_ONLN)));
    json.insert(QLatin1String("cpu_usage_ns"), number(stats.cpu.usageNs));
    json.insert(QLatin1String("cpu_user_ns"), number(stats.cpu.userNs));
    json.insert(QLatin1String("cpu_system_ns"), number(stats.cpu.systemNs));
    json.insert(QLatin1String("cpu_throttled_periods"), number(stats.cpu.throttledPeriods));
    json.insert(QLatin1String("cpu_throttled_ns"), number(stats.cpu.throttledNs));
    if (cpuLimit)
        json.insert(QLatin1String("cpu_limit"), *cpuLimit);
    json.insert(QLatin1String("memory_usage"), number(stats.memory.usage));
    json.insert(QLatin1String("memory_working_set"), number(stats.memory.workingSet));
    if (stats.memory.limit)
        json.insert(QLatin1String("memory_limit"), number(*stats.memory.limit));
    json.insert(QLatin1String("memory_anon"), number(stats.memory.anon));
    json.insert(QLatin1String("memory_file"), number(stats.memory.file));
    json.insert(QLatin1String("memory_inactive_file"), number(stats.memory.inactiveFile));
    json.insert(QLatin1String("memory_shmem"), number(stats.memory.shmem));
    json.insert(QLatin1String("memory_kernel"), number(stats.memory.kernel));
    json.insert(QLatin1String("memory_swap"), number(stats.memory.swap));
    json.insert(QLatin1String("oom_kills"), number(stats.memory.oomKill));
    json.insert(QLatin1String("pids"), number(stats.pids.current));
    if (stats.pids.limit)
        json.insert(QLatin1String("pids_limit"), number(*stats.pids.limit));
    uint64_t readBytes = 0, writeBytes = 0, readOps = 0, writeOps = 0;
    for (const auto &device : stats.io) {
        readBytes += device.readBytes;
        writeBytes += device.writeBytes;
        readOps += device.readOps;
        writeOps += device.writeOps;
    }
    json.insert(QLatin1String("io_read_bytes"), number(readBytes));
    json.insert(QLatin1String("io_write_bytes"), number(writeBytes));
    json.insert(QLatin1String("io_read_ops"), number(readOps));
    json.insert(QLatin1String("io_write_ops"), number(writeOps));
    return json;
}

} // namespace

void StatsSamplers::track(const QString &id, const QString &cgroupsPath,
                          std::optional<double> cpuLimit)
{
    auto cgroup = engine::Cgroup::open(cgroupsPath, id);
    if (!cgroup) {
        qWarning("isolde-helper: no stats for %s: %s", qPrintable(id),
                 qPrintable(cgroup.error().toString()));
        return;
    }
    auto sampler = engine::CgroupStatsSampler::open(*cgroup, engine::StatsScope::Full);
    m_containers.insert(
        id, std::make_shared<Tracked>(
                Tracked{std::move(cgroup.value()), std::move(sampler), cpuLimit, {}, {}, -1}));
}

void StatsSamplers::forget(const QString &id)
{
    m_containers.remove(id);
}

void StatsSamplers::setCpuLimit(const QString &id, std::optional<double> cpuLimit)
{
    if (const auto tracked = m_containers.value(id)) {
        tracked->cpuLimit = cpuLimit;
        tracked->lastMonotonicMs = -1;
    }
}

std::optional<QJsonObject> StatsSamplers::sample(const QString &id)
{
    const auto tracked = m_containers.value(id);
    if (!tracked)
        return std::nullopt;
    const qint64 now = QDeadlineTimer::current().deadline();
    if (tracked->lastMonotonicMs >= 0 && now - tracked->lastMonotonicMs < ShareWindowMs)
        return tracked->last;
    if (!tracked->sampler.sample(tracked->stats))
        return std::nullopt;
    tracked->last = toJson(tracked->stats, tracked->cpuLimit);
    tracked->lastMonotonicMs = now;
    return tracked->last;
}

std::optional<double> cpuLimitOf(const spec::OciSpec &spec)
{
    const auto resources = spec.linux().resources;
    if (!resources || !resources->cpu || !resources->cpu->quota || *resources->cpu->quota <= 0)
        return std::nullopt;
    const uint64_t period = resources->cpu->period.value_or(spec::DockerCpuPeriod);
    if (period == 0)
        return std::nullopt;
    return double(*resources->cpu->quota) / double(period);
}

} // namespace isolde::service
