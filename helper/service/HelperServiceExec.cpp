// Exec and Probe: processes started in a running container's namespaces, cgroup and security
// (engine::Container::spawnExec), supervised through their pidfds so that the main thread never
// waits for them.
#include "Container.h"
#include "HelperService.h"
#include "HostView.h"
#include "client/HelperProtocol.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <fcntl.h>
#include <unistd.h>

namespace isolde::service {

namespace {

constexpr qsizetype MaxProcessBytes = 256 * 1024;
// The probe prints one line of JSON, a few KiB; anything beyond this is not the probe.
constexpr qsizetype MaxProbeOutput = 1024 * 1024;

// The process object of an Exec call, as the OCI spec's "process".
Expected<spec::Process> parseProcess(const QString &text)
{
    if (text.size() > MaxProcessBytes)
        return Error{QStringLiteral("process_json"),
                     QStringLiteral("longer than %1 bytes").arg(MaxProcessBytes)};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (!document.isObject())
        return Error{QStringLiteral("process_json"),
                     parseError.error == QJsonParseError::NoError
                         ? QStringLiteral("not a JSON object")
                         : QStringLiteral("not a JSON object (%1 at offset %2)")
                               .arg(parseError.errorString())
                               .arg(parseError.offset)};
    // A partial process object: only what Exec uses is checked (the rest comes from the
    // container's own config.json).
    const QJsonObject object = document.object();
    const QJsonValue args = object.value(QLatin1String("args"));
    if (!args.isArray() || args.toArray().isEmpty())
        return Error{QStringLiteral("process.args"),
                     QStringLiteral("a non-empty array naming the program to run is needed")};
    spec::Process process;
    const QJsonArray argsArray = args.toArray();
    for (qsizetype i = 0; i < argsArray.size(); ++i) {
        if (!argsArray[i].isString() || (i == 0 && argsArray[i].toString().isEmpty()))
            return Error{spec::indexPath(QStringLiteral("process.args"), i),
                         QStringLiteral("must be a non-empty string")};
        process.args.append(argsArray[i].toString());
    }
    const QJsonValue terminal = object.value(QLatin1String("terminal"));
    if (!terminal.isUndefined() && !terminal.isBool())
        return Error{QStringLiteral("process.terminal"), QStringLiteral("must be true or false")};
    if (terminal.toBool())
        return Error{QStringLiteral("process.terminal"),
                     QStringLiteral("no terminal can be relayed over D-Bus yet; pass file "
                                    "descriptors instead")};
    return process;
}

// The engine checks the descriptors (stdio.in open for reading, ...): a bad one is the
// caller's mistake, named by its D-Bus argument.
Error execError(const Error &error)
{
    static const QHash<QString, QString> arguments = {
        {QStringLiteral("stdio.in"), QStringLiteral("stdin_fd")},
        {QStringLiteral("stdio.out"), QStringLiteral("stdout_fd")},
        {QStringLiteral("stdio.err"), QStringLiteral("stderr_fd")}};
    return Error{arguments.value(error.field, error.field), error.reason};
}

QString probePath()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/isolde-probe");
}

} // namespace

int HelperService::Exec(const QString &id, const QString &process_json,
                        const QDBusUnixFileDescriptor &stdin_fd,
                        const QDBusUnixFileDescriptor &stdout_fd,
                        const QDBusUnixFileDescriptor &stderr_fd)
{
    begin(actions::ContainerManageOwn, [this, id, process_json, stdin_fd, stdout_fd,
                                        stderr_fd](const Call &call) {
        rememberReader(call);
        auto process = parseProcess(process_json);
        if (!process)
            return failWith(call, process.error(), protocol::ErrorInvalidArgument);
        const std::pair<const char *, const QDBusUnixFileDescriptor *> fds[] = {
            {"stdin_fd", &stdin_fd}, {"stdout_fd", &stdout_fd}, {"stderr_fd", &stderr_fd}};
        for (const auto &[field, fd] : fds) {
            if (!fd->isValid())
                return fail(
                    call, protocol::ErrorInvalidArgument,
                    QStringLiteral("%1: not a valid file descriptor").arg(QLatin1String(field)));
        }
        const QStringList args = process->args;
        withContainer(call, id,
                      [this, call, args, stdin_fd, stdout_fd, stderr_fd](ContainerRecord &record) {
                          if (record.status != QLatin1String("running"))
                              return fail(call, protocol::ErrorFailed,
                                          QStringLiteral("id: container %1 is %2, not running")
                                              .arg(record.name, record.status));
                          const engine::StateStore store = m_store;
                          const QString containerId = record.id;
                          engine::ExecRequest request;
                          request.args = args;
                          // The descriptors stay open while the request (and the call's copies)
                          // live.
                          request.stdio = {stdin_fd.fileDescriptor(), stdout_fd.fileDescriptor(),
                                           stderr_fd.fileDescriptor()};
                          using Spawned = std::shared_ptr<Expected<engine::LaunchedProcess>>;
                          offThread<Spawned>(
                              [store, containerId, request, stdin_fd, stdout_fd, stderr_fd] {
                                  return std::make_shared<Expected<engine::LaunchedProcess>>(
                                      engine::Container::spawnExec(store, containerId, request));
                              },
                              [this, call, containerId](Spawned &spawned) {
                                  if (!*spawned) {
                                      const Error error = execError(spawned->error());
                                      return failWith(call, error,
                                                      error.field.endsWith(QLatin1String("_fd"))
                                                          ? protocol::ErrorInvalidArgument
                                                          : protocol::ErrorFailed);
                                  }
                                  engine::LaunchedProcess &launched = spawned->value();
                                  const pid_t pid = launched.pid;
                                  const QString busName = call.busName();
                                  watchChild(pid, std::move(launched.pidfd),
                                             [this, busName, containerId, pid](int status) {
                                                 sendTo(busName, QStringLiteral("ExecExited"),
                                                        {containerId, int(pid), status});
                                             });
                                  reply(call, {int(pid)});
                              });
                      });
    });
    return 0;
}

