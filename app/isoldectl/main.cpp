// isoldectl: Isolde's command line. Thin: the work is in isolde_core.
#include "HelperCommands.h"
#include "SpecCommand.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

namespace {

QString usage()
{
    return QStringLiteral("Usage: isoldectl [--help] [--version] COMMAND\n\n"
                          "Commands:\n") +
           isolde::cli::helperCommandsUsage() +
           QStringLiteral("  spec     Make, check and export container specs (config.json)\n\n"
                          "`isoldectl COMMAND --help` for more.\n");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("isoldectl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ISOLDE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QStringList args = QCoreApplication::arguments().mid(1);
    const QString command = args.value(0);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out << usage();
        return 0;
    }
    if (command == QLatin1String("--version")) {
        out << "isoldectl " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    if (command == QLatin1String("spec"))
        return isolde::cli::runSpecCommand(args.mid(1), out, err);
    if (isolde::cli::isHelperCommand(command))
        return isolde::cli::runHelperCommand(command, args.mid(1), out, err);
    err << (command.isEmpty()
                ? QStringLiteral("isoldectl: a command is needed\n\n")
                : QStringLiteral("isoldectl: unknown command \"%1\"\n\n").arg(command))
        << usage();
    return 2;
}
