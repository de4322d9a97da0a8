#include "Commands.h"

#include "Arguments.h"
#include "ConsoleRelay.h"
#include "Container.h"
#include "DefaultImage.h"
#include "ResourceCommands.h"
#include "SignalName.h"
#include "StateStore.h"
#include "spec/SpecDefaults.h"
#include "util/Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <csignal>
#include <cstring>
#include <sys/prctl.h>
#include <unistd.h>

namespace isolde::runtime {

using engine::Container;
using engine::ContainerState;
using engine::parseSignalName;
using engine::StateStore;

namespace {

constexpr auto Usage =
    "usage: isolde-runtime [--root DIR] COMMAND\n"
    "  create [--bundle DIR] [--pid-file FILE] [--console-socket SOCKET] ID\n"
    "  start ID\n"
    "  state ID\n"
    "  kill ID [SIGNAL]\n"
    "  delete [--force] ID\n"
    "  run [--bundle DIR] [--detach] [--pid-file FILE] [--console-socket SOCKET] ID\n"
    "  list [--format table|json]\n"
    "  exec ID CMD [ARG...]    exec ID --probe\n"
    "  spec\n"
    "  bundle [--image NAME] [--config FILE] DIR [-- CMD [ARG...]]\n";

Expected<void> writePidFile(const QString &path, pid_t pid)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(pid)) < 0 ||
        !file.commit())
        return Error{QStringLiteral("--pid-file"),
                     QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

// Beside this program: bin/isolde-probe next to bin/isolde-runtime.
QString probePath()
{
    return QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/self/exe"))).absolutePath() +
           QStringLiteral("/isolde-probe");
}

engine::CreateRequest createRequest(const Arguments &parsed, const QString &id)
{
    engine::CreateRequest request;
    request.id = id;
    request.bundle = parsed.options.value(QStringLiteral("--bundle"), QStringLiteral("."));
    request.owner = ::getuid();
    request.consoleSocket = parsed.options.value(QStringLiteral("--console-socket"));
    return request;
}

const Syntax CreateSyntax{{"--bundle", "--pid-file", "--console-socket"},
                          {"--no-pivot", "--no-new-keyring"},
                          {{"-b", "--bundle"}},
                          -1};

Expected<int> create(const StateStore &store, const QStringList &args)
{
    auto parsed = parseArguments(args, CreateSyntax);
    if (!parsed)
        return parsed.error();
    auto id = singleId(parsed.value());
    if (!id)
        return id.error();
    auto created = Container::create(store, createRequest(parsed.value(), id.value()));
    if (!created)
        return created.error();
    if (parsed->options.contains(QStringLiteral("--pid-file"))) {
        auto written =
            writePidFile(parsed->options.value(QStringLiteral("--pid-file")), created->state.pid);
        if (!written) {
            Container::remove(store, id.value(), true);
            return written.error();
        }
    }
    return 0;
}

// The foreground container of `run`, for the signal handler below.
volatile sig_atomic_t foregroundPid = 0;

void forwardSignal(int signal)
{
    if (foregroundPid > 0)
        ::kill(static_cast<pid_t>(foregroundPid), signal);
}

// Ctrl-C, a hangup or a TERM to `run` go to the container, as with runc: the runtime stays to
// collect its status and clean up.
void forwardSignalsTo(pid_t pid)
{
    foregroundPid = pid;
    struct sigaction action
    {};
    action.sa_handler = forwardSignal;
    action.sa_flags = SA_RESTART;
    for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2})
        ::sigaction(signal, &action, nullptr);
}

Expected<int> run(const StateStore &store, const QStringList &args)
{
    Syntax syntax = CreateSyntax;
    syntax.boolean << QStringLiteral("--detach");
    syntax.aliases.insert(QStringLiteral("-d"), QStringLiteral("--detach"));
    auto parsed = parseArguments(args, syntax);
    if (!parsed)
        return parsed.error();
    auto id = singleId(parsed.value());
    if (!id)
        return id.error();
    const QString pidFile = parsed->options.value(QStringLiteral("--pid-file"));
    Expected<void> pidWritten;
    // Our children's orphans come back to us, not to the host's init.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    const bool detach = parsed->flags.contains(QStringLiteral("--detach"));
    auto status = Container::run(store, createRequest(parsed.value(), id.value()), detach,
                                 [&](engine::CreatedContainer &created) {
                                     if (!pidFile.isEmpty())
                                         pidWritten = writePidFile(pidFile, created.state.pid);
                                     if (detach)
                                         return;
                                     forwardSignalsTo(created.state.pid);
                                     if (created.consoleMaster.valid())
                                         relayConsole(created.consoleMaster.get(),
                                                      created.process.pidfd.get());
                                 });
    if (!status)
        return status.error();
    if (!pidWritten)
        return pidWritten.error();
    return status.value();
}

