#include "HelperService.h"

#include "CallerPolicy.h"
#include "ChildWatch.h"
#include "Container.h"
#include "ContainerLog.h"
#include "ContainerNames.h"
#include "ContainerResources.h"
#include "DefaultImage.h"
#include "ImageCatalog.h"
#include "SignalName.h"
#include "client/HelperProtocol.h"
#include "spec/SpecValidator.h"
#include "util/Paths.h"

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
// glibc 2.36 declares these without extern "C".
extern "C" {
#include <sys/pidfd.h>
}

namespace isolde::service {

namespace {

// Bounds on what a caller may make the helper hold or parse.
constexpr qsizetype MaxReferenceLength = 256;
constexpr qsizetype MaxSpecBytes = 4 * 1024 * 1024;
constexpr qsizetype MaxResourcesBytes = 256 * 1024;
constexpr uint MaxStopTimeoutSeconds = 24 * 3600;

QString newContainerId()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex());
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue isoTimeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(QJsonValue::Null);
}

// Everything the engine found wrong with a spec, on one line, the first naming its field.
Error combined(const QList<Error> &errors)
{
    Error first = errors.first();
    for (qsizetype i = 1; i < errors.size(); ++i)
        first.reason += QStringLiteral("; also ") + errors[i].toString();
    return first;
}

// Engine errors about the spec or its arguments name a config.json field; those about the
// host (a file it could not write, a cgroup it could not make) name none, or "id".
bool isSpecError(const Error &error)
{
    return !error.field.isEmpty() && error.field != QLatin1String("id") &&
           error.field != QLatin1String("--bundle") && error.field != QLatin1String("exec");
}

} // namespace

QJsonObject ContainerRecord::summary() const
{
    QJsonObject summary{{QStringLiteral("id"), id},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("image"), image},
                        {QStringLiteral("state"), status},
                        {QStringLiteral("owner_uid"), static_cast<qint64>(owner)},
                        {QStringLiteral("pid"), pidfd.valid() ? static_cast<qint64>(pid) : 0},
                        {QStringLiteral("created"), isoTime(created)},
                        {QStringLiteral("command"), command},
                        {QStringLiteral("exit_code"),
                         exitCode ? QJsonValue(*exitCode) : QJsonValue(QJsonValue::Null)}};
    // Absent until the container has started / finished.
    if (started.isValid())
        summary.insert(QStringLiteral("started"), isoTime(started));
    if (finished.isValid())
        summary.insert(QStringLiteral("finished"), isoTime(finished));
    return summary;
}

