#include "spec/SeccompProfile.h"

#include "spec/CapabilityCatalog.h"
#include "spec/SpecValidator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <cmath>
#include <seccomp.h>
#include <sys/utsname.h>

namespace isolde::spec {

namespace {

struct ArchNames
{
    const char *machine; // uname -m
    const char *scmp;    // libseccomp / OCI
    const char *go;      // Docker's includes.arches use Go's GOARCH names
};

constexpr ArchNames KnownHostArches[] = {
    {"x86_64", "SCMP_ARCH_X86_64", "amd64"},
    {"i386", "SCMP_ARCH_X86", "386"},
    {"i486", "SCMP_ARCH_X86", "386"},
    {"i586", "SCMP_ARCH_X86", "386"},
    {"i686", "SCMP_ARCH_X86", "386"},
    {"aarch64", "SCMP_ARCH_AARCH64", "arm64"},
    {"armv7l", "SCMP_ARCH_ARM", "arm"},
    {"armv6l", "SCMP_ARCH_ARM", "arm"},
    {"ppc64le", "SCMP_ARCH_PPC64LE", "ppc64le"},
    {"ppc64", "SCMP_ARCH_PPC64", "ppc64"},
    {"s390x", "SCMP_ARCH_S390X", "s390x"},
    {"riscv64", "SCMP_ARCH_RISCV64", "riscv64"},
    {"loongarch64", "SCMP_ARCH_LOONGARCH64", "loong64"},
};

QString child(const QString &path, const char *key)
{
    return fieldPath(path, QString::fromLatin1(key));
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

Error wrongType(const QString &path, const char *expected, const QJsonValue &value)
{
    return Error{
        path,
        QStringLiteral("must be %1, not %2").arg(QString::fromLatin1(expected), describe(value))};
}

// A string field; absent means empty.
Expected<QString> optionalString(const QJsonObject &object, const char *key, const QString &path)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined())
        return QString();
    if (!value.isString())
        return wrongType(child(path, key), "a string", value);
    return value.toString();
}

Expected<QStringList> stringArray(const QJsonValue &value, const QString &path)
{
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (!value.isArray())
        return wrongType(path, "an array of strings", value);
    QStringList strings;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return wrongType(indexPath(path, i), "a string", array.at(i));
        strings << array.at(i).toString();
    }
    return strings;
}

Expected<uint64_t> unsignedNumber(const QJsonValue &value, const QString &path, uint64_t max)
{
    if (!value.isDouble())
        return wrongType(path, "a number", value);
    const double number = value.toDouble();
    if (number < 0 || std::floor(number) != number)
        return Error{path,
                     QStringLiteral("must be a whole number of zero or more, not %1").arg(number)};
    // Integers up to 2^63-1 are kept exactly by QJsonValue; larger ones only as doubles.
    const qint64 exact = value.toInteger(-1);
    const uint64_t result = exact >= 0 ? uint64_t(exact) : uint64_t(number);
    if (number >= 18446744073709551616.0 || result > max)
        return Error{path, QStringLiteral("%1 is above the maximum %2").arg(number).arg(max)};
    return result;
}

// A string that must be one of `known` (e.g. an SCMP_ACT_* name).
Expected<QString> knownName(const QJsonValue &value, const QString &path, const QStringList &known,
                            const char *what)
{
    if (!value.isString())
        return wrongType(path, "a string", value);
    const QString name = value.toString();
    if (!known.contains(name))
        return Error{path, QStringLiteral("unknown %1 %2").arg(QString::fromLatin1(what), name)};
    return name;
}

Expected<QStringList> knownNames(const QJsonValue &value, const QString &path,
                                 const QStringList &known, const char *what)
{
    const auto names = stringArray(value, path);
    if (!names)
        return names.error();
    for (qsizetype i = 0; i < names->size(); ++i) {
        if (!known.contains(names->at(i)))
            return Error{
                indexPath(path, i),
                QStringLiteral("unknown %1 %2").arg(QString::fromLatin1(what), names->at(i))};
    }
    return *names;
}

Expected<QJsonObject> object(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return wrongType(path, "an object", value);
    return value.toObject();
}

Expected<SeccompArg> parseArg(const QJsonValue &value, const QString &path)
{
    const auto arg = object(value, path);
    if (!arg)
        return arg.error();
    SeccompArg result;
    const QJsonValue index = arg->value(QLatin1String("index"));
    if (index.isUndefined())
        return Error{child(path, "index"), QStringLiteral("missing (the argument number, 0-5)")};
    const auto indexNumber = unsignedNumber(index, child(path, "index"), 5);
    if (!indexNumber)
        return indexNumber.error();
    result.index = uint32_t(*indexNumber);
    for (const auto &[key, target] :
         {std::pair{"value", &result.value}, std::pair{"valueTwo", &result.valueTwo}}) {
        const QJsonValue number = arg->value(QLatin1String(key));
        if (number.isUndefined())
            continue;
        const auto parsed = unsignedNumber(number, child(path, key), UINT64_MAX);
        if (!parsed)
            return parsed.error();
        *target = *parsed;
    }
    const auto op = knownName(arg->value(QLatin1String("op")), child(path, "op"),
                              seccompOperators(), "operator");
    if (!op)
        return op.error();
    result.op = *op;
    return result;
}

