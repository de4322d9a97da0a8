#include "spec/OciSpec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSaveFile>
#include <cmath>
#include <concepts>
#include <limits>
#include <tuple>
#include <type_traits>
#include <utility>

namespace isolde::spec {

QString fieldPath(const QString &parent, QStringView key)
{
    return parent.isEmpty() ? key.toString() : parent + QLatin1Char('.') + key.toString();
}

QString indexPath(const QString &parent, qsizetype index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString entryPath(const QString &parent, const QString &key)
{
    return parent + QStringLiteral("[\"") + key + QStringLiteral("\"]");
}

namespace {

constexpr QStringView OciVersionKey = u"ociVersion";
constexpr QStringView ProcessKey = u"process";
constexpr QStringView RootKey = u"root";
constexpr QStringView HostnameKey = u"hostname";
constexpr QStringView DomainnameKey = u"domainname";
constexpr QStringView MountsKey = u"mounts";
constexpr QStringView LinuxKey = u"linux";
constexpr QStringView AnnotationsKey = u"annotations";

enum class Need { Optional, Required };

// ---------------------------------------------------------------------------------------------
// The field lists. Each typed section names its JSON keys once, here; reading, writing back
// and type checking all walk these lists, so they cannot disagree.

template<class S>
struct Tag
{};

template<class V>
void fields(V &v, Tag<User>)
{
    v(u"uid", &User::uid, Need::Required);
    v(u"gid", &User::gid, Need::Required);
    v(u"umask", &User::umask);
    v(u"additionalGids", &User::additionalGids);
    v(u"username", &User::username);
}

template<class V>
void fields(V &v, Tag<Rlimit>)
{
    v(u"type", &Rlimit::type, Need::Required);
    v(u"hard", &Rlimit::hard, Need::Required);
    v(u"soft", &Rlimit::soft, Need::Required);
}

template<class V>
void fields(V &v, Tag<Capabilities>)
{
    v(u"bounding", &Capabilities::bounding);
    v(u"effective", &Capabilities::effective);
    v(u"inheritable", &Capabilities::inheritable);
    v(u"permitted", &Capabilities::permitted);
    v(u"ambient", &Capabilities::ambient);
}

template<class V>
void fields(V &v, Tag<ConsoleSize>)
{
    v(u"height", &ConsoleSize::height, Need::Required);
    v(u"width", &ConsoleSize::width, Need::Required);
}

template<class V>
void fields(V &v, Tag<Process>)
{
    v(u"terminal", &Process::terminal);
    v(u"consoleSize", &Process::consoleSize);
    v(u"user", &Process::user, Need::Required);
    v(u"args", &Process::args, Need::Required);
    v(u"env", &Process::env);
    v(u"cwd", &Process::cwd, Need::Required);
    v(u"capabilities", &Process::capabilities);
    v(u"rlimits", &Process::rlimits);
    v(u"noNewPrivileges", &Process::noNewPrivileges);
    v(u"apparmorProfile", &Process::apparmorProfile);
    v(u"selinuxLabel", &Process::selinuxLabel);
    v(u"oomScoreAdj", &Process::oomScoreAdj);
}

template<class V>
void fields(V &v, Tag<Root>)
{
    v(u"path", &Root::path, Need::Required);
    v(u"readonly", &Root::readonly);
}

template<class V>
void fields(V &v, Tag<IdMapping>)
{
    v(u"containerID", &IdMapping::containerID, Need::Required);
    v(u"hostID", &IdMapping::hostID, Need::Required);
    v(u"size", &IdMapping::size, Need::Required);
}

template<class V>
void fields(V &v, Tag<Mount>)
{
    v(u"destination", &Mount::destination, Need::Required);
    v(u"type", &Mount::type);
    v(u"source", &Mount::source);
    v(u"options", &Mount::options);
    v(u"uidMappings", &Mount::uidMappings);
    v(u"gidMappings", &Mount::gidMappings);
}

template<class V>
void fields(V &v, Tag<Namespace>)
{
    v(u"type", &Namespace::type, Need::Required);
    v(u"path", &Namespace::path);
}

template<class V>
void fields(V &v, Tag<Device>)
{
    v(u"path", &Device::path, Need::Required);
    v(u"type", &Device::type, Need::Required);
    v(u"major", &Device::major);
    v(u"minor", &Device::minor);
    v(u"fileMode", &Device::fileMode);
    v(u"uid", &Device::uid);
    v(u"gid", &Device::gid);
}

template<class V>
void fields(V &v, Tag<DeviceRule>)
{
    v(u"allow", &DeviceRule::allow, Need::Required);
    v(u"type", &DeviceRule::type);
    v(u"major", &DeviceRule::major);
    v(u"minor", &DeviceRule::minor);
    v(u"access", &DeviceRule::access);
}

template<class V>
void fields(V &v, Tag<CpuResources>)
{
    v(u"shares", &CpuResources::shares);
    v(u"quota", &CpuResources::quota);
    v(u"period", &CpuResources::period);
    v(u"realtimeRuntime", &CpuResources::realtimeRuntime);
    v(u"realtimePeriod", &CpuResources::realtimePeriod);
    v(u"idle", &CpuResources::idle);
    v(u"cpus", &CpuResources::cpus);
    v(u"mems", &CpuResources::mems);
}

template<class V>
void fields(V &v, Tag<MemoryResources>)
{
    v(u"limit", &MemoryResources::limit);
    v(u"reservation", &MemoryResources::reservation);
    v(u"swap", &MemoryResources::swap);
    v(u"kernel", &MemoryResources::kernel);
    v(u"kernelTCP", &MemoryResources::kernelTCP);
    v(u"swappiness", &MemoryResources::swappiness);
    v(u"disableOOMKiller", &MemoryResources::disableOOMKiller);
    v(u"useHierarchy", &MemoryResources::useHierarchy);
    v(u"checkBeforeUpdate", &MemoryResources::checkBeforeUpdate);
}

template<class V>
void fields(V &v, Tag<WeightDevice>)
{
    v(u"major", &WeightDevice::major, Need::Required);
    v(u"minor", &WeightDevice::minor, Need::Required);
    v(u"weight", &WeightDevice::weight);
    v(u"leafWeight", &WeightDevice::leafWeight);
}

template<class V>
void fields(V &v, Tag<ThrottleDevice>)
{
    v(u"major", &ThrottleDevice::major, Need::Required);
    v(u"minor", &ThrottleDevice::minor, Need::Required);
    v(u"rate", &ThrottleDevice::rate, Need::Required);
}

template<class V>
void fields(V &v, Tag<BlockIoResources>)
{
    v(u"weight", &BlockIoResources::weight);
    v(u"leafWeight", &BlockIoResources::leafWeight);
    v(u"weightDevice", &BlockIoResources::weightDevice);
    v(u"throttleReadBpsDevice", &BlockIoResources::throttleReadBpsDevice);
    v(u"throttleWriteBpsDevice", &BlockIoResources::throttleWriteBpsDevice);
    v(u"throttleReadIOPSDevice", &BlockIoResources::throttleReadIOPSDevice);
    v(u"throttleWriteIOPSDevice", &BlockIoResources::throttleWriteIOPSDevice);
}

template<class V>
void fields(V &v, Tag<Resources>)
{
    v(u"devices", &Resources::devices);
    v(u"cpu", &Resources::cpu);
    v(u"memory", &Resources::memory);
    // The model flattens linux.resources.pids.limit.
    v.nested(u"pids", u"limit", &Resources::pidsLimit, Need::Required);
    v(u"blockIO", &Resources::blockIO);
    v(u"unified", &Resources::unified);
}

template<class V>
void fields(V &v, Tag<SeccompArg>)
{
    v(u"index", &SeccompArg::index, Need::Required);
    v(u"value", &SeccompArg::value, Need::Required);
    v(u"valueTwo", &SeccompArg::valueTwo);
    v(u"op", &SeccompArg::op, Need::Required);
}

template<class V>
void fields(V &v, Tag<SeccompSyscall>)
{
    v(u"names", &SeccompSyscall::names, Need::Required);
    v(u"action", &SeccompSyscall::action, Need::Required);
    v(u"errnoRet", &SeccompSyscall::errnoRet);
    v(u"args", &SeccompSyscall::args);
}

template<class V>
void fields(V &v, Tag<Seccomp>)
{
    v(u"defaultAction", &Seccomp::defaultAction, Need::Required);
    v(u"defaultErrnoRet", &Seccomp::defaultErrnoRet);
    v(u"architectures", &Seccomp::architectures);
    v(u"flags", &Seccomp::flags);
    v(u"listenerPath", &Seccomp::listenerPath);
    v(u"listenerMetadata", &Seccomp::listenerMetadata);
    v(u"syscalls", &Seccomp::syscalls);
}

template<class V>
void fields(V &v, Tag<Linux>)
{
    v(u"namespaces", &Linux::namespaces);
    v(u"uidMappings", &Linux::uidMappings);
    v(u"gidMappings", &Linux::gidMappings);
    v(u"sysctl", &Linux::sysctl);
    v(u"resources", &Linux::resources);
    v(u"cgroupsPath", &Linux::cgroupsPath);
    v(u"seccomp", &Linux::seccomp);
    v(u"rootfsPropagation", &Linux::rootfsPropagation);
    v(u"maskedPaths", &Linux::maskedPaths);
    v(u"readonlyPaths", &Linux::readonlyPaths);
    v(u"mountLabel", &Linux::mountLabel);
    v(u"devices", &Linux::devices);
}

// ---------------------------------------------------------------------------------------------
// Kinds of values.

template<class T>
struct IsOptional : std::false_type
{};
template<class T>
struct IsOptional<std::optional<T>> : std::true_type
{};

template<class T>
struct IsList : std::false_type
{};
template<class T>
struct IsList<QList<T>> : std::true_type
{};

template<class T>
concept Integer = std::integral<T> && !std::same_as<T, bool>;

template<class T>
concept Scalar = Integer<T> || std::same_as<T, bool> || std::same_as<T, QString>;

using StringMap = QMap<QString, QString>;

// QJsonValue keeps integers written without fraction or exponent exactly as qint64;
// toInteger() refuses whatever is not a whole number in the qint64 range.
std::optional<int64_t> toInt64(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const qint64 number = value.toInteger(0);
    if (number == 0 && value.toInteger(1) != 0)
        return std::nullopt;
    return number;
}

// Values above INT64_MAX (seccomp argument masks, RLIM_INFINITY) come out of Qt's parser as
// doubles. 18446744073709551615 rounds to 2^64 there; it means UINT64_MAX.
std::optional<uint64_t> toUInt64(const QJsonValue &value)
{
    if (const auto number = toInt64(value))
        return *number >= 0 ? std::optional<uint64_t>(uint64_t(*number)) : std::nullopt;
    if (!value.isDouble())
        return std::nullopt;
    constexpr double TwoTo63 = 9223372036854775808.0;
    constexpr double TwoTo64 = 18446744073709551616.0;
    const double number = value.toDouble();
    if (number < TwoTo63 || number > TwoTo64 || std::trunc(number) != number)
        return std::nullopt;
    return number == TwoTo64 ? std::numeric_limits<uint64_t>::max() : uint64_t(number);
}

template<Integer T>
std::optional<T> toIntegerOf(const QJsonValue &value)
{
    if constexpr (std::same_as<T, uint64_t>) {
        return toUInt64(value);
    } else {
        const auto number = toInt64(value);
        if (!number || !std::in_range<T>(*number))
            return std::nullopt;
        return T(*number);
    }
}

template<Integer T>
QJsonValue integerToJson(T value)
{
    // JSON text can carry any uint64, QJsonValue cannot: above INT64_MAX it becomes a double.
    if constexpr (std::same_as<T, uint64_t>) {
        if (value > uint64_t(std::numeric_limits<qint64>::max()))
            return QJsonValue(double(value));
    }
    return QJsonValue(qint64(value));
}

template<Scalar T>
QJsonValue scalarToJson(const T &value)
{
    if constexpr (Integer<T>)
        return integerToJson(value);
    else
        return QJsonValue(value);
}

// ---------------------------------------------------------------------------------------------
// Reading. With a problem list, the reader also reports, by JSON path, every field whose type
// is wrong and every required field that is missing; either way it leaves such a field at its
// default, so that a typed getter never fails. A list keeps one element per array entry, even
// a broken one, so that positions in the model and in the document agree.

class Reader
{
public:
    explicit Reader(QList<Error> *problems = nullptr)
        : m_problems(problems)
    {}

    template<class T>
    void read(const QJsonObject &object, QStringView key, const QString &path, T &out,
              Need need = Need::Optional)
    {
        // null reads as absent, as in the Go runtimes (runc, containerd) that write most specs.
        const auto it = object.constFind(key);
        if (it == object.constEnd() || it->isNull()) {
            if (need == Need::Required)
                report(fieldPath(path, key), QStringLiteral("is required"));
            return;
        }
        readValue(it.value(), fieldPath(path, key), out);
    }

    // Returns whether `out` was assigned.
    template<class T>
    bool readValue(const QJsonValue &value, const QString &path, T &out)
    {
        if constexpr (IsOptional<T>::value) {
            typename T::value_type inner{};
            if (!readValue(value, path, inner))
                return false;
            out = std::move(inner);
            return true;
        } else if constexpr (std::same_as<T, QString>) {
            if (!value.isString())
                return fail(path, QStringLiteral("must be a string"));
            out = value.toString();
            return true;
        } else if constexpr (std::same_as<T, bool>) {
            if (!value.isBool())
                return fail(path, QStringLiteral("must be true or false"));
            out = value.toBool();
            return true;
        } else if constexpr (Integer<T>) {
            const auto number = toIntegerOf<T>(value);
            if (!number)
                return fail(path, QStringLiteral("must be an integer from %1 to %2")
                                      .arg(std::numeric_limits<T>::min())
                                      .arg(std::numeric_limits<T>::max()));
            out = *number;
            return true;
        } else if constexpr (std::same_as<T, StringMap>) {
            return readMap(value, path, out);
        } else if constexpr (IsList<T>::value) {
            return readList(value, path, out);
        } else {
            return readObject(value, path, out);
        }
    }

    template<class S, class F>
    void operator()(QStringView key, F S::*member, Need need = Need::Optional)
    {
        read(*m_object, key, *m_path, static_cast<S *>(m_out)->*member, need);
    }

    template<class S, class F>
    void nested(QStringView outer, QStringView key, F S::*member, Need need)
    {
        const auto it = m_object->constFind(outer);
        if (it == m_object->constEnd() || it->isNull())
            return;
        const QString outerPath = fieldPath(*m_path, outer);
        if (!it->isObject())
            fail(outerPath, QStringLiteral("must be an object"));
        else
            read(it->toObject(), key, outerPath, static_cast<S *>(m_out)->*member, need);
    }

private:
    template<class T>
    bool readObject(const QJsonValue &value, const QString &path, T &out)
    {
        if (!value.isObject())
            return fail(path, QStringLiteral("must be an object"));
        const QJsonObject object = value.toObject();
        // The field list calls back into operator() for each member of `out`.
        const auto saved = std::tuple(m_object, m_path, m_out);
        m_object = &object;
        m_path = &path;
        m_out = &out;
        fields(*this, Tag<T>());
        std::tie(m_object, m_path, m_out) = saved;
        return true;
    }

    template<class E>
    bool readList(const QJsonValue &value, const QString &path, QList<E> &out)
    {
        if (!value.isArray())
            return fail(path, QStringLiteral("must be an array"));
        const QJsonArray array = value.toArray();
        out.clear();
        out.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i) {
            E element{};
            readValue(array.at(i), indexPath(path, i), element);
            out.append(std::move(element));
        }
        return true;
    }

    bool readMap(const QJsonValue &value, const QString &path, StringMap &out)
    {
        if (!value.isObject())
            return fail(path, QStringLiteral("must be an object of strings"));
        const QJsonObject object = value.toObject();
        out.clear();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            QString entry;
            readValue(it.value(), entryPath(path, it.key()), entry);
            out.insert(it.key(), entry);
        }
        return true;
    }

    void report(const QString &path, const QString &reason)
    {
        if (m_problems)
            m_problems->append(Error{path, reason});
    }

    bool fail(const QString &path, const QString &reason)
    {
        report(path, reason);
        return false;
    }

    QList<Error> *m_problems;
    // The object being read, while a field list runs.
    const QJsonObject *m_object = nullptr;
    const QString *m_path = nullptr;
    void *m_out = nullptr;
};

template<class T>
T readSection(const QJsonObject &document, QStringView key, T value = T())
{
    Reader().read(document, key, QString(), value);
    return value;
}

// ---------------------------------------------------------------------------------------------
// Writing back. `put` changes a key only when the typed value differs from what the document
// held (`old`, as read from it); a changed object is merged into the existing one, so unknown
// keys next to the changed fields stay. `old == nullptr` writes a fresh value. Empty strings,
// empty lists and empty optionals remove the key: absent means the same in the OCI spec.

template<class T>
void put(QJsonObject &object, QStringView key, const T *old, const T &now);

template<class T>
class Writer
{
public:
    Writer(QJsonObject &object, const T *old, const T &now)
        : m_object(object)
        , m_old(old)
        , m_now(now)
    {}

