// One stats sampler per running container, shared by every caller: a sample younger than a
// tick is handed out again instead of reading the cgroup once more for each subscriber.
#pragma once

#include "Cgroup.h"
#include "CgroupStats.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <memory>
#include <optional>

namespace isolde::service {

class StatsSamplers
{
public:
    // Starts sampling the cgroup of a running container. `cpuLimit`: quota / period in CPUs.
    void track(const QString &id, const QString &cgroupsPath, std::optional<double> cpuLimit);
    void forget(const QString &id);
    void setCpuLimit(const QString &id, std::optional<double> cpuLimit);
    bool isTracked(const QString &id) const { return m_containers.contains(id); }

    // The sample in the shape of org.isolde.Helper1's Stats; nothing when the container is not
    // tracked or its cgroup has gone.
    std::optional<QJsonObject> sample(const QString &id);

private:
    struct Tracked
    {
        engine::Cgroup cgroup;
        engine::CgroupStatsSampler sampler;
        std::optional<double> cpuLimit;
        engine::CgroupStats stats;
        QJsonObject last;
        qint64 lastMonotonicMs = -1;
    };
    QHash<QString, std::shared_ptr<Tracked>> m_containers;
};

// linux.resources.cpu quota / period of a spec, in CPUs; nothing without a quota.
std::optional<double> cpuLimitOf(const spec::OciSpec &spec);

} // namespace isolde::service
