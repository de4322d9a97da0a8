// The container spec: an OCI runtime-spec 1.x config.json.
//
// The document itself is the source of truth. OciSpec keeps the whole JSON object and the
// typed sections below are views of it: reading a section parses it from the document,
// writing one merges it back, so every field this model does not know survives a load/save
// round trip untouched (also inside the sections it does know).
#pragma once

#include "util/Expected.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace isolde::spec {

// Annotation keys under which Isolde keeps its own metadata in the spec.
inline constexpr auto AnnotationName = "org.isolde.name";
inline constexpr auto AnnotationImage = "org.isolde.image";
inline constexpr auto AnnotationCreated = "org.isolde.created";
// "true": PID 1 is Isolde's built-in init, which reaps zombies and forwards signals (--init).
inline constexpr auto AnnotationInit = "org.isolde.init";

struct User
{
    uint32_t uid = 0;
    uint32_t gid = 0;
    std::optional<uint32_t> umask;
    QList<uint32_t> additionalGids;
    QString username;
    bool operator==(const User &) const = default;
};

struct Rlimit
{
    QString type; // RLIMIT_NOFILE, ...
    uint64_t hard = 0;
    uint64_t soft = 0;
    bool operator==(const Rlimit &) const = default;
};

// The five capability sets, as CAP_* names.
struct Capabilities
{
    QStringList bounding;
    QStringList effective;
    QStringList inheritable;
    QStringList permitted;
    QStringList ambient;
    bool operator==(const Capabilities &) const = default;
};

struct ConsoleSize
{
    uint32_t height = 0;
    uint32_t width = 0;
    bool operator==(const ConsoleSize &) const = default;
};

struct Process
{
    bool terminal = false;
    std::optional<ConsoleSize> consoleSize;
    User user;
    QStringList args;
    QStringList env;
    QString cwd = QStringLiteral("/");
    std::optional<Capabilities> capabilities;
    QList<Rlimit> rlimits;
    bool noNewPrivileges = false;
    QString apparmorProfile;
    QString selinuxLabel;
    std::optional<int> oomScoreAdj;
    bool operator==(const Process &) const = default;
};

struct Root
{
    QString path;
    bool readonly = false;
    bool operator==(const Root &) const = default;
};

struct IdMapping
{
    uint32_t containerID = 0;
    uint32_t hostID = 0;
    uint32_t size = 0;
    bool operator==(const IdMapping &) const = default;
};

struct Mount
{
    QString destination;
    QString type;
    QString source;
    QStringList options;
    QList<IdMapping> uidMappings;
    QList<IdMapping> gidMappings;
    bool operator==(const Mount &) const = default;
};

// type is one of: pid network mount ipc uts user cgroup (time is accepted and passed on).
struct Namespace
{
    QString type;
    QString path; // empty: a new namespace; otherwise join the one at this path
    bool operator==(const Namespace &) const = default;
};

struct Device
{
    QString path;
    QString type; // c b u p
    int64_t major = 0;
    int64_t minor = 0;
    std::optional<uint32_t> fileMode;
    std::optional<uint32_t> uid;
    std::optional<uint32_t> gid;
    bool operator==(const Device &) const = default;
};

struct DeviceRule
{
    bool allow = false;
    QString type;                 // a c b; empty means all
    std::optional<int64_t> major; // absent means all (*)
    std::optional<int64_t> minor;
    QString access; // some of r w m
    bool operator==(const DeviceRule &) const = default;
};

struct CpuResources
{
    std::optional<uint64_t> shares;
    std::optional<int64_t> quota;
    std::optional<uint64_t> period;
    std::optional<int64_t> realtimeRuntime;
    std::optional<uint64_t> realtimePeriod;
    std::optional<int64_t> idle;
    QString cpus; // cpuset list, "0-3,5"
    QString mems;
    bool operator==(const CpuResources &) const = default;
};

struct MemoryResources
{
    std::optional<int64_t> limit; // bytes; -1 means unlimited
    std::optional<int64_t> reservation;
    std::optional<int64_t> swap; // memory + swap, as in the OCI spec and runc
    std::optional<int64_t> kernel;
    std::optional<int64_t> kernelTCP;
    std::optional<uint64_t> swappiness;
    std::optional<bool> disableOOMKiller;
    std::optional<bool> useHierarchy;
    std::optional<bool> checkBeforeUpdate;
    bool operator==(const MemoryResources &) const = default;
};

struct WeightDevice
{
    int64_t major = 0;
    int64_t minor = 0;
    std::optional<uint16_t> weight;
    std::optional<uint16_t> leafWeight;
    bool operator==(const WeightDevice &) const = default;
};

struct ThrottleDevice
{
    int64_t major = 0;
    int64_t minor = 0;
    uint64_t rate = 0;
    bool operator==(const ThrottleDevice &) const = default;
};

