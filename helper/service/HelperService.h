// org.isolde.Helper1 on the system bus: every method of resources/dbus/org.isolde.Helper1.xml,
// on top of the engine running in this process. The generated Helper1Adaptor forwards each
// call here by name.
//
// Every call is checked with polkit first (setDelayedReply while it answers), then acts on the
// containers the caller may see: its own, or anyone's with org.isolde.container.manage-any,
// asked only when a caller reaches for a container it does not own. Work that can take long
// (create, remove, image building, freezing) runs on the thread pool; replies, signals and
// every piece of state below stay on the main thread.
#pragma once

#include "ContainerLog.h"
#include "ContainerRecord.h"
#include "PolkitAuthorizer.h"
#include "StateStore.h"
#include "StatsSamplers.h"

#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusUnixFileDescriptor>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <functional>
#include <memory>

namespace isolde::service {

class HelperService : public QObject, protected QDBusContext
{
    Q_OBJECT
public:
    // `idleTimeoutSeconds`: quit after that long with nothing running, nobody subscribed and
    // no call; 0 = never.
    HelperService(const QDBusConnection &bus, int idleTimeoutSeconds, QObject *parent = nullptr);
    ~HelperService() override;

    // Adopts the containers a previous helper left in the state store.
    void recover();

public slots:
    QString Create(const QString &config_json, const QString &name, const QString &image);
    void Start(const QString &id);
    void Stop(const QString &id, uint timeout_seconds);
    void Kill(const QString &id, const QString &signal_name);
    void Remove(const QString &id, bool force);
    void Pause(const QString &id);
    void Resume(const QString &id);
    void Update(const QString &id, const QString &resources_json);
    QString List();
    QString Inspect(const QString &id);
    QString Stats(const QStringList &ids);
    void SubscribeStats(const QStringList &ids, uint interval_ms);
    void UnsubscribeStats();
    QString Logs(const QString &id, qlonglong since_ms, int tail);
    void FollowLogs(const QString &id);
    void UnfollowLogs(const QString &id);
    int Exec(const QString &id, const QString &process_json,
             const QDBusUnixFileDescriptor &stdin_fd, const QDBusUnixFileDescriptor &stdout_fd,
             const QDBusUnixFileDescriptor &stderr_fd);
    QString Probe(const QString &id);
    QString ListImages();
    QString MakeDefaultImage();

private:
    void setFrozen(const QString &id, bool frozen);
    // One authorized call: the message to answer and the caller's uid.
    struct Call
    {
        QDBusMessage message;
        uid_t uid = 0;
        QString busName() const { return message.service(); }
    };
    using Then = std::function<void(const Call &)>;
    using ThenRecord = std::function<void(ContainerRecord &)>;

    // ---- calls (HelperService.cpp)
    // Delays the reply of the current D-Bus call and runs `then` once polkit allowed `action`.
    void begin(const char *action, Then then);
    void reply(const Call &call, const QVariantList &arguments = {});
    void fail(const Call &call, const char *errorName, const QString &text);
    void failWith(const Call &call, const Error &error, const char *errorName);
    // Resolves `reference` among the containers the caller may see (asking polkit for
    // manage-any only when it names someone else's), then runs `then` on it; otherwise
    // answers `call` with the error.
    void withContainer(const Call &call, const QString &reference, ThenRecord then);
    // Same for a set; empty `references` give an empty list.
    void withContainers(const Call &call, const QStringList &references,
                        std::function<void(const QStringList &ids)> then);
    enum class Match { None, Ambiguous, Found };
    Match resolve(const QString &reference, const std::function<bool(const ContainerRecord &)> &in,
                  QString *id) const;
    bool mayRead(const QString &busName, uid_t uid, const ContainerRecord &record) const;
    ContainerRecord *findRecord(const QString &id) const;
    QString containerDir(const QString &id) const;

    // Runs `work` on the thread pool and `done` with its result on this thread.
    template<typename Result>
    void offThread(std::function<Result()> work, std::function<void(Result &)> done);

    // ---- lifecycle (HelperService.cpp)
    void create(const Call &call, const QString &configJson, const QString &name,
                const QString &image);
    void stop(const Call &call, ContainerRecord &record, uint timeoutSeconds);
    void remove(const QString &id, bool force, std::function<void(const Expected<void> &)> done);
    void supervise(ContainerRecord &record, engine::UniqueFd pidfd, bool ownChild);
    void onContainerExited(const QString &id);
    // Reaps a child (logger, exec, probe) once it exits, then runs `exited` with its status.
    void watchChild(pid_t pid, engine::UniqueFd pidfd, std::function<void(int status)> exited);
    void writeExitRecord(const ContainerRecord &record) const;
    void readExitRecord(ContainerRecord &record) const;
    void setStatus(ContainerRecord &record, const QString &status);

    // ---- signals to the callers allowed to receive them
    void sendTo(const QString &busName, const QString &signal, const QVariantList &arguments);
    void announce(const ContainerRecord &record, const QString &state);
    void rememberReader(const Call &call);
    void onCallerLeft(const QString &busName);

    // ---- stats (HelperServiceStats.cpp)
    QJsonObject sampleVisible(const QStringList &ids);
    void publishStats(const QString &busName);
    void startSampling(const ContainerRecord &record);

    // ---- logs (HelperServiceLogs.cpp)
    QString logFile(const QString &id) const;
    void publishLogLines(const QString &id);
    void forgetFollower(const QString &busName);
    void endFollowing(const QString &id);
    bool hasFollowers() const { return !m_followers.isEmpty(); }

    // ---- exec and probe (HelperServiceExec.cpp)
    void collectProbe(const Call &call, engine::UniqueFd output, engine::LaunchedProcess process,
                      pid_t initPid);

    // ---- idle exit
    void touch();
    void onIdleTimeout();

    QDBusConnection m_bus;
    PolkitAuthorizer m_authorizer;
    engine::StateStore m_store;
    QHash<QString, std::shared_ptr<ContainerRecord>> m_containers;
    QSet<QString> m_reservedNames;   // names of containers being created
    QHash<QString, uid_t> m_readers; // bus names that read container state, with their uid

    struct Subscription
    {
        uid_t uid = 0;
        QStringList ids; // empty: every running container the subscriber may see
        std::shared_ptr<QTimer> timer;
    };
    QHash<QString, Subscription> m_subscriptions;
    StatsSamplers m_samplers;
    struct Following
    {
        QSet<QString> busNames;
        std::shared_ptr<engine::LogFollower> follower;
        std::shared_ptr<QTimer> timer;
    };
    QHash<QString, Following> m_followers; // container id -> who follows its log
    QSet<QObject *> m_children;            // logger, exec and probe processes being watched

    QTimer m_idleTimer;
    int m_inFlight = 0; // calls and thread-pool work not yet answered
    QThreadPool m_pool;
};

template<typename Result>
void HelperService::offThread(std::function<Result()> work, std::function<void(Result &)> done)
{
    ++m_inFlight;
    // The destructor waits for the pool; a result that arrives after it is dropped with the
    // queued call.
    m_pool.start([this, work = std::move(work), done = std::move(done)] {
        auto result = std::make_shared<Result>(work());
        QMetaObject::invokeMethod(
            this,
            [this, result, done] {
                --m_inFlight;
                done(*result);
                touch();
            },
            Qt::QueuedConnection);
    });
}

} // namespace isolde::service
