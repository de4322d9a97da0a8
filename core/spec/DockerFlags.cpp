#include "spec/DockerFlags.h"

#include "spec/CapabilityCatalog.h"
#include "spec/DockerMounts.h"
#include "spec/SeccompProfile.h"
#include "spec/Units.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <map>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace isolde::spec {

namespace {

enum class Flag {
    Cpus,
    CpuShares,
    CpuPeriod,
    CpuQuota,
    CpusetCpus,
    CpusetMems,
    Memory,
    MemorySwap,
    MemoryReservation,
    PidsLimit,
    BlkioWeight,
    DeviceReadBps,
    DeviceWriteBps,
    DeviceReadIops,
    DeviceWriteIops,
    CapAdd,
    CapDrop,
    ReadOnly,
    SecurityOpt,
    User,
    GroupAdd,
    Hostname,
    Env,
    EnvFile,
    Workdir,
    Volume,
    Mount,
    Tmpfs,
    Network,
    Ipc,
    Pid,
    Uts,
    Userns,
    Init,
    Rm,
    Name,
    Image,
};

struct FlagInfo
{
    Flag id;
    const char *name;
    char shorthand;
    const char *valueName; // nullptr: a boolean flag
    const char *usage;
};

// In `docker run --help` order (alphabetical), Isolde's --image last.
constexpr FlagInfo flagTable[] = {
    {Flag::BlkioWeight, "blkio-weight", 0, "uint16", "Block IO weight, 10 to 1000 (0: unset)"},
    {Flag::CapAdd, "cap-add", 0, "list", "Add Linux capabilities (ALL for every one)"},
    {Flag::CapDrop, "cap-drop", 0, "list", "Drop Linux capabilities (ALL for every one)"},
    {Flag::CpuPeriod, "cpu-period", 0, "int", "CFS period in microseconds"},
    {Flag::CpuQuota, "cpu-quota", 0, "int", "CFS quota in microseconds per period"},
    {Flag::CpuShares, "cpu-shares", 'c', "int", "CPU shares (relative weight, 1024 is one share)"},
    {Flag::Cpus, "cpus", 0, "decimal", "Number of CPUs (quota over a 100 ms period)"},
    {Flag::CpusetCpus, "cpuset-cpus", 0, "string", "CPUs to run on (0-3, 0,1)"},
    {Flag::CpusetMems, "cpuset-mems", 0, "string", "NUMA memory nodes to use (0-3, 0,1)"},
    {Flag::DeviceReadBps, "device-read-bps", 0, "list",
     "Limit reads from a block device, in bytes per second (PATH:RATE)"},
    {Flag::DeviceReadIops, "device-read-iops", 0, "list",
     "Limit reads from a block device, in operations per second (PATH:RATE)"},
    {Flag::DeviceWriteBps, "device-write-bps", 0, "list",
     "Limit writes to a block device, in bytes per second (PATH:RATE)"},
    {Flag::DeviceWriteIops, "device-write-iops", 0, "list",
     "Limit writes to a block device, in operations per second (PATH:RATE)"},
    {Flag::Env, "env", 'e', "list", "Set an environment variable (KEY=VALUE, or KEY to pass on)"},
    {Flag::EnvFile, "env-file", 0, "list", "Read environment variables from a file"},
    {Flag::GroupAdd, "group-add", 0, "list", "Add a supplementary group (numeric gid)"},
    {Flag::Hostname, "hostname", 'h', "string", "Container host name"},
    {Flag::Init, "init", 0, nullptr,
     "Run an init as PID 1 that reaps zombies and forwards signals"},
    {Flag::Ipc, "ipc", 0, "string", "IPC namespace: host or private"},
    {Flag::Memory, "memory", 'm', "bytes", "Memory limit (512m, 1g)"},
    {Flag::MemoryReservation, "memory-reservation", 0, "bytes", "Memory soft limit"},
    {Flag::MemorySwap, "memory-swap", 0, "bytes",
     "Memory plus swap limit (-1: unlimited swap; default twice --memory)"},
    {Flag::Mount, "mount", 0, "mount", "Mount a bind or tmpfs (type=bind,source=/a,target=/b,ro)"},
    {Flag::Name, "name", 0, "string", "Container name"},
    {Flag::Network, "network", 0, "network", "Network: none (private, loopback only) or host"},
    {Flag::Pid, "pid", 0, "string", "PID namespace: host or private"},
    {Flag::PidsLimit, "pids-limit", 0, "int", "Limit on the number of tasks (-1: unlimited)"},
    {Flag::ReadOnly, "read-only", 0, nullptr, "Mount the root filesystem read-only"},
    {Flag::Rm, "rm", 0, nullptr, "Remove the container when it exits"},
    {Flag::SecurityOpt, "security-opt", 0, "list",
     "no-new-privileges[=true|false], seccomp=FILE or seccomp=unconfined"},
    {Flag::Tmpfs, "tmpfs", 0, "list", "Mount a tmpfs (DST[:OPTIONS])"},
    {Flag::User, "user", 'u', "string", "User to run as: uid[:gid]"},
    {Flag::Userns, "userns", 0, "string",
     "User namespace: host, or private (root is host uid 100000, 65536 ids)"},
    {Flag::Uts, "uts", 0, "string", "UTS namespace: host or private"},
    {Flag::Volume, "volume", 'v', "list", "Bind mount a host path (SRC:DST[:ro|rw])"},
    {Flag::Workdir, "workdir", 'w', "string", "Working directory inside the container"},
    {Flag::Image, "image", 0, "string", "Image to run (kept in the org.isolde.image annotation)"},
};

const FlagInfo &info(Flag id)
{
    return *std::find_if(std::begin(flagTable), std::end(flagTable),
                         [id](const FlagInfo &f) { return f.id == id; });
}

const FlagInfo *findLong(QStringView name)
{
    if (name == u"net") // Docker's older spelling
        return &info(Flag::Network);
    for (const FlagInfo &f : flagTable) {
        if (name == QLatin1String(f.name))
            return &f;
    }
    return nullptr;
}

const FlagInfo *findShort(QChar c)
{
    for (const FlagInfo &f : flagTable) {
        if (f.shorthand != 0 && c == QLatin1Char(f.shorthand))
            return &f;
    }
    return nullptr;
}

Error dockerError(const QString &reason)
{
    return Error{QString(), reason};
}

// pflag's wording for a value its flag refuses.
Error invalidArgument(const FlagInfo &f, const QString &value, const QString &reason)
{
    const QString name = f.shorthand != 0
                             ? QStringLiteral("-%1, --%2")
                                   .arg(QString(QLatin1Char(f.shorthand)), QLatin1String(f.name))
                             : QStringLiteral("--%1").arg(QLatin1String(f.name));
    return dockerError(
        QStringLiteral("invalid argument \"%1\" for \"%2\" flag: %3").arg(value, name, reason));
}

// Go's strconv.ParseInt / ParseUint in base 10, with their error texts.
Expected<int64_t> parseGoInt(const QString &text, int64_t min, int64_t max, bool isUnsigned)
{
    const QString function =
        isUnsigned ? QStringLiteral("strconv.ParseUint") : QStringLiteral("strconv.ParseInt");
    static const QRegularExpression signedInteger(QStringLiteral("^[+-]?[0-9]+$"));
    static const QRegularExpression unsignedInteger(QStringLiteral("^[0-9]+$"));
    if (!(isUnsigned ? unsignedInteger : signedInteger).match(text).hasMatch())
        return dockerError(
            QStringLiteral("%1: parsing \"%2\": invalid syntax").arg(function, text));
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return dockerError(
            QStringLiteral("%1: parsing \"%2\": value out of range").arg(function, text));
    return int64_t(value);
}

// The values the flags carry, as Docker's containerOptions holds them before the daemon turns
// them into a spec. Single-valued flags: the last one wins; list flags accumulate.
struct Options
{
    std::optional<int64_t> nanoCpus;
    std::optional<int64_t> cpuShares;
    std::optional<int64_t> cpuPeriod;
    std::optional<int64_t> cpuQuota;
    QString cpusetCpus;
    QString cpusetMems;
    std::optional<int64_t> memory;
    std::optional<int64_t> memorySwap;
    std::optional<int64_t> memoryReservation;
    std::optional<int64_t> pidsLimit;
    std::optional<int64_t> blkioWeight;
    QList<ThrottleDevice> readBps;
    QList<ThrottleDevice> writeBps;
    QList<ThrottleDevice> readIops;
    QList<ThrottleDevice> writeIops;
    QStringList capAdd;
    QStringList capDrop;
    std::optional<bool> readOnly;
    QStringList securityOpts;
    std::optional<QString> user;
    QStringList groupAdd;
    std::optional<QString> hostname;
    QStringList env;     // -e, in order
    QStringList envFile; // --env-file, in order
    std::optional<QString> workdir;
    QList<isolde::spec::Mount> mounts; // -v, --mount and --tmpfs, in order
    std::optional<QString> network;
    std::optional<QString> ipc;
    std::optional<QString> pid;
    std::optional<QString> uts;
    std::optional<QString> userns;
    std::optional<bool> init;
    std::optional<bool> rm;
    std::optional<QString> name;
    std::optional<QString> image;
    QStringList command;
};

// --- block devices -------------------------------------------------------------------------

Expected<ThrottleDevice> blockDevice(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return dockerError(
            QStringLiteral("stat %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (!S_ISBLK(st.st_mode))
        return dockerError(QStringLiteral("%1 is not a block device").arg(path));
    ThrottleDevice device;
    device.major = major(st.st_rdev);
    device.minor = minor(st.st_rdev);
    return device;
}

// PATH:RATE, RATE in bytes (with Docker's units) or in plain operations.
Expected<ThrottleDevice> parseThrottle(const FlagInfo &f, const QString &value, bool bytes)
{
    const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return invalidArgument(f, value, QStringLiteral("bad format: %1").arg(value));
    const QString path = value.left(colon);
    const QString rateText = value.mid(colon + 1);
    if (!path.startsWith(QLatin1String("/dev/")))
        return invalidArgument(f, value,
                               QStringLiteral("bad format for device path: %1").arg(value));
    std::optional<uint64_t> rate;
    if (bytes) {
        const Expected<int64_t> parsed = parseByteSize(rateText);
        if (parsed && *parsed > 0)
            rate = uint64_t(*parsed);
    } else {
        bool ok = false;
        const qulonglong parsed = rateText.toULongLong(&ok);
        if (ok && !rateText.startsWith(QLatin1Char('+')))
            rate = parsed;
    }
    if (!rate) {
        const QString format = bytes ? QStringLiteral("<device-path>:<number>[<unit>]. Number must "
                                                      "be a positive integer. Unit is optional and "
                                                      "can be kb, mb, or gb")
                                     : QStringLiteral("<device-path>:<number>. Number must be a "
                                                      "positive integer");
        return invalidArgument(
            f, value,
            QStringLiteral("invalid rate for device: %1. The correct format is %2")
                .arg(value, format));
    }
    Expected<ThrottleDevice> device = blockDevice(path);
    if (!device)
        return invalidArgument(f, value, device.error().reason);
    device->rate = *rate;
    return device;
}

// --- environment ---------------------------------------------------------------------------

// KEY=VALUE as given, KEY from the caller's environment (dropped when unset there).
Expected<std::optional<QString>> environmentEntry(const QString &entry)
{
    const qsizetype eq = entry.indexOf(QLatin1Char('='));
    if (eq == 0)
        return dockerError(QStringLiteral("invalid environment variable: %1").arg(entry));
    if (eq > 0)
        return std::optional<QString>(entry);
    if (!qEnvironmentVariableIsSet(entry.toLocal8Bit().constData()))
        return std::optional<QString>();
    return std::optional<QString>(entry + QLatin1Char('=') +
                                  qEnvironmentVariable(entry.toLocal8Bit().constData()));
}

// Docker's env-file format: one KEY=VALUE or KEY per line, # comments, leading blanks ignored.
Expected<QStringList> readEnvFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return dockerError(QStringLiteral("open %1: %2").arg(path, file.errorString().toLower()));
    QStringList entries;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        while (!line.isEmpty() && line.at(0).isSpace())
            line.remove(0, 1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString key = line.section(QLatin1Char('='), 0, 0);
        if (key.isEmpty())
            return dockerError(QStringLiteral("no variable name on line '%1'").arg(line));
        if (std::any_of(key.begin(), key.end(), [](QChar c) { return c.isSpace(); }))
            return dockerError(QStringLiteral("variable '%1' contains whitespaces").arg(key));
        Expected<std::optional<QString>> entry = environmentEntry(line);
        if (!entry)
            return entry.error();
        if (*entry)
            entries << **entry;
    }
    return entries;
}

// --- one flag ------------------------------------------------------------------------------

std::optional<QString> namespaceMode(const QString &value)
{
    if (value == QLatin1String("host") || value == QLatin1String("private"))
        return value;
    return std::nullopt;
}

Expected<void> setNamespaceMode(std::optional<QString> &slot, const QString &value,
                                const char *what)
{
    slot = namespaceMode(value);
    if (slot)
        return {};
    const QString flag = QString::fromLatin1(what).toLower();
    return dockerError(
        QStringLiteral("--%1: invalid %2 mode: \"%3\" (Isolde knows host and private)")
            .arg(flag == QLatin1String("user") ? QStringLiteral("userns") : flag,
                 QLatin1String(what), value));
}

Expected<void> storeInt(std::optional<int64_t> &slot, const FlagInfo &f, const QString &value,
                        int64_t min, int64_t max, bool isUnsigned = false)
{
    const Expected<int64_t> parsed = parseGoInt(value, min, max, isUnsigned);
    if (!parsed)
        return invalidArgument(f, value, parsed.error().reason);
    slot = *parsed;
    return {};
}

Expected<void> storeBytes(std::optional<int64_t> &slot, const FlagInfo &f, const QString &value)
{
    const Expected<int64_t> parsed = parseByteSize(value);
    if (!parsed)
        return invalidArgument(f, value, parsed.error().reason);
    slot = *parsed;
    return {};
}

Expected<void> appendTo(QList<isolde::spec::Mount> &mounts, const FlagInfo &f, const QString &value,
                        const Expected<isolde::spec::Mount> &mount)
{
    if (!mount)
        return invalidArgument(f, value, mount.error().reason);
    mounts << *mount;
    return {};
}

Expected<void> appendTo(QList<ThrottleDevice> &devices, const Expected<ThrottleDevice> &device)
{
    if (!device)
        return device.error();
    devices << *device;
    return {};
}

constexpr int64_t int64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t int64Min = std::numeric_limits<int64_t>::min();

Expected<void> setFlag(Options &o, const FlagInfo &f, const QString &value)
{
    switch (f.id) {
    case Flag::Cpus: {
        const Expected<int64_t> nano = parseNanoCpus(value);
        if (!nano)
            return invalidArgument(f, value, nano.error().reason);
        o.nanoCpus = *nano;
        return {};
    }
    case Flag::CpuShares:
        return storeInt(o.cpuShares, f, value, int64Min, int64Max);
    case Flag::CpuPeriod:
        return storeInt(o.cpuPeriod, f, value, int64Min, int64Max);
    case Flag::CpuQuota:
        return storeInt(o.cpuQuota, f, value, int64Min, int64Max);
    case Flag::PidsLimit:
        return storeInt(o.pidsLimit, f, value, int64Min, int64Max);
    case Flag::BlkioWeight:
        return storeInt(o.blkioWeight, f, value, 0, 65535, true);
    case Flag::CpusetCpus:
        o.cpusetCpus = value;
        return {};
    case Flag::CpusetMems:
        o.cpusetMems = value;
        return {};
    case Flag::Memory:
        return storeBytes(o.memory, f, value);
    case Flag::MemoryReservation:
        return storeBytes(o.memoryReservation, f, value);
    case Flag::MemorySwap:
        if (value == QLatin1String("-1")) {
            o.memorySwap = -1;
            return {};
        }
        return storeBytes(o.memorySwap, f, value);
    case Flag::DeviceReadBps:
        return appendTo(o.readBps, parseThrottle(f, value, true));
    case Flag::DeviceWriteBps:
        return appendTo(o.writeBps, parseThrottle(f, value, true));
    case Flag::DeviceReadIops:
        return appendTo(o.readIops, parseThrottle(f, value, false));
    case Flag::DeviceWriteIops:
        return appendTo(o.writeIops, parseThrottle(f, value, false));
    case Flag::CapAdd:
        o.capAdd << value;
        return {};
    case Flag::CapDrop:
        o.capDrop << value;
        return {};
    case Flag::ReadOnly:
        o.readOnly = value == QLatin1String("true");
        return {};
    case Flag::SecurityOpt:
        o.securityOpts << value;
        return {};
    case Flag::User:
        o.user = value;
        return {};
    case Flag::GroupAdd:
        o.groupAdd << value;
        return {};
    case Flag::Hostname:
        o.hostname = value;
        return {};
    case Flag::Env:
        o.env << value;
        return {};
    case Flag::EnvFile:
        o.envFile << value;
        return {};
    case Flag::Workdir:
        o.workdir = value;
        return {};
    case Flag::Volume:
        return appendTo(o.mounts, f, value, mountFromVolumeFlag(value));
    case Flag::Mount:
        return appendTo(o.mounts, f, value, mountFromMountFlag(value));
    case Flag::Tmpfs:
        return appendTo(o.mounts, f, value, mountFromTmpfsFlag(value));
    case Flag::Network:
        if (value != QLatin1String("none") && value != QLatin1String("host"))
            return invalidArgument(f, value,
                                   QStringLiteral("network \"%1\" does not exist: Isolde has only "
                                                  "none (a private network namespace with "
                                                  "loopback only) and host yet")
                                       .arg(value));
        o.network = value;
        return {};
    case Flag::Ipc:
        return setNamespaceMode(o.ipc, value, "IPC");
    case Flag::Pid:
        return setNamespaceMode(o.pid, value, "PID");
    case Flag::Uts:
        return setNamespaceMode(o.uts, value, "UTS");
    case Flag::Userns:
        return setNamespaceMode(o.userns, value, "USER");
    case Flag::Init:
        o.init = value == QLatin1String("true");
        return {};
    case Flag::Rm:
        o.rm = value == QLatin1String("true");
        return {};
    case Flag::Name: {
        static const QRegularExpression valid(QStringLiteral("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$"));
        if (!valid.match(value).hasMatch())
            return dockerError(QStringLiteral("Invalid container name (%1), only "
                                              "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
                                   .arg(value));
        o.name = value.startsWith(QLatin1Char('/')) ? value.mid(1) : value;
        return {};
    }
    case Flag::Image:
        if (value.isEmpty())
            return invalidArgument(f, value, QStringLiteral("the image name is empty"));
        o.image = value;
        return {};
    }
    return {};
}

// --- the command line ----------------------------------------------------------------------

// pflag's rules: --name=value, --name value, -xvalue, -x=value, -x value; booleans take a
// value only after '='. The first word that is not a flag (or what follows `--`) is the
// command.
Expected<Options> parseArgs(const QStringList &args)
{
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--")) {
            o.command = args.mid(i + 1);
            break;
        }
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-")) {
            o.command = args.mid(i);
            break;
        }
        const bool isLong = arg.startsWith(QLatin1String("--"));
        const FlagInfo *f = nullptr;
        std::optional<QString> value;
        QString missing;
        if (isLong) {
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
            f = findLong(name);
            if (!f)
                return dockerError(QStringLiteral("unknown flag: --%1").arg(name));
            if (eq >= 0)
                value = arg.mid(eq + 1);
            missing = QStringLiteral("--") + QLatin1String(f->name);
        } else {
            f = findShort(arg.at(1));
            if (!f)
                return dockerError(
                    QStringLiteral("unknown shorthand flag: '%1' in %2").arg(arg.at(1)).arg(arg));
            const QString rest = arg.mid(2);
            if (rest.startsWith(QLatin1Char('=')))
                value = rest.mid(1);
            else if (!rest.isEmpty())
                value = rest;
            missing = QStringLiteral("'%1' in %2").arg(arg.at(1)).arg(arg);
        }
        if (f->valueName == nullptr) {
            const std::optional<bool> flag = value ? parseDockerBool(*value) : true;
            if (!flag)
                return invalidArgument(
                    *f, *value,
                    QStringLiteral("strconv.ParseBool: parsing \"%1\": invalid syntax")
                        .arg(*value));
            value = *flag ? QStringLiteral("true") : QStringLiteral("false");
        } else if (!value) {
            if (i + 1 >= args.size())
                return dockerError(QStringLiteral("flag needs an argument: %1").arg(missing));
            value = args.at(++i);
        }
        const Expected<void> set = setFlag(o, *f, *value);
        if (!set)
            return set.error();
    }
    return o;
}