Expected<std::optional<uint32_t>> optionalErrno(const QJsonObject &object, const char *key,
                                                const QString &path)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined())
        return std::optional<uint32_t>();
    const auto number = unsignedNumber(value, child(path, key), UINT32_MAX);
    if (!number)
        return number.error();
    return std::optional<uint32_t>(uint32_t(*number));
}

bool capabilityIn(const QString &capability, const QStringList &set)
{
    const QString wanted = canonicalCapabilityName(capability);
    for (const QString &member : set) {
        if (canonicalCapabilityName(member) == wanted)
            return true;
    }
    return false;
}

bool archIn(const QStringList &arches, const SeccompHost &host)
{
    for (const ArchNames &names : KnownHostArches) {
        if (host.architecture != QLatin1String(names.scmp))
            continue;
        if (arches.contains(QLatin1String(names.go), Qt::CaseInsensitive))
            return true;
    }
    return arches.contains(host.architecture, Qt::CaseInsensitive);
}

// Profiles written for newer kernels name syscalls this libseccomp cannot number; no program
// here can make those calls, so they are left out (as runc does). Any other unknown name stays,
// for the validator to report as the typo it is.
QStringList withoutSyscallsNewerThanLibseccomp(const QStringList &names)
{
    QStringList kept;
    for (const QString &name : names) {
        if (!isSyscallNewerThanLibseccomp(name))
            kept << name;
    }
    return kept;
}

QStringList latin1List(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names)
        list << QString::fromLatin1(name);
    return list;
}

} // namespace

const QStringList &seccompActions()
{
    static const QStringList actions = latin1List(
        {"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",
         "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY"});
    return actions;
}

const QStringList &seccompOperators()
{
    static const QStringList operators =
        latin1List({"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE",
                    "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"});
    return operators;
}

const QStringList &seccompArchitectures()
{
    static const QStringList architectures =
        latin1List({"SCMP_ARCH_X86",      "SCMP_ARCH_X86_64",      "SCMP_ARCH_X32",
                    "SCMP_ARCH_ARM",      "SCMP_ARCH_AARCH64",     "SCMP_ARCH_MIPS",
                    "SCMP_ARCH_MIPS64",   "SCMP_ARCH_MIPS64N32",   "SCMP_ARCH_MIPSEL",
                    "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC",
                    "SCMP_ARCH_PPC64",    "SCMP_ARCH_PPC64LE",     "SCMP_ARCH_S390",
                    "SCMP_ARCH_S390X",    "SCMP_ARCH_PARISC",      "SCMP_ARCH_PARISC64",
                    "SCMP_ARCH_RISCV64",  "SCMP_ARCH_LOONGARCH64"});
    return architectures;
}

const QStringList &seccompFlags()
{
    static const QStringList flags =
        latin1List({"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
                    "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"});
    return flags;
}

SeccompHost SeccompHost::current()
{
    SeccompHost host;
    utsname uts{};
    if (uname(&uts) != 0)
        return host;
    const QString machine = QString::fromLatin1(uts.machine);
    for (const ArchNames &names : KnownHostArches) {
        if (machine == QLatin1String(names.machine))
            host.architecture = QString::fromLatin1(names.scmp);
    }
    if (host.architecture.isEmpty() && machine.startsWith(QLatin1String("arm")))
        host.architecture = QStringLiteral("SCMP_ARCH_ARM");
    static const QRegularExpression release(QStringLiteral("^(\\d+)\\.(\\d+)"));
    const auto match = release.match(QString::fromLatin1(uts.release));
    if (match.hasMatch()) {
        host.kernelMajor = match.captured(1).toInt();
        host.kernelMinor = match.captured(2).toInt();
    }
    return host;
}

