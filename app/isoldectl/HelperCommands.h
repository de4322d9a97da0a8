// isoldectl's container commands (run, ps, logs, exec, ...): each one a few calls of core's
// asynchronous HelperClient to the isolde-helper on the system bus, in docker's words.
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace isolde::cli {

bool isHelperCommand(const QString &command);
// One line per command, for `isoldectl --help`.
QString helperCommandsUsage();
// Runs the command in the application's event loop and returns the exit code: docker's (125
// for usage errors and for run/create failures, 1 when the helper refuses another command,
// the container's or the exec'd process's own code otherwise).
int runHelperCommand(const QString &command, const QStringList &args, QTextStream &out,
                     QTextStream &err);

} // namespace isolde::cli
