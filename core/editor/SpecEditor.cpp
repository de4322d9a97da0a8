#include "editor/SpecEditor.h"

#include "editor/ShellWords.h"
#include "models/HelperSession.h"
#include "spec/DockerFlags.h"
#include "spec/SeccompProfile.h"
#include "spec/SpecDefaults.h"
#include "spec/SpecExport.h"
#include "spec/SpecValidator.h"
#include "spec/Units.h"

#include <QFileInfo>
#include <QSet>
#include <QThread>
#include <QUrl>
#include <algorithm>
#include <cmath>
#include <unistd.h>

using namespace isolde::spec;
using isolde::Error;
using isolde::editor::joinShellWords;
using isolde::editor::splitShellWords;

namespace {

// A sub-object with nothing set is left out of config.json rather than written as {}.
template<class T>
void dropIfEmpty(std::optional<T> &section)
{
    if (section && *section == T{})
        section.reset();
}

// The CPUs a cpuset list names; parts that are not numbers or ranges (which the validator
// reports) name none.
QSet<int> cpuSet(const QString &list)
{
    QSet<int> cpus;
    for (const QString &part : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList ends = part.split(QLatin1Char('-'));
        bool firstOk = false;
        bool lastOk = false;
        const int first = ends.first().trimmed().toInt(&firstOk);
        const int last = ends.last().trimmed().toInt(&lastOk);
        // No host has more CPUs than that; a typo must not make a billion entries.
        if (ends.size() > 2 || !firstOk || !lastOk || first < 0 || last - first > 65535)
            continue;
        for (int cpu = first; cpu <= last; ++cpu)
            cpus.insert(cpu);
    }
    return cpus;
}

QString seccompField()
{
    return QStringLiteral("linux.seccomp");
}

} // namespace

SpecEditor::SpecEditor(QObject *parent)
    : QObject(parent)
    , m_spec(defaultSpec())
    , m_capabilities(nullptr)
    , m_namespaces(nullptr)
    , m_mounts(nullptr)
    , m_ioDevices(nullptr)
{
    m_spec.setAnnotation(QLatin1String(AnnotationImage), exportImage(m_spec));
    m_commandText = joinShellWords(m_spec.process().args);
    m_capabilities = new SpecCapabilityModel(this);
    m_namespaces = new SpecNamespaceModel(this);
    m_mounts = new SpecMountModel(this);
    m_ioDevices = new SpecThrottleModel(this);
    recompute();
}

SpecEditor::~SpecEditor() = default;

template<class F>
void SpecEditor::editProcess(F &&edit)
{
    Process process = m_spec.process();
    edit(process);
    m_spec.setProcess(process);
    recompute();
}

template<class F>
void SpecEditor::editLinux(F &&edit)
{
    Linux linux = m_spec.linux();
    edit(linux);
    m_spec.setLinux(linux);
    recompute();
}

template<class F>
void SpecEditor::editResources(F &&edit)
{
    editLinux([&](Linux &linux) {
        Resources resources = linux.resources.value_or(Resources{});
        edit(resources);
        dropIfEmpty(resources.cpu);
        dropIfEmpty(resources.memory);
        dropIfEmpty(resources.blockIO);
        linux.resources = resources;
        dropIfEmpty(linux.resources);
    });
}

// --- General -------------------------------------------------------------------------------

QString SpecEditor::image() const
{
    return m_spec.annotation(QLatin1String(AnnotationImage));
}

void SpecEditor::setImage(const QString &image)
{
    QMap<QString, QString> annotations = m_spec.annotations();
    if (image.isEmpty())
        annotations.remove(QLatin1String(AnnotationImage));
    else
        annotations.insert(QLatin1String(AnnotationImage), image);
    m_spec.setAnnotations(annotations);
    recompute();
}

void SpecEditor::setCommand(const QString &command)
{
    m_commandText = command;
    const isolde::Expected<QStringList> words = splitShellWords(command);
    if (!words) {
        // The args stay as they were until the text parses again.
        m_commandError = Error{QStringLiteral("process.args"), words.error().reason};
        recompute();
        return;
    }
    m_commandError.reset();
    editProcess([&](Process &process) { process.args = *words; });
}

QStringList SpecEditor::env() const
{
    return m_spec.process().env;
}

void SpecEditor::setEnv(const QStringList &env)
{
    editProcess([&](Process &process) { process.env = env; });
}

QString SpecEditor::cwd() const
{
    return m_spec.process().cwd;
}

void SpecEditor::setCwd(const QString &cwd)
{
    editProcess([&](Process &process) { process.cwd = cwd; });
}

QString SpecEditor::hostname() const
{
    return m_spec.hostname();
}

void SpecEditor::setHostname(const QString &hostname)
{
    m_spec.setHostname(hostname);
    recompute();
}

