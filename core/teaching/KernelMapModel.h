// The spec-to-kernel map of one running container for QML: for each setting, where the
// kernel enforces it, the value inside, the host's value and a sentence. Loaded from the
// helper's Inspect and Probe and the host's /proc/<pid>/mountinfo; reload() reads it again.
#pragma once

#include "teaching/KernelMap.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class KernelMapModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString containerId READ containerId WRITE setContainerId NOTIFY containerIdChanged)
    // The system call whose seccomp rule the map shows.
    Q_PROPERTY(QString syscall READ syscall WRITE setSyscall NOTIFY syscallChanged)
    // Only rows of this group ("cgroup", "capabilities", "seccomp", "namespaces",
    // "filesystem"); empty for all.
    Q_PROPERTY(QString group READ group WRITE setGroup NOTIFY groupChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString error READ error NOTIFY loadingChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY loadingChanged)
public:
    enum Role {
        GroupRole = Qt::UserRole + 1,
        SettingRole,
        SpecValueRole,
        EnforcedAtRole,
        LiveRole,
        HostRole,
        SentenceRole,
    };

    explicit KernelMapModel(QObject *parent = nullptr);

    QString containerId() const { return m_containerId; }
    void setContainerId(const QString &id);
    QString syscall() const { return m_syscall; }
    void setSyscall(const QString &syscall);
    QString group() const { return m_group; }
    void setGroup(const QString &group);
    bool loading() const { return m_loading; }
    QString error() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void reload();
    // A row as a map of its role names, for tests and delegates outside views.
    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void containerIdChanged();
    void syscallChanged();
    void groupChanged();
    void loadingChanged();
    void loaded();

private:
    void rebuild();

    QString m_containerId;
    QString m_syscall = QStringLiteral("ptrace");
    QString m_group;
    bool m_loading = false;
    QString m_error;
    isolde::teaching::KernelMapInput m_input;
    QList<isolde::teaching::KernelMapRow> m_rows;
    int m_generation = 0; // answers for an older containerId are dropped
};