HelperService::HelperService(const QDBusConnection &bus, int idleTimeoutSeconds, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_authorizer(bus)
    , m_store(paths::stateDir() + QStringLiteral("/helper"))
{
    connect(&m_authorizer, &PolkitAuthorizer::callerLeft, this, &HelperService::onCallerLeft);
    m_idleTimer.setSingleShot(true);
    if (idleTimeoutSeconds > 0) {
        m_idleTimer.setInterval(std::chrono::seconds(idleTimeoutSeconds));
        connect(&m_idleTimer, &QTimer::timeout, this, &HelperService::onIdleTimeout);
        m_idleTimer.start();
    }
}

HelperService::~HelperService()
{
    m_pool.waitForDone();
}

// ---- calls ---------------------------------------------------------------------------------

void HelperService::begin(const char *action, Then then)
{
    setDelayedReply(true);
    ++m_inFlight;
    touch();
    const QDBusMessage message = this->message();
    const QString actionId = QLatin1String(action);
    m_authorizer.authorize(message.service(), actionId,
                           [this, message, then = std::move(then)](const Authorization &answer) {
                               Call call{message, static_cast<uid_t>(answer.uid)};
                               if (!answer.allowed) {
                                   fail(call, protocol::ErrorAccessDenied, answer.reason);
                                   return;
                               }
                               then(call);
                           });
}

void HelperService::reply(const Call &call, const QVariantList &arguments)
{
    QDBusMessage answer = call.message.createReply(arguments);
    m_bus.send(answer);
    --m_inFlight;
    touch();
}

void HelperService::fail(const Call &call, const char *errorName, const QString &text)
{
    // One line per refused or failed call; the text names fields, never their contents.
    qWarning().noquote() << QStringLiteral("isolde-helper: %1 from %2 (uid %3) -> %4: %5")
                                .arg(call.message.member(), call.busName())
                                .arg(call.uid)
                                .arg(QLatin1String(errorName), text.left(500));
    m_bus.send(call.message.createErrorReply(QLatin1String(errorName), text));
    --m_inFlight;
    touch();
}

void HelperService::failWith(const Call &call, const Error &error, const char *errorName)
{
    fail(call, errorName, error.toString());
}

ContainerRecord *HelperService::findRecord(const QString &id) const
{
    const auto it = m_containers.constFind(id);
    return it == m_containers.constEnd() ? nullptr : it->get();
}

QString HelperService::containerDir(const QString &id) const
{
    return paths::dataDir() + QStringLiteral("/containers/") + id;
}

HelperService::Match HelperService::resolve(const QString &reference,
                                            const std::function<bool(const ContainerRecord &)> &in,
                                            QString *id) const
{
    // As Docker: the full id, then a name, then a unique id prefix.
    if (const ContainerRecord *exact = findRecord(reference); exact && in(*exact)) {
        *id = exact->id;
        return Match::Found;
    }
    for (const auto &candidate : m_containers) {
        if (candidate->name == reference && in(*candidate)) {
            *id = candidate->id;
            return Match::Found;
        }
    }
    Match match = Match::None;
    for (const auto &candidate : m_containers) {
        if (candidate->id.startsWith(reference) && in(*candidate)) {
            if (match == Match::Found)
                return Match::Ambiguous;
            *id = candidate->id;
            match = Match::Found;
        }
    }
    return match;
}

bool HelperService::mayRead(const QString &busName, uid_t uid, const ContainerRecord &record) const
{
    return uid == 0 || record.owner == uid ||
           m_authorizer.cachedActions(busName).contains(QLatin1String(actions::ContainerManageAny));
}

void HelperService::withContainer(const Call &call, const QString &reference, ThenRecord then)
{
    withContainers(call, {reference}, [this, then = std::move(then), call](const QStringList &ids) {
        ContainerRecord *found = findRecord(ids.first());
        if (!found) { // removed while polkit answered
            fail(call, protocol::ErrorNoSuchContainer, QStringLiteral("id: no such container"));
            return;
        }
        then(*found);
    });
}

void HelperService::withContainers(const Call &call, const QStringList &references,
                                   std::function<void(const QStringList &)> then)
{
    QStringList ids;
    bool needsManageAny = false;
    for (const QString &reference : references) {
        const QString field = references.size() == 1 ? QStringLiteral("id") : QStringLiteral("ids");
        if (reference.isEmpty() || reference.size() > MaxReferenceLength) {
            fail(call, protocol::ErrorInvalidArgument,
                 Error{field, QStringLiteral("a container id or name of 1 to %1 characters is "
                                             "expected")
                                  .arg(MaxReferenceLength)}
                     .toString());
            return;
        }
        QString id;
        const auto own = [&](const ContainerRecord &r) {
            return mayRead(call.busName(), call.uid, r);
        };
        Match match = resolve(reference, own, &id);
        if (match == Match::None) {
            // Someone else's container: only with manage-any, asked below.
            match = resolve(
                reference, [](const ContainerRecord &) { return true; }, &id);
            if (match == Match::Found)
                needsManageAny = true;
            else
                match = Match::None; // an ambiguity among others' ids must not show they exist
        }
        if (match == Match::Ambiguous) {
            fail(call, protocol::ErrorInvalidArgument,
                 Error{field, QStringLiteral("\"%1\" is the prefix of several containers' ids")
                                  .arg(reference)}
                     .toString());
            return;
        }
        if (match == Match::None) {
            fail(call, protocol::ErrorNoSuchContainer,
                 Error{field, QStringLiteral("no such container: %1").arg(reference.left(80))}
                     .toString());
            return;
        }
        ids.append(id);
    }
    if (!needsManageAny) {
        then(ids);
        return;
    }
    m_authorizer.authorize(
        call.busName(), QLatin1String(actions::ContainerManageAny),
        [this, call, ids, references, then = std::move(then)](const Authorization &answer) {
            if (!answer.allowed) {
                // Others' containers stay out of sight: the caller learns nothing of them.
                qWarning().noquote() << QStringLiteral("isolde-helper: %1 from %2 (uid %3): %4")
                                            .arg(call.message.member(), call.busName())
                                            .arg(call.uid)
                                            .arg(answer.reason);
                fail(call, protocol::ErrorNoSuchContainer,
                     Error{references.size() == 1 ? QStringLiteral("id") : QStringLiteral("ids"),
                           QStringLiteral("no such container")}
                         .toString());
                return;
            }
            then(ids);
        });
}

// ---- signals -------------------------------------------------------------------------------

void HelperService::sendTo(const QString &busName, const QString &signal,
                           const QVariantList &arguments)
{
    QDBusMessage message =
        QDBusMessage::createTargetedSignal(busName, QLatin1String(protocol::ObjectPath),
                                           QLatin1String(protocol::InterfaceName), signal);
    message.setArguments(arguments);
    m_bus.send(message);
}

void HelperService::announce(const ContainerRecord &record, const QString &state)
{
    for (auto it = m_readers.cbegin(); it != m_readers.cend(); ++it) {
        if (mayRead(it.key(), it.value(), record))
            sendTo(it.key(), QStringLiteral("ContainerStateChanged"), {record.id, state});
    }
}

void HelperService::rememberReader(const Call &call)
{
    m_readers.insert(call.busName(), call.uid);
}

void HelperService::onCallerLeft(const QString &busName)
{
    m_readers.remove(busName);
    m_subscriptions.remove(busName);
    forgetFollower(busName);
    touch();
}

// ---- idle exit -----------------------------------------------------------------------------

void HelperService::touch()
{
    if (m_idleTimer.interval() > 0 && m_idleTimer.isSingleShot())
        m_idleTimer.start();
}

void HelperService::onIdleTimeout()
{
    const bool running = std::any_of(m_containers.cbegin(), m_containers.cend(),
                                     [](const auto &r) { return r->pidfd.valid(); });
    if (running || m_inFlight > 0 || !m_subscriptions.isEmpty() || hasFollowers()) {
        m_idleTimer.start();
        return;
    }
    qInfo("isolde-helper: idle for %d s with nothing running, exiting",
          int(m_idleTimer.interval() / 1000));
    QCoreApplication::quit();
}

// ---- Create --------------------------------------------------------------------------------

QString HelperService::Create(const QString &config_json, const QString &name, const QString &image)
{
    begin(actions::ContainerManageOwn, [this, config_json, name, image](const Call &call) {
        create(call, config_json, name, image);
    });
    return {};
}

namespace {

struct CreateOutcome
{
    std::optional<engine::CreatedContainer> created;
    std::optional<engine::LoggerProcess> logger; // to reap once it ends
    QString imageName;
    QString command;
    const char *errorName = nullptr;
    Error error;
};

CreateOutcome failed(const char *errorName, Error error)
{
    CreateOutcome outcome;
    outcome.errorName = errorName;
    outcome.error = std::move(error);
    return outcome;
}

// Off the main thread: the image, the bundle, the engine's create. Whatever fails leaves no
// container directory behind (the engine undoes its own part).
CreateOutcome createContainer(const engine::StateStore &store, const QString &id,
                              const QString &bundleDir, spec::OciSpec spec,
                              const QString &imageReference, uid_t owner,
                              const QString &loggerProgram)
{
    engine::ImageStore images(paths::dataDir());
    ImageLookup lookup = findImageByReference(images, imageReference);
    if (!lookup.found)
        return failed(protocol::ErrorNoSuchImage,
                      Error{QStringLiteral("image"),
                            QStringLiteral("no image called %1").arg(imageReference.left(80))});
    if (!lookup.image)
        return failed(protocol::ErrorFailed, lookup.image.error());
    const engine::Image &image = lookup.image.value();
    spec.setAnnotation(QLatin1String(spec::AnnotationImage), image.name);

    const auto removeBundle = [&] { QDir(bundleDir).removeRecursively(); };
    if (auto made = images.makeBundle(image, bundleDir, spec); !made) {
        removeBundle();
        return failed(protocol::ErrorFailed, made.error());
    }
    // Validated as it will run: with what the image added (Cmd, Env, WorkingDir).
    auto bundled = spec::OciSpec::load(bundleDir + QStringLiteral("/config.json"));
    if (!bundled) {
        removeBundle();
        return failed(protocol::ErrorFailed, bundled.error());
    }
    if (const QList<Error> problems = spec::validateSpec(bundled.value()); !problems.isEmpty()) {
        removeBundle();
        return failed(protocol::ErrorInvalidArgument, combined(problems));
    }

    // The logger holds the read ends; the container gets the write ends as 1 and 2.
    auto logger = engine::startLogger(loggerProgram, bundleDir + QStringLiteral("/container.log"),
                                      engine::LogLimits{});
    if (!logger) {
        removeBundle();
        return failed(protocol::ErrorFailed, logger.error());
    }
    engine::UniqueFd null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    engine::CreateRequest request;
    request.id = id;
    request.bundle = bundleDir;
    request.owner = owner;
    request.waitForStart = true;
    request.stdio = {null.get(), logger->stdoutWrite.get(), logger->stderrWrite.get()};
    auto created = engine::Container::create(store, request);
    // Only the container keeps the write ends: the logger ends when the container does.
    logger->stdoutWrite.reset();
    logger->stderrWrite.reset();
    if (!created) {
        removeBundle();
        CreateOutcome outcome = failed(isSpecError(created.error()) ? protocol::ErrorInvalidArgument
                                                                    : protocol::ErrorFailed,
                                       created.error());
        outcome.logger = std::move(logger.value());
        return outcome;
    }
    CreateOutcome outcome;
    outcome.logger = std::move(logger.value());
    outcome.imageName = image.name;
    outcome.command = bundled->process().args.join(QLatin1Char(' '));
    outcome.created = std::move(created.value());
    return outcome;
}

} // namespace

void HelperService::create(const Call &call, const QString &configJson, const QString &name,
                           const QString &image)
{
    rememberReader(call);
    if (configJson.size() > MaxSpecBytes)
        return fail(call, protocol::ErrorInvalidArgument,
                    QStringLiteral("config_json: longer than %1 bytes").arg(MaxSpecBytes));
    if (image.size() > MaxReferenceLength)
        return fail(call, protocol::ErrorInvalidArgument,
                    QStringLiteral("image: longer than %1 characters").arg(MaxReferenceLength));
    if (!name.isEmpty()) {
        if (auto valid = checkContainerName(name); !valid)
            return failWith(call, valid.error(), protocol::ErrorInvalidArgument);
    }
    const auto taken = [this](const QString &candidate) {
        if (m_reservedNames.contains(candidate))
            return true;
        return std::any_of(m_containers.cbegin(), m_containers.cend(),
                           [&](const auto &r) { return r->name == candidate; });
    };
    if (!name.isEmpty() && taken(name))
        return fail(call, protocol::ErrorInvalidArgument,
                    QStringLiteral("name: \"%1\" is already in use").arg(name));

    auto parsed = spec::OciSpec::fromJson(configJson.toUtf8());
    if (!parsed)
        return fail(call, protocol::ErrorInvalidArgument,
                    QStringLiteral("config_json: ") + parsed.error().toString());
    spec::OciSpec spec = parsed.value();
    // Wrong JSON types now: the typed model would read them as defaults, which the image may
    // then fill in. Missing fields wait until the image has added what it provides.
    for (const Error &problem : spec.schemaErrors()) {
        if (problem.reason != QLatin1String("is required"))
            return failWith(call, problem, protocol::ErrorInvalidArgument);
    }
    if (spec.process().terminal)
        return fail(call, protocol::ErrorInvalidArgument,
                    QStringLiteral("process.terminal: a container created over D-Bus has no "
                                   "console to attach yet; set it to false"));
    if (auto allowed = applyCallerPolicy(spec, call.uid); !allowed)
        return failWith(call, allowed.error(), protocol::ErrorInvalidArgument);

    const QString id = newContainerId();
    const QString containerName = name.isEmpty() ? makeUpContainerName(taken) : name;
    m_reservedNames.insert(containerName);
    // A caller never chooses the cgroup: every container lives under the helper's parent.
    spec::Linux linux = spec.linux();
    linux.cgroupsPath = QLatin1String(engine::HelperCgroupParent) + QLatin1Char('/') + id;
    spec.setLinux(linux);
    spec.setAnnotation(QLatin1String(spec::AnnotationName), containerName);
    spec.setAnnotation(QLatin1String(spec::AnnotationCreated),
                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));

    const QString bundleDir = containerDir(id);
    const uid_t owner = call.uid;
    const engine::StateStore store = m_store;
    const QString loggerProgram =
        QCoreApplication::applicationDirPath() + QStringLiteral("/isolde-logger");
    offThread<CreateOutcome>(
        [store, id, bundleDir, spec, image, owner, loggerProgram] {
            return createContainer(store, id, bundleDir, spec, image, owner, loggerProgram);
        },
        [this, call, id, containerName](CreateOutcome &outcome) {
            m_reservedNames.remove(containerName);
            if (outcome.logger)
                watchChild(outcome.logger->pid, std::move(outcome.logger->pidfd), {});
            if (!outcome.created)
                return failWith(call, outcome.error, outcome.errorName);
            auto made = std::make_shared<ContainerRecord>();
            made->id = id;
            made->name = containerName;
            made->image = outcome.imageName;
            made->owner = outcome.created->state.owner;
            made->created = outcome.created->state.created;
            made->command = outcome.command;
            made->status = QStringLiteral("created");
            made->pid = outcome.created->state.pid;
            made->autoRemove = outcome.created->state.annotations.value(
                                   QLatin1String(AnnotationAutoRemove)) == QLatin1String("true");
            made->stopSignal =
                outcome.created->state.annotations.value(QLatin1String(AnnotationStopSignal));
            m_containers.insert(id, made);
            supervise(*made, std::move(outcome.created->process.pidfd), true);
            announce(*made, made->status);
            reply(call, {id});
        });
}

