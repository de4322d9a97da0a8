// The built-in init (`--init`, annotation org.isolde.init=true): PID 1 of the container
// spawns the user process, forwards every signal it receives to it, reaps every zombie that
// is reparented to it, and exits with the user process's status when it ends.
#pragma once

namespace isolde::engine {

// Child side, after the security setup; never returns. Async-signal-safe, allocates nothing.
// The user process is `path`, or the host file open as `programFd` when that is >= 0
// (execveat AT_EMPTY_PATH: `exec --probe`). A failing exec is reported on stderr, status 127.
// `isolde-runtime exec` uses the same loop to relay the status of the process it starts.
[[noreturn]] void runInit(int programFd, const char *path, char *const argv[], char *const envp[]);

} // namespace isolde::engine