QString HelperService::Probe(const QString &id)
{
    begin(actions::ContainerReadOwn, [this, id](const Call &call) {
        rememberReader(call);
        withContainer(call, id, [this, call](ContainerRecord &record) {
            if (record.status != QLatin1String("running"))
                return fail(call, protocol::ErrorFailed,
                            QStringLiteral("id: container %1 is %2, not running")
                                .arg(record.name, record.status));
            int pipeFds[2];
            if (::pipe2(pipeFds, O_CLOEXEC) != 0)
                return fail(call, protocol::ErrorFailed,
                            QStringLiteral("cannot make a pipe: %1")
                                .arg(QString::fromLocal8Bit(strerror(errno))));
            auto readEnd = std::make_shared<engine::UniqueFd>(pipeFds[0]);
            auto writeEnd = std::make_shared<engine::UniqueFd>(pipeFds[1]);
            auto null = std::make_shared<engine::UniqueFd>(::open("/dev/null", O_RDWR | O_CLOEXEC));
            // The spec's own masked and read-only paths are what the probe should check.
            QStringList args{QStringLiteral("isolde-probe")};
            if (auto spec = spec::OciSpec::load(m_store.specPath(record.id))) {
                const spec::Linux linux = spec->linux();
                for (const QString &path : linux.maskedPaths)
                    args << QStringLiteral("--masked") << path;
                for (const QString &path : linux.readonlyPaths)
                    args << QStringLiteral("--readonly") << path;
            }
            engine::ExecRequest request;
            request.args = args;
            request.hostProgram = probePath();
            request.stdio = {null->get(), writeEnd->get(), null->get()};
            const engine::StateStore store = m_store;
            const QString containerId = record.id;
            const pid_t initPid = record.pid;
            using Spawned = std::shared_ptr<Expected<engine::LaunchedProcess>>;
            offThread<Spawned>(
                [store, containerId, request, writeEnd, null] {
                    return std::make_shared<Expected<engine::LaunchedProcess>>(
                        engine::Container::spawnExec(store, containerId, request));
                },
                [this, call, readEnd, writeEnd, initPid](Spawned &spawned) {
                    writeEnd->reset(); // the probe holds the only write end: EOF when it ends
                    if (!*spawned)
                        return failWith(call, spawned->error(), protocol::ErrorFailed);
                    collectProbe(call, std::move(*readEnd), std::move(spawned->value()), initPid);
                });
        });
    });
    return {};
}

void HelperService::collectProbe(const Call &call, engine::UniqueFd output,
                                 engine::LaunchedProcess process, pid_t initPid)
{
    struct Run
    {
        engine::UniqueFd output;
        std::unique_ptr<QSocketNotifier> reader;
        QByteArray text;
        bool eof = false;
        std::optional<int> status;
    };
    auto run = std::make_shared<Run>();
    run->output = std::move(output);
    ::fcntl(run->output.get(), F_SETFL, O_NONBLOCK);
    run->reader = std::make_unique<QSocketNotifier>(run->output.get(), QSocketNotifier::Read);

    const auto finishIfDone = [this, call, run, initPid] {
        if (!run->eof || !run->status)
            return;
        const QJsonDocument document = QJsonDocument::fromJson(run->text);
        if (*run->status != 0 || !document.isObject())
            return fail(call, protocol::ErrorFailed,
                        QStringLiteral("isolde-probe failed (status %1): %2")
                            .arg(*run->status)
                            .arg(QString::fromUtf8(run->text.left(300))));
        const QJsonObject answer{{QStringLiteral("container"), document.object()},
                                 {QStringLiteral("host"), hostViewOf(initPid)}};
        reply(call, {QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Compact))});
    };
    connect(run->reader.get(), &QSocketNotifier::activated, this, [run, finishIfDone] {
        char buffer[16384];
        for (;;) {
            const ssize_t count = ::read(run->output.get(), buffer, sizeof(buffer));
            if (count > 0) {
                if (run->text.size() < MaxProbeOutput)
                    run->text.append(buffer, count);
                continue;
            }
            if (count < 0 && (errno == EINTR))
                continue;
            if (count < 0 && errno == EAGAIN)
                return;
            break; // end of file, or an error that will not pass
        }
        run->eof = true;
        run->reader->setEnabled(false);
        run->reader.release()->deleteLater();
        finishIfDone();
    });
    watchChild(process.pid, std::move(process.pidfd), [run, finishIfDone](int status) {
        run->status = status;
        finishIfDone();
    });
}

} // namespace isolde::service