// --- the daemon's checks and the spec ------------------------------------------------------

constexpr int64_t MinimumMemory = 6 * 1024 * 1024;

Expected<void> checkMemory(const Options &o)
{
    const int64_t memory = o.memory.value_or(0);
    const int64_t swap = o.memorySwap.value_or(0);
    const int64_t reservation = o.memoryReservation.value_or(0);
    if (memory > 0 && memory < MinimumMemory)
        return dockerError(QStringLiteral("Minimum memory limit allowed is 6MB"));
    if (swap > 0 && memory <= 0)
        return dockerError(QStringLiteral(
            "You should always set the Memory limit when using Memoryswap limit, see usage"));
    if (memory > 0 && swap > 0 && swap < memory)
        return dockerError(QStringLiteral(
            "Minimum memoryswap limit should be larger than memory limit, see usage"));
    if (reservation > 0 && reservation < MinimumMemory)
        return dockerError(QStringLiteral("Minimum memory reservation allowed is 6MB"));
    if (memory > 0 && reservation > 0 && memory < reservation)
        return dockerError(QStringLiteral(
            "Minimum memory limit can not be less than memory reservation limit, see usage"));
    return {};
}

bool isCpuList(const QString &list)
{
    static const QRegularExpression item(QStringLiteral("^([0-9]+)(-([0-9]+))?$"));
    if (list.isEmpty())
        return true;
    for (const QString &part : list.split(QLatin1Char(','))) {
        const QRegularExpressionMatch m = item.match(part);
        if (!m.hasMatch())
            return false;
        if (m.hasCaptured(3) && m.captured(3).toULongLong() < m.captured(1).toULongLong())
            return false;
    }
    return true;
}