qint64 SpecEditor::uid() const
{
    return m_spec.process().user.uid;
}

void SpecEditor::setUid(qint64 uid)
{
    editProcess([&](Process &process) { process.user.uid = uint32_t(uid); });
}

qint64 SpecEditor::gid() const
{
    return m_spec.process().user.gid;
}

void SpecEditor::setGid(qint64 gid)
{
    editProcess([&](Process &process) { process.user.gid = uint32_t(gid); });
}

// --- Resources -----------------------------------------------------------------------------

double SpecEditor::cpus() const
{
    const std::optional<Resources> resources = m_spec.linux().resources;
    if (!resources || !resources->cpu)
        return 0;
    const CpuResources &cpu = *resources->cpu;
    if (cpu.quota.value_or(0) <= 0 || cpu.period.value_or(0) == 0)
        return 0;
    return double(*cpu.quota) / double(*cpu.period);
}

void SpecEditor::setCpus(double cpus)
{
    editResources([&](Resources &resources) {
        CpuResources cpu = resources.cpu.value_or(CpuResources{});
        if (cpus > 0) {
            // What `docker run --cpus` writes: a quota per Docker's 100 ms period.
            cpu.quota = cpuQuotaFromNanoCpus(std::llround(cpus * double(NanoCpusPerCpu)));
            cpu.period = DockerCpuPeriod;
        } else {
            cpu.quota.reset();
            cpu.period.reset();
        }
        resources.cpu = cpu;
    });
}

int SpecEditor::cpuWeight() const
{
    const std::optional<Resources> resources = m_spec.linux().resources;
    return resources && resources->cpu ? int(resources->cpu->shares.value_or(0)) : 0;
}

void SpecEditor::setCpuWeight(int weight)
{
    editResources([&](Resources &resources) {
        CpuResources cpu = resources.cpu.value_or(CpuResources{});
        cpu.shares = weight > 0 ? std::optional<uint64_t>(weight) : std::nullopt;
        resources.cpu = cpu;
    });
}

QString SpecEditor::cpusetCpus() const
{
    const std::optional<Resources> resources = m_spec.linux().resources;
    return resources && resources->cpu ? resources->cpu->cpus : QString();
}

void SpecEditor::setCpusetCpus(const QString &cpus)
{
    editResources([&](Resources &resources) {
        CpuResources cpu = resources.cpu.value_or(CpuResources{});
        cpu.cpus = cpus.trimmed();
        resources.cpu = cpu;
    });
}

qint64 SpecEditor::memoryLimit() const
{
    const std::optional<Resources> resources = m_spec.linux().resources;
    return resources && resources->memory ? resources->memory->limit.value_or(0) : 0;
}

void SpecEditor::setMemoryLimit(qint64 bytes)
{
    editResources([&](Resources &resources) {
        MemoryResources memory = resources.memory.value_or(MemoryResources{});
        memory.limit = bytes != 0 ? std::optional<int64_t>(bytes) : std::nullopt;
        resources.memory = memory;
    });
}

qint64 SpecEditor::memorySwap() const
{
    const std::optional<Resources> resources = m_spec.linux().resources;
    return resources && resources->memory ? resources->memory->swap.value_or(0) : 0;
}

void SpecEditor::setMemorySwap(qint64 bytes)
{
    editResources([&](Resources &resources) {
        MemoryResources memory = resources.memory.value_or(MemoryResources{});
        memory.swap = bytes != 0 ? std::optional<int64_t>(bytes) : std::nullopt;
        resources.memory = memory;
    });
}

qint64 SpecEditor::pidsLimit() const
{
    const std::optional<Resources> resources = m_spec.linux().resources;
    return resources ? resources->pidsLimit.value_or(0) : 0;
}

void SpecEditor::setPidsLimit(qint64 limit)
{
    editResources([&](Resources &resources) {
        resources.pidsLimit = limit != 0 ? std::optional<int64_t>(limit) : std::nullopt;
    });
}

int SpecEditor::ioWeight() const
{
    const std::optional<Resources> resources = m_spec.linux().resources;
    return resources && resources->blockIO ? resources->blockIO->weight.value_or(0) : 0;
}

void SpecEditor::setIoWeight(int weight)
{
    editResources([&](Resources &resources) {
        BlockIoResources io = resources.blockIO.value_or(BlockIoResources{});
        io.weight =
            weight > 0 ? std::optional<uint16_t>(uint16_t(std::min(weight, 65535))) : std::nullopt;
        resources.blockIO = io;
    });
}

int SpecEditor::hostCpuCount() const
{
    // The same count `docker run --cpus` is checked against (DockerFlags).
    return QThread::idealThreadCount();
}

qint64 SpecEditor::hostMemory() const
{
    return qint64(sysconf(_SC_PHYS_PAGES)) * qint64(sysconf(_SC_PAGESIZE));
}