    template<class F>
    void operator()(QStringView key, F T::*member, Need = Need::Optional)
    {
        put(m_object, key, m_old ? &(m_old->*member) : nullptr, m_now.*member);
    }

    template<class F>
    void nested(QStringView outer, QStringView key, F T::*member, Need)
    {
        if (m_old && m_old->*member == m_now.*member)
            return;
        QJsonObject inner = m_object.value(outer).toObject();
        const F empty{};
        put(inner, key, m_old ? &(m_old->*member) : &empty, m_now.*member);
        if (inner.isEmpty())
            m_object.remove(outer);
        else
            m_object.insert(outer, inner);
    }

private:
    QJsonObject &m_object;
    const T *m_old;
    const T &m_now;
};

template<class T>
void putObject(QJsonObject &object, QStringView key, const T *old, const T &now)
{
    const QJsonValue existing = object.value(key);
    const bool merge = old && existing.isObject();
    QJsonObject target = merge ? existing.toObject() : QJsonObject();
    Writer<T> writer(target, merge ? old : nullptr, now);
    fields(writer, Tag<T>());
    object.insert(key, target);
}

template<class T>
QJsonObject freshObject(const T &value)
{
    QJsonObject object;
    Writer<T> writer(object, nullptr, value);
    fields(writer, Tag<T>());
    return object;
}

// How many fields two elements share, compared as JSON.
int likeness(const QJsonObject &a, const QJsonObject &b)
{
    int same = 0;
    for (auto it = a.constBegin(); it != a.constEnd(); ++it)
        same += b.value(it.key()) == it.value() ? 1 : 0;
    return same;
}

// Unchanged elements keep their JSON as it was, wherever they moved. A changed element is
// merged into the left-over object it has most fields in common with (the mount whose options
// were edited, the syscall rule whose action changed), so its unknown keys stay with it; one
// with nothing in common is written fresh.
template<class E>
void putObjectList(QJsonObject &object, QStringView key, const QList<E> *old, const QList<E> &now)
{
    const QJsonArray existing = old ? object.value(key).toArray() : QJsonArray();
    const qsizetype known = old ? std::min(existing.size(), old->size()) : 0;
    QList<bool> used(known, false);
    QList<std::optional<QJsonValue>> result(now.size());
    for (qsizetype i = 0; i < now.size(); ++i) {
        for (qsizetype j = 0; j < known; ++j) {
            if (!used[j] && old->at(j) == now.at(i)) {
                result[i] = existing.at(j);
                used[j] = true;
                break;
            }
        }
    }
    QList<QJsonObject> leftOver(known);
    for (qsizetype j = 0; j < known; ++j) {
        if (!used[j] && existing.at(j).isObject())
            leftOver[j] = freshObject(old->at(j));
    }
    QJsonArray array;
    for (qsizetype i = 0; i < now.size(); ++i) {
        if (!result[i]) {
            const QJsonObject wanted = freshObject(now.at(i));
            qsizetype best = -1;
            int bestLikeness = 0;
            for (qsizetype j = 0; j < known; ++j) {
                const int score =
                    used[j] || leftOver[j].isEmpty() ? 0 : likeness(wanted, leftOver[j]);
                if (score > bestLikeness) {
                    best = j;
                    bestLikeness = score;
                }
            }
            QJsonObject target = best < 0 ? QJsonObject() : existing.at(best).toObject();
            if (best >= 0)
                used[best] = true;
            Writer<E> writer(target, best < 0 ? nullptr : &old->at(best), now.at(i));
            fields(writer, Tag<E>());
            result[i] = target;
        }
        array.append(*result[i]);
    }
    object.insert(key, array);
}

void putMap(QJsonObject &object, QStringView key, const StringMap *old, const StringMap &now)
{
    QJsonObject map = old ? object.value(key).toObject() : QJsonObject();
    for (auto it = map.begin(); it != map.end();) {
        if (now.contains(it.key()))
            ++it;
        else
            it = map.erase(it);
    }
    for (auto it = now.constBegin(); it != now.constEnd(); ++it) {
        if (!old || !old->contains(it.key()) || old->value(it.key()) != it.value())
            map.insert(it.key(), it.value());
    }
    object.insert(key, map);
}

template<class T>
void put(QJsonObject &object, QStringView key, const T *old, const T &now)
{
    if (old && *old == now)
        return;
    if constexpr (IsOptional<T>::value) {
        if (!now)
            object.remove(key);
        else
            put(object, key, old && *old ? &**old : nullptr, *now);
    } else if constexpr (Scalar<T>) {
        if constexpr (std::same_as<T, QString>) {
            if (now.isEmpty()) {
                object.remove(key);
                return;
            }
        }
        object.insert(key, scalarToJson(now));
    } else if constexpr (std::same_as<T, StringMap>) {
        if (now.isEmpty())
            object.remove(key);
        else
            putMap(object, key, old, now);
    } else if constexpr (IsList<T>::value) {
        using E = typename T::value_type;
        if (now.isEmpty()) {
            object.remove(key);
        } else if constexpr (Scalar<E>) {
            QJsonArray array;
            for (const E &element : now)
                array.append(scalarToJson(element));
            object.insert(key, array);
        } else {
            putObjectList(object, key, old, now);
        }
    } else {
        putObject(object, key, old, now);
    }
}

template<class T>
void putSection(QJsonObject &document, QStringView key, const T &now)
{
    const T old = readSection<T>(document, key);
    put(document, key, &old, now);
}

// QJsonValue holds integers above INT64_MAX only as doubles, which QJsonDocument prints as
// 1.8446744073709552e+19: text that runc and crun refuse for a uint64 field (an rlimit of
// RLIM_INFINITY, a seccomp mask). Such values go out as marker strings, replaced afterwards by
// their digits.
constexpr auto BigIntegerMarker = u"\u0001uint64:";

QJsonValue markBigIntegers(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = markBigIntegers(it.value());
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = markBigIntegers(*it);
        return array;
    }
    if (!toInt64(value) && toUInt64(value))
        return QStringView(BigIntegerMarker).toString() + QString::number(*toUInt64(value));
    return value;
}

} // namespace

