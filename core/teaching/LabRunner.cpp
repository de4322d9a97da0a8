#include "teaching/LabRunner.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTimer>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace isolde::teaching {

namespace {

// Twins run the act by exec, so their own process only has to stay up.
spec::OciSpec twinSpec(spec::OciSpec s)
{
    auto process = s.process();
    process.args = {QStringLiteral("sleep"), QStringLiteral("3600")};
    process.terminal = false;
    s.setProcess(process);
    // Names are unique: the twin gets a made-up one, and never outlives the run.
    auto annotations = s.annotations();
    annotations.remove(QLatin1String(spec::AnnotationName));
    s.setAnnotations(annotations);
    return s;
}

QStringList commandOf(const Experiment &e, const spec::OciSpec &spec)
{
    return e.commandFor ? e.commandFor(spec) : e.command;
}

QString commandLine(const Experiment &e, const spec::OciSpec &spec)
{
    if (e.method == Method::Probe)
        return QStringLiteral("isolde-probe: %1()").arg(e.syscall);
    QStringList quoted;
    for (const QString &arg : commandOf(e, spec))
        quoted.append(arg.contains(QLatin1Char(' ')) ? QLatin1Char('\'') + arg + QLatin1Char('\'')
                                                     : arg);
    return quoted.join(QLatin1Char(' '));
}

} // namespace

QMap<QString, QString> hostNamespaces()
{
    QMap<QString, QString> inodes;
    static const char *const Names[] = {"cgroup", "ipc",  "mnt",  "net",
                                        "pid",    "time", "user", "uts"};
    for (const char *name : Names) {
        // The link reads "pid:[4026531836]".
        const QByteArray path = QByteArray("/proc/self/ns/") + name;
        char buffer[64] = {};
        const ssize_t n = ::readlink(path.constData(), buffer, sizeof buffer - 1);
        if (n <= 0)
            continue;
        const QString text = QString::fromLatin1(buffer, n);
        const qsizetype open = text.indexOf(QLatin1Char('['));
        if (open > 0 && text.endsWith(QLatin1Char(']')))
            inodes.insert(QLatin1String(name), text.mid(open + 1, text.size() - open - 2));
    }
    return inodes;
}

struct LabRunner::Run
{
    LabResult result;
    const Experiment *experiment = nullptr;
    spec::OciSpec spec; // the container's own
    QString image;
};

LabRunner::LabRunner(client::HelperClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(m_client, &client::HelperClient::execExited, this, &LabRunner::onExecExited);
}

LabRunner::~LabRunner() = default;

void LabRunner::run(const QString &containerId, const QString &experimentId, bool relaxed)
{
    auto r = std::make_shared<Run>();
    r->result.experimentId = experimentId;
    r->result.containerId = containerId;
    r->result.relaxed = relaxed;
    r->experiment = findExperiment(experimentId);
    if (!r->experiment) {
        r->result.error = tr("There is no experiment \"%1\".").arg(experimentId);
        QTimer::singleShot(0, this, [this, r] { finish(r); });
        return;
    }
    QPointer<LabRunner> self(this);
    m_client->inspect(containerId, [self, r, relaxed](const QJsonObject &inspect,
                                                      const client::CallError *error) {
        if (!self)
            return;
        if (error) {
            r->result.error = error->toString();
            return self->finish(r);
        }
        r->spec = spec::OciSpec(inspect.value(QLatin1String("spec")).toObject());
        r->image = inspect.value(QLatin1String("image")).toString();
        const Experiment &e = *r->experiment;
        auto judged = [self, r](const Observation &o, const QString &failure) {
            if (!self)
                return;
            r->result.hostFileOwner = o.hostFileOwner;
            r->result.output =
                o.probe.isEmpty() ? o.output : QString::fromUtf8(QJsonDocument(o.probe).toJson());
            if (!failure.isEmpty()) {
                r->result.error = failure;
                return self->finish(r);
            }
            r->result.happened = r->experiment->judge(o);
            r->result.decidedBy = {mechanismId(r->result.happened.mechanism)};
            r->result.explanation = r->result.happened.why;
            const bool refused = r->result.happened.outcome == Outcome::Refused ||
                                 r->result.happened.outcome == Outcome::Killed;
            if (refused && !r->result.relaxed && !r->experiment->layers.isEmpty()) {
                r->result.decidedBy.clear();
                return self->findLayer(r, 0);
            }
            self->finish(r);
        };
        const Experiment *ep = &e;
        const QString image = r->image;
        if (relaxed) {
            const spec::OciSpec twin = e.relax(r->spec);
            r->result.predicted = e.predict(twin);
            r->result.tried = commandLine(e, twin);
            if (e.bindsHostDirectory)
                return self->inTwinWithHostDirectory(twin, image, e, judged);
            if (!e.alongsideTwin)
                return self->inTwin(twin, image, self->actOf(e, twin), judged);
            // Both containers are twins: the chosen one cannot drop its namespace.
            self->inTwin(
                twin, image,
                [self, twin, image, ep](const QString &first, Done done) {
                    self->inTwin(
                        twin, image,
                        [self, first, ep, twin](const QString &second, Done bothDone) {
                            self->performPair(first, second, *ep, twin, bothDone);
                        },
                        done);
                },
                judged);
            return;
        }
        r->result.predicted = e.predict(r->spec);
        r->result.tried = commandLine(e, r->spec);
        if (e.bindsHostDirectory)
            return self->inTwinWithHostDirectory(r->spec, image, e, judged);
        const QString id = inspect.value(QLatin1String("id")).toString();
        if (!e.alongsideTwin)
            return self->perform(id, e, r->spec, judged);
        const spec::OciSpec own = r->spec;
        self->inTwin(
            r->spec, image,
            [self, id, ep, own](const QString &second, Done done) {
                self->performPair(id, second, *ep, own, done);
            },
            judged);
    });
}

