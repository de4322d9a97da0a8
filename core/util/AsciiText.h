// Character classes of names the kernel and the OCI spec define in ASCII (container ids, host
// names, versions). Checked by hand rather than with a regular expression: these checks run on
// every runtime start, where compiling a pattern costs more than the whole match.
#pragma once

#include <QChar>

namespace isolde::ascii {

constexpr bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

constexpr bool isLetterOrDigit(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

} // namespace isolde::ascii
