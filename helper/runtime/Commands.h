// The verbs of isolde-runtime, parsed and run. Kept apart from main() so that one function
// maps a command line to an exit status or an error naming the flag or field at fault.
#pragma once

#include "util/Expected.h"

#include <QStringList>

namespace isolde::runtime {

// `args` without the program name. Returns the exit status (for run and exec: the container
// process's), or an Error that main() prints as one line.
Expected<int> runCommandLine(const QStringList &args);

} // namespace isolde::runtime