Expected<SeccompProfile::Condition> SeccompProfile::parseCondition(const QJsonValue &value,
                                                                   const QString &path)
{
    Condition condition;
    if (value.isUndefined() || value.isNull())
        return condition;
    const auto fields = object(value, path);
    if (!fields)
        return fields.error();
    const auto caps = stringArray(fields->value(QLatin1String("caps")), child(path, "caps"));
    if (!caps)
        return caps.error();
    condition.caps = *caps;
    const auto arches = stringArray(fields->value(QLatin1String("arches")), child(path, "arches"));
    if (!arches)
        return arches.error();
    condition.arches = *arches;
    const auto minKernel = optionalString(*fields, "minKernel", path);
    if (!minKernel)
        return minKernel.error();
    if (!minKernel->isEmpty()) {
        static const QRegularExpression version(QStringLiteral("^(\\d+)(?:\\.(\\d+))?$"));
        const auto match = version.match(*minKernel);
        if (!match.hasMatch())
            return Error{
                child(path, "minKernel"),
                QStringLiteral("\"%1\" is not a kernel version such as 4.8").arg(*minKernel)};
        condition.minKernel = KernelVersion{match.captured(1).toInt(), match.captured(2).toInt()};
    }
    return condition;
}

Expected<SeccompProfile::Rule> SeccompProfile::parseRule(const QJsonValue &value,
                                                         const QString &path)
{
    const auto fields = object(value, path);
    if (!fields)
        return fields.error();
    Rule rule;
    const QJsonValue names = fields->value(QLatin1String("names"));
    const QJsonValue name = fields->value(QLatin1String("name"));
    if (!names.isUndefined() && !name.isUndefined())
        return Error{path, QStringLiteral("has both name and names; use names")};
    if (!name.isUndefined()) { // Docker's older profiles: one syscall per rule
        if (!name.isString())
            return wrongType(child(path, "name"), "a string", name);
        rule.syscall.names = QStringList{name.toString()};
    } else {
        const auto list = stringArray(names, child(path, "names"));
        if (!list)
            return list.error();
        rule.syscall.names = *list;
    }
    if (rule.syscall.names.isEmpty())
        return Error{child(path, "names"), QStringLiteral("must name at least one syscall")};
    for (qsizetype i = 0; i < rule.syscall.names.size(); ++i) {
        if (rule.syscall.names.at(i).isEmpty())
            return Error{indexPath(child(path, "names"), i), QStringLiteral("is empty")};
    }

    const auto action = knownName(fields->value(QLatin1String("action")), child(path, "action"),
                                  seccompActions(), "action");
    if (!action)
        return action.error();
    rule.syscall.action = *action;
    const auto errnoRet = optionalErrno(*fields, "errnoRet", path);
    if (!errnoRet)
        return errnoRet.error();
    rule.syscall.errnoRet = *errnoRet;

    const QJsonValue args = fields->value(QLatin1String("args"));
    if (!args.isUndefined() && !args.isNull()) {
        if (!args.isArray())
            return wrongType(child(path, "args"), "an array", args);
        const QJsonArray array = args.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const auto arg = parseArg(array.at(i), indexPath(child(path, "args"), i));
            if (!arg)
                return arg.error();
            rule.syscall.args << *arg;
        }
    }

    const auto includes =
        parseCondition(fields->value(QLatin1String("includes")), child(path, "includes"));
    if (!includes)
        return includes.error();
    rule.includes = *includes;
    const auto excludes =
        parseCondition(fields->value(QLatin1String("excludes")), child(path, "excludes"));
    if (!excludes)
        return excludes.error();
    rule.excludes = *excludes;
    return rule;
}