// ---- Start, Stop, Kill, Remove, Pause, Resume, Update --------------------------------------

void HelperService::Start(const QString &id)
{
    begin(actions::ContainerManageOwn, [this, id](const Call &call) {
        rememberReader(call);
        withContainer(call, id, [this, call](ContainerRecord &record) {
            if (record.removing || record.status != QLatin1String("created"))
                return fail(call, protocol::ErrorFailed,
                            QStringLiteral("id: container %1 is %2, not created")
                                .arg(record.name, record.removing ? QStringLiteral("being removed")
                                                                  : record.status));
            const engine::StateStore store = m_store;
            const QString containerId = record.id;
            offThread<Expected<engine::ContainerState>>(
                [store, containerId] { return engine::Container::start(store, containerId); },
                [this, call, containerId](Expected<engine::ContainerState> &started) {
                    ContainerRecord *found = findRecord(containerId);
                    if (!started)
                        return failWith(call, started.error(), protocol::ErrorFailed);
                    // It may have run and exited already; then its exit was announced.
                    if (found && found->status == QLatin1String("created")) {
                        found->started = QDateTime::currentDateTimeUtc();
                        setStatus(*found, QStringLiteral("running"));
                        startSampling(*found);
                    } else if (found && !found->started.isValid()) {
                        found->started = found->finished;
                    }
                    reply(call);
                });
        });
    });
}