Expected<int> start(const StateStore &store, const QStringList &args)
{
    auto id = idArgument(args);
    if (!id)
        return id.error();
    auto started = Container::start(store, id.value());
    if (!started)
        return started.error();
    return 0;
}

Expected<int> state(const StateStore &store, const QStringList &args)
{
    auto id = idArgument(args);
    if (!id)
        return id.error();
    auto found = Container::state(store, id.value());
    if (!found)
        return found.error();
    print(found->toOciJson());
    return 0;
}

Expected<int> kill(const StateStore &store, const QStringList &args)
{
    auto parsed = parseArguments(args, {{}, {QStringLiteral("--all")}, {{"-a", "--all"}}, -1});
    if (!parsed)
        return parsed.error();
    if (parsed->positional.isEmpty() || parsed->positional.size() > 2)
        return Error{QStringLiteral("id"), QStringLiteral("usage: kill ID [SIGNAL]")};
    int signal = SIGTERM;
    if (parsed->positional.size() == 2) {
        auto named = parseSignalName(parsed->positional[1], QStringLiteral("signal"));
        if (!named)
            return named.error();
        signal = *named;
    }
    auto killed = Container::kill(store, parsed->positional.first(), signal);
    if (!killed)
        return killed.error();
    return 0;
}

Expected<int> remove(const StateStore &store, const QStringList &args)
{
    auto parsed = parseArguments(args, {{}, {QStringLiteral("--force")}, {{"-f", "--force"}}, -1});
    if (!parsed)
        return parsed.error();
    auto id = singleId(parsed.value());
    if (!id)
        return id.error();
    auto removed =
        Container::remove(store, id.value(), parsed->flags.contains(QStringLiteral("--force")));
    if (!removed)
        return removed.error();
    return 0;
}

QByteArray listTable(const QList<ContainerState> &states)
{
    QByteArray text = QStringLiteral("%1 %2 %3 %4 %5\n")
                          .arg(QStringLiteral("ID"), -24)
                          .arg(QStringLiteral("PID"), -8)
                          .arg(QStringLiteral("STATUS"), -9)
                          .arg(QStringLiteral("CREATED"), -25)
                          .arg(QStringLiteral("BUNDLE"))
                          .toUtf8();
    for (const ContainerState &state : states)
        text += QStringLiteral("%1 %2 %3 %4 %5\n")
                    .arg(state.id, -24)
                    .arg(state.pid, -8)
                    .arg(state.status, -9)
                    .arg(state.created.toString(Qt::ISODate), -25)
                    .arg(state.bundle)
                    .toUtf8();
    return text;
}

Expected<int> list(const StateStore &store, const QStringList &args)
{
    auto parsed =
        parseArguments(args, {{QStringLiteral("--format")}, {}, {{"-f", "--format"}}, -1});
    if (!parsed)
        return parsed.error();
    const QString format =
        parsed->options.value(QStringLiteral("--format"), QStringLiteral("table"));
    const QList<ContainerState> states = Container::list(store);
    if (format == QLatin1String("table")) {
        print(listTable(states));
        return 0;
    }
    if (format != QLatin1String("json"))
        return Error{QStringLiteral("--format"),
                     QStringLiteral("\"%1\" is neither table nor json").arg(format)};
    QJsonArray array;
    for (const ContainerState &state : states) {
        QJsonObject object = QJsonDocument::fromJson(state.toOciJson()).object();
        object.insert(QStringLiteral("created"), state.created.toString(Qt::ISODateWithMs));
        object.insert(QStringLiteral("owner"), static_cast<qint64>(state.owner));
        array.append(object);
    }
    print(QJsonDocument(array).toJson(QJsonDocument::Indented));
    return 0;
}