// Layers are tried one at a time, each alone relaxed; the first whose twin lets the act
// through is the one that refused it. When none does, every layer refused it on its own.
void LabRunner::findLayer(std::shared_ptr<Run> r, int layer)
{
    const Experiment &e = *r->experiment;
    if (layer >= e.layers.size()) {
        QStringList names;
        for (const Layer &l : e.layers)
            names.append(mechanismText(l.mechanism));
        r->result.explanation +=
            QLatin1Char(' ') +
            tr("Relaxing only one of %1 was not enough in a twin container: each of them "
               "refuses it on its own.")
                .arg(names.join(tr(" and ")));
        return finish(r);
    }
    const Layer &l = e.layers.at(layer);
    QPointer<LabRunner> self(this);
    const spec::OciSpec twin = l.relax(r->spec);
    inTwin(
        twin, r->image, actOf(e, twin),
        [self, r, layer](const Observation &o, const QString &failure) {
            if (!self)
                return;
            const Layer &tried = r->experiment->layers.at(layer);
            r->result.decidedBy.append(mechanismId(tried.mechanism));
            if (!failure.isEmpty()) {
                r->result.error = failure;
                return self->finish(r);
            }
            if (r->experiment->judge(o).outcome == Outcome::Allowed) {
                r->result.decidedBy = {mechanismId(tried.mechanism)};
                r->result.explanation +=
                    QLatin1Char(' ') +
                    tr("In a twin container with only the %1 relaxed it succeeded: the %1 is what "
                       "refused it.")
                        .arg(mechanismText(tried.mechanism));
                return self->finish(r);
            }
            self->findLayer(r, layer + 1);
        });
}

void LabRunner::finish(std::shared_ptr<Run> r)
{
    emit finished(r->result);
}

LabRunner::Act LabRunner::actOf(const Experiment &experiment, const spec::OciSpec &spec)
{
    QPointer<LabRunner> self(this);
    const Experiment *e = &experiment;
    return [self, e, spec](const QString &id, Done done) {
        if (self)
            self->perform(id, *e, spec, done);
    };
}

void LabRunner::inTwinWithHostDirectory(const spec::OciSpec &spec, const QString &image,
                                        const Experiment &experiment, Done done)
{
    // Made by this process, so the caller owns it, as the helper wants of a bind source.
    auto directory = std::make_shared<QTemporaryDir>();
    if (!directory->isValid())
        return done({}, tr("No temporary host directory: %1").arg(directory->errorString()));
    // Root inside may be an unprivileged uid on the host: let anyone create files there.
    if (::chmod(QFile::encodeName(directory->path()).constData(), 0777) != 0)
        return done({}, tr("The host directory %1 cannot be opened to the container: %2")
                            .arg(directory->path(), QString::fromLocal8Bit(strerror(errno))));
    spec::OciSpec twin = spec;
    auto mounts = twin.mounts();
    mounts.append({QLatin1String(LabMountPoint),
                   QStringLiteral("bind"),
                   directory->path(),
                   {QStringLiteral("rbind"), QStringLiteral("rw")},
                   {},
                   {}});
    twin.setMounts(mounts);
    const QString file = directory->filePath(QLatin1String(LabFileName));
    Act act = actOf(experiment, twin);
    inTwin(
        twin, image,
        [act, file](const QString &id, Done actDone) {
            act(id, [file, actDone](const Observation &o, const QString &failure) {
                Observation seen = o;
                struct stat status = {};
                if (::stat(QFile::encodeName(file).constData(), &status) == 0)
                    seen.hostFileOwner = status.st_uid;
                actDone(seen, failure);
            });
        },
        // The directory goes once the twin is removed.
        [directory, done](const Observation &o, const QString &failure) {
            done(o, failure);
            directory->remove();
        });
}