void HelperService::Stop(const QString &id, uint timeout_seconds)
{
    begin(actions::ContainerManageOwn, [this, id, timeout_seconds](const Call &call) {
        rememberReader(call);
        if (timeout_seconds > MaxStopTimeoutSeconds)
            return fail(call, protocol::ErrorInvalidArgument,
                        QStringLiteral("timeout_seconds: at most %1").arg(MaxStopTimeoutSeconds));
        withContainer(call, id, [this, timeout_seconds, call](ContainerRecord &record) {
            stop(call, record, timeout_seconds);
        });
    });
}

void HelperService::stop(const Call &call, ContainerRecord &record, uint timeoutSeconds)
{
    if (!record.pidfd.valid()) // already stopped: nothing to wait for
        return reply(call);
    int signal = SIGTERM;
    if (!record.stopSignal.isEmpty()) {
        if (auto parsed = engine::parseSignalName(record.stopSignal, QString()))
            signal = parsed.value();
    }
    // A container that never started, or a zero timeout, gets SIGKILL at once.
    if (record.status == QLatin1String("created") || timeoutSeconds == 0)
        signal = SIGKILL;
    // A frozen process acts on no signal but SIGKILL; thaw it so it can stop cleanly.
    if (record.status == QLatin1String("paused")) {
        if (auto resumed = engine::resumeContainer(m_store, record.id); resumed)
            setStatus(record, QStringLiteral("running"));
    }
    ::pidfd_send_signal(record.pidfd.get(), signal, nullptr, 0);
    std::shared_ptr<QTimer> escalation;
    if (signal != SIGKILL) {
        escalation = std::make_shared<QTimer>();
        escalation->setSingleShot(true);
        const QString id = record.id;
        connect(escalation.get(), &QTimer::timeout, this, [this, id] {
            if (ContainerRecord *found = findRecord(id); found && found->pidfd.valid())
                ::pidfd_send_signal(found->pidfd.get(), SIGKILL, nullptr, 0);
        });
        escalation->start(std::chrono::seconds(timeoutSeconds));
    }
    record.onExit.append([this, call, escalation] {
        if (escalation)
            escalation->stop();
        reply(call);
    });
}

