#include "CgroupStats.h"

#include "Cgroup.h"
#include "CgroupFiles.h"
#include "CgroupV1.h"
#include "CgroupV2.h"

#include <charconv>
#include <ctime>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>

namespace isolde::engine {

enum class CgroupStatsSampler::Source : uint8_t {
    V1CpuacctUsage,
    V1CpuacctUsageAll,
    V1CpuStat,
    V1MemoryUsage,
    V1MemoryStat,
    V1KernelUsage,
    V1OomControl,
    V1MemoryFailcnt,
    V1IoBytes,
    V1IoOps,
    V2CpuStat,
    V2MemoryCurrent,
    V2MemoryStat,
    V2MemoryMax,
    V2SwapCurrent,
    V2MemoryEvents,
    V2IoStat,
    PidsCurrent,
    PidsMax,
    CpuPressure,
    MemoryPressure,
    IoPressure,
};

namespace {

using Source = CgroupStatsSampler::Source;

// v1 reports "no limit" as the largest page-aligned value below 2^63.
constexpr uint64_t kV1Unlimited = uint64_t(1) << 62;

uint64_t toNumber(std::string_view text)
{
    uint64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

double toDouble(std::string_view text)
{
    // "12.34": the kernel prints two decimals; no locale, no allocation.
    const size_t dot = text.find('.');
    double value = double(toNumber(text.substr(0, dot)));
    if (dot != std::string_view::npos) {
        const std::string_view fraction = text.substr(dot + 1);
        double scale = 0.1;
        for (char c : fraction) {
            if (c < '0' || c > '9')
                break;
            value += (c - '0') * scale;
            scale /= 10;
        }
    }
    return value;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    return text;
}

// Calls `visit(line)` for each line.
template<typename Visit>
void forEachLine(std::string_view text, Visit visit)
{
    while (!text.empty()) {
        const size_t end = text.find('\n');
        visit(text.substr(0, end));
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
}

// "key value" lines; `visit(key, value)`.
template<typename Visit>
void forEachPair(std::string_view text, Visit visit)
{
    forEachLine(text, [&](std::string_view line) {
        const size_t space = line.find(' ');
        if (space != std::string_view::npos)
            visit(line.substr(0, space), line.substr(space + 1));
    });
}

// "name=value" fields of one line separated by spaces; `visit(name, value)`.
template<typename Visit>
void forEachField(std::string_view line, Visit visit)
{
    while (!line.empty()) {
        const size_t space = line.find(' ');
        const std::string_view field = line.substr(0, space);
        const size_t equals = field.find('=');
        if (equals != std::string_view::npos)
            visit(field.substr(0, equals), field.substr(equals + 1));
        if (space == std::string_view::npos)
            break;
        line.remove_prefix(space + 1);
    }
}

std::optional<uint64_t> limitValue(std::string_view text, uint64_t unlimitedFrom)
{
    text = trimmed(text);
    if (text == "max")
        return std::nullopt;
    const uint64_t value = toNumber(text);
    if (value >= unlimitedFrom)
        return std::nullopt;
    return value;
}

CgroupStats::IoDevice &ioDevice(CgroupStats &stats, std::string_view majorMinor)
{
    const size_t colon = majorMinor.find(':');
    const auto major = uint32_t(toNumber(majorMinor.substr(0, colon)));
    const auto minor =
        uint32_t(colon == std::string_view::npos ? 0 : toNumber(majorMinor.substr(colon + 1)));
    for (CgroupStats::IoDevice &device : stats.io) {
        if (device.major == major && device.minor == minor)
            return device;
    }
    stats.io.push_back({major, minor, 0, 0, 0, 0});
    return stats.io.back();
}

// "8:0 Read 4096" lines of blkio.throttle.io_service_bytes / io_serviced.
void parseV1Io(std::string_view text, CgroupStats &stats, bool bytes)
{
    forEachLine(text, [&](std::string_view line) {
        const size_t first = line.find(' ');
        const size_t second = line.find(' ', first + 1);
        if (first == std::string_view::npos || second == std::string_view::npos)
            return; // the "Total N" line
        const std::string_view operation = line.substr(first + 1, second - first - 1);
        if (operation != "Read" && operation != "Write")
            return;
        CgroupStats::IoDevice &device = ioDevice(stats, line.substr(0, first));
        const uint64_t value = toNumber(line.substr(second + 1));
        uint64_t &target = operation == "Read" ? (bytes ? device.readBytes : device.readOps)
                                               : (bytes ? device.writeBytes : device.writeOps);
        target = value;
    });
}

// "8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0"
void parseV2Io(std::string_view text, CgroupStats &stats)
{
    forEachLine(text, [&](std::string_view line) {
        const size_t space = line.find(' ');
        if (space == std::string_view::npos)
            return;
        CgroupStats::IoDevice &device = ioDevice(stats, line.substr(0, space));
        forEachField(line.substr(space + 1), [&](std::string_view name, std::string_view value) {
            if (name == "rbytes")
                device.readBytes = toNumber(value);
            else if (name == "wbytes")
                device.writeBytes = toNumber(value);
            else if (name == "rios")
                device.readOps = toNumber(value);
            else if (name == "wios")
                device.writeOps = toNumber(value);
        });
    });
}

void parsePressure(std::string_view text, CgroupStats::Pressure &pressure)
{
    pressure.present = true;
    forEachLine(text, [&](std::string_view line) {
        const bool some = line.substr(0, 5) == "some ";
        const bool full = line.substr(0, 5) == "full ";
        if (!some && !full)
            return;
        forEachField(line.substr(5), [&](std::string_view name, std::string_view value) {
            if (name == "avg10")
                (some ? pressure.someAvg10 : pressure.fullAvg10) = toDouble(value);
            else if (name == "total")
                (some ? pressure.someTotalUs : pressure.fullTotalUs) = toNumber(value);
        });
    });
}

void parseV1MemoryStat(std::string_view text, CgroupStats::Memory &memory)
{
    // The total_ keys include the cgroups below the container's own.
    forEachPair(text, [&](std::string_view key, std::string_view value) {
        if (key == "total_rss")
            memory.anon = toNumber(value);
        else if (key == "total_cache")
            memory.file = toNumber(value);
        else if (key == "total_shmem")
            memory.shmem = toNumber(value);
        else if (key == "total_inactive_file")
            memory.inactiveFile = toNumber(value);
        else if (key == "total_swap")
            memory.swap = toNumber(value);
        else if (key == "hierarchical_memory_limit") // the tightest limit of it and its parents
            memory.limit = limitValue(value, kV1Unlimited);
    });
}

// "cpu user system" then one line per CPU, in ns: one read instead of three files.
void parseV1CpuacctUsageAll(std::string_view text, CgroupStats::Cpu &cpu)
{
    cpu.userNs = cpu.systemNs = 0;
    forEachLine(text, [&](std::string_view line) {
        const size_t first = line.find(' ');
        const size_t second = line.find(' ', first + 1);
        if (first == std::string_view::npos || second == std::string_view::npos ||
            line.substr(0, 3) == "cpu")
            return;
        cpu.userNs += toNumber(line.substr(first + 1, second - first - 1));
        cpu.systemNs += toNumber(line.substr(second + 1));
    });
}

void parseV2MemoryStat(std::string_view text, CgroupStats::Memory &memory)
{
    uint64_t kernelParts = 0; // before Linux 5.18 memory.stat had no "kernel" line
    bool hasKernel = false;
    forEachPair(text, [&](std::string_view key, std::string_view value) {
        if (key == "anon")
            memory.anon = toNumber(value);
        else if (key == "file")
            memory.file = toNumber(value);
        else if (key == "shmem")
            memory.shmem = toNumber(value);
        else if (key == "inactive_file")
            memory.inactiveFile = toNumber(value);
        else if (key == "kernel") {
            memory.kernel = toNumber(value);
            hasKernel = true;
        } else if (key == "kernel_stack" || key == "pagetables" || key == "percpu" ||
                   key == "sock" || key == "slab")
            kernelParts += toNumber(value);
    });
    if (!hasKernel)
        memory.kernel = kernelParts;
}

void parse(Source source, std::string_view text, CgroupStats &stats)
{
    CgroupStats::Cpu &cpu = stats.cpu;
    CgroupStats::Memory &memory = stats.memory;
    switch (source) {
    case Source::V1CpuacctUsage:
        cpu.usageNs = toNumber(text);
        break;
    case Source::V1CpuacctUsageAll:
        parseV1CpuacctUsageAll(text, cpu);
        break;
    case Source::V1CpuStat:
        forEachPair(text, [&](std::string_view key, std::string_view value) {
            if (key == "nr_periods")
                cpu.periods = toNumber(value);
            else if (key == "nr_throttled")
                cpu.throttledPeriods = toNumber(value);
            else if (key == "throttled_time")
                cpu.throttledNs = toNumber(value);
        });
        break;
    case Source::V2CpuStat:
        forEachPair(text, [&](std::string_view key, std::string_view value) {
            if (key == "usage_usec")
                cpu.usageNs = toNumber(value) * 1000;
            else if (key == "user_usec")
                cpu.userNs = toNumber(value) * 1000;
            else if (key == "system_usec")
                cpu.systemNs = toNumber(value) * 1000;
            else if (key == "nr_periods")
                cpu.periods = toNumber(value);
            else if (key == "nr_throttled")
                cpu.throttledPeriods = toNumber(value);
            else if (key == "throttled_usec")
                cpu.throttledNs = toNumber(value) * 1000;
        });
        break;
    case Source::V1MemoryUsage:
    case Source::V2MemoryCurrent:
        memory.usage = toNumber(text);
        break;
    case Source::V1MemoryStat:
        parseV1MemoryStat(text, memory);
        break;
    case Source::V2MemoryStat:
        parseV2MemoryStat(text, memory);
        break;
    case Source::V2MemoryMax:
        memory.limit = limitValue(text, UINT64_MAX);
        break;
    case Source::V1KernelUsage:
        memory.kernel = toNumber(text);
        break;
    case Source::V2SwapCurrent:
        memory.swap = toNumber(text);
        break;
    case Source::V1OomControl:
        forEachPair(text, [&](std::string_view key, std::string_view value) {
            if (key == "oom_kill")
                memory.oom = memory.oomKill = toNumber(value);
        });
        break;
    case Source::V1MemoryFailcnt:
        memory.max = toNumber(text);
        break;
    case Source::V2MemoryEvents:
        forEachPair(text, [&](std::string_view key, std::string_view value) {
            if (key == "high")
                memory.high = toNumber(value);
            else if (key == "max")
                memory.max = toNumber(value);
            else if (key == "oom")
                memory.oom = toNumber(value);
            else if (key == "oom_kill")
                memory.oomKill = toNumber(value);
        });
        break;
    case Source::V1IoBytes:
        parseV1Io(text, stats, true);
        break;
    case Source::V1IoOps:
        parseV1Io(text, stats, false);
        break;
    case Source::V2IoStat:
        parseV2Io(text, stats);
        break;
    case Source::PidsCurrent:
        stats.pids.current = toNumber(text);
        break;
    case Source::PidsMax:
        stats.pids.limit = limitValue(text, UINT64_MAX);
        break;
    case Source::CpuPressure:
        parsePressure(text, stats.cpuPressure);
        break;
    case Source::MemoryPressure:
        parsePressure(text, stats.memoryPressure);
        break;
    case Source::IoPressure:
        parsePressure(text, stats.ioPressure);
        break;
    }
}

uint64_t monotonicNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return uint64_t(now.tv_sec) * 1'000'000'000 + uint64_t(now.tv_nsec);
}

} // namespace

CgroupStatsSampler CgroupStatsSampler::open(const Cgroup &cgroup, StatsScope scope)
{
    return open(cgroup.v1(), cgroup.v2(), scope);
}

CgroupStatsSampler CgroupStatsSampler::open(const CgroupV1 *v1, const CgroupV2 *v2,
                                            StatsScope scope)
{
    CgroupStatsSampler sampler;
    const bool full = scope == StatsScope::Full;
    auto v1Fd = [v1](const char *controller) {
        return v1 ? v1->fdOf(QLatin1String(controller)) : -1;
    };
    const int v2Fd = v2 ? v2->fd() : -1;
    auto onV2 = [v2](const char *controller) {
        return v2 && v2->hasController(QLatin1String(controller));
    };

    // cpuacct.usage is exact to the nanosecond; usage_all's user/system split is counted in
    // scheduler ticks on current kernels, too coarse for a per-second CPU %.
    if (const int fd = v1Fd("cpuacct"); fd >= 0) {
        sampler.add(fd, "cpuacct.usage", Source::V1CpuacctUsage);
        if (full)
            sampler.add(fd, "cpuacct.usage_all", Source::V1CpuacctUsageAll);
    }
    if (const int fd = v1Fd("cpu"); fd >= 0 && full)
        sampler.add(fd, "cpu.stat", Source::V1CpuStat);
    // cpu.stat's usage part is always on v2; its throttling part needs the cpu controller.
    if (v2Fd >= 0 && (v1Fd("cpuacct") < 0 || (full && v1Fd("cpu") < 0)))
        sampler.add(v2Fd, "cpu.stat", Source::V2CpuStat);

    if (const int fd = v1Fd("memory"); fd >= 0 && !full) {
        sampler.add(fd, "memory.usage_in_bytes", Source::V1MemoryUsage);
    } else if (onV2("memory") && !full) {
        sampler.add(v2Fd, "memory.current", Source::V2MemoryCurrent);
    } else if (fd >= 0) {
        sampler.add(fd, "memory.usage_in_bytes", Source::V1MemoryUsage);
        sampler.add(fd, "memory.stat", Source::V1MemoryStat);
        sampler.add(fd, "memory.kmem.usage_in_bytes", Source::V1KernelUsage);
        sampler.add(fd, "memory.oom_control", Source::V1OomControl);
        sampler.add(fd, "memory.failcnt", Source::V1MemoryFailcnt);
    } else if (onV2("memory")) {
        sampler.add(v2Fd, "memory.current", Source::V2MemoryCurrent);
        sampler.add(v2Fd, "memory.stat", Source::V2MemoryStat);
        sampler.add(v2Fd, "memory.max", Source::V2MemoryMax);
        sampler.add(v2Fd, "memory.swap.current", Source::V2SwapCurrent);
        sampler.add(v2Fd, "memory.events", Source::V2MemoryEvents);
    }
    if (const int fd = v1Fd("pids"); fd >= 0 || onV2("pids")) {
        sampler.add(fd >= 0 ? fd : v2Fd, "pids.current", Source::PidsCurrent);
        if (full)
            sampler.add(fd >= 0 ? fd : v2Fd, "pids.max", Source::PidsMax);
    }
    if (!full)
        return sampler;
    if (const int fd = v1Fd("blkio"); fd >= 0) {
        sampler.add(fd, "blkio.throttle.io_service_bytes_recursive", Source::V1IoBytes);
        sampler.add(fd, "blkio.throttle.io_serviced_recursive", Source::V1IoOps);
    } else if (onV2("io")) {
        sampler.add(v2Fd, "io.stat", Source::V2IoStat);
    }
    if (v2Fd >= 0) {
        sampler.add(v2Fd, "cpu.pressure", Source::CpuPressure);
        sampler.add(v2Fd, "memory.pressure", Source::MemoryPressure);
        sampler.add(v2Fd, "io.pressure", Source::IoPressure);
    }
    return sampler;
}

void CgroupStatsSampler::add(int dirFd, const char *file, Source source)
{
    // A file this kernel lacks (no swap accounting, no PSI) leaves its figures at zero.
    const int fd = openat(dirFd, file, O_RDONLY | O_CLOEXEC);
    if (fd >= 0)
        m_files.push_back({fd, source});
}

CgroupStatsSampler::CgroupStatsSampler(CgroupStatsSampler &&other) noexcept
    : m_files(std::move(other.m_files))
{
    other.m_files.clear();
}

CgroupStatsSampler &CgroupStatsSampler::operator=(CgroupStatsSampler &&other) noexcept
{
    std::swap(m_files, other.m_files);
    return *this;
}

CgroupStatsSampler::~CgroupStatsSampler()
{
    for (const File &file : m_files)
        ::close(file.fd);
}

bool CgroupStatsSampler::sample(CgroupStats &stats) const
{
    stats.io.clear();
    stats.timestampNs = monotonicNs();
    char buffer[8192];
    for (const File &file : m_files) {
        const ssize_t n = pread(file.fd, buffer, sizeof buffer - 1, 0);
        if (n < 0)
            return false;
        parse(file.source, std::string_view(buffer, size_t(n)), stats);
    }
    const CgroupStats::Memory &memory = stats.memory;
    stats.memory.workingSet =
        memory.usage > memory.inactiveFile ? memory.usage - memory.inactiveFile : 0;
    return true;
}

SystemCpuClock::SystemCpuClock()
    : m_fd(::open("/proc/stat", O_RDONLY | O_CLOEXEC))
{}

SystemCpuClock::~SystemCpuClock()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

uint64_t SystemCpuClock::totalNs() const
{
    char buffer[512]; // the aggregate "cpu" line comes first
    const ssize_t n = pread(m_fd, buffer, sizeof buffer, 0);
    if (n <= 0)
        return 0;
    std::string_view line(buffer, size_t(n));
    line = line.substr(0, line.find('\n'));
    if (line.substr(0, 4) != "cpu ")
        return 0;
    uint64_t ticks = 0;
    int field = 0;
    size_t position = 4;
    while (field < 7 && position < line.size()) {
        while (position < line.size() && line[position] == ' ')
            ++position;
        const size_t end = std::min(line.find(' ', position), line.size());
        ticks += toNumber(line.substr(position, end - position));
        position = end;
        ++field;
    }
    static const uint64_t ticksPerSecond = uint64_t(sysconf(_SC_CLK_TCK));
    return ticks * 1'000'000'000 / ticksPerSecond;
}

double dockerCpuPercent(uint64_t previousUsageNs, uint64_t usageNs, uint64_t previousSystemNs,
                        uint64_t systemNs, int onlineCpus)
{
    if (usageNs <= previousUsageNs || systemNs <= previousSystemNs)
        return 0;
    return double(usageNs - previousUsageNs) / double(systemNs - previousSystemNs) * onlineCpus *
           100.0;
}

std::optional<double> quotaCpuPercent(uint64_t previousUsageNs, uint64_t usageNs,
                                      uint64_t wallDeltaNs, int64_t quotaUs, uint64_t periodUs)
{
    if (quotaUs <= 0 || periodUs == 0 || wallDeltaNs == 0)
        return std::nullopt;
    const double allowedNs = double(wallDeltaNs) * double(quotaUs) / double(periodUs);
    return double(usageNs > previousUsageNs ? usageNs - previousUsageNs : 0) / allowedNs * 100.0;
}

} // namespace isolde::engine
