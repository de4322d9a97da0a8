#include "Container.h"

#include "Cgroup.h"
#include "Console.h"
#include "Namespaces.h"
#include "Rootfs.h"
#include "spec/SpecValidator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
// glibc 2.36 declares these without extern "C".
extern "C" {
#include <sys/pidfd.h>
}

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace isolde::engine {

namespace {

constexpr auto OciVersion = "1.0.2";
// How long delete --force waits for a killed container to go.
constexpr int KillTimeoutMs = 10000;

QString errnoText(int errnum)
{
    return QString::fromLocal8Bit(strerror(errnum));
}

// The bundle's config.json, parsed and validated. `json` keeps the file's bytes: the state
// directory stores them as they are, with no second serialisation.
Expected<spec::OciSpec> loadBundleSpec(const QString &bundleDir, QByteArray &json)
{
    const QString path = bundleDir + QStringLiteral("/config.json");
    if (!QFileInfo(bundleDir).isDir())
        return Error{QStringLiteral("--bundle"),
                     QStringLiteral("%1 is not a directory").arg(bundleDir)};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("--bundle"),
                     QStringLiteral("%1 has no config.json").arg(bundleDir)};
    json = file.readAll();
    auto spec = spec::OciSpec::fromJson(json);
    if (!spec)
        return Error{QStringLiteral("config.json"),
                     QStringLiteral("%1: %2").arg(path, spec.error().reason)};
    const QList<Error> problems = spec::validateSpec(spec.value());
    if (problems.isEmpty())
        return spec;
    // Every problem, on one line: the first names the field, the others follow it.
    Error error = problems.first();
    for (qsizetype i = 1; i < problems.size(); ++i)
        error.reason += QStringLiteral("; also ") + problems[i].toString();
    return error;
}

// The exec fifo the container process blocks on until `start`; it opens it as the user of
// process.user, so it belongs to that user's host ids.
Expected<UniqueFd> makeExecFifo(const StateStore &store, const QString &id,
                                const spec::OciSpec &spec)
{
    const spec::User user = spec.process().user;
    const spec::Linux linux = spec.linux();
    const bool newUserNamespace = std::any_of(
        linux.namespaces.begin(), linux.namespaces.end(), [](const spec::Namespace &ns) {
            return ns.type == QLatin1String("user") && ns.path.isEmpty();
        });
    const auto hostUid = newUserNamespace ? hostIdOf(linux.uidMappings, user.uid)
                                          : std::optional<uint32_t>(user.uid);
    const auto hostGid = newUserNamespace ? hostIdOf(linux.gidMappings, user.gid)
                                          : std::optional<uint32_t>(user.gid);
    if (!hostUid)
        return Error{QStringLiteral("process.user.uid"),
                     QStringLiteral("uid %1 is not mapped by linux.uidMappings").arg(user.uid)};
    if (!hostGid)
        return Error{QStringLiteral("process.user.gid"),
                     QStringLiteral("gid %1 is not mapped by linux.gidMappings").arg(user.gid)};
    const QByteArray path = QFile::encodeName(store.execFifoPath(id));
    if (::mkfifo(path.constData(), 0600) != 0 || ::chown(path.constData(), *hostUid, *hostGid) != 0)
        return Error{QString(), QStringLiteral("cannot make the exec fifo %1: %2")
                                    .arg(QString::fromLocal8Bit(path), errnoText(errno))};
    UniqueFd fd(::open(path.constData(), O_PATH | O_CLOEXEC));
    if (!fd.valid())
        return Error{QString(), QStringLiteral("cannot open the exec fifo %1: %2")
                                    .arg(QString::fromLocal8Bit(path), errnoText(errno))};
    return fd;
}

// A pidfd for the process `state` recorded, checked against pid reuse.
Expected<UniqueFd> openContainerPidfd(const ContainerState &state)
{
    UniqueFd pidfd(state.pid > 0 ? ::pidfd_open(state.pid, 0) : -1);
    // Checked after opening: from here on the pidfd pins this very process.
    if (!pidfd.valid() || !isProcessAlive(state))
        return Error{QStringLiteral("id"),
                     QStringLiteral("container \"%1\" is not running").arg(state.id)};
    return pidfd;
}

ContainerState withLiveStatus(ContainerState state)
{
    if (state.status != QLatin1String("stopped") && state.pid > 0 && !isProcessAlive(state))
        state.status = QStringLiteral("stopped");
    return state;
}

bool waitUntilGone(int pidfd, int timeoutMs)
{
    pollfd pfd{pidfd, POLLIN, 0};
    int result = 0;
    while ((result = ::poll(&pfd, 1, timeoutMs)) < 0 && errno == EINTR) {
    }
    return result > 0;
}

// Removes what create made: the cgroup, then the state dir. `cgroup` is null when there is
// none: a runtime that died during create may have stopped before making it.
Expected<void> cleanUp(const StateStore &store, const QString &id, Cgroup *cgroup)
{
    if (cgroup) {
        if (auto destroyed = cgroup->destroy(); !destroyed)
            return destroyed;
    }
    return store.remove(id);
}

// process.terminal: a pty whose replica the container process attaches and /dev/console
// shows; its master goes to the console socket or, in the foreground, back to the caller.
Expected<Pty> openConsole(const CreateRequest &request, const spec::Process &process,
                          ProcessPlan &plan)
{
    if (!request.relayConsole && request.consoleSocket.isEmpty())
        return Error{QStringLiteral("process.terminal"),
                     QStringLiteral("the process asks for a terminal: pass --console-socket to "
                                    "receive it, or run the container in the foreground")};
    auto pty = openPty(process.consoleSize);
    if (!pty)
        return pty.error();
    setRootfsConsole(*plan.rootfs, pty->replicaMount.get());
    plan.consoleReplica = pty->replica.get();
    if (!request.relayConsole) {
        if (auto sent = sendConsole(request.consoleSocket, pty->master.get()); !sent)
            return sent.error();
        pty->master.reset();
    }
    return pty;
}

// Everything after the state directory exists; the caller removes it when this fails.
Expected<CreatedContainer> createInStateDir(const StateStore &store, const CreateRequest &request,
                                            const QString &bundleDir, const spec::OciSpec &spec,
                                            const QByteArray &specJson)
{
    auto rootfs = planRootfs(spec, bundleDir);
    if (!rootfs)
        return rootfs.error();
    auto plan = planProcess(spec, store.seccompCacheDir());
    if (!plan)
        return plan.error();
    plan->rootfs = std::move(rootfs.value());
    plan->stdio = request.stdio;

    ContainerState state;
    state.ociVersion = spec.ociVersion().isEmpty() ? QLatin1String(OciVersion) : spec.ociVersion();
    state.id = request.id;
    state.status = QStringLiteral("creating");
    state.bundle = bundleDir;
    state.annotations = spec.annotations();
    if (!plan->lsm.note.isEmpty())
        state.annotations.insert(QLatin1String(AnnotationLsm), plan->lsm.note);
    state.created = QDateTime::currentDateTimeUtc();
    state.owner = request.owner;
    state.cgroupsPath = spec.linux().cgroupsPath;
    if (auto saved = store.saveSpec(request.id, specJson); !saved)
        return saved.error();
    if (auto saved = store.save(state); !saved)
        return saved.error();
    if (request.waitForStart) {
        auto fifo = makeExecFifo(store, request.id, spec);
        if (!fifo)
            return fifo.error();
        plan->execFifo = std::move(fifo.value());
    }
    Pty pty; // the replica stays open until the child has it
    if (spec.process().terminal) {
        auto opened = openConsole(request, spec.process(), plan.value());
        if (!opened)
            return opened.error();
        pty = std::move(opened.value());
    }

    auto cgroup = Cgroup::create(state.cgroupsPath, request.id, spec.linux().resources);
    if (!cgroup)
        return cgroup.error();
    auto process = launchContainerProcess(plan.value(), cgroup.value());
    if (!process) {
        cgroup->destroy();
        return process.error();
    }
    state.pid = process->pid;
    state.pidStartTime = processStartTime(state.pid);
    state.status = request.waitForStart ? QStringLiteral("created") : QStringLiteral("running");
    state.started = !request.waitForStart;
    if (auto saved = store.save(state); !saved) {
        ::pidfd_send_signal(process->pidfd.get(), SIGKILL, nullptr, 0);
        waitForExit(process.value());
        cgroup->destroy();
        return saved.error();
    }
    return CreatedContainer{state, std::move(process.value()), std::move(pty.master),
                            std::move(cgroup.value())};
}

} // namespace

