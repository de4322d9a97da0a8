// A private system bus with the real polkitd on it, for tests of the helper's D-Bus side.
//
// The test process moves into a mount namespace of its own first, so that everything the
// harness changes stays invisible to the host: /etc is replaced by a copy (users and groups a
// test adds, polkit's rules.d holding the project's rules file only), and polkit's actions
// folder by a copy that also holds the project's org.isolde.policy. On that view of the
// machine it runs a system-type dbus-daemon that applies the project's bus policy, and
// polkitd on it. Needs root. No systemd or logind: no session is active, so polkit applies
// only the rules and the actions' allow_any defaults. Should the test die, the bus and
// polkitd die with it and the files vanish with the namespace's tmpfs.
#pragma once

#include "util/Expected.h"

#include <QDBusConnection>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace isolde::test {

class PrivateSystemBus
{
public:
    // `sourceDir`: the project's source tree, for resources/dbus and resources/polkit.
    explicit PrivateSystemBus(QString sourceDir);
    ~PrivateSystemBus();
    PrivateSystemBus(const PrivateSystemBus &) = delete;
    PrivateSystemBus &operator=(const PrivateSystemBus &) = delete;

    // Prepares the private view of /etc and polkit's actions, starts dbus-daemon and polkitd,
    // and points DBUS_SYSTEM_BUS_ADDRESS at the bus. Call once, before anything in the
    // process touches QDBusConnection::systemBus().
    Expected<void> start();

    // Starts polkitd again (after stopPolkit) and waits until it owns its name.
    Expected<void> startPolkit();
    // SIGKILLs polkitd and waits until its name has gone from the bus.
    void stopPolkit();
    bool polkitRunning() const;

    QString address() const { return m_address; }
    // A fresh connection to the private bus, named `name` inside this process.
    QDBusConnection connect(const QString &name) const;

private:
    Expected<void> enterPrivateMountNamespace();
    Expected<void> preparePolkitView();
    Expected<void> startBus();
    Expected<void> bindOver(const QString &source, const QString &target);

    QString m_sourceDir;
    QTemporaryDir m_dir;
    QStringList m_mounts;
    std::unique_ptr<QProcess> m_busDaemon;
    std::unique_ptr<QProcess> m_polkitd;
    QString m_address;
    QByteArray m_previousAddress;
    bool m_hadPreviousAddress = false;
};

} // namespace isolde::test
