// Local users and groups that a test makes and takes away again, whatever the outcome.
// Use them inside PrivateSystemBus's copy of /etc so that a crash leaves the host untouched.
#pragma once

#include "util/Expected.h"

#include <QString>
#include <memory>
#include <sys/types.h>

namespace isolde::test {

// A user with no home and no login shell, deleted (userdel) when the object goes.
class TestUser
{
public:
    static Expected<std::unique_ptr<TestUser>> create(const QString &name);
    ~TestUser();
    TestUser(const TestUser &) = delete;
    TestUser &operator=(const TestUser &) = delete;

    QString name() const { return m_name; }
    uid_t uid() const { return m_uid; }
    gid_t gid() const { return m_gid; }

    Expected<void> joinGroup(const QString &group);

private:
    TestUser(QString name, uid_t uid, gid_t gid);

    QString m_name;
    uid_t m_uid;
    gid_t m_gid;
};

// A group that exists while the object lives: made if it was missing, and then deleted again;
// a group that was there before is left alone.
class EnsuredGroup
{
public:
    static Expected<std::unique_ptr<EnsuredGroup>> ensure(const QString &name);
    ~EnsuredGroup();
    EnsuredGroup(const EnsuredGroup &) = delete;
    EnsuredGroup &operator=(const EnsuredGroup &) = delete;

private:
    EnsuredGroup(QString name, bool created);

    QString m_name;
    bool m_created;
};

// Runs a command to its end and fails with its output when it does not exit with 0.
Expected<void> runCommand(const QString &program, const QStringList &arguments);

} // namespace isolde::test