void LabRunner::performPair(const QString &first, const QString &second,
                            const Experiment &experiment, const spec::OciSpec &spec, Done done)
{
    struct Pair
    {
        int pending = 2;
        Observation first;
        Observation second;
        QString error;
    };
    auto pair = std::make_shared<Pair>();
    auto one = [pair, done](bool isFirst) {
        return [pair, done, isFirst](const Observation &o, const QString &failure) {
            (isFirst ? pair->first : pair->second) = o;
            if (!failure.isEmpty())
                pair->error = failure;
            if (--pair->pending > 0)
                return;
            Observation both = pair->first;
            both.output += QLatin1Char('\n') + QLatin1String(SecondContainerMarker) +
                           QLatin1Char('\n') + pair->second.output;
            done(both, pair->error);
        };
    };
    perform(first, experiment, spec, one(true));
    perform(second, experiment, spec, one(false));
}

void LabRunner::inTwin(const spec::OciSpec &spec, const QString &image, Act act, Done done)
{
    QPointer<LabRunner> self(this);
    m_client->create(
        twinSpec(spec).toJson(), QString(), image,
        [self, act, done](const QString &id, const client::CallError *error) {
            if (!self)
                return;
            if (error)
                return done(
                    {}, tr("The twin container could not be created: %1").arg(error->toString()));
            // Whatever happens next, the twin goes.
            auto removeThen = [self, id, done](const Observation &o, const QString &failure) {
                if (!self)
                    return;
                self->m_client->remove(
                    id, true,
                    [done, o, failure](bool, const client::CallError *) { done(o, failure); });
            };
            self->m_client->start(
                id, [self, act, id, removeThen](bool, const client::CallError *err) {
                    if (!self)
                        return;
                    if (err)
                        return removeThen(
                            {}, tr("The twin container did not start: %1").arg(err->toString()));
                    act(id, removeThen);
                });
        });
}

void LabRunner::perform(const QString &id, const Experiment &e, const spec::OciSpec &spec,
                        Done done)
{
    QPointer<LabRunner> self(this);
    if (e.method == Method::Probe) {
        m_client->probe(id, [done](const QJsonObject &reply, const client::CallError *error) {
            Observation o;
            o.probe = reply.value(QLatin1String("container")).toObject();
            done(o, error ? error->toString() : QString());
        });
        return;
    }

    auto obs = std::make_shared<Observation>();
    obs->hostNamespaces = hostNamespaces();
    auto output = std::make_shared<QTemporaryFile>();
    if (!output->open())
        return done(*obs, tr("No temporary file for the output: %1").arg(output->errorString()));
    const QStringList command = commandOf(e, spec);
    if (command.isEmpty())
        return done(*obs, tr("Not run: in a container of this spec the act would change the "
                             "host itself."));
    const bool needsStats = e.needsStats;

    // After the exec: read the output, sample again, hand over.
    auto collect = [self, id, obs, output, needsStats, done](int exitCode) {
        if (!self)
            return;
        obs->exitCode = exitCode;
        obs->hostHostname = QSysInfo::machineHostName();
        output->seek(0);
        obs->output = QString::fromUtf8(output->readAll());
        if (!needsStats)
            return done(*obs, QString());
        self->m_client->stats({id}, [obs, done](const QJsonObject &s, const client::CallError *) {
            obs->after = s;
            done(*obs, QString());
        });
    };

    auto execNow = [self, id, command, output, collect, done, obs]() {
        if (!self)
            return;
        const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        QJsonObject process{
            {QStringLiteral("args"), QJsonArray::fromStringList(command)},
            {QStringLiteral("cwd"), QStringLiteral("/")},
            {QStringLiteral("env"), QJsonArray{QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:"
                                                              "/usr/sbin:/usr/bin:/sbin:/bin")}}};
        const int fd = output->handle();
        ++self->m_pendingExecs;
        self->m_client->exec(
            id, process, devNull, fd, fd,
            [self, collect, done, obs](int pid, const client::CallError *error) {
                if (!self)
                    return;
                --self->m_pendingExecs;
                obs->hostPid = pid;
                if (error)
                    return done(*obs, error->toString());
                if (self->m_exited.contains(pid))
                    return collect(self->m_exited.take(pid));
                self->m_waiting.insert(pid, collect);
                QTimer::singleShot(self->m_timeoutMs, self, [self, pid, done, obs] {
                    if (self->m_waiting.remove(pid))
                        done(*obs, tr("The command did not end in time (host pid %1).").arg(pid));
                });
            });
        if (devNull >= 0)
            ::close(devNull);
    };

    if (!needsStats)
        return execNow();
    m_client->stats({id}, [obs, execNow](const QJsonObject &s, const client::CallError *) {
        obs->before = s;
        execNow();
    });
}

void LabRunner::onExecExited(const QString &, int pid, int exitCode)
{
    if (auto waiting = m_waiting.take(pid))
        return waiting(exitCode);
    // An exit that overtook the reply to its Exec.
    if (m_pendingExecs > 0)
        m_exited.insert(pid, exitCode);
}

} // namespace isolde::teaching