Expected<void> checkCpu(const Options &o)
{
    const int64_t nano = o.nanoCpus.value_or(0);
    const int64_t cpus = QThread::idealThreadCount();
    if (nano < 0 || (nano > 0 && nano < NanoCpusPerCpu / 100) || nano > cpus * NanoCpusPerCpu)
        return dockerError(QStringLiteral("Range of CPUs is from 0.01 to %1.00, as there are only "
                                          "%1 CPUs available")
                               .arg(cpus));
    if (nano > 0 && o.cpuPeriod.value_or(0) != 0)
        return dockerError(
            QStringLiteral("Conflicting options: --cpus and --cpu-period cannot both be set"));
    if (nano > 0 && o.cpuQuota.value_or(0) != 0)
        return dockerError(
            QStringLiteral("Conflicting options: --cpus and --cpu-quota cannot both be set"));
    const int64_t period = o.cpuPeriod.value_or(0);
    if (period != 0 && (period < 1000 || period > 1000000))
        return dockerError(QStringLiteral("CPU cfs period can not be less than 1ms (i.e. 1000) or "
                                          "larger than 1s (i.e. 1000000)"));
    if (o.cpuQuota.value_or(0) > 0 && *o.cpuQuota < 1000)
        return dockerError(QStringLiteral("CPU cfs quota can not be less than 1ms (i.e. 1000)"));
    if (!isCpuList(o.cpusetCpus))
        return dockerError(QStringLiteral("Invalid value %1 for cpuset cpus").arg(o.cpusetCpus));
    if (!isCpuList(o.cpusetMems))
        return dockerError(QStringLiteral("Invalid value %1 for cpuset mems").arg(o.cpusetMems));
    const int64_t weight = o.blkioWeight.value_or(0);
    if (weight > 0 && (weight < 10 || weight > 1000))
        return dockerError(QStringLiteral("Range of blkio weight is from 10 to 1000"));
    return {};
}

