// The real isolde-helper on a private system bus with the real polkitd, for tests of anything
// that talks to the helper (the service itself, the client, isoldectl, the models, the GUI).
//
// start() brings up a PrivateSystemBus (private mount namespace, dbus-daemon, polkitd with the
// project's policy and rules), then runs build/<dir>/bin/isolde-helper with its data and state
// directories in a temporary directory of its own and `--idle-timeout 0`, and returns once the
// helper owns org.isolde.Helper1. The helper is a child of the test: it shares the test's
// private mount namespace and dies with it.
//
// Teardown (the destructor, or cleanup()) removes every container this helper made, whatever
// the test did: Remove(force) as root through the bus while the helper answers, then it stops
// the helper, kills what still runs in those containers' cgroups (/isolde/helper/<id>) and
// removes the cgroups, and unmounts anything left under the temporary directory. Containers of
// other helpers running on the machine at the same time are never touched: only ids found in
// this helper's own data and state directories, or created through call() and callAs(), are
// swept.
//
// Callers other than root are separate processes: callAs() runs isolde-test-call through
// `setpriv --reuid --regid --init-groups`, so polkit sees the test user's real uid and groups.
#pragma once

#include "PrivateSystemBus.h"
#include "TestAccounts.h"
#include "util/Expected.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariantList>
#include <memory>

namespace isolde::test {

// What one isolde-test-call run printed and how it ended.
struct CallResult
{
    int exitCode = -1; // 0: the method replied; 1: it failed; -1: the caller did not finish
    QString output;    // stdout: the reply's out arguments, one per line, then any signals
    QString errorName; // from "ERROR <name> <message>", else empty
    QString errorMessage;
    QString diagnostics; // the caller's stderr

    bool ok() const { return exitCode == 0; }
    // A one-line account for QVERIFY2 messages.
    QString describe() const;
};

class HelperHarness
{
public:
    HelperHarness();
    ~HelperHarness();
    HelperHarness(const HelperHarness &) = delete;
    HelperHarness &operator=(const HelperHarness &) = delete;

    // The bus (with polkitd), then the helper with `helperArguments` (default
    // {"--idle-timeout", "0"}). Needs root. Call once, before anything in the process touches
    // QDBusConnection::systemBus(): afterwards DBUS_SYSTEM_BUS_ADDRESS names the private bus.
    Expected<void> start(const QStringList &helperArguments = {});

    PrivateSystemBus &bus() { return *m_bus; }
    QString dataDir() const;  // the helper's ISOLDE_DATA_DIR
    QString stateDir() const; // the helper's ISOLDE_STATE_DIR
    // A directory every test user may write to (exec output files and the like).
    QString scratchDir() const;
    // The build's bin/ folder: isolde-helper, isolde-probe, isolde-logger, isolde-test-call.
    static QString binDir();

    // The helper process. startHelper() waits until it owns its name (or has exited).
    Expected<void> startHelper(const QStringList &arguments = {});
    // SIGKILL, as a crash would; returns once the name has left the bus.
    void killHelper();
    // killHelper() when it runs, then startHelper(arguments).
    Expected<void> restartHelper(const QStringList &arguments = {});
    bool helperRunning() const;
    qint64 helperPid() const; // 0 when not running
    // Waits for the helper to exit by itself (idle exit); false when it still runs.
    bool waitForHelperExit(int timeoutMs);
    int helperExitCode() const;
    bool helperOwnsName() const;
    QString helperLog() const; // its stderr so far, for failure messages

    // Root's own connection to the private bus (this process, uid 0).
    QDBusConnection rootConnection() const;
    // A blocking call of org.isolde.Helper1.<method> as root. The helper is another process,
    // so blocking here cannot deadlock it.
    QDBusMessage call(const QString &method, const QVariantList &arguments = {},
                      int timeoutMs = 60000) const;
    // isolde-test-call <arguments...> as `user` (nullptr: as root, without setpriv).
    CallResult callAs(const TestUser *user, const QStringList &arguments,
                      int timeoutMs = 60000) const;
    // The same, without waiting: for callers that stay on the bus (--wait) while the test
    // acts. It dies with the test.
    void startCallAs(QProcess &process, const TestUser *user, const QStringList &arguments) const;

    // A config.json for Create: the project's default spec (Docker's defaults) running `args`.
    static QByteArray containerConfig(const QStringList &args,
                                      const QMap<QString, QString> &annotations = {});
    // Create + Start as root; returns the id, or an error naming the step that failed.
    Expected<QString> runContainer(const QStringList &args, const QString &name = {});

    // Removes every container of this helper as described above and stops the helper; the
    // destructor calls it. Safe to call more than once; the bus and polkitd stay up, and
    // startHelper() brings the helper back.
    void cleanup();

private:
    QStringList knownContainerIds() const;
    void removeThroughBus();
    void stopHelperProcess();
    void sweepCgroups(const QStringList &ids);
    void unmountLeftovers();

    std::unique_ptr<PrivateSystemBus> m_bus;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_helper;
    QString m_logPath;
    // Ids of containers made through call() and callAs(): swept even when the helper has
    // already forgotten them.
    mutable QStringList m_createdIds;
};

// QVERIFY2 evaluates its message even when the check passes.
template<typename T>
QByteArray explain(const Expected<T> &result)
{
    return result.ok() ? QByteArray() : result.error().toString().toLocal8Bit();
}

} // namespace isolde::test
