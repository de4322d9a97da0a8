// A running container's resources: live updates of linux.resources, pause and resume, stats
// samples, and the garbage collection of what a crashed runtime left behind. A library API
// (isolde-runtime and the D-Bus helper): it prints nothing and never exits.
//
// The spec on disk always matches what the kernel enforces: an update is validated, written to
// the cgroup (which puts every file back when the kernel refuses one), and only then is the
// container's copy of config.json replaced, atomically and under the container's state lock.
//
// Pause and resume record the OCI status "paused" in state.json, so that `state` and `list`
// report it; a paused container whose process has gone still reads "stopped".
//
// CPU % in a stats stream, two ways (both over the time between two samples):
// - cpu.percent.docker, as `docker stats` computes it: container CPU time / host CPU time (the
//   first seven fields of /proc/stat's cpu line) x online CPUs x 100. One fully busy CPU is
//   100%, so a container using two CPUs shows 200%.
// - cpu.percent.quota, the share of the container's own CFS quota: container CPU time /
//   (wall time x quota / period) x 100. 100% means it ran into its limit; absent without a
//   quota.
#pragma once

#include "Cgroup.h"
#include "CgroupStats.h"
#include "StateStore.h"
#include "spec/OciSpec.h"
#include "spec/Units.h"
#include "util/Expected.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <memory>
#include <optional>

namespace isolde::engine {

// Merges `patch` (a linux.resources object: the fields it has replace the container's, the
// others stay) into the container's resources, validates the result, applies it to the cgroup
// and rewrites the stored config.json. Returns the resources now in force. Device rules are
// refused: they are fixed at create.
Expected<spec::Resources> updateResources(const StateStore &store, const QString &id,
                                          const QJsonObject &patch);

// Freezes a running container (status becomes "paused") / thaws a paused one.
Expected<void> pauseContainer(const StateStore &store, const QString &id);
Expected<void> resumeContainer(const StateStore &store, const QString &id);

// Samples one container's cgroup; each sample after the first also carries CPU percentages.
class ContainerMonitor
{
public:
    static Expected<ContainerMonitor> open(const StateStore &store, const QString &id);

    // {"type":"stats","id":..,"data":{cpu, memory, pids, io, pressure}}; nullopt once the
    // cgroup is gone.
    std::optional<QJsonObject> sample();
    // The container process is still the one the state recorded.
    bool isRunning() const;

private:
    ContainerMonitor() = default;
    ContainerState m_state;
    std::optional<Cgroup> m_cgroup;
    std::optional<CgroupStatsSampler> m_sampler;
    std::unique_ptr<SystemCpuClock> m_clock; // not movable, hence the pointer
    std::optional<int64_t> m_quotaUs;
    uint64_t m_periodUs = spec::DockerCpuPeriod;
    std::optional<CgroupStats> m_previous;
    uint64_t m_previousSystemNs = 0;
};

// Stats as JSON; cpu.percent only when `percent` has values.
struct CpuPercent
{
    double docker = 0;
    std::optional<double> quota;
};
QJsonObject statsToJson(const CgroupStats &stats, const std::optional<CpuPercent> &percent);

struct GarbageReport
{
    QStringList stopped;        // containers whose process had gone, now recorded as stopped
    QStringList removedCgroups; // cgroup paths removed from every hierarchy
    QList<Error> failures;      // what could not be cleaned, with the reason
};

// Where the D-Bus helper keeps its containers' cgroups (it forces every cgroupsPath there).
// isolde-runtime's store knows none of them, so its gc must leave this subtree alone.
inline constexpr auto HelperCgroupParent = "/isolde/helper";

// One pass over `store`: records "stopped" for containers whose process is gone (dead, or its
// pid reused: the start time differs), then removes every cgroup below `cgroupParent` (which
// must be /isolde or below it) in every hierarchy that belongs to no container of the store,
// killing what still runs in it. The store must be the only one whose containers live there,
// apart from `excludedSubtrees`: cgroups of other stores (the helper's, by default), kept with
// all they hold. An excluded subtree that is `cgroupParent` itself or above it does not apply:
// the caller asked for that parent by name (the helper's own gc passes HelperCgroupParent).
Expected<GarbageReport>
collectGarbage(const StateStore &store, const QString &cgroupParent = QStringLiteral("/isolde"),
               const QStringList &excludedSubtrees = {QLatin1String(HelperCgroupParent)});

} // namespace isolde::engine