bool SpecEditor::isCpuInSet(int cpu) const
{
    return cpuSet(cpusetCpus()).contains(cpu);
}

void SpecEditor::setCpuInSet(int cpu, bool inSet)
{
    QSet<int> cpus = cpuSet(cpusetCpus());
    if (inSet)
        cpus.insert(cpu);
    else
        cpus.remove(cpu);
    QList<int> sorted(cpus.begin(), cpus.end());
    std::sort(sorted.begin(), sorted.end());
    QStringList ranges;
    for (qsizetype i = 0; i < sorted.size();) {
        qsizetype j = i;
        while (j + 1 < sorted.size() && sorted.at(j + 1) == sorted.at(j) + 1)
            ++j;
        ranges << (j == i ? QString::number(sorted.at(i))
                          : QStringLiteral("%1-%2").arg(sorted.at(i)).arg(sorted.at(j)));
        i = j + 1;
    }
    setCpusetCpus(ranges.join(QLatin1Char(',')));
}

// --- Security ------------------------------------------------------------------------------

bool SpecEditor::noNewPrivileges() const
{
    return m_spec.process().noNewPrivileges;
}

void SpecEditor::setNoNewPrivileges(bool on)
{
    editProcess([&](Process &process) { process.noNewPrivileges = on; });
}

bool SpecEditor::readonlyRootfs() const
{
    return m_spec.root().readonly;
}

void SpecEditor::setReadonlyRootfs(bool on)
{
    Root root = m_spec.root();
    root.readonly = on;
    m_spec.setRoot(root);
    recompute();
}

QString SpecEditor::seccompMode() const
{
    if (!m_spec.linux().seccomp)
        return QStringLiteral("unconfined");
    return seccompProfilePath().isEmpty() ? QStringLiteral("default") : QStringLiteral("custom");
}

void SpecEditor::setSeccompMode(const QString &mode)
{
    if (mode == QLatin1String("custom")) {
        // A custom filter comes from a file: loadSeccompProfile. Choosing the mode again
        // re-reads the file already named.
        if (!seccompProfilePath().isEmpty())
            loadSeccompProfile(seccompProfilePath());
        return;
    }
    if (mode != QLatin1String("default") && mode != QLatin1String("unconfined"))
        return;
    m_seccompError.reset();
    QMap<QString, QString> annotations = m_spec.annotations();
    annotations.remove(QLatin1String(AnnotationSeccompProfile));
    m_spec.setAnnotations(annotations);
    const QStringList granted = m_spec.process().capabilities.value_or(Capabilities{}).bounding;
    editLinux([&](Linux &linux) {
        if (mode == QLatin1String("default"))
            linux.seccomp = SeccompProfile::builtinDefault().resolve(granted);
        else
            linux.seccomp.reset();
    });
}

QString SpecEditor::seccompProfilePath() const
{
    return m_spec.annotation(QLatin1String(AnnotationSeccompProfile));
}

bool SpecEditor::loadSeccompProfile(const QString &pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    const isolde::Expected<SeccompProfile> profile = SeccompProfile::load(path);
    if (!profile) {
        m_seccompError =
            Error{seccompField(),
                  tr("cannot load the profile %1: %2").arg(path, profile.error().toString())};
        recompute();
        return false;
    }
    m_seccompError.reset();
    // The exports need the file: the spec keeps only the resolved filter (as DockerFlags).
    m_spec.setAnnotation(QLatin1String(AnnotationSeccompProfile),
                         QFileInfo(path).absoluteFilePath());
    const QStringList granted = m_spec.process().capabilities.value_or(Capabilities{}).bounding;
    editLinux([&](Linux &linux) { linux.seccomp = profile->resolve(granted); });
    return true;
}

void SpecEditor::setCapabilities(const QStringList &bounding)
{
    Process process = m_spec.process();
    Capabilities caps = process.capabilities.value_or(Capabilities{});
    caps.bounding = caps.effective = caps.permitted = bounding;
    const auto notGranted = [&](const QString &name) { return !bounding.contains(name); };
    caps.inheritable.removeIf(notGranted);
    caps.ambient.removeIf(notGranted);
    process.capabilities = caps;
    m_spec.setProcess(process);
    // Docker resolves its profile against the capabilities: some syscalls are allowed only
    // with the capability that guards them.
    const QString mode = seccompMode();
    if (mode == QLatin1String("custom")) {
        loadSeccompProfile(seccompProfilePath());
        return;
    }
    if (mode == QLatin1String("default")) {
        editLinux([&](Linux &linux) {
            linux.seccomp = SeccompProfile::builtinDefault().resolve(bounding);
        });
        return;
    }
    recompute();
}

QStringList SpecEditor::maskedPaths() const
{
    return m_spec.linux().maskedPaths;
}