void HelperService::Kill(const QString &id, const QString &signal_name)
{
    begin(actions::ContainerManageOwn, [this, id, signal_name](const Call &call) {
        rememberReader(call);
        auto signal = engine::parseSignalName(signal_name, QStringLiteral("signal_name"));
        if (!signal)
            return failWith(call, signal.error(), protocol::ErrorInvalidArgument);
        withContainer(call, id, [this, signal = signal.value(), call](ContainerRecord &record) {
            if (!record.pidfd.valid())
                return fail(call, protocol::ErrorFailed,
                            QStringLiteral("id: container %1 is not running").arg(record.name));
            if (::pidfd_send_signal(record.pidfd.get(), signal, nullptr, 0) != 0)
                return fail(call, protocol::ErrorFailed,
                            QStringLiteral("signal_name: cannot send signal %1: %2")
                                .arg(signal)
                                .arg(QString::fromLocal8Bit(strerror(errno))));
            reply(call);
        });
    });
}

void HelperService::Remove(const QString &id, bool force)
{
    begin(actions::ContainerManageOwn, [this, id, force](const Call &call) {
        rememberReader(call);
        withContainer(call, id, [this, force, call](ContainerRecord &record) {
            if (record.removing)
                return fail(
                    call, protocol::ErrorFailed,
                    QStringLiteral("id: container %1 is already being removed").arg(record.name));
            if (record.isRunning() && !force)
                return fail(call, protocol::ErrorFailed,
                            QStringLiteral("id: container %1 is %2: stop it first or force the "
                                           "removal")
                                .arg(record.name, record.status));
            remove(record.id, force, [this, call](const Expected<void> &removed) {
                if (!removed)
                    return failWith(call, removed.error(), protocol::ErrorFailed);
                reply(call);
            });
        });
    });
}

