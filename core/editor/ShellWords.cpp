#include "editor/ShellWords.h"

#include "spec/SpecExport.h"

#include <algorithm>

namespace isolde::editor {

Expected<QStringList> splitShellWords(const QString &text)
{
    QStringList words;
    QString word;
    // A word exists once any part of it is seen: '' is an empty word, not no word.
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\'')) {
            const qsizetype end = text.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0)
                return Error{QString(), QStringLiteral("the single quote at column %1 is not "
                                                       "closed")
                                            .arg(i + 1)};
            word += text.mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
        } else if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            for (; j < text.size() && text.at(j) != QLatin1Char('"'); ++j) {
                // Inside double quotes a backslash escapes only what the shell would expand.
                if (text.at(j) == QLatin1Char('\\') && j + 1 < text.size() &&
                    QStringLiteral("\"\\$`").contains(text.at(j + 1)))
                    ++j;
                word += text.at(j);
            }
            if (j >= text.size())
                return Error{QString(), QStringLiteral("the double quote at column %1 is not "
                                                       "closed")
                                            .arg(i + 1)};
            inWord = true;
            i = j;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 >= text.size())
                return Error{QString(), QStringLiteral("the line ends in a backslash")};
            word += text.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    return words;
}

QString joinShellWords(const QStringList &words)
{
    QStringList quoted = words;
    std::transform(quoted.begin(), quoted.end(), quoted.begin(), spec::shellQuote);
    return quoted.join(QLatin1Char(' '));
}

} // namespace isolde::editor