void SpecEditor::setMaskedPaths(const QStringList &paths)
{
    editLinux([&](Linux &linux) { linux.maskedPaths = paths; });
}

// --- Namespaces ----------------------------------------------------------------------------

bool SpecEditor::userNamespace() const
{
    return m_namespaces->isEnabled(QStringLiteral("user"));
}

void SpecEditor::setUserNamespace(bool on)
{
    for (int row = 0; row < m_namespaces->rowCount(); ++row) {
        if (m_namespaces->index(row).data(SpecNamespaceModel::TypeRole) == QLatin1String("user"))
            m_namespaces->setEnabled(row, on);
    }
}

qint64 SpecEditor::usernsHostUid() const
{
    const QList<IdMapping> mappings = m_spec.linux().uidMappings;
    return mappings.isEmpty() ? UsernsHostId : mappings.first().hostID;
}

void SpecEditor::setUsernsHostUid(qint64 id)
{
    setUsernsMapping(uint32_t(id), std::nullopt, std::nullopt);
}

qint64 SpecEditor::usernsHostGid() const
{
    const QList<IdMapping> mappings = m_spec.linux().gidMappings;
    return mappings.isEmpty() ? UsernsHostId : mappings.first().hostID;
}

void SpecEditor::setUsernsHostGid(qint64 id)
{
    setUsernsMapping(std::nullopt, uint32_t(id), std::nullopt);
}

qint64 SpecEditor::usernsSize() const
{
    const QList<IdMapping> mappings = m_spec.linux().uidMappings;
    return mappings.isEmpty() ? UsernsSize : mappings.first().size;
}

void SpecEditor::setUsernsSize(qint64 size)
{
    setUsernsMapping(std::nullopt, std::nullopt, uint32_t(size));
}

void SpecEditor::setUsernsMapping(std::optional<uint32_t> hostUid, std::optional<uint32_t> hostGid,
                                  std::optional<uint32_t> size)
{
    // One range from container id 0, the form `--userns private` and podman's --uidmap give.
    const uint32_t rangeSize = size.value_or(uint32_t(usernsSize()));
    const IdMapping uid{0, hostUid.value_or(uint32_t(usernsHostUid())), rangeSize};
    const IdMapping gid{0, hostGid.value_or(uint32_t(usernsHostGid())), rangeSize};
    editLinux([&](Linux &linux) {
        linux.uidMappings = {uid};
        linux.gidMappings = {gid};
    });
}

// --- Validation, previews, loading ---------------------------------------------------------

QVariantList SpecEditor::errors() const
{
    QVariantList list;
    for (const Error &error : m_errors)
        list << QVariantMap{{QStringLiteral("field"), error.field},
                            {QStringLiteral("message"), error.reason}};
    return list;
}

QString SpecEditor::errorFor(const QString &field) const
{
    QStringList messages;
    for (const Error &error : m_errors) {
        const bool inside =
            error.field.startsWith(field) && (error.field.size() == field.size() ||
                                              error.field.at(field.size()) == QLatin1Char('.') ||
                                              error.field.at(field.size()) == QLatin1Char('['));
        if (inside)
            messages << error.reason;
    }
    return messages.join(QLatin1Char('\n'));
}

QString SpecEditor::loadJson(const QString &text)
{
    isolde::Expected<OciSpec> spec = OciSpec::fromJson(text.toUtf8());
    if (!spec)
        return spec.error().toString();
    m_spec = std::move(spec).value();
    m_commandText = joinShellWords(m_spec.process().args);
    m_commandError.reset();
    m_seccompError.reset();
    recompute();
    return {};
}

void SpecEditor::reset()
{
    OciSpec spec = defaultSpec();
    spec.setAnnotation(QLatin1String(AnnotationImage), exportImage(spec));
    m_commandText = joinShellWords(spec.process().args);
    m_commandError.reset();
    m_seccompError.reset();
    setSpec(spec);
}

void SpecEditor::createContainer(const QString &name, bool startNow)
{
    isolde::models::HelperSession::instance()->create(m_configJson, name, image(), startNow);
}

void SpecEditor::setSpec(const OciSpec &spec)
{
    m_spec = spec;
    recompute();
}

void SpecEditor::recompute()
{
    m_errors = validateSpec(m_spec);
    if (m_commandError)
        m_errors << *m_commandError;
    if (m_seccompError)
        m_errors << *m_seccompError;
    m_dockerRun = dockerRunCommand(m_spec);
    m_configJson = QString::fromUtf8(m_spec.toJson());
    m_kubernetes = kubernetesPod(m_spec);
    // Not yet made while the constructor builds the first state.
    if (m_capabilities) {
        m_capabilities->refresh();
        m_namespaces->refresh();
        m_mounts->refresh();
        m_ioDevices->refresh();
    }
    emit specChanged();
}
