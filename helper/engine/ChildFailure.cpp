#include "ChildFailure.h"

namespace isolde::engine {

// strncpy is not listed as async-signal-safe by POSIX; a plain loop is.
static void copyBounded(char *to, std::size_t size, const char *from)
{
    std::size_t i = 0;
    for (; from && i + 1 < size && from[i]; ++i)
        to[i] = from[i];
    to[i] = '\0';
}

void setChildFailure(ChildFailure &failure, const char *step, const char *field, const char *detail,
                     int errnum)
{
    failure.errnum = errnum;
    copyBounded(failure.step, sizeof failure.step, step);
    copyBounded(failure.field, sizeof failure.field, field);
    copyBounded(failure.detail, sizeof failure.detail, detail);
}

} // namespace isolde::engine