template<typename T>
T &ensure(std::optional<T> &slot)
{
    if (!slot)
        slot.emplace();
    return *slot;
}

void applyResources(const Options &o, Resources &r)
{
    if (o.nanoCpus.value_or(0) > 0) {
        ensure(r.cpu).quota = cpuQuotaFromNanoCpus(*o.nanoCpus);
        ensure(r.cpu).period = DockerCpuPeriod;
    }
    if (o.cpuPeriod.value_or(0) > 0)
        ensure(r.cpu).period = uint64_t(*o.cpuPeriod);
    if (o.cpuQuota.value_or(0) != 0) {
        ensure(r.cpu).quota = *o.cpuQuota;
        // The kernel's default period, written out: a quota means nothing without one.
        if (!r.cpu->period)
            r.cpu->period = DockerCpuPeriod;
    }
    if (o.cpuShares.value_or(0) != 0) // Docker clamps to what cgroup v1 accepts
        ensure(r.cpu).shares = uint64_t(std::clamp<int64_t>(*o.cpuShares, 2, 262144));
    if (!o.cpusetCpus.isEmpty())
        ensure(r.cpu).cpus = o.cpusetCpus;
    if (!o.cpusetMems.isEmpty())
        ensure(r.cpu).mems = o.cpusetMems;

    const int64_t memory = o.memory.value_or(0);
    if (memory > 0)
        ensure(r.memory).limit = memory;
    if (o.memorySwap.value_or(0) != 0)
        ensure(r.memory).swap = *o.memorySwap;
    else if (memory > 0) // Docker's default: as much swap as memory
        ensure(r.memory).swap = 2 * memory;
    if (o.memoryReservation.value_or(0) > 0)
        ensure(r.memory).reservation = *o.memoryReservation;

    if (o.pidsLimit)
        r.pidsLimit = *o.pidsLimit > 0 ? *o.pidsLimit : -1;

    if (o.blkioWeight.value_or(0) > 0)
        ensure(r.blockIO).weight = uint16_t(*o.blkioWeight);
    if (!o.readBps.isEmpty())
        ensure(r.blockIO).throttleReadBpsDevice << o.readBps;
    if (!o.writeBps.isEmpty())
        ensure(r.blockIO).throttleWriteBpsDevice << o.writeBps;
    if (!o.readIops.isEmpty())
        ensure(r.blockIO).throttleReadIOPSDevice << o.readIops;
    if (!o.writeIops.isEmpty())
        ensure(r.blockIO).throttleWriteIOPSDevice << o.writeIops;
}