struct BlockIoResources
{
    std::optional<uint16_t> weight;
    std::optional<uint16_t> leafWeight;
    QList<WeightDevice> weightDevice;
    QList<ThrottleDevice> throttleReadBpsDevice;
    QList<ThrottleDevice> throttleWriteBpsDevice;
    QList<ThrottleDevice> throttleReadIOPSDevice;
    QList<ThrottleDevice> throttleWriteIOPSDevice;
    bool operator==(const BlockIoResources &) const = default;
};

struct Resources
{
    QList<DeviceRule> devices;
    std::optional<CpuResources> cpu;
    std::optional<MemoryResources> memory;
    std::optional<int64_t> pidsLimit; // linux.resources.pids.limit
    std::optional<BlockIoResources> blockIO;
    QMap<QString, QString> unified; // cgroup v2 file name -> value
    bool operator==(const Resources &) const = default;
};

struct SeccompArg
{
    uint32_t index = 0;
    uint64_t value = 0;
    uint64_t valueTwo = 0;
    QString op; // SCMP_CMP_EQ, ...
    bool operator==(const SeccompArg &) const = default;
};

struct SeccompSyscall
{
    QStringList names;
    QString action; // SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, ...
    std::optional<uint32_t> errnoRet;
    QList<SeccompArg> args;
    bool operator==(const SeccompSyscall &) const = default;
};

// linux.seccomp, the OCI form (Docker's profile format is in SeccompProfile.h).
struct Seccomp
{
    QString defaultAction;
    std::optional<uint32_t> defaultErrnoRet;
    QStringList architectures; // SCMP_ARCH_X86_64, ...
    QStringList flags;         // SECCOMP_FILTER_FLAG_*
    QString listenerPath;
    QString listenerMetadata;
    QList<SeccompSyscall> syscalls;
    bool operator==(const Seccomp &) const = default;
};

struct Linux
{
    QList<Namespace> namespaces;
    QList<IdMapping> uidMappings;
    QList<IdMapping> gidMappings;
    QMap<QString, QString> sysctl;
    std::optional<Resources> resources;
    QString cgroupsPath;
    std::optional<Seccomp> seccomp;
    QString rootfsPropagation;
    QStringList maskedPaths;
    QStringList readonlyPaths;
    QString mountLabel;
    QList<Device> devices;
    bool operator==(const Linux &) const = default;
};

// JSON paths for Error::field: fieldPath("linux", u"sysctl") is "linux.sysctl", indexPath of
// "mounts" and 2 is "mounts[2]", entryPath of "linux.sysctl" and "net.ipv4.ip_forward" is
// linux.sysctl["net.ipv4.ip_forward"] (map keys may contain dots).
QString fieldPath(const QString &parent, QStringView key);
QString indexPath(const QString &parent, qsizetype index);
QString entryPath(const QString &parent, const QString &key);

class OciSpec
{
public:
    OciSpec() = default;
    explicit OciSpec(QJsonObject document);

    // Parses a config.json. Fails only when the text is not a JSON object; a document
    // with wrong or missing fields loads and is reported by SpecValidator.
    static Expected<OciSpec> fromJson(const QByteArray &json);
    static Expected<OciSpec> load(const QString &path);

    QByteArray toJson() const; // indented, like `crun spec`
    Expected<void> save(const QString &path) const;

    // The whole document, including what the typed sections do not cover.
    const QJsonObject &document() const { return m_document; }

    QString ociVersion() const;
    void setOciVersion(const QString &version);

    Process process() const;
    bool hasProcess() const;
    void setProcess(const Process &process);

    Root root() const;
    void setRoot(const Root &root);

    QString hostname() const;
    void setHostname(const QString &hostname);
    QString domainname() const;
    void setDomainname(const QString &domainname);

    QList<Mount> mounts() const;
    void setMounts(const QList<Mount> &mounts);

    Linux linux() const;
    void setLinux(const Linux &linux);

    QMap<QString, QString> annotations() const;
    void setAnnotations(const QMap<QString, QString> &annotations);
    QString annotation(const QString &key) const;
    void setAnnotation(const QString &key, const QString &value);

    // Every field the model knows whose JSON type is wrong (a string where a number belongs,
    // process.args not an array of strings, ...) and every required field that is missing,
    // each with its JSON path. The typed getters read such fields as their defaults;
    // SpecValidator reports these problems along with the others.
    QList<Error> schemaErrors() const;

    friend bool operator==(const OciSpec &a, const OciSpec &b)
    {
        return a.m_document == b.m_document;
    }

private:
    QJsonObject m_document;
    // linux, read once: the engine asks for it at every step of a create, and a seccomp
    // profile makes it the largest section to read (hundreds of syscall names).
    Linux m_linux;
};

} // namespace isolde::spec