void HelperService::remove(const QString &id, bool force,
                           std::function<void(const Expected<void> &)> done)
{
    ContainerRecord *found = findRecord(id);
    Q_ASSERT(found);
    found->removing = true;
    const engine::StateStore store = m_store;
    const QString dir = containerDir(id);
    offThread<Expected<void>>(
        [store, id, dir, force]() -> Expected<void> {
            if (auto removed = engine::Container::remove(store, id, force); !removed)
                return removed;
            // The writable layer may be big: removed here, off the main thread. A second pass
            // takes what the logger may have written while the first one ran.
            if (!QDir(dir).removeRecursively() && !QDir(dir).removeRecursively())
                return Error{QString(), QStringLiteral("cannot remove %1 entirely").arg(dir)};
            return {};
        },
        [this, id, done = std::move(done)](Expected<void> &removed) {
            auto it = m_containers.find(id);
            if (it == m_containers.end())
                return done(removed);
            if (!removed) {
                (*it)->removing = false;
                return done(removed);
            }
            const std::shared_ptr<ContainerRecord> gone = *it;
            m_containers.erase(it);
            m_samplers.forget(id);
            endFollowing(id);
            announce(*gone, QStringLiteral("removed"));
            done(removed);
        });
}

void HelperService::Pause(const QString &id)
{
    setFrozen(id, true);
}

void HelperService::Resume(const QString &id)
{
    setFrozen(id, false);
}

// Pause and Resume: the cgroup freezer, off the main thread (a freeze waits for every task).
void HelperService::setFrozen(const QString &id, bool frozen)
{
    begin(actions::ContainerManageOwn, [this, id, frozen](const Call &call) {
        rememberReader(call);
        withContainer(call, id, [this, call, frozen](ContainerRecord &record) {
            const engine::StateStore store = m_store;
            const QString containerId = record.id;
            offThread<Expected<void>>(
                [store, containerId, frozen] {
                    return frozen ? engine::pauseContainer(store, containerId)
                                  : engine::resumeContainer(store, containerId);
                },
                [this, call, containerId, frozen](Expected<void> &changed) {
                    if (!changed)
                        return failWith(call, changed.error(), protocol::ErrorFailed);
                    const QString from =
                        frozen ? QStringLiteral("running") : QStringLiteral("paused");
                    if (ContainerRecord *found = findRecord(containerId);
                        found && found->status == from)
                        setStatus(*found,
                                  frozen ? QStringLiteral("paused") : QStringLiteral("running"));
                    reply(call);
                });
        });
    });
}

void HelperService::Update(const QString &id, const QString &resources_json)
{
    begin(actions::ContainerManageOwn, [this, id, resources_json](const Call &call) {
        rememberReader(call);
        if (resources_json.size() > MaxResourcesBytes)
            return fail(
                call, protocol::ErrorInvalidArgument,
                QStringLiteral("resources_json: longer than %1 bytes").arg(MaxResourcesBytes));
        QJsonParseError parseError;
        const QJsonDocument document =
            QJsonDocument::fromJson(resources_json.toUtf8(), &parseError);
        if (!document.isObject())
            return fail(call, protocol::ErrorInvalidArgument,
                        QStringLiteral("resources_json: not a JSON object%1")
                            .arg(parseError.error == QJsonParseError::NoError
                                     ? QString()
                                     : QStringLiteral(" (%1 at offset %2)")
                                           .arg(parseError.errorString())
                                           .arg(parseError.offset)));
        const QJsonObject patch = document.object();
        withContainer(call, id, [this, patch, call](ContainerRecord &record) {
            const engine::StateStore store = m_store;
            const QString containerId = record.id;
            offThread<Expected<spec::Resources>>(
                [store, containerId, patch] {
                    return engine::updateResources(store, containerId, patch);
                },
                [this, call, containerId](Expected<spec::Resources> &updated) {
                    if (!updated)
                        return failWith(
                            call, updated.error(),
                            updated.error().field.startsWith(QLatin1String("linux.resources"))
                                ? protocol::ErrorInvalidArgument
                                : protocol::ErrorFailed);
                    spec::OciSpec view;
                    spec::Linux linux;
                    linux.resources = updated.value();
                    view.setLinux(linux);
                    m_samplers.setCpuLimit(containerId, cpuLimitOf(view));
                    reply(call);
                });
        });
    });
}

// ---- List, Inspect -------------------------------------------------------------------------