const QString AllCapabilities = QStringLiteral("ALL");

Expected<QStringList> normalizeCapabilities(const QStringList &names, const char *which)
{
    QStringList out;
    for (const QString &name : names) {
        const QString canonical = name.compare(AllCapabilities, Qt::CaseInsensitive) == 0
                                      ? AllCapabilities
                                      : canonicalCapabilityName(name);
        if (canonical != AllCapabilities && !findCapability(canonical))
            return dockerError(QStringLiteral("invalid %1: unknown capability: \"%2\"")
                                   .arg(QLatin1String(which), canonical));
        if (!out.contains(canonical))
            out << canonical;
    }
    return out;
}

// Docker's order: --cap-add ALL keeps every capability but the dropped ones; --cap-drop ALL
// keeps only the added ones; otherwise the base set without the dropped, then the added.
Expected<QStringList> tweakCapabilities(const QStringList &basics, const Options &o)
{
    const Expected<QStringList> add = normalizeCapabilities(o.capAdd, "CapAdd");
    if (!add)
        return add.error();
    const Expected<QStringList> drop = normalizeCapabilities(o.capDrop, "CapDrop");
    if (!drop)
        return drop.error();
    QStringList caps;
    if (add->contains(AllCapabilities)) {
        for (const CapabilityInfo &cap : allCapabilities()) {
            if (!drop->contains(QLatin1String(cap.name)))
                caps << QLatin1String(cap.name);
        }
        return caps;
    }
    if (!drop->contains(AllCapabilities)) {
        for (const QString &cap : basics) {
            if (!drop->contains(cap))
                caps << cap;
        }
    }
    for (const QString &cap : *add) {
        if (!caps.contains(cap))
            caps << cap;
    }
    return caps;
}

struct SecurityOptions
{
    std::optional<bool> noNewPrivileges;
    bool unconfined = false;
    QString seccompFile;
};

Expected<SecurityOptions> parseSecurityOpts(const QStringList &opts)
{
    SecurityOptions s;
    for (const QString &raw : opts) {
        const QString opt = raw.trimmed();
        qsizetype sep = opt.indexOf(QLatin1Char('='));
        if (sep < 0)
            sep = opt.indexOf(QLatin1Char(':'));
        const QString key = sep < 0 ? opt : opt.left(sep);
        const QString value = sep < 0 ? QString() : opt.mid(sep + 1);
        if (key == QLatin1String("no-new-privileges")) {
            const std::optional<bool> flag = sep < 0 ? true : parseDockerBool(value);
            if (!flag)
                return dockerError(QStringLiteral("invalid --security-opt 2: \"%1\"").arg(opt));
            s.noNewPrivileges = *flag;
        } else if (value.isEmpty()) {
            return dockerError(QStringLiteral("Invalid --security-opt: \"%1\"").arg(opt));
        } else if (key == QLatin1String("seccomp")) {
            s.unconfined = value == QLatin1String("unconfined");
            s.seccompFile = s.unconfined ? QString() : value;
        } else {
            return dockerError(QStringLiteral("invalid --security-opt 2: \"%1\": Isolde knows "
                                              "only no-new-privileges and seccomp")
                                   .arg(opt));
        }
    }
    return s;
}

Expected<std::optional<uint32_t>> numericId(const QString &text, const char *kind)
{
    if (text.isEmpty())
        return std::optional<uint32_t>();
    bool ok = false;
    const uint id = text.toUInt(&ok);
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (!ok || !digits.match(text).hasMatch())
        return dockerError(QStringLiteral("unable to find %1 %2: Isolde has no image passwd or "
                                          "group file to look names up in, give a numeric id")
                               .arg(QLatin1String(kind), text));
    return std::optional<uint32_t>(id);
}

Expected<void> applyUser(const Options &o, Process &p)
{
    if (o.user && !o.user->isEmpty()) {
        const QString uid = o.user->section(QLatin1Char(':'), 0, 0);
        const QString gid = o.user->section(QLatin1Char(':'), 1);
        const Expected<std::optional<uint32_t>> u = numericId(uid, "user");
        if (!u)
            return u.error();
        const Expected<std::optional<uint32_t>> g = numericId(gid, "group");
        if (!g)
            return g.error();
        if (!*u)
            return dockerError(QStringLiteral("invalid user %1: the uid is empty").arg(*o.user));
        p.user.uid = **u;
        p.user.gid = g->value_or(0);
    }
    for (const QString &group : o.groupAdd) {
        const Expected<std::optional<uint32_t>> g = numericId(group, "group");
        if (!g)
            return g.error();
        if (*g && !p.user.additionalGids.contains(**g))
            p.user.additionalGids << **g;
    }
    return {};
}

QString envKey(const QString &entry)
{
    return entry.section(QLatin1Char('='), 0, 0);
}

// Later entries replace earlier ones with the same key, in place.
void mergeEnv(QStringList &env, const QStringList &entries)
{
    for (const QString &entry : entries) {
        const auto it = std::find_if(env.begin(), env.end(), [&](const QString &existing) {
            return envKey(existing) == envKey(entry);
        });
        if (it != env.end())
            *it = entry;
        else
            env << entry;
    }
}

Expected<void> applyEnv(const Options &o, Process &p)
{
    QStringList entries;
    for (const QString &file : o.envFile) {
        const Expected<QStringList> fromFile = readEnvFile(file);
        if (!fromFile)
            return fromFile.error();
        entries << *fromFile;
    }
    for (const QString &e : o.env) {
        const Expected<std::optional<QString>> entry = environmentEntry(e);
        if (!entry)
            return entry.error();
        if (*entry)
            entries << **entry;
    }
    mergeEnv(p.env, entries);
    return {};
}

int pathDepth(const QString &path)
{
    return int(path.split(QLatin1Char('/'), Qt::SkipEmptyParts).size());
}