Expected<int> exec(const StateStore &store, const QStringList &args)
{
    auto parsed = parseArguments(args, {{}, {}, {}, 1});
    if (!parsed)
        return parsed.error();
    auto id = singleId(parsed.value());
    if (!id)
        return id.error();
    engine::ExecRequest request;
    if (parsed->rest.value(0) == QLatin1String("--probe")) {
        request.hostProgram = probePath();
        request.args = QStringList{QStringLiteral("isolde-probe")} + parsed->rest.mid(1);
    } else {
        request.args = parsed->rest;
    }
    if (request.args.isEmpty())
        return Error{QStringLiteral("process.args"),
                     QStringLiteral("exec needs a command (or --probe)")};
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    return Container::exec(store, id.value(), request);
}

Expected<int> printSpec(const QStringList &args)
{
    auto parsed = parseArguments(args, {});
    if (!parsed)
        return parsed.error();
    print(spec::defaultSpec().toJson());
    return 0;
}

Expected<int> bundle(const QStringList &args)
{
    auto parsed = parseArguments(args, {{QStringLiteral("--image"), QStringLiteral("--config")},
                                        {},
                                        {{"-i", "--image"}, {"-c", "--config"}},
                                        -1});
    if (!parsed)
        return parsed.error();
    if (parsed->positional.size() != 1)
        return Error{QStringLiteral("DIR"), QStringLiteral("one bundle directory expected")};
    // A spec of the user's own (from `isoldectl spec new`, say) or Docker's defaults.
    spec::OciSpec spec = spec::defaultSpec();
    if (parsed->options.contains(QStringLiteral("--config"))) {
        auto loaded = spec::OciSpec::load(parsed->options.value(QStringLiteral("--config")));
        if (!loaded)
            return Error{QStringLiteral("--config"), loaded.error().toString()};
        spec = loaded.value();
    }
    if (!parsed->rest.isEmpty()) {
        spec::Process process = spec.process();
        process.args = parsed->rest;
        spec.setProcess(process);
    }
    QString image = parsed->options.value(QStringLiteral("--image"),
                                          spec.annotation(QLatin1String(spec::AnnotationImage)));
    if (image.isEmpty())
        image = QLatin1String(engine::DefaultImageName);
    auto made =
        engine::makeBundle(image, QFileInfo(parsed->positional.first()).absoluteFilePath(), spec);
    if (!made)
        return made.error();
    return 0;
}

} // namespace

Expected<int> runCommandLine(const QStringList &arguments)
{
    QStringList args = arguments;
    QString root = paths::stateDir() + QStringLiteral("/runtime");
    // Global options come before the command. Those runc's callers pass that do not change
    // what this runtime does (logging, systemd cgroups) are accepted and ignored.
    static const QStringList ignoredValued{QStringLiteral("--log"), QStringLiteral("--log-format")};
    static const QStringList ignoredFlags{QStringLiteral("--debug"),
                                          QStringLiteral("--systemd-cgroup")};
    while (!args.isEmpty() && args.first().startsWith(QLatin1Char('-'))) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--help") || option == QLatin1String("-h")) {
            print(Usage);
            print(ResourceUsage);
            return 0;
        }
        if (option.startsWith(QLatin1String("--root="))) {
            root = option.mid(7);
        } else if (option == QLatin1String("--root") || ignoredValued.contains(option)) {
            if (args.isEmpty())
                return Error{option, QStringLiteral("needs a value")};
            const QString value = args.takeFirst();
            if (option == QLatin1String("--root"))
                root = value;
        } else if (!ignoredFlags.contains(option) &&
                   !ignoredValued.contains(option.section('=', 0, 0))) {
            return Error{option, QStringLiteral("unknown global option")};
        }
    }
    if (args.isEmpty())
        return Error{QStringLiteral("command"), QString::fromLatin1(Usage).trimmed()};
    const QString command = args.takeFirst();
    const StateStore store(QDir(root).absolutePath());
    if (auto handled = runResourceCommand(store, command, args))
        return *handled;
    if (command == QLatin1String("create"))
        return create(store, args);
    if (command == QLatin1String("start"))
        return start(store, args);
    if (command == QLatin1String("state"))
        return state(store, args);
    if (command == QLatin1String("kill"))
        return kill(store, args);
    if (command == QLatin1String("delete"))
        return remove(store, args);
    if (command == QLatin1String("run"))
        return run(store, args);
    if (command == QLatin1String("list"))
        return list(store, args);
    if (command == QLatin1String("exec"))
        return exec(store, args);
    if (command == QLatin1String("spec"))
        return printSpec(args);
    if (command == QLatin1String("bundle"))
        return bundle(args);
    return Error{QStringLiteral("command"), QStringLiteral("unknown command \"%1\"").arg(command)};
}

} // namespace isolde::runtime