Expected<SeccompProfile> SeccompProfile::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{QString(), QStringLiteral("not valid JSON: %1 at offset %2")
                                    .arg(parseError.errorString())
                                    .arg(parseError.offset)};
    if (!document.isObject())
        return Error{QString(), QStringLiteral("a seccomp profile must be a JSON object")};

    SeccompProfile profile;
    profile.m_document = document.object();
    const QJsonObject &root = profile.m_document;

    const QJsonValue defaultAction = root.value(QLatin1String("defaultAction"));
    if (defaultAction.isUndefined())
        return Error{QStringLiteral("defaultAction"),
                     QStringLiteral("missing (the action for syscalls no rule names)")};
    const auto action =
        knownName(defaultAction, QStringLiteral("defaultAction"), seccompActions(), "action");
    if (!action)
        return action.error();
    profile.m_base.defaultAction = *action;
    const auto defaultErrno = optionalErrno(root, "defaultErrnoRet", QString());
    if (!defaultErrno)
        return defaultErrno.error();
    profile.m_base.defaultErrnoRet = *defaultErrno;
    const auto flags = knownNames(root.value(QLatin1String("flags")), QStringLiteral("flags"),
                                  seccompFlags(), "flag");
    if (!flags)
        return flags.error();
    profile.m_base.flags = *flags;
    for (const auto &[key, target] :
         {std::pair{"listenerPath", &profile.m_base.listenerPath},
          std::pair{"listenerMetadata", &profile.m_base.listenerMetadata}}) {
        const auto text = optionalString(root, key, QString());
        if (!text)
            return text.error();
        *target = *text;
    }

    const auto architectures =
        knownNames(root.value(QLatin1String("architectures")), QStringLiteral("architectures"),
                   seccompArchitectures(), "architecture");
    if (!architectures)
        return architectures.error();
    profile.m_architectures = *architectures;

    const QJsonValue archMap = root.value(QLatin1String("archMap"));
    if (!archMap.isUndefined() && !archMap.isNull()) {
        if (!profile.m_architectures.isEmpty())
            return Error{QStringLiteral("archMap"),
                         QStringLiteral("use either architectures or archMap, not both")};
        if (!archMap.isArray())
            return wrongType(QStringLiteral("archMap"), "an array", archMap);
        const QJsonArray entries = archMap.toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const QString path = indexPath(QStringLiteral("archMap"), i);
            const auto entry = object(entries.at(i), path);
            if (!entry)
                return entry.error();
            const auto arch =
                knownName(entry->value(QLatin1String("architecture")), child(path, "architecture"),
                          seccompArchitectures(), "architecture");
            if (!arch)
                return arch.error();
            const auto subs =
                knownNames(entry->value(QLatin1String("subArchitectures")),
                           child(path, "subArchitectures"), seccompArchitectures(), "architecture");
            if (!subs)
                return subs.error();
            profile.m_archMap.append(ArchMapEntry{*arch, *subs});
        }
    }

    const QJsonValue syscalls = root.value(QLatin1String("syscalls"));
    if (!syscalls.isUndefined() && !syscalls.isNull()) {
        if (!syscalls.isArray())
            return wrongType(QStringLiteral("syscalls"), "an array", syscalls);
        const QJsonArray rules = syscalls.toArray();
        for (qsizetype i = 0; i < rules.size(); ++i) {
            const auto rule = parseRule(rules.at(i), indexPath(QStringLiteral("syscalls"), i));
            if (!rule)
                return rule.error();
            profile.m_rules.append(*rule);
        }
    }
    return profile;
}

Expected<SeccompProfile> SeccompProfile::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{
            QString(),
            QStringLiteral("cannot read seccomp profile %1: %2").arg(path, file.errorString())};
    auto profile = fromJson(file.readAll());
    if (!profile)
        return Error{profile.error().field,
                     QStringLiteral("%1 (in %2)").arg(profile.error().reason, path)};
    return profile;
}

SeccompProfile SeccompProfile::builtinDefault()
{
    static const SeccompProfile profile = [] {
        auto loaded = load(QStringLiteral(":/isolde/seccomp/default.json"));
        // The file is built into the library and checked by tst_seccompprofile.
        if (!loaded)
            qFatal("built-in seccomp profile: %s", qPrintable(loaded.error().toString()));
        return std::move(loaded).value();
    }();
    return profile;
}

bool SeccompProfile::matches(const Rule &rule, const QStringList &capabilities,
                             const SeccompHost &host)
{
    const auto kernelAtLeast = [&host](const KernelVersion &version) {
        return host.kernelMajor != version.major ? host.kernelMajor > version.major
                                                 : host.kernelMinor >= version.minor;
    };
    // Docker's rules: an exclude matches on any one capability, includes need every one.
    const Condition &ex = rule.excludes;
    if (!ex.arches.isEmpty() && archIn(ex.arches, host))
        return false;
    for (const QString &cap : ex.caps) {
        if (capabilityIn(cap, capabilities))
            return false;
    }
    if (ex.minKernel && kernelAtLeast(*ex.minKernel))
        return false;
    const Condition &in = rule.includes;
    if (!in.arches.isEmpty() && !archIn(in.arches, host))
        return false;
    for (const QString &cap : in.caps) {
        if (!capabilityIn(cap, capabilities))
            return false;
    }
    return !in.minKernel || kernelAtLeast(*in.minKernel);
}

Seccomp SeccompProfile::resolve(const QStringList &capabilities) const
{
    return resolve(capabilities, SeccompHost::current());
}

Seccomp SeccompProfile::resolve(const QStringList &capabilities, const SeccompHost &host) const
{
    Seccomp seccomp = m_base;
    seccomp.architectures = m_architectures;
    for (const ArchMapEntry &entry : m_archMap) {
        if (entry.architecture == host.architecture)
            seccomp.architectures << entry.architecture << entry.subArchitectures;
    }
    for (const Rule &rule : m_rules) {
        if (!matches(rule, capabilities, host))
            continue;
        SeccompSyscall syscall = rule.syscall;
        syscall.names = withoutSyscallsNewerThanLibseccomp(syscall.names);
        if (!syscall.names.isEmpty())
            seccomp.syscalls << syscall;
    }
    return seccomp;
}

} // namespace isolde::spec