QString HelperService::List()
{
    begin(actions::ContainerReadOwn, [this](const Call &call) {
        rememberReader(call);
        QJsonArray summaries;
        for (const auto &candidate : m_containers) {
            if (mayRead(call.busName(), call.uid, *candidate))
                summaries.append(candidate->summary());
        }
        reply(call, {QString::fromUtf8(QJsonDocument(summaries).toJson(QJsonDocument::Compact))});
    });
    return {};
}

QString HelperService::Inspect(const QString &id)
{
    begin(actions::ContainerReadOwn, [this, id](const Call &call) {
        rememberReader(call);
        withContainer(call, id, [this, call](ContainerRecord &record) {
            auto spec = spec::OciSpec::load(m_store.specPath(record.id));
            auto state = m_store.load(record.id);
            if (!spec || !state)
                return failWith(call, spec ? state.error() : spec.error(), protocol::ErrorFailed);
            QJsonObject stateJson = QJsonDocument::fromJson(state->toOciJson()).object();
            stateJson.insert(QStringLiteral("status"), record.status);
            stateJson.insert(QStringLiteral("pid"),
                             record.pidfd.valid() ? static_cast<qint64>(record.pid) : 0);
            stateJson.insert(QStringLiteral("exit_code"), record.exitCode
                                                              ? QJsonValue(*record.exitCode)
                                                              : QJsonValue(QJsonValue::Null));
            stateJson.insert(QStringLiteral("started"), isoTimeOrNull(record.started));
            stateJson.insert(QStringLiteral("finished"), isoTimeOrNull(record.finished));
            const QJsonObject inspect{
                {QStringLiteral("id"), record.id},
                {QStringLiteral("name"), record.name},
                {QStringLiteral("image"), record.image},
                {QStringLiteral("owner_uid"), static_cast<qint64>(record.owner)},
                {QStringLiteral("spec"), spec->document()},
                {QStringLiteral("state"), stateJson}};
            reply(call, {QString::fromUtf8(QJsonDocument(inspect).toJson(QJsonDocument::Compact))});
        });
    });
    return {};
}

// ---- images --------------------------------------------------------------------------------

QString HelperService::ListImages()
{
    begin(actions::ImageRead, [this](const Call &call) {
        offThread<QJsonArray>(
            [] { return listImages(engine::ImageStore(paths::dataDir())); },
            [this, call](QJsonArray &images) {
                reply(call,
                      {QString::fromUtf8(QJsonDocument(images).toJson(QJsonDocument::Compact))});
            });
    });
    return {};
}

QString HelperService::MakeDefaultImage()
{
    begin(actions::ImageManage, [this](const Call &call) {
        offThread<Expected<QString>>(
            []() -> Expected<QString> {
                engine::ImageStore images(paths::dataDir());
                auto image = engine::ensureDefaultImage(images);
                if (!image)
                    return image.error();
                return imageDigest(image.value());
            },
            [this, call](Expected<QString> &digest) {
                if (!digest)
                    return failWith(call, digest.error(), protocol::ErrorFailed);
                reply(call, {digest.value()});
            });
    });
    return {};
}

// ---- supervision ---------------------------------------------------------------------------

void HelperService::setStatus(ContainerRecord &record, const QString &status)
{
    if (record.status == status)
        return;
    record.status = status;
    announce(record, status);
}

void HelperService::supervise(ContainerRecord &record, engine::UniqueFd pidfd, bool ownChild)
{
    record.pidfd = std::move(pidfd);
    record.ownChild = ownChild;
    record.exitNotifier =
        std::make_unique<QSocketNotifier>(record.pidfd.get(), QSocketNotifier::Read);
    const QString id = record.id;
    connect(record.exitNotifier.get(), &QSocketNotifier::activated, this,
            [this, id] { onContainerExited(id); });
}

void HelperService::onContainerExited(const QString &id)
{
    ContainerRecord *found = findRecord(id);
    if (!found || !found->pidfd.valid())
        return;
    found->exitNotifier->setEnabled(false);
    // Deleting a notifier inside its own signal is not allowed: let the event loop do it.
    found->exitNotifier.release()->deleteLater();
    found->exitCode.reset();
    if (found->ownChild) {
        if (const int status = reapChild(found->pidfd.get()); status >= 0)
            found->exitCode = status;
    }
    found->pidfd.reset();
    found->finished = QDateTime::currentDateTimeUtc();
    // Not into a directory being removed: the file would keep it from going.
    if (!found->removing)
        writeExitRecord(*found);
    m_samplers.forget(id);
    setStatus(*found, QStringLiteral("stopped"));
    const QList<std::function<void()>> waiting = std::exchange(found->onExit, {});
    for (const auto &answer : waiting)
        answer();
    if (found->autoRemove && !found->removing)
        remove(id, true, [id](const Expected<void> &removed) {
            if (!removed)
                qWarning("isolde-helper: cannot remove %s after it stopped: %s", qPrintable(id),
                         qPrintable(removed.error().toString()));
        });
}

