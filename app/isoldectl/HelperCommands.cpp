#include "HelperCommands.h"

#include "DockerFormat.h"
#include "client/HelperClient.h"
#include "client/HelperProtocol.h"
#include "models/StatsHistory.h"
#include "spec/DockerFlags.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTimer>
#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace isolde::cli {

namespace {

using client::CallError;
using client::HelperClient;

constexpr int ExitUsage = 125;     // docker's code for its own command-line errors
constexpr int ExitRunFailed = 125; // docker run / create: the daemon refused
constexpr int ExitRefused = 1;     // any other command: the daemon refused
constexpr uint DefaultStopTimeout = 10;
constexpr uint StatsIntervalMs = 1000;

struct CommandInfo
{
    const char *name;
    const char *synopsis;
    const char *summary;
};

const CommandInfo commandTable[] = {
    {"run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container"},
    {"create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container"},
    {"start", "CONTAINER [CONTAINER...]", "Start one or more created containers"},
    {"stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers"},
    {"kill", "[OPTIONS] CONTAINER [CONTAINER...]", "Send a signal to one or more containers"},
    {"rm", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers"},
    {"ps", "[OPTIONS]", "List containers"},
    {"inspect", "CONTAINER [CONTAINER...]", "Show a container's config.json and state as JSON"},
    {"stats", "[OPTIONS] [CONTAINER...]", "Show containers' resource usage"},
    {"logs", "[OPTIONS] CONTAINER", "Show a container's output"},
    {"update", "[OPTIONS] CONTAINER [CONTAINER...]", "Change containers' resource limits"},
    {"pause", "CONTAINER [CONTAINER...]", "Freeze every process of one or more containers"},
    {"unpause", "CONTAINER [CONTAINER...]", "Thaw every process of one or more containers"},
    {"exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Run a command in a running container"},
    {"probe", "[OPTIONS] CONTAINER", "Show what the container sees beside what the host sees"},
    {"images", "[OPTIONS]", "List images"},
};

const CommandInfo *findCommand(const QString &name)
{
    for (const CommandInfo &info : commandTable) {
        if (name == QLatin1String(info.name))
            return &info;
    }
    return nullptr;
}

// One command's run: the client, the streams and the way out of the event loop.
struct Session
{
    QString command;
    QTextStream &out;
    QTextStream &err;
    HelperClient client;
    // What outlives one callback (log followers, the stats view); gone before the client.
    std::vector<std::shared_ptr<void>> keep;
    bool finished = false;

    Session(const QString &name, QTextStream &output, QTextStream &errors)
        : command(name)
        , out(output)
        , err(errors)
    {}

    void finish(int code)
    {
        if (finished)
            return;
        finished = true;
        out.flush();
        err.flush();
        QCoreApplication::exit(code);
    }

    // The helper's own sentence, on one line.
    void fail(const CallError &error, int code)
    {
        err << "isoldectl: " << error.toString() << '\n';
        finish(code);
    }

    int refusedCode() const
    {
        return command == QLatin1String("run") || command == QLatin1String("create") ? ExitRunFailed
                                                                                     : ExitRefused;
    }

    void usageError(const QString &message)
    {
        err << "isoldectl: " << message << "\nSee 'isoldectl " << command << " --help'.\n";
        finish(ExitUsage);
    }
};

void printHelp(Session &s, const QCommandLineParser *parser, const QString &options = {})
{
    const CommandInfo *info = findCommand(s.command);
    s.out << "Usage: isoldectl " << s.command << ' ' << info->synopsis << "\n\n"
          << info->summary << '\n'
          << options;
    if (parser) {
        // QCommandLineParser's text after its own usage line: the options.
        const QString help = parser->helpText();
        const qsizetype optionsAt = help.indexOf(QLatin1String("Options:"));
        if (optionsAt >= 0)
            s.out << '\n' << help.mid(optionsAt);
    }
    s.finish(0);
}

// Parses `args` for a command; false when it printed help or a usage error and finished.
bool parseOptions(Session &s, QCommandLineParser &parser, const QStringList &args,
                  qsizetype minimumOperands)
{
    const QCommandLineOption help(QStringList{QStringLiteral("help")},
                                  QStringLiteral("Print usage"));
    parser.addOption(help);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    if (!parser.parse(QStringList{QStringLiteral("isoldectl")} + args)) {
        s.usageError(parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        printHelp(s, &parser);
        return false;
    }
    if (parser.positionalArguments().size() < minimumOperands) {
        s.usageError(QStringLiteral("\"%1\" requires at least %2 argument%3.")
                         .arg(s.command)
                         .arg(minimumOperands)
                         .arg(minimumOperands == 1 ? "" : "s"));
        return false;
    }
    return true;
}

QString indentedJson(const QJsonDocument &document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

QString compactJson(const QJsonDocument &document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

// Runs `act` on each id in turn, printing the id as given when it succeeds (as docker does)
// and the helper's sentence when it fails; the exit code is 1 when any failed.
void forEachContainer(Session &s, const QStringList &ids,
                      std::function<void(const QString &, client::Reply<bool>)> act,
                      qsizetype index = 0, bool anyFailed = false)
{
    if (index == ids.size()) {
        s.finish(anyFailed ? ExitRefused : 0);
        return;
    }
    const QString id = ids.at(index);
    act(id, [&s, ids, act, index, anyFailed, id](bool, const CallError *error) {
        if (error)
            s.err << "isoldectl: " << error->toString() << '\n';
        else
            s.out << id << '\n';
        forEachContainer(s, ids, act, index + 1, anyFailed || error);
    });
}

// --- run and create ------------------------------------------------------------------------

struct RunArguments
{
    QStringList flags;
    QString image;
    QStringList command;
    bool detach = false;
};

std::optional<spec::DockerFlag> dockerFlag(const QString &name, QChar shorthand)
{
    static const QList<spec::DockerFlag> flags = spec::dockerFlags();
    for (const spec::DockerFlag &flag : flags) {
        if (name.isEmpty() ? flag.shorthand == shorthand : flag.name == name)
            return flag;
    }
    return std::nullopt;
}

// Splits `[docker run flags] IMAGE [CMD...]` where docker does: at the first word that is
// neither a flag nor a flag's value. -d/--detach is the command's own, not the spec's.
RunArguments splitRunArguments(const QStringList &args)
{
    RunArguments result;
    qsizetype i = 0;
    for (; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("--")) {
            ++i;
            break;
        }
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-"))
            break;
        if (arg == QLatin1String("-d") || arg == QLatin1String("--detach") ||
            arg == QLatin1String("--detach=true")) {
            result.detach = true;
            continue;
        }
        if (arg == QLatin1String("--detach=false"))
            continue;
        result.flags << arg;
        const bool isLong = arg.startsWith(QLatin1String("--"));
        const bool hasInlineValue = isLong ? arg.contains(QLatin1Char('=')) : arg.size() > 2;
        const std::optional<spec::DockerFlag> flag =
            isLong ? dockerFlag(arg.mid(2), QChar()) : dockerFlag(QString(), arg.at(1));
        // Unknown flags pass through: the spec parser names them in docker's words.
        if (flag && !flag->valueName.isEmpty() && !hasInlineValue && i + 1 < args.size())
            result.flags << args.at(++i);
    }
    result.image = args.value(i);
    result.command = args.mid(i + 1);
    return result;
}

// Ctrl-C and friends reach the container (docker run's --sig-proxy): the handler only writes
// the signal number to a pipe the event loop reads.
int signalPipe[2] = {-1, -1};

void forwardSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

void proxySignals(Session &s, const QString &id)
{
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &s.client);
    QObject::connect(notifier, &QSocketNotifier::activated, &s.client, [&s, id] {
        char byte = 0;
        while (::read(signalPipe[0], &byte, 1) == 1)
            s.client.kill(id, QString::number(int(byte)), [](bool, const CallError *) {});
    });
    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signalNumber : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
        ::sigaction(signalNumber, &action, nullptr);
}

// A container's output printed once per line, from Logs and from LogLines signals alike: a
// line is new when its RFC 3339 UTC time is later than the last one printed.
class LogPrinter
{
public:
    LogPrinter(Session &s, bool timestamps)
        : m_session(s)
        , m_timestamps(timestamps)
    {}

    void print(const QJsonArray &lines)
    {
        for (const QJsonValue &value : lines) {
            const QJsonObject line = value.toObject();
            const QString time = line.value(QLatin1String("time")).toString();
            if (!m_lastTime.isEmpty() && time <= m_lastTime)
                continue;
            m_lastTime = time;
            QTextStream &stream =
                line.value(QLatin1String("stream")).toString() == QLatin1String("stderr")
                    ? m_session.err
                    : m_session.out;
            if (m_timestamps)
                stream << time << ' ';
            stream << line.value(QLatin1String("line")).toString() << '\n';
            stream.flush();
        }
    }

    // Where to ask Logs to resume: the last printed line's millisecond (lines of that
    // millisecond already printed are skipped by print()).
    qint64 resumeMs() const
    {
        if (m_lastTime.isEmpty())
            return 0;
        // Nanoseconds cut to what QDateTime holds.
        static const QRegularExpression beyondMs(QStringLiteral("(\\.\\d{3})\\d+"));
        QString time = m_lastTime;
        time.replace(beyondMs, QStringLiteral("\\1"));
        return QDateTime::fromString(time, Qt::ISODateWithMs).toMSecsSinceEpoch();
    }

private:
    Session &m_session;
    bool m_timestamps;
    QString m_lastTime;
};

// Follows `id`'s output until it stops: `history` (Logs' answer) first, the lines that arrived
// meanwhile after it, then signals; once stopped, the rest from Logs and `done`.
class LogFollower
{
public:
    LogFollower(Session &s, const QString &id, bool timestamps)
        : m_session(s)
        , m_id(id)
        , m_printer(s, timestamps)
    {
        QObject::connect(&s.client, &HelperClient::logLines, &s.client,
                         [this](const QString &lineId, const QJsonArray &lines) {
                             if (lineId != m_id)
                                 return;
                             if (m_historyShown)
                                 m_printer.print(lines);
                             else
                                 m_pending.append(lines);
                         });
        QObject::connect(&s.client, &HelperClient::containerStateChanged, &s.client,
                         [this](const QString &stateId, const QString &state) {
                             if (stateId == m_id && isEnd(state))
                                 drain();
                         });
    }

    static bool isEnd(const QString &state)
    {
        return state == QLatin1String("stopped") || state == QLatin1String("removed");
    }

    void showHistory(const QJsonArray &history)
    {
        m_printer.print(history);
        m_historyShown = true;
        for (const QJsonArray &lines : std::as_const(m_pending))
            m_printer.print(lines);
        m_pending.clear();
    }

    // Prints what is left, then calls `done` once.
    void drain()
    {
        if (m_draining)
            return;
        m_draining = true;
        m_session.client.logs(m_id, m_printer.resumeMs(), -1,
                              [this](const QJsonArray &lines, const CallError *) {
                                  if (m_historyShown)
                                      m_printer.print(lines);
                                  if (onEnd)
                                      onEnd();
                              });
    }

    std::function<void()> onEnd;

private:
    Session &m_session;
    QString m_id;
    LogPrinter m_printer;
    QList<QJsonArray> m_pending;
    bool m_historyShown = false;
    bool m_draining = false;
};

void runForeground(Session &s, const QString &id, bool autoremove)
{
    auto owned = std::make_shared<LogFollower>(s, id, false);
    s.keep.push_back(owned);
    LogFollower *follower = owned.get();
    // The container's own exit code, read before the container (if --rm) goes.
    follower->onEnd = [&s, id, autoremove] {
        s.client.inspect(
            id, [&s, id, autoremove](const QJsonObject &inspect, const CallError *error) {
                if (error) {
                    s.fail(*error, ExitRunFailed);
                    return;
                }
                const int code = inspect.value(QLatin1String("state"))
                                     .toObject()
                                     .value(QLatin1String("exit_code"))
                                     .toInt();
                if (!autoremove) {
                    s.finish(code);
                    return;
                }
                s.client.remove(id, true, [&s, code](bool, const CallError *removeError) {
                    if (removeError)
                        s.err << "isoldectl: " << removeError->toString() << '\n';
                    s.finish(code);
                });
            });
    };
    s.client.followLogs(id, [&s, id, follower, autoremove](bool, const CallError *error) {
        if (error) {
            s.fail(*error, ExitRunFailed);
            return;
        }
        follower->showHistory({});
        proxySignals(s, id);
        s.client.start(id, [&s, id, autoremove](bool, const CallError *startError) {
            if (!startError)
                return;
            s.err << "isoldectl: " << startError->toString() << '\n';
            if (!autoremove) {
                s.finish(ExitRunFailed);
                return;
            }
            s.client.remove(id, true, [&s](bool, const CallError *) { s.finish(ExitRunFailed); });
        });
    });
}

void runOrCreate(Session &s, const QStringList &args)
{
    const bool run = s.command == QLatin1String("run");
    if (args.contains(QLatin1String("--help"))) {
        printHelp(s, nullptr,
                  QStringLiteral("\nOptions:\n") +
                      (run ? QStringLiteral("  -d, --detach   Run in the background and print "
                                            "the container id\n")
                           : QString()) +
                      spec::dockerFlagsHelp());
        return;
    }
    const RunArguments parts = splitRunArguments(args);
    if (parts.image.isEmpty()) {
        s.usageError(QStringLiteral("\"%1\" requires at least 1 argument.").arg(s.command));
        return;
    }
    QStringList dockerArgs = parts.flags;
    dockerArgs << QStringLiteral("--image") << parts.image;
    if (!parts.command.isEmpty())
        dockerArgs << QStringLiteral("--") << parts.command;
    Expected<spec::OciSpec> made = spec::specFromDockerArgs(dockerArgs);
    if (!made) {
        s.usageError(made.error().reason + QLatin1Char('.'));
        return;
    }
    spec::OciSpec &config = *made;
    const bool autoremove =
        config.annotation(QLatin1String(spec::AnnotationAutoremove)) == QLatin1String("true");
    // In the foreground isoldectl removes the container itself, after reading its exit code.
    const bool foreground = run && !parts.detach;
    if (foreground && autoremove) {
        QMap<QString, QString> annotations = config.annotations();
        annotations.remove(QLatin1String(spec::AnnotationAutoremove));
        config.setAnnotations(annotations);
    }
    s.client.create(config.toJson(), config.annotation(QLatin1String(spec::AnnotationName)),
                    parts.image,
                    [&s, run, foreground, autoremove](const QString &id, const CallError *error) {
                        if (error) {
                            s.fail(*error, ExitRunFailed);
                            return;
                        }
                        if (!run) {
                            s.out << id << '\n';
                            s.finish(0);
                        } else if (foreground) {
                            runForeground(s, id, autoremove);
                        } else {
                            s.client.start(id, [&s, id](bool, const CallError *startError) {
                                if (startError) {
                                    s.fail(*startError, ExitRunFailed);
                                    return;
                                }
                                s.out << id << '\n';
                                s.finish(0);
                            });
                        }
                    });
}

// --- one act on each container -------------------------------------------------------------

void start(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    if (!parseOptions(s, parser, args, 1))
        return;
    forEachContainer(s, parser.positionalArguments(),
                     [&s](const QString &id, auto done) { s.client.start(id, std::move(done)); });
}

void stop(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption time(
        {QStringLiteral("t"), QStringLiteral("time"), QStringLiteral("timeout")},
        QStringLiteral("Seconds to wait before killing the container"), QStringLiteral("seconds"),
        QString::number(DefaultStopTimeout));
    parser.addOption(time);
    if (!parseOptions(s, parser, args, 1))
        return;
    bool ok = false;
    const uint seconds = parser.value(time).toUInt(&ok);
    if (!ok) {
        s.usageError(QStringLiteral("invalid argument \"%1\" for \"-t, --time\" flag: not a "
                                    "number of seconds")
                         .arg(parser.value(time)));
        return;
    }
    forEachContainer(s, parser.positionalArguments(), [&s, seconds](const QString &id, auto done) {
        s.client.stop(id, seconds, std::move(done));
    });
}

void killContainers(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption signal({QStringLiteral("s"), QStringLiteral("signal")},
                                    QStringLiteral("Signal to send to the container"),
                                    QStringLiteral("signal"), QStringLiteral("KILL"));
    parser.addOption(signal);
    if (!parseOptions(s, parser, args, 1))
        return;
    const QString name = parser.value(signal);
    forEachContainer(s, parser.positionalArguments(), [&s, name](const QString &id, auto done) {
        s.client.kill(id, name, std::move(done));
    });
}

void removeContainers(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption force({QStringLiteral("f"), QStringLiteral("force")},
                                   QStringLiteral("Kill a running container first"));
    parser.addOption(force);
    if (!parseOptions(s, parser, args, 1))
        return;
    const bool forced = parser.isSet(force);
    forEachContainer(s, parser.positionalArguments(), [&s, forced](const QString &id, auto done) {
        s.client.remove(id, forced, std::move(done));
    });
}

void pauseOrResume(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    if (!parseOptions(s, parser, args, 1))
        return;
    const bool pause = s.command == QLatin1String("pause");
    forEachContainer(s, parser.positionalArguments(), [&s, pause](const QString &id, auto done) {
        if (pause)
            s.client.pause(id, std::move(done));
        else
            s.client.resume(id, std::move(done));
    });
}

// docker update's flags, as docker run spells them.
const QStringList updateFlags = {
    QStringLiteral("cpus"),
    QStringLiteral("cpu-shares"),
    QStringLiteral("cpu-period"),
    QStringLiteral("cpu-quota"),
    QStringLiteral("cpuset-cpus"),
    QStringLiteral("cpuset-mems"),
    QStringLiteral("memory"),
    QStringLiteral("memory-swap"),
    QStringLiteral("memory-reservation"),
    QStringLiteral("pids-limit"),
    QStringLiteral("blkio-weight"),
};

void update(Session &s, const QStringList &args)
{
    if (args.contains(QLatin1String("--help"))) {
        QString options = QStringLiteral("\nOptions (as docker run reads them):\n");
        for (const spec::DockerFlag &flag : spec::dockerFlags()) {
            if (updateFlags.contains(flag.name))
                options +=
                    QStringLiteral("  --%1 %2   %3\n").arg(flag.name, flag.valueName, flag.usage);
        }
        printHelp(s, nullptr, options);
        return;
    }
    const RunArguments parts = splitRunArguments(args);
    for (const QString &flag : parts.flags) {
        if (!flag.startsWith(QLatin1Char('-')))
            continue; // a flag's value
        const QString name = flag.startsWith(QLatin1String("--"))
                                 ? flag.mid(2).section(QLatin1Char('='), 0, 0)
                                 : QString();
        const std::optional<spec::DockerFlag> known =
            name.isEmpty() ? dockerFlag(QString(), flag.at(1)) : dockerFlag(name, QChar());
        if (!known || !updateFlags.contains(known->name) || parts.detach) {
            s.usageError(
                QStringLiteral("unknown flag: %1").arg(flag.section(QLatin1Char('='), 0, 0)));
            return;
        }
    }
    if (parts.flags.isEmpty()) {
        s.usageError(QStringLiteral("you must provide one or more flags when using this command"));
        return;
    }
    if (parts.image.isEmpty()) {
        s.usageError(QStringLiteral("\"update\" requires at least 1 argument."));
        return;
    }
    // The run parser turns the flags into linux.resources; the default spec's device rules
    // are not the user's to change here.
    const Expected<spec::OciSpec> made = spec::specFromDockerArgs(parts.flags);
    if (!made) {
        s.usageError(made.error().reason + QLatin1Char('.'));
        return;
    }
    QJsonObject resources = made->document()
                                .value(QLatin1String("linux"))
                                .toObject()
                                .value(QLatin1String("resources"))
                                .toObject();
    resources.remove(QLatin1String("devices"));
    forEachContainer(s, QStringList{parts.image} + parts.command,
                     [&s, resources](const QString &id, auto done) {
                         s.client.update(id, resources, std::move(done));
                     });
}

// --- lists ---------------------------------------------------------------------------------

QString commandText(const QJsonValue &command)
{
    if (command.isArray()) {
        QStringList words;
        for (const QJsonValue &word : command.toArray())
            words << word.toString();
        return words.join(QLatin1Char(' '));
    }
    return command.toString();
}

void ps(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption all(
        {QStringLiteral("a"), QStringLiteral("all")},
        QStringLiteral("Show all containers (default shows just running)"));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Only display container IDs"));
    const QCommandLineOption noTrunc(QStringLiteral("no-trunc"),
                                     QStringLiteral("Don't truncate output"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the helper's summaries as JSON"));
    parser.addOptions({all, quiet, noTrunc, json});
    if (!parseOptions(s, parser, args, 0))
        return;
    const bool showAll = parser.isSet(all);
    const bool quietly = parser.isSet(quiet);
    const bool full = parser.isSet(noTrunc);
    const bool asJson = parser.isSet(json);
    s.client.list([&s, showAll, quietly, full, asJson](const QJsonArray &summaries,
                                                       const CallError *error) {
        if (error) {
            s.fail(*error, ExitRefused);
            return;
        }
        QList<QJsonObject> shown;
        for (const QJsonValue &value : summaries) {
            const QJsonObject summary = value.toObject();
            const QString state = summary.value(QLatin1String("state")).toString();
            if (showAll || state == QLatin1String("running") || state == QLatin1String("paused"))
                shown << summary;
        }
        // Newest first, as docker lists them.
        std::stable_sort(shown.begin(), shown.end(),
                         [](const QJsonObject &a, const QJsonObject &b) {
                             return timestampOf(a.value(QLatin1String("created"))) >
                                    timestampOf(b.value(QLatin1String("created")));
                         });
        if (asJson) {
            QJsonArray array;
            for (const QJsonObject &summary : std::as_const(shown))
                array.append(summary);
            s.out << indentedJson(QJsonDocument(array));
            s.finish(0);
            return;
        }
        const auto id = [full](const QJsonObject &summary) {
            const QString value = summary.value(QLatin1String("id")).toString();
            return full ? value : shortId(value);
        };
        if (quietly) {
            for (const QJsonObject &summary : std::as_const(shown))
                s.out << id(summary) << '\n';
            s.finish(0);
            return;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<QStringList> rows;
        for (const QJsonObject &summary : std::as_const(shown)) {
            QString command = commandText(summary.value(QLatin1String("command")));
            if (!full && command.size() > 20)
                command = command.left(19) + QChar(0x2026);
            rows << QStringList{id(summary),
                                summary.value(QLatin1String("image")).toString(),
                                QLatin1Char('"') + command + QLatin1Char('"'),
                                ageOf(timestampOf(summary.value(QLatin1String("created"))), now),
                                dockerStatus(summary, now),
                                summary.value(QLatin1String("name")).toString()};
        }
        printTable(s.out,
                   {QStringLiteral("CONTAINER ID"), QStringLiteral("IMAGE"),
                    QStringLiteral("COMMAND"), QStringLiteral("CREATED"), QStringLiteral("STATUS"),
                    QStringLiteral("NAMES")},
                   rows);
        s.finish(0);
    });
}

void images(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Only show image names"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the helper's image list as JSON"));
    parser.addOptions({quiet, json});
    if (!parseOptions(s, parser, args, 0))
        return;
    const bool quietly = parser.isSet(quiet);
    const bool asJson = parser.isSet(json);
    s.client.listImages([&s, quietly, asJson](const QJsonArray &list, const CallError *error) {
        if (error) {
            s.fail(*error, ExitRefused);
            return;
        }
        if (asJson) {
            s.out << indentedJson(QJsonDocument(list));
            s.finish(0);
            return;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<QStringList> rows;
        for (const QJsonValue &value : list) {
            const QJsonObject image = value.toObject();
            const QString name = image.value(QLatin1String("name")).toString();
            if (quietly) {
                s.out << name << '\n';
                continue;
            }
            rows << QStringList{name, shortId(image.value(QLatin1String("digest")).toString()),
                                ageOf(timestampOf(image.value(QLatin1String("created"))), now),
                                decimalSize(image.value(QLatin1String("size")).toDouble())};
        }
        if (!quietly) {
            printTable(s.out,
                       {QStringLiteral("NAME"), QStringLiteral("IMAGE ID"),
                        QStringLiteral("CREATED"), QStringLiteral("SIZE")},
                       rows);
        }
        s.finish(0);
    });
}

void inspectEach(Session &s, const QStringList &ids, QJsonArray found, bool anyMissing)
{
    if (ids.isEmpty()) {
        s.out << indentedJson(QJsonDocument(found));
        s.finish(anyMissing ? ExitRefused : 0);
        return;
    }
    s.client.inspect(ids.first(), [&s, ids, found, anyMissing](const QJsonObject &object,
                                                               const CallError *error) mutable {
        if (error)
            s.err << "isoldectl: " << error->toString() << '\n';
        else
            found.append(object);
        inspectEach(s, ids.mid(1), found, anyMissing || error);
    });
}

void inspect(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    if (parseOptions(s, parser, args, 1))
        inspectEach(s, parser.positionalArguments(), {}, false);
}

// --- stats ---------------------------------------------------------------------------------

qint64 hostMemory()
{
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> words = meminfo.readLine().simplified().split(' ');
    return words.value(1).toLongLong() * 1024; // "MemTotal: N kB"
}

class StatsView
{
public:
    StatsView(Session &s, bool asJson, bool stream)
        : m_session(s)
        , m_json(asJson)
        , m_clear(stream && ::isatty(STDOUT_FILENO))
    {}

    QMap<QString, QString> names; // id -> name

    void show(const QJsonObject &batch)
    {
        if (m_json) {
            m_session.out << compactJson(QJsonDocument(batch)) << '\n';
            m_session.out.flush();
            return;
        }
        QList<QStringList> rows;
        const qint64 host = hostMemory();
        for (auto it = batch.begin(); it != batch.end(); ++it) {
            const QJsonObject sample = it.value().toObject();
            const auto number = [&sample](const char *key) {
                return sample.value(QLatin1String(key)).toDouble();
            };
            // CPU % as docker stats shows it, from this sample and the one before.
            QString cpu = QStringLiteral("--");
            m_history.addSample(it.key(), sample);
            if (const models::StatsRing *points = m_history.points(it.key());
                points && !points->isEmpty())
                cpu = QString::number(points->last().cpuPercent, 'f', 2) + QLatin1Char('%');
            const double memory = sample.contains(QLatin1String("memory_working_set"))
                                      ? number("memory_working_set")
                                      : number("memory_usage");
            const double limit = sample.contains(QLatin1String("memory_limit"))
                                     ? number("memory_limit")
                                     : double(host);
            rows << QStringList{shortId(it.key()),
                                names.value(it.key()),
                                cpu,
                                binarySize(memory) + QStringLiteral(" / ") + binarySize(limit),
                                limit > 0 ? QString::number(100.0 * memory / limit, 'f', 2) +
                                                QLatin1Char('%')
                                          : QStringLiteral("--"),
                                decimalSize(number("io_read_bytes")) + QStringLiteral(" / ") +
                                    decimalSize(number("io_write_bytes")),
                                QString::number(qint64(number("pids")))};
        }
        if (m_clear)
            m_session.out << "\033[2J\033[H";
        printTable(m_session.out,
                   {QStringLiteral("CONTAINER ID"), QStringLiteral("NAME"), QStringLiteral("CPU %"),
                    QStringLiteral("MEM USAGE / LIMIT"), QStringLiteral("MEM %"),
                    QStringLiteral("BLOCK I/O"), QStringLiteral("PIDS")},
                   rows);
        m_session.out.flush();
    }

    // The first sample only primes CPU % for a table; JSON carries raw counters already.
    bool needsSecondSample() const { return !m_json; }

    void prime(const QJsonObject &batch) { m_history.addBatch(batch); }

private:
    Session &m_session;
    bool m_json;
    bool m_clear;
    // One point per container is all a table shows.
    models::StatsHistory m_history{1};
};

void stats(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption noStream(QStringLiteral("no-stream"),
                                      QStringLiteral("Print one sample and exit"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the helper's raw samples, one JSON "
                                                 "object a line"));
    parser.addOptions({noStream, json});
    if (!parseOptions(s, parser, args, 0))
        return;
    const bool stream = !parser.isSet(noStream);
    auto owned = std::make_shared<StatsView>(s, parser.isSet(json), stream);
    s.keep.push_back(owned);
    StatsView *view = owned.get();
    const QStringList wanted = parser.positionalArguments();
    // Names and full ids from the list; the stats are keyed by full id.
    s.client.list([&s, view, wanted, stream](const QJsonArray &summaries, const CallError *error) {
        if (error) {
            s.fail(*error, ExitRefused);
            return;
        }
        QStringList ids;
        for (const QString &wantedId : wanted) {
            QString match;
            for (const QJsonValue &value : summaries) {
                const QJsonObject summary = value.toObject();
                const QString id = summary.value(QLatin1String("id")).toString();
                if (id.startsWith(wantedId) ||
                    summary.value(QLatin1String("name")).toString() == wantedId)
                    match = id;
            }
            if (match.isEmpty()) {
                s.err << "isoldectl: No such container: " << wantedId << '\n';
                s.finish(ExitRefused);
                return;
            }
            ids << match;
        }
        for (const QJsonValue &value : summaries) {
            const QJsonObject summary = value.toObject();
            view->names.insert(summary.value(QLatin1String("id")).toString(),
                               summary.value(QLatin1String("name")).toString());
        }
        if (stream) {
            QObject::connect(&s.client, &HelperClient::statsBatch, &s.client,
                             [view](const QJsonObject &batch) { view->show(batch); });
            s.client.subscribeStats(ids, StatsIntervalMs,
                                    [&s](bool, const CallError *subscribeError) {
                                        if (subscribeError)
                                            s.fail(*subscribeError, ExitRefused);
                                    });
            return;
        }
        s.client.stats(ids, [&s, view, ids](const QJsonObject &first, const CallError *statsError) {
            if (statsError) {
                s.fail(*statsError, ExitRefused);
                return;
            }
            if (!view->needsSecondSample()) {
                view->show(first);
                s.finish(0);
                return;
            }
            view->prime(first);
            // docker stats --no-stream also waits one interval so that CPU % means something.
            QTimer::singleShot(StatsIntervalMs, &s.client, [&s, view, ids] {
                s.client.stats(ids,
                               [&s, view](const QJsonObject &second, const CallError *secondError) {
                                   if (secondError) {
                                       s.fail(*secondError, ExitRefused);
                                       return;
                                   }
                                   view->show(second);
                                   s.finish(0);
                               });
            });
        });
    });
}

// --- logs, exec, probe ---------------------------------------------------------------------

// docker logs --since: a Unix time ("1700000000.5"), an RFC 3339 time or an age ("10m").
std::optional<qint64> sinceMs(const QString &text)
{
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok)
        return qint64(seconds * 1000);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (time.isValid())
        return time.toMSecsSinceEpoch();
    static const QList<std::pair<QChar, qint64>> units = {
        {u'h', 3600000}, {u'm', 60000}, {u's', 1000}};
    for (const auto &[suffix, ms] : units) {
        if (text.endsWith(suffix)) {
            const double amount = text.chopped(1).toDouble(&ok);
            if (ok)
                return QDateTime::currentMSecsSinceEpoch() - qint64(amount * double(ms));
        }
    }
    return std::nullopt;
}

void logs(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption follow({QStringLiteral("f"), QStringLiteral("follow")},
                                    QStringLiteral("Follow log output"));
    const QCommandLineOption since(QStringLiteral("since"),
                                   QStringLiteral("Show logs since a time (e.g. "
                                                  "2024-01-02T13:23:37Z) or age (e.g. 42m)"),
                                   QStringLiteral("time"));
    const QCommandLineOption tail({QStringLiteral("n"), QStringLiteral("tail")},
                                  QStringLiteral("Number of lines to show from the end"),
                                  QStringLiteral("lines"), QStringLiteral("all"));
    const QCommandLineOption timestamps({QStringLiteral("t"), QStringLiteral("timestamps")},
                                        QStringLiteral("Show timestamps"));
    parser.addOptions({follow, since, tail, timestamps});
    if (!parseOptions(s, parser, args, 1))
        return;
    const std::optional<qint64> from = sinceMs(parser.value(since));
    if (!from) {
        s.usageError(QStringLiteral("invalid value for \"since\": %1").arg(parser.value(since)));
        return;
    }
    int lines = -1;
    if (parser.value(tail) != QLatin1String("all")) {
        bool ok = false;
        lines = parser.value(tail).toInt(&ok);
        if (!ok || lines < 0) {
            s.usageError(QStringLiteral("invalid value for \"tail\": %1").arg(parser.value(tail)));
            return;
        }
    }
    const QString given = parser.positionalArguments().first();
    const bool following = parser.isSet(follow);
    const bool stamped = parser.isSet(timestamps);
    if (!following) {
        s.client.logs(given, *from, lines,
                      [&s, stamped](const QJsonArray &history, const CallError *error) {
                          if (error) {
                              s.fail(*error, ExitRefused);
                              return;
                          }
                          LogPrinter(s, stamped).print(history);
                          s.finish(0);
                      });
        return;
    }
    // Signals carry the full id: learn it first, then follow before reading the history so
    // that no line falls between the two.
    s.client.inspect(
        given, [&s, from, lines, stamped](const QJsonObject &inspected, const CallError *error) {
            if (error) {
                s.fail(*error, ExitRefused);
                return;
            }
            const QString id = inspected.value(QLatin1String("id")).toString();
            auto owned = std::make_shared<LogFollower>(s, id, stamped);
            s.keep.push_back(owned);
            LogFollower *follower = owned.get();
            follower->onEnd = [&s] { s.finish(0); };
            s.client.followLogs(id, [&s, id, follower, from, lines](bool,
                                                                    const CallError *followError) {
                if (followError) {
                    s.fail(*followError, ExitRefused);
                    return;
                }
                s.client.logs(
                    id, *from, lines,
                    [&s, id, follower](const QJsonArray &history, const CallError *logsError) {
                        if (logsError) {
                            s.fail(*logsError, ExitRefused);
                            return;
                        }
                        follower->showHistory(history);
                        // A container that had already stopped sends no more state changes.
                        s.client.inspect(id, [follower](const QJsonObject &now, const CallError *) {
                            const QString state = now.value(QLatin1String("state"))
                                                      .toObject()
                                                      .value(QLatin1String("status"))
                                                      .toString();
                            if (now.isEmpty() || LogFollower::isEnd(state))
                                follower->drain();
                        });
                    });
            });
        });
}

void execProcess(Session &s, const QString &id, const QJsonObject &process)
{
    // ExecExited may overtake Exec's reply only in theory; keep early ones by pid anyway.
    auto exits = std::make_shared<QMap<int, int>>();
    auto pid = std::make_shared<int>(0);
    QObject::connect(&s.client, &HelperClient::execExited, &s.client,
                     [&s, exits, pid](const QString &, int exitedPid, int exitCode) {
                         if (*pid == 0)
                             exits->insert(exitedPid, exitCode);
                         else if (exitedPid == *pid)
                             s.finish(exitCode);
                     });
    s.client.exec(id, process, STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO,
                  [&s, exits, pid](int started, const CallError *error) {
                      if (error) {
                          s.fail(*error, ExitRefused);
                          return;
                      }
                      *pid = started;
                      if (exits->contains(started))
                          s.finish(exits->value(started));
                  });
}

void exec(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption env({QStringLiteral("e"), QStringLiteral("env")},
                                 QStringLiteral("Set environment variables"),
                                 QStringLiteral("list"));
    const QCommandLineOption workdir({QStringLiteral("w"), QStringLiteral("workdir")},
                                     QStringLiteral("Working directory inside the container"),
                                     QStringLiteral("string"));
    const QCommandLineOption user({QStringLiteral("u"), QStringLiteral("user")},
                                  QStringLiteral("UID[:GID] to run as"), QStringLiteral("string"));
    parser.addOptions({env, workdir, user});
    if (!parseOptions(s, parser, args, 2))
        return;
    const QStringList operands = parser.positionalArguments();
    // The user as -u gives it; absent means the container's own.
    std::optional<QJsonObject> chosenUser;
    if (parser.isSet(user)) {
        bool uidOk = false;
        bool gidOk = true;
        const QString spec = parser.value(user);
        const uint uid = spec.section(QLatin1Char(':'), 0, 0).toUInt(&uidOk);
        const uint gid = spec.contains(QLatin1Char(':'))
                             ? spec.section(QLatin1Char(':'), 1, 1).toUInt(&gidOk)
                             : uid;
        if (!uidOk || !gidOk) {
            s.usageError(QStringLiteral("invalid argument \"%1\" for \"-u, --user\" flag: "
                                        "only numeric UID[:GID] is supported")
                             .arg(spec));
            return;
        }
        chosenUser =
            QJsonObject{{QStringLiteral("uid"), qint64(uid)}, {QStringLiteral("gid"), qint64(gid)}};
    }
    const QStringList extraEnv = parser.values(env);
    const std::optional<QString> cwd =
        parser.isSet(workdir) ? std::optional(parser.value(workdir)) : std::nullopt;
    // As docker exec: the container's user, environment and working directory unless the
    // flags say otherwise.
    s.client.inspect(operands.first(), [&s, operands, chosenUser, extraEnv,
                                        cwd](const QJsonObject &inspected, const CallError *error) {
        if (error) {
            s.fail(*error, ExitRefused);
            return;
        }
        const QJsonObject base = inspected.value(QLatin1String("spec"))
                                     .toObject()
                                     .value(QLatin1String("process"))
                                     .toObject();
        // -e replaces a variable of the same name (getenv() would find the first).
        QStringList environment;
        for (const QJsonValue &variable : base.value(QLatin1String("env")).toArray())
            environment << variable.toString();
        for (const QString &variable : extraEnv) {
            const QString name = variable.section(QLatin1Char('='), 0, 0) + QLatin1Char('=');
            environment.removeIf([&name](const QString &e) { return e.startsWith(name); });
            environment << variable;
        }
        const QJsonObject process{
            {QStringLiteral("args"), QJsonArray::fromStringList(operands.mid(1))},
            {QStringLiteral("env"), QJsonArray::fromStringList(environment)},
            {QStringLiteral("cwd"), cwd ? *cwd : base.value(QLatin1String("cwd")).toString()},
            {QStringLiteral("user"),
             chosenUser ? *chosenUser : base.value(QLatin1String("user")).toObject()},
            {QStringLiteral("terminal"), false}};
        execProcess(s, inspected.value(QLatin1String("id")).toString(), process);
    });
}

// One "key value" row per leaf of a probe answer, keys in dotted form ("seccomp.modeName");
// arrays of plain values on one line, arrays of objects one row per element.
void flattenProbe(const QString &key, const QJsonValue &value, QList<QStringList> &rows)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flattenProbe(key.isEmpty() ? it.key() : key + QLatin1Char('.') + it.key(), it.value(),
                         rows);
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const bool plain = std::none_of(array.begin(), array.end(), [](const QJsonValue &item) {
            return item.isObject() || item.isArray();
        });
        if (!plain) {
            for (qsizetype index = 0; index < array.size(); ++index)
                flattenProbe(QStringLiteral("%1[%2]").arg(key).arg(index), array.at(index), rows);
            return;
        }
        QStringList items;
        for (const QJsonValue &item : array)
            items << item.toVariant().toString();
        rows << QStringList{key, items.join(QStringLiteral(", "))};
        return;
    }
    if (value.isString()) {
        // Multi-line text (a /proc file as the host reads it): continuation rows.
        const QStringList lines = value.toString().trimmed().split(QLatin1Char('\n'));
        for (qsizetype index = 0; index < lines.size(); ++index)
            rows << QStringList{index == 0 ? key : QString(), lines.at(index)};
        return;
    }
    rows << QStringList{key, value.isNull() ? QStringLiteral("-") : value.toVariant().toString()};
}

void probe(Session &s, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the helper's answer as JSON"));
    parser.addOption(json);
    if (!parseOptions(s, parser, args, 1))
        return;
    const bool asJson = parser.isSet(json);
    s.client.probe(parser.positionalArguments().first(), [&s, asJson](const QJsonObject &answer,
                                                                      const CallError *error) {
        if (error) {
            s.fail(*error, ExitRefused);
            return;
        }
        if (asJson) {
            s.out << indentedJson(QJsonDocument(answer));
            s.finish(0);
            return;
        }
        // Two sections, not two columns: the values are long and many are on one side only.
        for (const char *side : {"container", "host"}) {
            QList<QStringList> rows;
            flattenProbe(QString(), answer.value(QLatin1String(side)), rows);
            if (side != std::string_view("container"))
                s.out << '\n';
            printTable(s.out,
                       {side == std::string_view("container") ? QStringLiteral("CONTAINER SEES")
                                                              : QStringLiteral("HOST SEES"),
                        QString()},
                       rows);
        }
        s.finish(0);
    });
}

using Command = void (*)(Session &, const QStringList &);

Command commandFunction(const QString &name)
{
    static const QMap<QString, Command> functions = {
        {QStringLiteral("run"), runOrCreate},
        {QStringLiteral("create"), runOrCreate},
        {QStringLiteral("start"), start},
        {QStringLiteral("stop"), stop},
        {QStringLiteral("kill"), killContainers},
        {QStringLiteral("rm"), removeContainers},
        {QStringLiteral("ps"), ps},
        {QStringLiteral("inspect"), inspect},
        {QStringLiteral("stats"), stats},
        {QStringLiteral("logs"), logs},
        {QStringLiteral("update"), update},
        {QStringLiteral("pause"), pauseOrResume},
        {QStringLiteral("unpause"), pauseOrResume},
        {QStringLiteral("exec"), exec},
        {QStringLiteral("probe"), probe},
        {QStringLiteral("images"), images},
    };
    return functions.value(name);
}

} // namespace

bool isHelperCommand(const QString &command)
{
    return findCommand(command) != nullptr;
}

QString helperCommandsUsage()
{
    QString text;
    for (const CommandInfo &info : commandTable)
        text += QStringLiteral("  %1%2\n")
                    .arg(QString::fromLatin1(info.name).leftJustified(9))
                    .arg(QLatin1String(info.summary));
    return text;
}

int runHelperCommand(const QString &command, const QStringList &args, QTextStream &out,
                     QTextStream &err)
{
    Session session(command, out, err);
    const Command function = commandFunction(command);
    // Started from the event loop, so that finish() has a loop to end.
    QTimer::singleShot(0, &session.client, [&session, function, args] { function(session, args); });
    return QCoreApplication::exec();
}

} // namespace isolde::cli