Expected<CreatedContainer> Container::create(const StateStore &store, const CreateRequest &request)
{
    if (auto valid = StateStore::checkId(request.id); !valid)
        return valid.error();
    if (auto valid = checkStdio(request.stdio); !valid)
        return valid.error();
    const QString bundleDir =
        QDir::cleanPath(QFileInfo(request.bundle.isEmpty() ? QStringLiteral(".") : request.bundle)
                            .absoluteFilePath());
    QByteArray specJson;
    auto spec = loadBundleSpec(bundleDir, specJson);
    if (!spec)
        return spec.error();
    auto lock = store.createContainerDir(request.id);
    if (!lock)
        return lock.error();
    auto created = createInStateDir(store, request, bundleDir, spec.value(), specJson);
    if (!created)
        store.remove(request.id);
    return created;
}

Expected<ContainerState> Container::start(const StateStore &store, const QString &id)
{
    auto lock = store.lock(id);
    if (!lock)
        return lock.error();
    auto loaded = store.load(id);
    if (!loaded)
        return loaded.error();
    ContainerState state = withLiveStatus(loaded.value());
    if (state.status != QLatin1String("created"))
        return Error{QStringLiteral("id"),
                     QStringLiteral("container \"%1\" is %2, not created").arg(id, state.status)};
    auto pidfd = openContainerPidfd(state);
    if (!pidfd)
        return pidfd.error();
    const QByteArray fifoPath = QFile::encodeName(store.execFifoPath(id));
    UniqueFd fifo(::open(fifoPath.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fifo.valid())
        return Error{
            QStringLiteral("id"),
            QStringLiteral("cannot open the exec fifo of \"%1\": %2").arg(id, errnoText(errno))};
    // Opening the fifo released the process; it answers with one byte, or dies.
    pollfd fds[2] = {{fifo.get(), POLLIN, 0}, {pidfd->get(), POLLIN, 0}};
    while (::poll(fds, 2, -1) < 0 && errno == EINTR) {
    }
    char byte = 0;
    if (!(fds[0].revents & POLLIN) || ::read(fifo.get(), &byte, 1) != 1)
        return Error{QStringLiteral("id"),
                     QStringLiteral("container \"%1\" exited before it started").arg(id)};
    ::unlink(fifoPath.constData());
    state.status = QStringLiteral("running");
    state.started = true;
    if (auto saved = store.save(state); !saved)
        return saved.error();
    return state;
}

Expected<ContainerState> Container::state(const StateStore &store, const QString &id)
{
    auto loaded = store.load(id);
    if (!loaded)
        return loaded.error();
    return withLiveStatus(loaded.value());
}

Expected<void> Container::kill(const StateStore &store, const QString &id, int signal)
{
    auto loaded = store.load(id);
    if (!loaded)
        return loaded.error();
    auto pidfd = openContainerPidfd(loaded.value());
    if (!pidfd)
        return pidfd.error();
    if (::pidfd_send_signal(pidfd->get(), signal, nullptr, 0) != 0)
        return Error{QStringLiteral("signal"),
                     QStringLiteral("cannot send signal %1: %2").arg(signal).arg(errnoText(errno))};
    return {};
}

Expected<void> Container::remove(const StateStore &store, const QString &id, bool force)
{
    auto lock = store.lock(id);
    if (!lock)
        return lock.error();
    auto loaded = store.load(id);
    if (!loaded)
        return loaded.error();
    const ContainerState state = withLiveStatus(loaded.value());
    const bool paused = state.status == QLatin1String("paused");
    if ((state.status == QLatin1String("running") || paused) && !force)
        return Error{QStringLiteral("id"),
                     QStringLiteral("container \"%1\" is %2: kill it first or use --force")
                         .arg(id, state.status)};
    if (state.status != QLatin1String("stopped") && state.pid > 0) {
        auto pidfd = openContainerPidfd(state);
        if (pidfd) {
            ::pidfd_send_signal(pidfd->get(), SIGKILL, nullptr, 0);
            // A frozen task cannot act on SIGKILL until it is thawed.
            if (paused) {
                if (auto cgroup = Cgroup::open(state.cgroupsPath, id))
                    (void)cgroup->setFrozen(false);
            }
            if (!waitUntilGone(pidfd->get(), KillTimeoutMs))
                return Error{QStringLiteral("id"),
                             QStringLiteral("container \"%1\" did not exit after SIGKILL").arg(id)};
        }
    }
    auto cgroup = Cgroup::open(state.cgroupsPath, id);
    return cleanUp(store, id, cgroup ? &cgroup.value() : nullptr);
}

Expected<int> Container::run(const StateStore &store, const CreateRequest &request, bool detach,
                             const std::function<void(CreatedContainer &)> &onStarted)
{
    CreateRequest immediate = request;
    immediate.waitForStart = false;
    immediate.relayConsole = !detach;
    auto created = create(store, immediate);
    if (!created)
        return created.error();
    if (onStarted)
        onStarted(created.value());
    if (detach)
        return 0;
    const int status = waitForExit(created->process);
    auto lock = store.lock(request.id);
    // The cgroup create made is still open: no second look at the host's hierarchies.
    if (auto removed = cleanUp(store, request.id, &created->cgroup.value()); !removed)
        return removed.error();
    return status;
}

Expected<LaunchedProcess> Container::spawnExec(const StateStore &store, const QString &id,
                                               const ExecRequest &request)
{
    auto loaded = store.load(id);
    if (!loaded)
        return loaded.error();
    const ContainerState state = withLiveStatus(loaded.value());
    if (state.status != QLatin1String("running"))
        return Error{QStringLiteral("id"),
                     QStringLiteral("container \"%1\" is %2, not running").arg(id, state.status)};
    auto spec = spec::OciSpec::load(store.specPath(id));
    if (!spec)
        return spec.error();
    spec::Process process = spec->process();
    process.args = request.args;
    spec->setProcess(process);
    auto plan = planProcess(spec.value(), store.seccompCacheDir());
    if (!plan)
        return plan.error();
    if (auto valid = checkStdio(request.stdio); !valid)
        return valid.error();
    plan->stdio = request.stdio;
    UniqueFd program;
    if (!request.hostProgram.isEmpty()) {
        program.reset(
            ::open(QFile::encodeName(request.hostProgram).constData(), O_RDONLY | O_CLOEXEC));
        if (!program.valid())
            return Error{
                QStringLiteral("exec"),
                QStringLiteral("cannot open %1: %2").arg(request.hostProgram, errnoText(errno))};
    }
    auto pidfd = openContainerPidfd(state);
    if (!pidfd)
        return pidfd.error();
    auto cgroup = Cgroup::open(state.cgroupsPath, id);
    if (!cgroup)
        return cgroup.error();
    return launchExecProcess(plan.value(), state.pid, pidfd->get(), cgroup.value(), program.get());
}

Expected<int> Container::exec(const StateStore &store, const QString &id,
                              const ExecRequest &request)
{
    auto launched = spawnExec(store, id, request);
    if (!launched)
        return launched.error();
    return waitForExit(launched.value());
}

QList<ContainerState> Container::list(const StateStore &store)
{
    QList<ContainerState> result;
    for (const QString &id : store.ids()) {
        if (auto found = state(store, id))
            result.append(found.value());
    }
    return result;
}

} // namespace isolde::engine
