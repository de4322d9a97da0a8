// A container's life, as the OCI runtime spec describes it: create, start, state, kill, delete
// (plus run = create + start + wait, and exec). Used by isolde-runtime and, in-process, by the
// D-Bus helper: a library API that prints nothing and never exits.
//
// create plans everything in this process (spec validation, rootfs, namespaces, security, the
// program), makes the cgroup, and launches the container process, which waits on the exec
// fifo in the state directory until start opens it. Any failure undoes everything: the
// process is killed, the cgroup and the state directory are removed.
#pragma once

#include "Cgroup.h"
#include "ContainerProcess.h"
#include "StateStore.h"
#include "util/Expected.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace isolde::engine {

// Annotation in the state: what the spec asked of an LSM that this host could not apply.
inline constexpr auto AnnotationLsm = "org.isolde.lsm";

struct CreateRequest
{
    QString id;
    QString bundle;           // the bundle directory (holds config.json); relative to the cwd
    uid_t owner = 0;          // recorded in the state
    bool waitForStart = true; // false: the program starts at once (run)
    // process.terminal: the pty master is sent to this unix socket (runc's --console-socket),
    // or, with relayConsole, kept in CreatedContainer::consoleMaster for the caller to relay.
    // A spec that asks for a terminal is refused when neither is given.
    QString consoleSocket;
    bool relayConsole = false;
    // The container process's stdin, stdout and stderr (a terminal replaces them).
    StdioFds stdio;
};

struct CreatedContainer
{
    ContainerState state;
    LaunchedProcess process;      // our child: the caller supervises it (pidfd) or lets it go
    UniqueFd consoleMaster;       // process.terminal with relayConsole: the pty's master side
    std::optional<Cgroup> cgroup; // the container's cgroup, open (its descriptors)
};

struct ExecRequest
{
    QStringList args;    // the program and its arguments, looked up in the container's PATH
    QString hostProgram; // when set: this host file is run (from a file descriptor) instead
    StdioFds stdio;
};

class Container
{
public:
    static Expected<CreatedContainer> create(const StateStore &store, const CreateRequest &request);
    // Releases a created container's process into its program.
    static Expected<ContainerState> start(const StateStore &store, const QString &id);
    // The state with a live status: "stopped" once the process has gone.
    static Expected<ContainerState> state(const StateStore &store, const QString &id);
    static Expected<void> kill(const StateStore &store, const QString &id, int signal);
    // `delete`: refuses a running container unless `force` (then it is killed first).
    static Expected<void> remove(const StateStore &store, const QString &id, bool force);
    // create without waiting for start, then (unless `detach`) wait for the program and delete
    // the container. `onStarted` sees the container once the program runs (pid files); in the
    // foreground with process.terminal it gets the pty master and may relay it until the
    // process exits. Returns the program's exit status, 128 + signal when killed; 0 with
    // `detach`.
    static Expected<int> run(const StateStore &store, const CreateRequest &request, bool detach,
                             const std::function<void(CreatedContainer &)> &onStarted = {});
    // Starts a process in the running container `id`, with its namespaces, cgroup, user,
    // capabilities, no_new_privs and seccomp, and returns once it runs the program: the caller
    // supervises it through its pidfd and reaps it (waitForExit).
    static Expected<LaunchedProcess> spawnExec(const StateStore &store, const QString &id,
                                               const ExecRequest &request);
    // spawnExec, then waits for the process. Returns its exit status.
    static Expected<int> exec(const StateStore &store, const QString &id,
                              const ExecRequest &request);
    static QList<ContainerState> list(const StateStore &store);
};

} // namespace isolde::engine
