// isolde-runtime: Isolde's engine behind runc's command line, so that scripts, benchmarks and
// runtime test suites that drive runc can drive it.
//
//   isolde-runtime [--root DIR] COMMAND ...
//
// Errors are one line on stderr, `isolde-runtime: <field>: <reason>`, and a non-zero exit.

#include "Commands.h"

#include <QStringList>
#include <cstdio>
#include <cstdlib>

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    const auto status = isolde::runtime::runCommandLine(args);
    if (!status)
        std::fprintf(stderr, "isolde-runtime: %s\n", qPrintable(status.error().toString()));
    // Every command is one short process whose files and descriptors are closed by now: leave
    // without the libraries' exit handlers (Qt, ICU and glib tearing down what the kernel
    // frees anyway), which cost `run` a millisecond. stdio is flushed first.
    std::fflush(nullptr);
    std::_Exit(status ? status.value() : 1);
}
