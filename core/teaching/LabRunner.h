// Runs the lab's experiments through the helper, asynchronously: in the chosen container
// (Exec with its output captured, ExecExited for the code, or Probe), or in a throwaway twin
// made from the container's own spec with one mechanism relaxed (Create on the same image,
// Start, the act, Remove force). When an act two layers guard is refused, it finds out which
// layer refused by running one twin per layer with only that layer relaxed. An act that
// needs a host directory runs in a twin with a fresh one bind-mounted, both ways.
#pragma once

#include "client/HelperClient.h"
#include "teaching/Experiments.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace isolde::teaching {

struct LabResult
{
    QString experimentId;
    QString containerId;
    bool relaxed = false; // ran in a twin with the experiment's mechanism relaxed
    QString tried;        // what was run, as a command line
    Verdict predicted;    // from the spec it ran under
    Verdict happened;     // judged from what came back
    // The mechanisms that decided it (mechanismId()): one, or every layer of a two-layer act
    // when relaxing either alone was not enough.
    QStringList decidedBy;
    QString explanation; // translated sentences
    QString output;      // the command's output, or the probe's answer
    QString error;       // set when the run itself failed (helper error, timeout)
    // Host owner of the file made in the bind-mounted host directory; -1 when none.
    qint64 hostFileOwner = -1;
};

class LabRunner : public QObject
{
    Q_OBJECT
public:
    explicit LabRunner(client::HelperClient *client, QObject *parent = nullptr);
    ~LabRunner() override;

    // How long one exec may run before the run is given up.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Runs `experimentId` in container `containerId` (id, prefix or name), or with
    // `relaxed` in a twin of it. Several runs may be under way at once.
    void run(const QString &containerId, const QString &experimentId, bool relaxed);

signals:
    void finished(const isolde::teaching::LabResult &result);

private:
    struct Run;
    using Done = std::function<void(const Observation &, const QString &error)>;

    using Act = std::function<void(const QString &id, Done done)>;

    // perform() of it; `spec` is the one the container it runs in was made from.
    Act actOf(const Experiment &experiment, const spec::OciSpec &spec);
    void perform(const QString &id, const Experiment &experiment, const spec::OciSpec &spec,
                 Done done);
    // The act in two containers at once; the output holds the first's, then the second's.
    void performPair(const QString &first, const QString &second, const Experiment &experiment,
                     const spec::OciSpec &spec, Done done);
    // The act in a twin from `spec` with a fresh host directory bind-mounted at
    // LabMountPoint; the observation tells who owns the file the act made there.
    void inTwinWithHostDirectory(const spec::OciSpec &spec, const QString &image,
                                 const Experiment &experiment, Done done);
    // A throwaway container from `spec`, started, `act` in it, removed whatever happened.
    void inTwin(const spec::OciSpec &spec, const QString &image, Act act, Done done);
    void findLayer(std::shared_ptr<Run> run, int layer);
    void finish(std::shared_ptr<Run> run);
    void onExecExited(const QString &id, int pid, int exitCode);

    client::HelperClient *m_client;
    int m_timeoutMs = 30000;
    // Exec'd processes waiting for ExecExited, by host pid; and exits that came first.
    QHash<int, std::function<void(int)>> m_waiting;
    QHash<int, int> m_exited;
    int m_pendingExecs = 0;
};

// The host's namespace inodes of this process, "pid" -> "4026531836".
QMap<QString, QString> hostNamespaces();

} // namespace isolde::teaching
