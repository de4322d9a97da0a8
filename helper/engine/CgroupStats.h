// Live resource figures of a container cgroup, sampled cheaply: the sampler opens each
// control file once and then only pread()s it, so one sample costs a few system calls per
// file, no directory walk and no process.
#pragma once

#include "util/Expected.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace isolde::engine {

class Cgroup;
class CgroupV1;
class CgroupV2;

struct CgroupStats
{
    struct Cpu
    {
        uint64_t usageNs = 0; // v1 cpuacct.usage, v2 cpu.stat usage_usec
        uint64_t userNs = 0;
        uint64_t systemNs = 0;
        uint64_t periods = 0;          // CFS periods with a quota in force
        uint64_t throttledPeriods = 0; // periods in which the quota ran out
        uint64_t throttledNs = 0;
    } cpu;
    struct Memory
    {
        uint64_t usage = 0;      // v1 memory.usage_in_bytes, v2 memory.current
        uint64_t workingSet = 0; // usage - inactive_file, as docker and the kubelet count it
        uint64_t anon = 0;
        uint64_t file = 0;
        uint64_t kernel = 0;
        uint64_t shmem = 0;
        uint64_t inactiveFile = 0;
        std::optional<uint64_t> limit; // none: unlimited; v1: hierarchical_memory_limit
        uint64_t swap = 0;
        uint64_t oom = 0;     // v2 memory.events oom; v1 counts only kills, so the same as oomKill
        uint64_t oomKill = 0; // v2 memory.events oom_kill, v1 memory.oom_control oom_kill
        uint64_t high = 0;    // v2 memory.events high (v1 has no memory.high)
        uint64_t max = 0;     // v2 memory.events max, v1 memory.failcnt (which some kernels
                              // leave at 0)
    } memory;
    struct Pids
    {
        uint64_t current = 0;
        std::optional<uint64_t> limit;
    } pids;
    struct IoDevice
    {
        uint32_t major = 0;
        uint32_t minor = 0;
        uint64_t readBytes = 0;
        uint64_t writeBytes = 0;
        uint64_t readOps = 0;
        uint64_t writeOps = 0;
    };
    std::vector<IoDevice> io;
    struct Pressure // /proc/pressure format: "some avg10=.. avg60=.. avg300=.. total=us"
    {
        bool present = false;
        double someAvg10 = 0;
        double fullAvg10 = 0;
        uint64_t someTotalUs = 0;
        uint64_t fullTotalUs = 0;
    };
    Pressure cpuPressure;
    Pressure memoryPressure;
    Pressure ioPressure;
    uint64_t timestampNs = 0; // CLOCK_MONOTONIC when the sample was taken
};

// Full: every figure of CgroupStats. Chart: only what a live chart draws each second (CPU
// usage, memory usage, pids.current): three files instead of a dozen.
enum class StatsScope { Full, Chart };

class CgroupStatsSampler
{
public:
    // Each figure comes from the hierarchy that holds its controller (v1 first on a hybrid
    // host); pressure comes from v2 wherever a v2 directory exists.
    static CgroupStatsSampler open(const Cgroup &cgroup, StatsScope scope = StatsScope::Full);
    static CgroupStatsSampler open(const CgroupV1 *v1, const CgroupV2 *v2,
                                   StatsScope scope = StatsScope::Full);

    CgroupStatsSampler(CgroupStatsSampler &&other) noexcept;
    CgroupStatsSampler &operator=(CgroupStatsSampler &&other) noexcept;
    CgroupStatsSampler(const CgroupStatsSampler &) = delete;
    CgroupStatsSampler &operator=(const CgroupStatsSampler &) = delete;
    ~CgroupStatsSampler();

    // Fills `stats` (reusing its io vector); false when a file could not be read (the
    // cgroup is gone).
    bool sample(CgroupStats &stats) const;
    int fileCount() const { return int(m_files.size()); }

    enum class Source : uint8_t;

private:
    CgroupStatsSampler() = default;
    void add(int dirFd, const char *file, Source source);
    struct File
    {
        int fd;
        Source source;
    };
    std::vector<File> m_files;
};

// Host CPU time in ns, as docker counts it: the first seven fields of /proc/stat's "cpu"
// line (user, nice, system, idle, iowait, irq, softirq) over USER_HZ. /proc/stat stays open.
class SystemCpuClock
{
public:
    SystemCpuClock();
    ~SystemCpuClock();
    SystemCpuClock(const SystemCpuClock &) = delete;
    SystemCpuClock &operator=(const SystemCpuClock &) = delete;
    uint64_t totalNs() const;

private:
    int m_fd = -1;
};

// docker stats' CPU %: the container's share of all host CPU time between two samples,
// scaled so that one fully busy CPU is 100%:
//   (delta container usage / delta system usage) x onlineCpus x 100.
// 0 when either delta is not positive.
double dockerCpuPercent(uint64_t previousUsageNs, uint64_t usageNs, uint64_t previousSystemNs,
                        uint64_t systemNs, int onlineCpus);
// The share of the container's own CPU quota used between two samples:
//   delta usage / (delta wall time x quota / period) x 100,
// so 100% means the container ran into its limit. No value without a quota.
std::optional<double> quotaCpuPercent(uint64_t previousUsageNs, uint64_t usageNs,
                                      uint64_t wallDeltaNs, int64_t quotaUs, uint64_t periodUs);

} // namespace isolde::engine