Expected<QList<isolde::spec::Mount>> applyMounts(const Options &o,
                                                 const QList<isolde::spec::Mount> &base)
{
    QStringList destinations;
    for (const isolde::spec::Mount &m : o.mounts) {
        if (destinations.contains(m.destination))
            return dockerError(QStringLiteral("Duplicate mount point: %1").arg(m.destination));
        destinations << m.destination;
    }
    QList<isolde::spec::Mount> mounts;
    for (const isolde::spec::Mount &m : base) {
        if (!destinations.contains(m.destination))
            mounts << m;
    }
    // A parent before what is mounted below it, as Docker sorts them.
    QList<isolde::spec::Mount> added = o.mounts;
    std::stable_sort(added.begin(), added.end(), [](const auto &a, const auto &b) {
        return pathDepth(a.destination) < pathDepth(b.destination);
    });
    return mounts << added;
}

void setNamespace(QList<Namespace> &namespaces, const QString &type, bool privateNamespace)
{
    const auto it = std::find_if(namespaces.begin(), namespaces.end(),
                                 [&](const Namespace &ns) { return ns.type == type; });
    if (privateNamespace && it == namespaces.end())
        namespaces << Namespace{type, QString()};
    else if (!privateNamespace && it != namespaces.end())
        namespaces.erase(it);
}

void applyNamespaces(const Options &o, Linux &l)
{
    const auto apply = [&](const std::optional<QString> &mode, const char *type) {
        if (mode)
            setNamespace(l.namespaces, QLatin1String(type), *mode != QLatin1String("host"));
    };
    apply(o.network, "network");
    apply(o.ipc, "ipc");
    apply(o.pid, "pid");
    apply(o.uts, "uts");
    apply(o.userns, "user");
    if (o.userns) {
        const bool isPrivate = *o.userns == QLatin1String("private");
        const QList<IdMapping> mapping = {IdMapping{0, UsernsHostId, UsernsSize}};
        l.uidMappings = isPrivate ? mapping : QList<IdMapping>();
        l.gidMappings = isPrivate ? mapping : QList<IdMapping>();
    }
}

Expected<void> applySeccomp(const SecurityOptions &s, bool capabilitiesChanged,
                            const QStringList &capabilities, Linux &l,
                            QMap<QString, QString> &annotations)
{
    if (s.unconfined) {
        l.seccomp.reset();
        annotations.remove(QLatin1String(AnnotationSeccompProfile));
    } else if (!s.seccompFile.isEmpty()) {
        const Expected<SeccompProfile> profile = SeccompProfile::load(s.seccompFile);
        if (!profile)
            return dockerError(QStringLiteral("opening seccomp profile (%1) failed: %2")
                                   .arg(s.seccompFile, profile.error().toString()));
        l.seccomp = profile->resolve(capabilities);
        annotations.insert(QLatin1String(AnnotationSeccompProfile),
                           QFileInfo(s.seccompFile).absoluteFilePath());
    } else if (capabilitiesChanged && l.seccomp) {
        // The default profile allows some syscalls only with some capabilities.
        l.seccomp = SeccompProfile::builtinDefault().resolve(capabilities);
    }
    return {};
}

void setFlagAnnotation(QMap<QString, QString> &annotations, const char *key,
                       const std::optional<bool> &flag)
{
    if (flag && *flag)
        annotations.insert(QLatin1String(key), QStringLiteral("true"));
    else if (flag)
        annotations.remove(QLatin1String(key));
}

Expected<OciSpec> buildSpec(const Options &o, const OciSpec &base)
{
    if (Expected<void> ok = checkMemory(o); !ok)
        return ok.error();
    if (Expected<void> ok = checkCpu(o); !ok)
        return ok.error();
    if (o.uts == QLatin1String("host") && o.hostname)
        return dockerError(QStringLiteral("conflicting options: hostname and the UTS mode"));
    if (o.workdir && !QDir::isAbsolutePath(*o.workdir))
        return dockerError(QStringLiteral("the working directory '%1' is invalid, it needs to be "
                                          "an absolute path")
                               .arg(*o.workdir));
    const Expected<SecurityOptions> security = parseSecurityOpts(o.securityOpts);
    if (!security)
        return security.error();

    OciSpec spec = base;
    Process process = base.process();
    if (!o.command.isEmpty())
        process.args = o.command;
    if (o.workdir)
        process.cwd = QDir::cleanPath(*o.workdir);
    if (Expected<void> ok = applyEnv(o, process); !ok)
        return ok.error();
    if (Expected<void> ok = applyUser(o, process); !ok)
        return ok.error();
    if (security->noNewPrivileges)
        process.noNewPrivileges = *security->noNewPrivileges;
    Capabilities caps = process.capabilities.value_or(Capabilities{});
    const bool capabilitiesChanged = !o.capAdd.isEmpty() || !o.capDrop.isEmpty();
    if (capabilitiesChanged) {
        const Expected<QStringList> tweaked = tweakCapabilities(caps.bounding, o);
        if (!tweaked)
            return tweaked.error();
        caps.bounding = caps.effective = caps.permitted = *tweaked;
        process.capabilities = caps;
    }

    Linux linux = base.linux();
    Resources resources = linux.resources.value_or(Resources{});
    applyResources(o, resources);
    if (resources != linux.resources.value_or(Resources{}))
        linux.resources = resources;
    applyNamespaces(o, linux);
    QMap<QString, QString> annotations = base.annotations();
    if (Expected<void> ok =
            applySeccomp(*security, capabilitiesChanged, caps.bounding, linux, annotations);
        !ok)
        return ok.error();

    const Expected<QList<isolde::spec::Mount>> mounts = applyMounts(o, base.mounts());
    if (!mounts)
        return mounts.error();

    if (o.name)
        annotations.insert(QLatin1String(AnnotationName), *o.name);
    if (o.image)
        annotations.insert(QLatin1String(AnnotationImage), *o.image);
    setFlagAnnotation(annotations, AnnotationInit, o.init);
    setFlagAnnotation(annotations, AnnotationAutoremove, o.rm);

    spec.setProcess(process);
    if (o.readOnly) {
        Root root = base.root();
        root.readonly = *o.readOnly;
        spec.setRoot(root);
    }
    if (o.uts == QLatin1String("host"))
        spec.setHostname(QString());
    else if (o.hostname)
        spec.setHostname(*o.hostname);
    spec.setMounts(*mounts);
    spec.setLinux(linux);
    spec.setAnnotations(annotations);
    return spec;
}

} // namespace

