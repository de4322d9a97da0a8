// How the container child reports a failure between clone and exec.
//
// There, only async-signal-safe calls are allowed: no Qt, no allocation. A failing step fills
// this fixed-size record and the child writes it whole to the error pipe; the parent turns it
// into an Error naming the step, the field and errno.
#pragma once

#include <cstddef>

namespace isolde::engine {

struct ChildFailure
{
    int errnum = 0;      // errno of the failing call, 0 when not a system call error
    char step[64] = {};  // "pivot_root", "mount /proc", "capset", ...
    char field[96] = {}; // the config.json field it came from, "mounts[3].destination"
    char detail[352] = {};
};

// Fills `failure`; every argument may be nullptr. Async-signal-safe.
void setChildFailure(ChildFailure &failure, const char *step, const char *field, const char *detail,
                     int errnum);

} // namespace isolde::engine
