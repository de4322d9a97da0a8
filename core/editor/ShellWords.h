// A command line as a person types it into the editor's "command" field, to and from
// process.args: split the way a POSIX shell splits words (quotes and backslashes, no
// expansion), joined with shellQuote so that splitting the join gives the same words back.
#pragma once

#include "util/Expected.h"

#include <QString>
#include <QStringList>

namespace isolde::editor {

// "sh -c 'echo hi'" -> ["sh", "-c", "echo hi"]. Fails on an unterminated quote or a trailing
// backslash, with Error::field empty (the caller knows which field the text belongs to).
Expected<QStringList> splitShellWords(const QString &text);

// The inverse: each word through spec::shellQuote, separated by one space.
QString joinShellWords(const QStringList &words);

} // namespace isolde::editor