QList<DockerFlag> dockerFlags()
{
    QList<DockerFlag> flags;
    for (const FlagInfo &f : flagTable) {
        flags << DockerFlag{QLatin1String(f.name),
                            f.shorthand != 0 ? QChar(QLatin1Char(f.shorthand)) : QChar(),
                            QLatin1String(f.valueName), QLatin1String(f.usage)};
    }
    return flags;
}

QString dockerFlagsHelp()
{
    QStringList left;
    qsizetype width = 0;
    for (const FlagInfo &f : flagTable) {
        QString text = f.shorthand != 0
                           ? QStringLiteral("  -%1, ").arg(QString(QLatin1Char(f.shorthand)))
                           : QStringLiteral("      ");
        text += QStringLiteral("--") + QLatin1String(f.name);
        if (f.valueName)
            text += QLatin1Char(' ') + QLatin1String(f.valueName);
        width = std::max(width, text.size());
        left << text;
    }
    QString help;
    for (qsizetype i = 0; i < left.size(); ++i)
        help += left.at(i).leftJustified(width + 3) + QLatin1String(flagTable[i].usage) + u'\n';
    return help;
}

Expected<OciSpec> specFromDockerArgs(const QStringList &args, const OciSpec &base)
{
    const Expected<Options> options = parseArgs(args);
    if (!options)
        return options.error();
    return buildSpec(*options, base);
}

QString blockDevicePath(int64_t majorNumber, int64_t minorNumber)
{
    const QString byNumber = QStringLiteral("/dev/block/%1:%2").arg(majorNumber).arg(minorNumber);
    const auto matches = [&](const QString &path) {
        const Expected<ThrottleDevice> device = blockDevice(path);
        return device && device->major == majorNumber && device->minor == minorNumber;
    };
    if (matches(byNumber))
        return byNumber;
    const QStringList names =
        QDir(QStringLiteral("/dev")).entryList(QDir::System | QDir::NoSymLinks, QDir::Name);
    for (const QString &name : names) {
        const QString path = QStringLiteral("/dev/") + name;
        if (matches(path))
            return path;
    }
    return byNumber;
}

namespace {

// --- the inverse ---------------------------------------------------------------------------

QString flagName(Flag id)
{
    return QStringLiteral("--") + QLatin1String(info(id).name);
}

struct FlagWriter
{
    QStringList args;

