// `isoldectl spec ...`: config.json from Docker flags, validation and exports, no helper needed.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace isolde::cli {

// Exit codes: 0 done, 1 the spec has problems, 2 usage or unreadable file, 125 a Docker flag
// was refused (as `docker run` exits).
int runSpecCommand(const QStringList &args, QTextStream &out, QTextStream &err);
QString specUsage();

} // namespace isolde::cli
