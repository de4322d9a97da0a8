// The terminal of a container whose spec sets process.terminal: a pseudo-terminal pair opened
// on the host, whose replica becomes the container process's controlling terminal, its stdio
// and /dev/console, and whose master stays outside: `run` relays it to its own stdio, `create`
// hands it to the caller over a unix socket (runc's --console-socket).
#pragma once

#include "SafePath.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QString>
#include <optional>

namespace isolde::engine {

struct Pty
{
    UniqueFd master;
    UniqueFd replica;
    // A detached bind mount of the replica, for /dev/console: the container's new mount
    // namespace cannot bind the replica itself, which lives on a mount of ours.
    UniqueFd replicaMount;
};

// A new pty pair from /dev/ptmx, both sides O_CLOEXEC and not our controlling terminal, sized
// as process.consoleSize asks (TIOCSWINSZ) when it is given.
Expected<Pty> openPty(const std::optional<spec::ConsoleSize> &size);

// Sends `fd` as one SCM_RIGHTS message over a connection to the unix socket `socketPath`.
Expected<void> sendConsole(const QString &socketPath, int fd);

// Child, async-signal-safe: a new session whose controlling terminal is `replica`, which also
// becomes fds 0, 1 and 2. False with errno set when a step fails.
bool attachConsole(int replica);

} // namespace isolde::engine