void HelperService::watchChild(pid_t pid, engine::UniqueFd pidfd,
                               std::function<void(int status)> exited)
{
    auto *watch = new ChildWatch(pid, std::move(pidfd), this);
    m_children.insert(watch);
    watch->onExit([this, watch, exited = std::move(exited)](int status) {
        m_children.remove(watch);
        watch->deleteLater();
        if (exited)
            exited(status);
    });
}

void HelperService::writeExitRecord(const ContainerRecord &record) const
{
    QSaveFile file(containerDir(record.id) + QStringLiteral("/exit.json"));
    const QJsonObject json{{QStringLiteral("exit_code"), record.exitCode
                                                             ? QJsonValue(*record.exitCode)
                                                             : QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("started"), isoTimeOrNull(record.started)},
                           {QStringLiteral("finished"), isoTimeOrNull(record.finished)}};
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(json).toJson(QJsonDocument::Compact)) < 0 || !file.commit())
        qWarning("isolde-helper: cannot record the exit of %s: %s", qPrintable(record.id),
                 qPrintable(file.errorString()));
}

void HelperService::readExitRecord(ContainerRecord &record) const
{
    QFile file(containerDir(record.id) + QStringLiteral("/exit.json"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject json = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    const QJsonValue code = json.value(QLatin1String("exit_code"));
    if (code.isDouble())
        record.exitCode = code.toInt();
    record.started =
        QDateTime::fromString(json.value(QLatin1String("started")).toString(), Qt::ISODateWithMs);
    record.finished =
        QDateTime::fromString(json.value(QLatin1String("finished")).toString(), Qt::ISODateWithMs);
}

// ---- recovery ------------------------------------------------------------------------------

void HelperService::recover()
{
    // Every helper puts its containers under the same cgroup parent, and the collection kills
    // whatever there belongs to no container of this store. Only the system's own helper (the
    // default state dir) may do that: a helper with a state dir of its own (tests, several on
    // one machine) would kill the other helpers' containers.
    if (qEnvironmentVariableIsEmpty("ISOLDE_STATE_DIR")) {
        if (auto report =
                engine::collectGarbage(m_store, QLatin1String(engine::HelperCgroupParent))) {
            for (const Error &failure : report->failures)
                qWarning("isolde-helper: recovery: %s", qPrintable(failure.toString()));
        } else {
            qWarning("isolde-helper: recovery: %s", qPrintable(report.error().toString()));
        }
    }
    QStringList toRemove;
    for (const QString &id : m_store.ids()) {
        auto state = engine::Container::state(m_store, id);
        if (!state) {
            qWarning("isolde-helper: recovery: %s: %s", qPrintable(id),
                     qPrintable(state.error().toString()));
            continue;
        }
        auto made = std::make_shared<ContainerRecord>();
        made->id = id;
        made->name = state->annotations.value(QLatin1String(spec::AnnotationName), id.left(12));
        made->image = state->annotations.value(QLatin1String(spec::AnnotationImage));
        made->owner = state->owner;
        made->created = state->created;
        made->status =
            state->status == QLatin1String("creating") ? QStringLiteral("stopped") : state->status;
        made->pid = state->pid;
        made->autoRemove =
            state->annotations.value(QLatin1String(AnnotationAutoRemove)) == QLatin1String("true");
        made->stopSignal = state->annotations.value(QLatin1String(AnnotationStopSignal));
        if (auto spec = spec::OciSpec::load(m_store.specPath(id)))
            made->command = spec->process().args.join(QLatin1Char(' '));
        readExitRecord(*made);
        m_containers.insert(id, made);
        if (made->status != QLatin1String("stopped")) {
            engine::UniqueFd pidfd(::pidfd_open(made->pid, 0));
            // Checked after opening: the pidfd now pins this very process.
            if (pidfd.valid() && engine::isProcessAlive(state.value())) {
                supervise(*made, std::move(pidfd), false);
                if (made->isRunning())
                    startSampling(*made);
                continue;
            }
            made->status = QStringLiteral("stopped");
        }
        if (!made->finished.isValid()) {
            // It ended while no helper watched: when and how are unknown.
            writeExitRecord(*made);
        }
        if (made->autoRemove)
            toRemove.append(id);
    }
    for (const QString &id : toRemove)
        remove(id, true, [id](const Expected<void> &removed) {
            if (!removed)
                qWarning("isolde-helper: recovery: cannot remove %s: %s", qPrintable(id),
                         qPrintable(removed.error().toString()));
        });
}

} // namespace isolde::service
