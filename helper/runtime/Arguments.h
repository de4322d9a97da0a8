// The command-line conventions shared by every isolde-runtime verb: runc's option syntax
// (`--flag value`, `--flag=value`, short aliases, `--` before a command), one container id,
// and output on stdout.
#pragma once

#include "util/Expected.h"

#include <QByteArray>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace isolde::runtime {

// One command's arguments: options (with a value), flags, positionals, and after `--` (or,
// for exec, after the container id) the rest, untouched.
struct Arguments
{
    QMap<QString, QString> options;
    QSet<QString> flags;
    QStringList positional;
    QStringList rest;
};

struct Syntax
{
    QStringList valued;             // "--bundle"
    QStringList boolean;            // "--detach"
    QMap<QString, QString> aliases; // "-b" -> "--bundle"
    int restAfter = -1;             // after this many positionals, everything is `rest`
};

// Errors name the option at fault.
Expected<Arguments> parseArguments(const QStringList &args, const Syntax &syntax);
// The one positional argument a verb such as `start ID` takes.
Expected<QString> singleId(const Arguments &parsed);
// The arguments of a verb that takes nothing but one container id (`start ID`).
Expected<QString> idArgument(const QStringList &args);
// Writes `text` to stdout at once, so that output and the container's own interleave rightly.
void print(const QByteArray &text);

} // namespace isolde::runtime