OciSpec::OciSpec(QJsonObject document)
    : m_document(std::move(document))
    , m_linux(readSection<Linux>(m_document, LinuxKey))
{}

Expected<OciSpec> OciSpec::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{QString(), QStringLiteral("not valid JSON (at byte %1: %2)")
                                    .arg(parseError.offset)
                                    .arg(parseError.errorString())};
    }
    if (!document.isObject())
        return Error{QString(), QStringLiteral("the top level must be a JSON object")};
    return OciSpec(document.object());
}

Expected<OciSpec> OciSpec::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QString(), QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    auto spec = fromJson(file.readAll());
    if (!spec)
        return Error{QString(), QStringLiteral("%1: %2").arg(path, spec.error().reason)};
    return spec;
}

QByteArray OciSpec::toJson() const
{
    static const QRegularExpression marked(QStringLiteral(R"re("\\u0001uint64:([0-9]+)")re"));
    const QJsonObject document = markBigIntegers(m_document).toObject();
    QString text = QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    return text.replace(marked, QStringLiteral("\\1")).toUtf8();
}

Expected<void> OciSpec::save(const QString &path) const
{
    // Write a new file and rename it over the old one, so that a crash never leaves half a
    // config.json behind.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QString(),
                     QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    file.write(toJson());
    if (!file.commit())
        return Error{QString(),
                     QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

QString OciSpec::ociVersion() const
{
    return readSection<QString>(m_document, OciVersionKey);
}

void OciSpec::setOciVersion(const QString &version)
{
    putSection(m_document, OciVersionKey, version);
}

Process OciSpec::process() const
{
    return readSection<Process>(m_document, ProcessKey);
}

bool OciSpec::hasProcess() const
{
    return m_document.value(ProcessKey).isObject();
}

void OciSpec::setProcess(const Process &process)
{
    putSection(m_document, ProcessKey, process);
}

Root OciSpec::root() const
{
    return readSection<Root>(m_document, RootKey);
}

void OciSpec::setRoot(const Root &root)
{
    putSection(m_document, RootKey, root);
}

QString OciSpec::hostname() const
{
    return readSection<QString>(m_document, HostnameKey);
}

void OciSpec::setHostname(const QString &hostname)
{
    putSection(m_document, HostnameKey, hostname);
}

QString OciSpec::domainname() const
{
    return readSection<QString>(m_document, DomainnameKey);
}

void OciSpec::setDomainname(const QString &domainname)
{
    putSection(m_document, DomainnameKey, domainname);
}

QList<Mount> OciSpec::mounts() const
{
    return readSection<QList<Mount>>(m_document, MountsKey);
}

void OciSpec::setMounts(const QList<Mount> &mounts)
{
    putSection(m_document, MountsKey, mounts);
}

Linux OciSpec::linux() const
{
    return m_linux;
}

void OciSpec::setLinux(const Linux &linux)
{
    putSection(m_document, LinuxKey, linux);
    m_linux = readSection<Linux>(m_document, LinuxKey);
}

QMap<QString, QString> OciSpec::annotations() const
{
    return readSection<StringMap>(m_document, AnnotationsKey);
}

void OciSpec::setAnnotations(const QMap<QString, QString> &annotations)
{
    putSection(m_document, AnnotationsKey, annotations);
}

QString OciSpec::annotation(const QString &key) const
{
    return annotations().value(key);
}

void OciSpec::setAnnotation(const QString &key, const QString &value)
{
    StringMap all = annotations();
    all.insert(key, value);
    setAnnotations(all);
}

QList<Error> OciSpec::schemaErrors() const
{
    QList<Error> problems;
    Reader reader(&problems);
    QString text;
    Process process;
    Root root;
    QList<Mount> mounts;
    Linux linux;
    StringMap annotations;
    reader.read(m_document, OciVersionKey, QString(), text, Need::Required);
    reader.read(m_document, ProcessKey, QString(), process, Need::Required);
    reader.read(m_document, RootKey, QString(), root, Need::Required);
    reader.read(m_document, HostnameKey, QString(), text);
    reader.read(m_document, DomainnameKey, QString(), text);
    reader.read(m_document, MountsKey, QString(), mounts);
    reader.read(m_document, LinuxKey, QString(), linux);
    reader.read(m_document, AnnotationsKey, QString(), annotations);
    return problems;
}

} // namespace isolde::spec
