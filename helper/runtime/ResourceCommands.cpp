#include "ResourceCommands.h"

#include "Arguments.h"
#include "ContainerResources.h"
#include "spec/Units.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <csignal>
#include <cstdio>
#include <ctime>

namespace isolde::runtime {

using engine::StateStore;

namespace {

void printError(const QString &text)
{
    const QByteArray line = text.toLocal8Bit() + '\n';
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stderr);
}

// runc's update flags: the flag, where its value goes in linux.resources, and its kind.
enum class Kind { Integer, Unsigned, Bytes, Text };
struct UpdateFlag
{
    const char *flag;
    const char *section; // linux.resources.<section>
    const char *field;
    Kind kind;
};
constexpr UpdateFlag UpdateFlags[] = {
    {"cpu-quota", "cpu", "quota", Kind::Integer},
    {"cpu-period", "cpu", "period", Kind::Unsigned},
    {"cpu-shares", "cpu", "shares", Kind::Unsigned},
    {"cpuset-cpus", "cpu", "cpus", Kind::Text},
    {"cpuset-mems", "cpu", "mems", Kind::Text},
    {"memory", "memory", "limit", Kind::Bytes},
    {"memory-swap", "memory", "swap", Kind::Bytes},
    {"memory-reservation", "memory", "reservation", Kind::Bytes},
    {"pids-limit", "pids", "limit", Kind::Integer},
    {"blkio-weight", "blockIO", "weight", Kind::Unsigned},
};

QString updateOption(const UpdateFlag &flag)
{
    return QStringLiteral("--") + QLatin1String(flag.flag);
}

Expected<QJsonValue> flagValue(const UpdateFlag &flag, const QString &text)
{
    const QString name = updateOption(flag);
    bool ok = false;
    switch (flag.kind) {
    case Kind::Text:
        return QJsonValue(text);
    case Kind::Integer:
        if (const qint64 value = text.toLongLong(&ok); ok)
            return QJsonValue(value);
        break;
    case Kind::Unsigned:
        if (const qint64 value = text.toLongLong(&ok); ok && value >= 0)
            return QJsonValue(value);
        break;
    case Kind::Bytes: {
        if (text.trimmed() == QLatin1String("-1"))
            return QJsonValue(qint64(-1)); // unlimited, as runc takes it
        auto bytes = spec::parseByteSize(text);
        if (!bytes)
            return Error{name, bytes.error().reason};
        return QJsonValue(qint64(bytes.value()));
    }
    }
    return Error{name, QStringLiteral("\"%1\" is not a%2 number")
                           .arg(text, flag.kind == Kind::Unsigned ? QStringLiteral(" non-negative")
                                                                  : QString())};
}

Expected<QJsonObject> readResourcesFile(const QString &path)
{
    QFile file;
    const bool opened = path == QLatin1String("-")
                            ? file.open(stdin, QIODevice::ReadOnly)
                            : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return Error{QStringLiteral("-r"),
                     QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return Error{QStringLiteral("-r"),
                     QStringLiteral("%1 is not a linux.resources JSON object: %2")
                         .arg(path, parseError.error == QJsonParseError::NoError
                                        ? QStringLiteral("not an object")
                                        : parseError.errorString())};
    return document.object();
}

Expected<int> update(const StateStore &store, const QStringList &args)
{
    Syntax syntax{{QStringLiteral("--resources")}, {}, {{"-r", "--resources"}}, -1};
    for (const UpdateFlag &flag : UpdateFlags)
        syntax.valued.append(updateOption(flag));
    auto parsed = parseArguments(args, syntax);
    if (!parsed)
        return parsed.error();
    auto id = singleId(parsed.value());
    if (!id)
        return id.error();
    QJsonObject patch;
    if (parsed->options.contains(QStringLiteral("--resources"))) {
        auto file = readResourcesFile(parsed->options.value(QStringLiteral("--resources")));
        if (!file)
            return file.error();
        patch = file.value();
    }
    // Flags go over the file, field by field.
    for (const UpdateFlag &flag : UpdateFlags) {
        if (!parsed->options.contains(updateOption(flag)))
            continue;
        auto value = flagValue(flag, parsed->options.value(updateOption(flag)));
        if (!value)
            return value.error();
        const QString section = QLatin1String(flag.section);
        QJsonObject object = patch.value(section).toObject();
        object.insert(QLatin1String(flag.field), value.value());
        patch.insert(section, object);
    }
    if (patch.isEmpty())
        return Error{QStringLiteral("update"), QStringLiteral("nothing to update: give -r FILE "
                                                              "or a flag such as --memory")};
    auto updated = engine::updateResources(store, id.value(), patch);
    if (!updated)
        return updated.error();
    return 0;
}

Expected<int> pauseOrResume(const StateStore &store, const QStringList &args, bool pause)
{
    auto id = idArgument(args);
    if (!id)
        return id.error();
    auto done = pause ? engine::pauseContainer(store, id.value())
                      : engine::resumeContainer(store, id.value());
    if (!done)
        return done.error();
    return 0;
}

volatile sig_atomic_t stopRequested = 0;

void requestStop(int)
{
    stopRequested = 1;
}

// No SA_RESTART: the sleep between samples ends at once on Ctrl-C.
void stopOnInterrupt()
{
    struct sigaction action
    {};
    action.sa_handler = requestStop;
    for (const int signal : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(signal, &action, nullptr);
}

void sleepMs(int ms)
{
    const timespec duration{ms / 1000, long(ms % 1000) * 1'000'000L};
    ::nanosleep(&duration, nullptr);
}

Expected<int> events(const StateStore &store, const QStringList &args)
{
    const QString stats = QStringLiteral("--stats");
    const QString interval = QStringLiteral("--interval");
    auto parsed = parseArguments(args, {{interval}, {stats}, {}, -1});
    if (!parsed)
        return parsed.error();
    auto id = singleId(parsed.value());
    if (!id)
        return id.error();
    auto periodMs = parseInterval(parsed->options.value(interval, QStringLiteral("5s")));
    if (!periodMs)
        return periodMs.error();
    auto monitor = engine::ContainerMonitor::open(store, id.value());
    if (!monitor)
        return monitor.error();
    if (parsed->flags.contains(stats)) {
        const auto sample = monitor->sample();
        if (!sample)
            return Error{QStringLiteral("id"), QStringLiteral("the container's cgroup is gone")};
        print(QJsonDocument(*sample).toJson(QJsonDocument::Indented));
        return 0;
    }
    stopOnInterrupt();
    while (!stopRequested) {
        const auto sample = monitor->sample();
        if (!sample || !monitor->isRunning())
            break;
        print(QJsonDocument(*sample).toJson(QJsonDocument::Compact) + '\n');
        sleepMs(periodMs.value());
    }
    return 0;
}

Expected<int> gc(const StateStore &store, const QStringList &args)
{
    const QString parent = QStringLiteral("--cgroup-parent");
    auto parsed = parseArguments(args, {{parent}, {}, {}, -1});
    if (!parsed)
        return parsed.error();
    if (!parsed->positional.isEmpty())
        return Error{QStringLiteral("gc"), QStringLiteral("unexpected argument %1")
                                               .arg(parsed->positional.join(QLatin1Char(' ')))};
    auto report =
        engine::collectGarbage(store, parsed->options.value(parent, QStringLiteral("/isolde")));
    if (!report)
        return report.error();
    QByteArray text;
    for (const QString &id : std::as_const(report->stopped))
        text += "stopped container " + id.toUtf8() + '\n';
    for (const QString &path : std::as_const(report->removedCgroups))
        text += "removed cgroup " + path.toUtf8() + '\n';
    print(text);
    for (const Error &failure : std::as_const(report->failures))
        printError(QStringLiteral("gc: ") + failure.toString());
    return report->failures.isEmpty() ? 0 : 1;
}

} // namespace

Expected<int> parseInterval(const QString &text)
{
    static const QRegularExpression duration(QStringLiteral("^(\\d+(?:\\.\\d+)?)(ms|s|m)$"));
    const QRegularExpressionMatch match = duration.match(text.trimmed());
    const double amount = match.captured(1).toDouble();
    const double scale = match.captured(2) == QLatin1String("ms")  ? 1
                         : match.captured(2) == QLatin1String("s") ? 1000
                                                                   : 60000;
    const double ms = amount * scale;
    if (!match.hasMatch() || ms < 1 || ms > 86'400'000)
        return Error{QStringLiteral("--interval"),
                     QStringLiteral("\"%1\" is not a duration between 1ms and 24h, such as 1s "
                                    "or 500ms")
                         .arg(text)};
    return int(ms);
}

std::optional<Expected<int>> runResourceCommand(const StateStore &store, const QString &command,
                                                const QStringList &args)
{
    if (command == QLatin1String("update"))
        return update(store, args);
    if (command == QLatin1String("pause"))
        return pauseOrResume(store, args, true);
    if (command == QLatin1String("resume"))
        return pauseOrResume(store, args, false);
    if (command == QLatin1String("events"))
        return events(store, args);
    if (command == QLatin1String("gc"))
        return gc(store, args);
    return std::nullopt;
}

} // namespace isolde::runtime
