#include "SpecCommand.h"

#include "spec/DockerFlags.h"
#include "spec/SpecExport.h"
#include "spec/SpecValidator.h"

#include <QCommandLineParser>
#include <QFile>

namespace isolde::cli {

namespace {

using namespace isolde::spec;

constexpr int ExitProblems = 1;
constexpr int ExitUsage = 2;
constexpr int ExitFlagRefused = 125; // docker run's exit code for its own errors

int usageError(QTextStream &err, const QString &message)
{
    err << "isoldectl: " << message << "\n\n" << specUsage();
    return ExitUsage;
}

// The file, or a message on stderr and nullopt when it cannot be read.
std::optional<QByteArray> readFile(const QString &path, QTextStream &err)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "isoldectl: cannot read " << path << ": " << file.errorString() << '\n';
        return std::nullopt;
    }
    return file.readAll();
}

int specNew(const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.value(0) == QLatin1String("--help")) {
        out << "Usage: isoldectl spec new [docker run flags] [--] [CMD...]\n\n"
               "Prints the config.json that `docker run` would run with these flags.\n\n"
               "Flags:\n"
            << dockerFlagsHelp();
        return 0;
    }
    const Expected<OciSpec> spec = specFromDockerArgs(args);
    if (!spec) {
        err << "isoldectl: " << spec.error().reason << ".\nSee 'isoldectl spec new --help'.\n";
        return ExitFlagRefused;
    }
    out << spec->toJson();
    return 0;
}

int specValidate(const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.size() != 1)
        return usageError(err, QStringLiteral("spec validate takes one FILE"));
    const std::optional<QByteArray> json = readFile(args.at(0), err);
    if (!json)
        return ExitUsage;
    const Expected<OciSpec> spec = OciSpec::fromJson(*json);
    if (!spec) {
        out << spec.error().toString() << '\n';
        return ExitProblems;
    }
    const QList<Error> problems = validateSpec(*spec);
    for (const Error &problem : problems)
        out << problem.toString() << '\n';
    return problems.isEmpty() ? 0 : ExitProblems;
}

int specExport(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("docker, podman or kube"),
                                    QStringLiteral("format"));
    const QCommandLineOption image(QStringLiteral("image"),
                                   QStringLiteral("Image to name (default: the spec's)"),
                                   QStringLiteral("image"));
    parser.addOptions({format, image});
    if (!parser.parse(QStringList{QStringLiteral("isoldectl")} << args))
        return usageError(err, parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usageError(err, QStringLiteral("spec export takes one FILE"));
    const std::optional<ExportFormat> chosen = exportFormatFromName(parser.value(format));
    if (!chosen)
        return usageError(err, QStringLiteral("--format must be docker, podman or kube"));
    const std::optional<QByteArray> json = readFile(parser.positionalArguments().at(0), err);
    if (!json)
        return ExitUsage;
    const Expected<OciSpec> spec = OciSpec::fromJson(*json);
    if (!spec) {
        err << "isoldectl: " << parser.positionalArguments().at(0) << ": "
            << spec.error().toString() << '\n';
        return ExitUsage;
    }
    const QString exported = exportSpec(*spec, *chosen, parser.value(image));
    // The docker and podman lines are one line without a newline of their own; a terminal
    // prompt must not land on them.
    out << exported << (exported.endsWith(QLatin1Char('\n')) ? "" : "\n");
    return 0;
}

} // namespace

QString specUsage()
{
    return QStringLiteral(
        "Usage: isoldectl spec COMMAND\n\n"
        "Commands:\n"
        "  new [docker run flags] [--] [CMD...]     Print a config.json made from docker run "
        "flags\n"
        "  validate FILE                            Print each problem of a config.json, one a "
        "line\n"
        "  export --format docker|podman|kube FILE  Print the docker or podman run line, or a "
        "Kubernetes Pod\n\n"
        "`isoldectl spec new --help` lists the flags.\n");
}

int runSpecCommand(const QStringList &args, QTextStream &out, QTextStream &err)
{
    const QString command = args.value(0);
    const QStringList rest = args.mid(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out << specUsage();
        return 0;
    }
    if (command == QLatin1String("new"))
        return specNew(rest, out, err);
    if (command == QLatin1String("validate"))
        return specValidate(rest, out, err);
    if (command == QLatin1String("export"))
        return specExport(rest, out, err);
    return usageError(err, command.isEmpty()
                               ? QStringLiteral("spec needs a command")
                               : QStringLiteral("unknown spec command \"%1\"").arg(command));
}

} // namespace isolde::cli
