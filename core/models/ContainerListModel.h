// Every container the user may see, one row each, as the Containers page lists them.
//
// Kept current without polling: a List when the model starts and whenever the helper comes
// back, and again after each ContainerStateChanged (several changes in a row cost one List).
// The state role changes at once with the signal; the stats roles come from the session's
// StatsHistory with each batch, and only they are announced then.
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QVariant>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace isolde::models {

class HelperSession;

class ContainerListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // The first List has answered (or failed: the page can show what went wrong).
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
public:
    enum Role {
        ContainerIdRole = Qt::UserRole + 1,
        NameRole,
        ImageRole,
        StateRole, // created, running, paused, stopped
        OwnerUidRole,
        PidRole, // 0 when not running
        CreatedRole,
        StartedAtRole, // invalid date when it never started
        FinishedAtRole,
        CommandRole,
        ExitCodeRole, // undefined until it has exited (or when a restarted helper cannot know)
        // From the stats history, undefined while the container has no point yet or is not
        // running or paused:
        CpuPercentRole, // per core, as docker stats: 200 = two busy CPUs
        MemoryUsageRole,
        MemoryLimitRole, // -1: none
        PidsRole,
        SparklineRole, // the last 60 CPU % values, oldest first
    };
    Q_ENUM(Role)

    static constexpr int SparklinePoints = 60;

    explicit ContainerListModel(QObject *parent = nullptr);
    ~ContainerListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    bool loaded() const { return m_loaded; }

    // Every role of `row` by name; empty when out of range.
    Q_INVOKABLE QVariantMap get(int row) const;
    // The row of a container by id, unique id prefix or name; -1 when none.
    Q_INVOKABLE int indexOf(const QString &idOrName) const;
    // Lists again now (the model does so by itself on every change).
    Q_INVOKABLE void reload();

signals:
    void countChanged();
    void loadedChanged();

private:
    struct Row
    {
        QString id;
        QString name;
        QString image;
        QString state;
        uint ownerUid = 0;
        int pid = 0;
        QDateTime created;
        QDateTime startedAt;
        QDateTime finishedAt;
        QString command;
        QVariant exitCode;
        bool operator==(const Row &) const = default;
    };
    static Row rowFromSummary(const QJsonObject &summary);
    void merge(const QJsonArray &summaries);
    void scheduleReload();
    void onStateChanged(const QString &id, const QString &state);
    void onStatsUpdated(const QStringList &ids);
    bool hasStats(const Row &row) const;

    HelperSession *m_session;
    QList<Row> m_rows;
    bool m_loaded = false;
    bool m_listing = false;      // a List is on its way
    bool m_listAgain = false;    // something changed while it was
    bool m_reloadQueued = false; // a List is scheduled for this turn of the event loop
};

} // namespace isolde::models