    void add(Flag id, const QString &value) { args << flagName(id) << value; }
    void toggle(Flag id, bool on)
    {
        args << (on ? flagName(id) : flagName(id) + QStringLiteral("=false"));
    }
};

QStringList capabilitiesOf(const Process &p)
{
    return p.capabilities ? p.capabilities->bounding : QStringList();
}

QStringList allCapabilityNames()
{
    QStringList names;
    for (const CapabilityInfo &cap : allCapabilities())
        names << QLatin1String(cap.name);
    return names;
}

// The shortest --cap-add/--cap-drop set that tweakCapabilities turns into `wanted`.
QStringList capabilityFlags(const QStringList &basics, const QStringList &wanted)
{
    const auto minus = [](const QStringList &a, const QStringList &b) {
        QStringList out;
        for (const QString &x : a) {
            if (!b.contains(x))
                out << x;
        }
        return out;
    };
    const QStringList all = allCapabilityNames();
    const QList<QPair<QStringList, QStringList>> candidates = {
        {minus(wanted, basics), minus(basics, wanted)},
        {wanted, {AllCapabilities}},
        {{AllCapabilities}, minus(all, wanted)},
    };
    QStringList best;
    bool found = false;
    for (const auto &[add, drop] : candidates) {
        Options o;
        o.capAdd = add;
        o.capDrop = drop;
        const Expected<QStringList> result = tweakCapabilities(basics, o);
        if (!result || *result != wanted)
            continue;
        // Docker's documentation spells them without the CAP_ prefix; both parse.
        const auto spelled = [](const QString &cap) {
            return cap.startsWith(QLatin1String("CAP_")) ? cap.mid(4) : cap;
        };
        QStringList flags;
        for (const QString &cap : drop)
            flags << flagName(Flag::CapDrop) << spelled(cap);
        for (const QString &cap : add)
            flags << flagName(Flag::CapAdd) << spelled(cap);
        if (!found || flags.size() < best.size())
            best = flags;
        found = true;
    }
    return best;
}

bool hasNamespace(const Linux &l, const char *type)
{
    return std::any_of(l.namespaces.begin(), l.namespaces.end(),
                       [&](const Namespace &ns) { return ns.type == QLatin1String(type); });
}

void writeNamespaces(FlagWriter &w, const Linux &l, const Linux &b, FlagDialect dialect)
{
    w.add(Flag::Network,
          hasNamespace(l, "network") ? QStringLiteral("none") : QStringLiteral("host"));
    const QList<QPair<Flag, const char *>> modes = {
        {Flag::Ipc, "ipc"}, {Flag::Pid, "pid"}, {Flag::Uts, "uts"}};
    for (const auto &[flag, type] : modes) {
        const bool isPrivate = hasNamespace(l, type);
        // Docker's and Podman's default is a private namespace.
        const bool differs =
            dialect == FlagDialect::Isolde ? isPrivate != hasNamespace(b, type) : !isPrivate;
        if (differs)
            w.add(flag, isPrivate ? QStringLiteral("private") : QStringLiteral("host"));
    }
    const bool userns = hasNamespace(l, "user");
    if (dialect == FlagDialect::Isolde && userns != hasNamespace(b, "user")) {
        w.add(Flag::Userns, userns ? QStringLiteral("private") : QStringLiteral("host"));
    } else if (dialect == FlagDialect::Podman && userns) {
        for (const IdMapping &m : l.uidMappings)
            w.args << QStringLiteral("--uidmap")
                   << QStringLiteral("%1:%2:%3").arg(m.containerID).arg(m.hostID).arg(m.size);
        for (const IdMapping &m : l.gidMappings)
            w.args << QStringLiteral("--gidmap")
                   << QStringLiteral("%1:%2:%3").arg(m.containerID).arg(m.hostID).arg(m.size);
    }
}

void writeCpu(FlagWriter &w, const CpuResources &c, const CpuResources &b)
{
    if (c.quota != b.quota || c.period != b.period) {
        const std::optional<int64_t> nano =
            c.quota && c.period ? nanoCpusFromCpuQuota(*c.quota, *c.period) : std::nullopt;
        if (nano) {
            w.add(Flag::Cpus, formatNanoCpus(*nano));
        } else {
            if (c.period)
                w.add(Flag::CpuPeriod, QString::number(*c.period));
            if (c.quota)
                w.add(Flag::CpuQuota, QString::number(*c.quota));
        }
    }
    if (c.shares && c.shares != b.shares)
        w.add(Flag::CpuShares, QString::number(*c.shares));
    if (!c.cpus.isEmpty() && c.cpus != b.cpus)
        w.add(Flag::CpusetCpus, c.cpus);
    if (!c.mems.isEmpty() && c.mems != b.mems)
        w.add(Flag::CpusetMems, c.mems);
}

void writeMemory(FlagWriter &w, const MemoryResources &m, const MemoryResources &b)
{
    if (m.limit && m.limit != b.limit)
        w.add(Flag::Memory, dockerByteSize(*m.limit));
    const bool defaultSwap = m.limit && m.swap == 2 * *m.limit;
    if (m.swap && m.swap != b.swap && !defaultSwap)
        w.add(Flag::MemorySwap, *m.swap < 0 ? QStringLiteral("-1") : dockerByteSize(*m.swap));
    if (m.reservation && m.reservation != b.reservation)
        w.add(Flag::MemoryReservation, dockerByteSize(*m.reservation));
}

void writeThrottles(FlagWriter &w, Flag id, const QList<ThrottleDevice> &devices, bool bytes)
{
    for (const ThrottleDevice &d : devices) {
        const QString rate = bytes ? dockerByteSize(int64_t(d.rate)) : QString::number(d.rate);
        w.add(id, blockDevicePath(d.major, d.minor) + QLatin1Char(':') + rate);
    }
}

void writeBlockIo(FlagWriter &w, const BlockIoResources &io, const BlockIoResources &b)
{
    if (io.weight && io.weight != b.weight)
        w.add(Flag::BlkioWeight, QString::number(*io.weight));
    const auto added = [](const QList<ThrottleDevice> &list, const QList<ThrottleDevice> &base) {
        return list.mid(list.mid(0, base.size()) == base ? base.size() : 0);
    };
    writeThrottles(w, Flag::DeviceReadBps, added(io.throttleReadBpsDevice, b.throttleReadBpsDevice),
                   true);
    writeThrottles(w, Flag::DeviceWriteBps,
                   added(io.throttleWriteBpsDevice, b.throttleWriteBpsDevice), true);
    writeThrottles(w, Flag::DeviceReadIops,
                   added(io.throttleReadIOPSDevice, b.throttleReadIOPSDevice), false);
    writeThrottles(w, Flag::DeviceWriteIops,
                   added(io.throttleWriteIOPSDevice, b.throttleWriteIOPSDevice), false);
}

void writeResources(FlagWriter &w, const Resources &r, const Resources &b)
{
    writeCpu(w, r.cpu.value_or(CpuResources{}), b.cpu.value_or(CpuResources{}));
    writeMemory(w, r.memory.value_or(MemoryResources{}), b.memory.value_or(MemoryResources{}));
    if (r.pidsLimit && r.pidsLimit != b.pidsLimit)
        w.add(Flag::PidsLimit, QString::number(*r.pidsLimit));
    writeBlockIo(w, r.blockIO.value_or(BlockIoResources{}), b.blockIO.value_or(BlockIoResources{}));
}

void writeMounts(FlagWriter &w, const QList<isolde::spec::Mount> &mounts,
                 const QList<isolde::spec::Mount> &base)
{
    for (const isolde::spec::Mount &m : mounts) {
        if (base.contains(m))
            continue;
        if (const std::optional<MountFlag> flag = mountFlagFor(m))
            w.args << QStringLiteral("--") + flag->name << flag->value;
    }
}

void writeProcess(FlagWriter &w, const Process &p, const Process &b)
{
    if (p.user.uid != b.user.uid || p.user.gid != b.user.gid)
        w.add(Flag::User, QStringLiteral("%1:%2").arg(p.user.uid).arg(p.user.gid));
    for (uint32_t gid : p.user.additionalGids) {
        if (!b.user.additionalGids.contains(gid))
            w.add(Flag::GroupAdd, QString::number(gid));
    }
    if (p.cwd != b.cwd)
        w.add(Flag::Workdir, p.cwd);
    for (const QString &entry : p.env) {
        if (!b.env.contains(entry))
            w.add(Flag::Env, entry);
    }
}

void writeSecurity(FlagWriter &w, const OciSpec &spec, const OciSpec &base)
{
    const Process p = spec.process();
    const Process b = base.process();
    const QStringList caps = capabilitiesOf(p);
    if (caps != capabilitiesOf(b))
        w.args << capabilityFlags(capabilitiesOf(b), caps);
    if (p.noNewPrivileges != b.noNewPrivileges)
        w.add(Flag::SecurityOpt, p.noNewPrivileges ? QStringLiteral("no-new-privileges")
                                                   : QStringLiteral("no-new-privileges=false"));
    const QString profile = spec.annotation(QLatin1String(AnnotationSeccompProfile));
    if (!spec.linux().seccomp && base.linux().seccomp)
        w.add(Flag::SecurityOpt, QStringLiteral("seccomp=unconfined"));
    else if (!profile.isEmpty())
        w.add(Flag::SecurityOpt, QStringLiteral("seccomp=") + profile);
}

} // namespace

QStringList runFlagsFromSpec(const OciSpec &spec, FlagDialect dialect, const OciSpec &base)
{
    FlagWriter w;
    const QString name = spec.annotation(QLatin1String(AnnotationName));
    if (!name.isEmpty())
        w.add(Flag::Name, name);
    const QString image = spec.annotation(QLatin1String(AnnotationImage));
    if (dialect == FlagDialect::Isolde && !image.isEmpty())
        w.add(Flag::Image, image);
    if (spec.annotation(QLatin1String(AnnotationAutoremove)) == QLatin1String("true"))
        w.toggle(Flag::Rm, true);
    if (spec.annotation(QLatin1String(AnnotationInit)) == QLatin1String("true"))
        w.toggle(Flag::Init, true);
    const Linux l = spec.linux();
    const Linux b = base.linux();
    if (!spec.hostname().isEmpty() && spec.hostname() != base.hostname())
        w.add(Flag::Hostname, spec.hostname());
    writeProcess(w, spec.process(), base.process());
    if (spec.root().readonly != base.root().readonly)
        w.toggle(Flag::ReadOnly, spec.root().readonly);
    writeSecurity(w, spec, base);
    writeNamespaces(w, l, b, dialect);
    writeResources(w, l.resources.value_or(Resources{}), b.resources.value_or(Resources{}));
    writeMounts(w, spec.mounts(), base.mounts());
    return w.args;
}

QStringList dockerArgsFromSpec(const OciSpec &spec, const OciSpec &base)
{
    return runFlagsFromSpec(spec, FlagDialect::Isolde, base)
           << QStringLiteral("--") << spec.process().args;
}

} // namespace isolde::spec
