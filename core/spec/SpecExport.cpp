#include "spec/SpecExport.h"

#include "spec/CapabilityCatalog.h"
#include "spec/DockerFlags.h"
#include "spec/SpecDefaults.h"
#include "spec/Units.h"

#include <QFileInfo>
#include <algorithm>
#include <cmath>

namespace isolde::spec {

namespace {

QString runCommand(const char *tool, const OciSpec &spec, const QString &image, FlagDialect dialect)
{
    QStringList words = {QLatin1String(tool), QStringLiteral("run")};
    words << runFlagsFromSpec(spec, dialect) << exportImage(spec, image) << spec.process().args;
    std::transform(words.begin(), words.end(), words.begin(), shellQuote);
    return words.join(QLatin1Char(' '));
}

// A YAML double-quoted scalar: safe for every string, whatever it looks like to YAML.
QString yamlString(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

QString yamlList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted << yamlString(item);
    return QLatin1Char('[') + quoted.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// Kubernetes names are DNS labels: lower case, digits and '-'.
QString dnsLabel(const QString &name)
{
    QString label;
    for (QChar c : name.toLower()) {
        const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                          (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        label += keep ? c : QLatin1Char('-');
    }
    while (label.startsWith(QLatin1Char('-')))
        label.remove(0, 1);
    label.truncate(63);
    while (label.endsWith(QLatin1Char('-')))
        label.chop(1);
    return label.isEmpty() ? QStringLiteral("isolde") : label;
}

QString millicores(double cpus)
{
    return QString::number(std::max<qint64>(1, std::llround(cpus * 1000))) + QLatin1Char('m');
}

bool hasNamespace(const Linux &l, const char *type)
{
    return std::any_of(l.namespaces.begin(), l.namespaces.end(),
                       [&](const Namespace &ns) { return ns.type == QLatin1String(type); });
}

QStringList withoutCapPrefix(const QStringList &caps)
{
    QStringList names;
    for (const QString &cap : caps)
        names << (cap.startsWith(QLatin1String("CAP_")) ? cap.mid(4) : cap);
    return names;
}

// Lines of YAML at one indentation.
class YamlWriter
{
public:
    void line(int indent, const QString &text) { m_text += QString(indent, u' ') + text + u'\n'; }
    void field(int indent, const char *key, const QString &value)
    {
        line(indent, QLatin1String(key) + QStringLiteral(": ") + value);
    }
    QString text() const { return m_text; }

private:
    QString m_text;
};

struct PodVolume
{
    QString name;
    const isolde::spec::Mount *mount;
};

QList<PodVolume> podVolumes(const QList<isolde::spec::Mount> &mounts)
{
    const QList<isolde::spec::Mount> defaults = defaultSpec().mounts();
    QList<PodVolume> volumes;
    for (const isolde::spec::Mount &m : mounts) {
        if (defaults.contains(m) ||
            (m.type != QLatin1String("tmpfs") && m.type != QLatin1String("bind")))
            continue;
        volumes << PodVolume{QStringLiteral("volume-%1").arg(volumes.size()), &m};
    }
    return volumes;
}

void writeResources(YamlWriter &y, const Resources &r)
{
    const CpuResources cpu = r.cpu.value_or(CpuResources{});
    const MemoryResources memory = r.memory.value_or(MemoryResources{});
    QStringList requests;
    QStringList limits;
    if (cpu.shares) // 1024 shares is one CPU's worth
        requests << QStringLiteral("cpu: ") + yamlString(millicores(double(*cpu.shares) / 1024));
    if (memory.reservation && *memory.reservation > 0)
        requests << QStringLiteral("memory: ") +
                        yamlString(kubernetesByteQuantity(*memory.reservation));
    if (cpu.quota && *cpu.quota > 0) {
        const double period = double(cpu.period.value_or(DockerCpuPeriod));
        limits << QStringLiteral("cpu: ") + yamlString(millicores(double(*cpu.quota) / period));
    }
    if (memory.limit && *memory.limit > 0)
        limits << QStringLiteral("memory: ") + yamlString(kubernetesByteQuantity(*memory.limit));
    if (requests.isEmpty() && limits.isEmpty())
        return;
    y.line(6, QStringLiteral("resources:"));
    for (const auto &[key, entries] : {std::pair{"requests", requests}, {"limits", limits}}) {
        if (entries.isEmpty())
            continue;
        y.line(8, QLatin1String(key) + QLatin1Char(':'));
        for (const QString &entry : entries)
            y.line(10, entry);
    }
}

void writeCapabilities(YamlWriter &y, const Process &p)
{
    const QStringList runtimeDefault = dockerDefaultCapabilities();
    const QStringList caps = p.capabilities ? p.capabilities->bounding : QStringList();
    QStringList add;
    QStringList drop;
    for (const QString &cap : caps) {
        if (!runtimeDefault.contains(cap))
            add << cap;
    }
    for (const QString &cap : runtimeDefault) {
        if (!caps.contains(cap))
            drop << cap;
    }
    // Dropping everything and adding back a few says more than a long drop list.
    if (caps.size() + 1 < add.size() + drop.size()) {
        add = caps;
        drop = {QStringLiteral("ALL")};
    }
    if (add.isEmpty() && drop.isEmpty())
        return;
    y.line(8, QStringLiteral("capabilities:"));
    if (!add.isEmpty())
        y.field(10, "add", yamlList(withoutCapPrefix(add)));
    if (!drop.isEmpty())
        y.field(10, "drop", yamlList(withoutCapPrefix(drop)));
}

void writeSecurityContext(YamlWriter &y, const OciSpec &spec)
{
    const Process p = spec.process();
    y.line(6, QStringLiteral("securityContext:"));
    y.field(8, "allowPrivilegeEscalation",
            p.noNewPrivileges ? QStringLiteral("false") : QStringLiteral("true"));
    y.field(8, "readOnlyRootFilesystem",
            spec.root().readonly ? QStringLiteral("true") : QStringLiteral("false"));
    y.field(8, "runAsUser", QString::number(p.user.uid));
    y.field(8, "runAsGroup", QString::number(p.user.gid));
    writeCapabilities(y, p);
    y.line(8, QStringLiteral("seccompProfile:"));
    const QString profile = spec.annotation(QLatin1String(AnnotationSeccompProfile));
    if (!spec.linux().seccomp) {
        y.field(10, "type", QStringLiteral("Unconfined"));
    } else if (!profile.isEmpty()) {
        // The kubelet looks the file up in its own seccomp directory.
        y.field(10, "type", QStringLiteral("Localhost"));
        y.field(10, "localhostProfile", yamlString(QFileInfo(profile).fileName()));
    } else {
        y.field(10, "type", QStringLiteral("RuntimeDefault"));
    }
}

void writeContainer(YamlWriter &y, const OciSpec &spec, const QString &name, const QString &image,
                    const QList<PodVolume> &volumes)
{
    const Process p = spec.process();
    y.line(4, QStringLiteral("- name: ") + yamlString(name));
    y.field(6, "image", yamlString(image));
    if (!p.args.isEmpty())
        y.field(6, "command", yamlList(p.args.mid(0, 1)));
    if (p.args.size() > 1)
        y.field(6, "args", yamlList(p.args.mid(1)));
    if (p.cwd != QLatin1String("/"))
        y.field(6, "workingDir", yamlString(p.cwd));
    const QStringList defaults = defaultEnv();
    QStringList env;
    for (const QString &entry : p.env) {
        if (!defaults.contains(entry))
            env << entry;
    }
    if (!env.isEmpty()) {
        y.line(6, QStringLiteral("env:"));
        for (const QString &entry : env) {
            y.line(8,
                   QStringLiteral("- name: ") + yamlString(entry.section(QLatin1Char('='), 0, 0)));
            y.field(10, "value", yamlString(entry.section(QLatin1Char('='), 1)));
        }
    }
    writeResources(y, spec.linux().resources.value_or(Resources{}));
    writeSecurityContext(y, spec);
    if (volumes.isEmpty())
        return;
    y.line(6, QStringLiteral("volumeMounts:"));
    for (const PodVolume &v : volumes) {
        y.line(8, QStringLiteral("- name: ") + yamlString(v.name));
        y.field(10, "mountPath", yamlString(v.mount->destination));
        if (v.mount->options.contains(QLatin1String("ro")))
            y.field(10, "readOnly", QStringLiteral("true"));
    }
}

void writeVolumes(YamlWriter &y, const QList<PodVolume> &volumes)
{
    if (volumes.isEmpty())
        return;
    y.line(2, QStringLiteral("volumes:"));
    for (const PodVolume &v : volumes) {
        y.line(4, QStringLiteral("- name: ") + yamlString(v.name));
        if (v.mount->type == QLatin1String("bind")) {
            y.line(6, QStringLiteral("hostPath:"));
            y.field(8, "path", yamlString(v.mount->source));
            continue;
        }
        y.line(6, QStringLiteral("emptyDir:"));
        y.field(8, "medium", QStringLiteral("Memory"));
        for (const QString &option : v.mount->options) {
            if (!option.startsWith(QLatin1String("size=")))
                continue;
            const Expected<int64_t> size = parseByteSize(option.mid(5));
            if (size)
                y.field(8, "sizeLimit", yamlString(kubernetesByteQuantity(*size)));
        }
    }
}

// What the spec asks for that a Pod has no words for.
QStringList notExpressible(const OciSpec &spec)
{
    const Linux l = spec.linux();
    const Resources r = l.resources.value_or(Resources{});
    const CpuResources cpu = r.cpu.value_or(CpuResources{});
    const MemoryResources memory = r.memory.value_or(MemoryResources{});
    QStringList missing;
    if (r.pidsLimit && *r.pidsLimit > 0)
        missing << QStringLiteral("pids limit %1").arg(*r.pidsLimit);
    if (memory.swap && !(memory.limit && *memory.swap == 2 * *memory.limit))
        missing << QStringLiteral("memory+swap limit %1").arg(humanByteSize(*memory.swap));
    if (!cpu.cpus.isEmpty() || !cpu.mems.isEmpty())
        missing << QStringLiteral("cpuset");
    if (r.blockIO)
        missing << QStringLiteral("block IO weight and throttles");
    if (hasNamespace(l, "user"))
        missing << QStringLiteral("user namespace");
    return missing;
}

} // namespace

QString shellQuote(const QString &word)
{
    static const QString safe = QStringLiteral("@%+=:,./-_");
    const bool plain = !word.isEmpty() && std::all_of(word.begin(), word.end(), [](QChar c) {
        return (c.unicode() < 128 && c.isLetterOrNumber()) || safe.contains(c);
    });
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString exportImage(const OciSpec &spec, const QString &image)
{
    if (!image.isEmpty())
        return image;
    const QString annotated = spec.annotation(QLatin1String(AnnotationImage));
    return annotated.isEmpty() ? QStringLiteral("busybox") : annotated;
}

QString dockerRunCommand(const OciSpec &spec, const QString &image)
{
    return runCommand("docker", spec, image, FlagDialect::Docker);
}

QString podmanRunCommand(const OciSpec &spec, const QString &image)
{
    return runCommand("podman", spec, image, FlagDialect::Podman);
}

QString kubernetesPod(const OciSpec &spec, const QString &image)
{
    const QString name = dnsLabel(spec.annotation(QLatin1String(AnnotationName)));
    const Linux l = spec.linux();
    const QList<isolde::spec::Mount> mounts = spec.mounts();
    const QList<PodVolume> volumes = podVolumes(mounts);
    YamlWriter y;
    const QStringList missing = notExpressible(spec);
    if (!missing.isEmpty())
        y.line(0, QStringLiteral("# Not expressible in a Pod, left out: ") + missing.join(u", "));
    y.field(0, "apiVersion", QStringLiteral("v1"));
    y.field(0, "kind", QStringLiteral("Pod"));
    y.line(0, QStringLiteral("metadata:"));
    y.field(2, "name", yamlString(name));
    y.line(0, QStringLiteral("spec:"));
    // Docker does not restart a container unless asked to.
    y.field(2, "restartPolicy", QStringLiteral("Never"));
    if (hasNamespace(l, "uts") && !spec.hostname().isEmpty() &&
        spec.hostname() != QLatin1String(DefaultHostname))
        y.field(2, "hostname", yamlString(spec.hostname()));
    if (!hasNamespace(l, "network"))
        y.field(2, "hostNetwork", QStringLiteral("true"));
    if (!hasNamespace(l, "pid"))
        y.field(2, "hostPID", QStringLiteral("true"));
    if (!hasNamespace(l, "ipc"))
        y.field(2, "hostIPC", QStringLiteral("true"));
    const QList<uint32_t> groups = spec.process().user.additionalGids;
    if (!groups.isEmpty()) {
        QStringList numbers;
        for (uint32_t gid : groups)
            numbers << QString::number(gid);
        y.line(2, QStringLiteral("securityContext:"));
        y.field(4, "supplementalGroups", QLatin1Char('[') + numbers.join(u", ") + QLatin1Char(']'));
    }
    y.line(2, QStringLiteral("containers:"));
    writeContainer(y, spec, name, exportImage(spec, image), volumes);
    writeVolumes(y, volumes);
    return y.text();
}

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    if (name == QLatin1String("docker"))
        return ExportFormat::Docker;
    if (name == QLatin1String("podman"))
        return ExportFormat::Podman;
    if (name == QLatin1String("kube") || name == QLatin1String("kubernetes"))
        return ExportFormat::Kubernetes;
    return std::nullopt;
}

QString exportSpec(const OciSpec &spec, ExportFormat format, const QString &image)
{
    switch (format) {
    case ExportFormat::Docker:
        return dockerRunCommand(spec, image) + u'\n';
    case ExportFormat::Podman:
        return podmanRunCommand(spec, image) + u'\n';
    case ExportFormat::Kubernetes:
        return kubernetesPod(spec, image);
    }
    return QString();
}

} // namespace isolde::spec
