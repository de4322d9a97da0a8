// How much one stats sample costs: 100 cgroups, each holding a sleeping process, sampled
// 100 times with CgroupStatsSampler (open files, pread only). Prints microseconds per
// container per sample. Needs root; removes its cgroups and processes when done.
#include "Cgroup.h"
#include "CgroupStats.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace isolde::engine;

namespace {

double processCpuMicroseconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e6 + double(now.tv_nsec) / 1e3;
}

// Samples every cgroup `samples` times; prints the cost per container per sample.
int measure(const std::vector<Cgroup> &cgroups, StatsScope scope, int samples)
{
    std::vector<CgroupStatsSampler> samplers;
    for (const Cgroup &cgroup : cgroups)
        samplers.push_back(CgroupStatsSampler::open(cgroup, scope));
    CgroupStats stats;
    int status = 0;
    // Wall time, and this process's CPU time: on a busy shared machine the wall time
    // includes waiting for a CPU.
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = processCpuMicroseconds();
    for (int round = 0; round < samples; ++round) {
        for (const CgroupStatsSampler &sampler : samplers) {
            if (!sampler.sample(stats))
                status = 1;
        }
    }
    const auto elapsed =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start);
    const double cpu = processCpuMicroseconds() - cpuStart;
    const double perSample = double(cgroups.size()) * samples;
    std::printf(
        "%zu containers x %d samples, %s scope, %d files each (%s): %.2f us wall, %.2f us CPU per "
        "container per sample\n",
        cgroups.size(), samples, scope == StatsScope::Full ? "full" : "chart",
        samplers.front().fileCount(),
        cgroups.front().v2() && cgroups.front().v1() ? "hybrid"
        : cgroups.front().v2()                       ? "v2"
                                                     : "v1",
        elapsed.count() / perSample, cpu / perSample);
    return status;
}

} // namespace

int main()
{
    constexpr int kContainers = 100;
    constexpr int kSamples = 100;
    if (geteuid() != 0) {
        std::fprintf(stderr, "isolde-bench-cgroup-stats: needs root (it creates cgroups)\n");
        return 2;
    }
    std::vector<Cgroup> cgroups;
    std::vector<pid_t> sleepers;
    const QString parent = QStringLiteral("/isolde-bench-%1").arg(getpid());
    int status = 0;
    for (int i = 0; i < kContainers && status == 0; ++i) {
        auto cgroup = Cgroup::create(QStringLiteral("%1/c%2").arg(parent).arg(i), {}, std::nullopt);
        if (!cgroup) {
            std::fprintf(stderr, "%s\n", qPrintable(cgroup.error().toString()));
            status = 1;
            break;
        }
        const pid_t pid = fork();
        if (pid == 0) {
            pause();
            _exit(0);
        }
        sleepers.push_back(pid);
        if (auto attached = cgroup->attach(pid); !attached) {
            std::fprintf(stderr, "%s\n", qPrintable(attached.error().toString()));
            status = 1;
        }
        cgroups.push_back(std::move(*cgroup));
    }

    if (status == 0) {
        for (const StatsScope scope : {StatsScope::Full, StatsScope::Chart})
            status |= measure(cgroups, scope, kSamples);
    }

    for (Cgroup &cgroup : cgroups)
        (void)cgroup.destroy();
    for (pid_t pid : sleepers)
        waitpid(pid, nullptr, 0);
    Cgroup::removeIfEmpty(parent); // the per-run parent, in every hierarchy
    return status;
}
