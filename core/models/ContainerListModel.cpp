#include "ContainerListModel.h"

#include "HelperSession.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace isolde::models {

using client::CallError;

namespace {

// RFC 3339, with or without fractions; an invalid date for "" or null.
QDateTime timeFromJson(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

} // namespace

ContainerListModel::ContainerListModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_session(HelperSession::instance())
{
    client::HelperClient *client = m_session->client();
    connect(client, &client::HelperClient::containerStateChanged, this,
            &ContainerListModel::onStateChanged);
    connect(client, &client::HelperClient::helperRestarted, this,
            &ContainerListModel::scheduleReload);
    connect(client, &client::HelperClient::helperPresentChanged, this, [this] {
        if (m_session->helperPresent())
            scheduleReload();
    });
    connect(m_session, &HelperSession::statsUpdated, this, &ContainerListModel::onStatsUpdated);
    m_session->holdStats();
    scheduleReload();
}

ContainerListModel::~ContainerListModel()
{
    m_session->releaseStats();
}

int ContainerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

bool ContainerListModel::hasStats(const Row &row) const
{
    if (row.state != QLatin1String("running") && row.state != QLatin1String("paused"))
        return false;
    const StatsRing *ring = m_session->history().points(row.id);
    return ring && !ring->isEmpty();
}

QVariant ContainerListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case ContainerIdRole:
        return row.id;
    case ImageRole:
        return row.image;
    case StateRole:
        return row.state;
    case OwnerUidRole:
        return row.ownerUid;
    case PidRole:
        return row.pid;
    case CreatedRole:
        return row.created;
    case StartedAtRole:
        return row.startedAt;
    case FinishedAtRole:
        return row.finishedAt;
    case CommandRole:
        return row.command;
    case ExitCodeRole:
        return row.exitCode;
    default:
        break;
    }
    if (!hasStats(row))
        return {};
    const StatsHistory &history = m_session->history();
    const StatsPoint &latest = history.points(row.id)->last();
    switch (role) {
    case CpuPercentRole:
        return qreal(latest.cpuPercent);
    case MemoryUsageRole:
        return qreal(latest.memoryUsage);
    case MemoryLimitRole:
        return qreal(history.limits(row.id).memory);
    case PidsRole:
        return latest.pids;
    case SparklineRole:
        return QVariant::fromValue(
            history.recentCpuPercent(row.id, SparklinePoints, CpuConvention::PerCore));
    default:
        return {};
    }
}

QHash<int, QByteArray> ContainerListModel::roleNames() const
{
    return {
        {ContainerIdRole, "containerId"},
        {NameRole, "name"},
        {ImageRole, "image"},
        {StateRole, "state"},
        {OwnerUidRole, "ownerUid"},
        {PidRole, "pid"},
        {CreatedRole, "created"},
        {StartedAtRole, "startedAt"},
        {FinishedAtRole, "finishedAt"},
        {CommandRole, "command"},
        {ExitCodeRole, "exitCode"},
        {CpuPercentRole, "cpuPercent"},
        {MemoryUsageRole, "memoryUsage"},
        {MemoryLimitRole, "memoryLimit"},
        {PidsRole, "pids"},
        {SparklineRole, "sparkline"},
    };
}

QVariantMap ContainerListModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= count())
        return map;
    const QModelIndex at = index(row);
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(at, it.key()));
    return map;
}

int ContainerListModel::indexOf(const QString &idOrName) const
{
    if (idOrName.isEmpty())
        return -1;
    int prefixMatch = -1;
    int prefixMatches = 0;
    for (int i = 0; i < count(); ++i) {
        const Row &row = m_rows.at(i);
        if (row.id == idOrName || row.name == idOrName)
            return i;
        if (row.id.startsWith(idOrName)) {
            prefixMatch = i;
            ++prefixMatches;
        }
    }
    // As the helper reads ids: a prefix counts only when it is unique.
    return prefixMatches == 1 ? prefixMatch : -1;
}

void ContainerListModel::reload()
{
    if (m_listing) {
        m_listAgain = true;
        return;
    }
    m_listing = true;
    m_session->client()->list([this, guard = QPointer<ContainerListModel>(this)](
                                  const QJsonArray &summaries, const CallError *error) {
        if (!guard)
            return;
        m_listing = false;
        if (error) {
            if (!HelperSession::isUnreachable(*error))
                m_session->reportError(*error);
        } else {
            merge(summaries);
        }
        if (!m_loaded) {
            m_loaded = true;
            emit loadedChanged();
        }
        if (std::exchange(m_listAgain, false))
            reload();
    });
}

void ContainerListModel::scheduleReload()
{
    if (m_reloadQueued)
        return;
    m_reloadQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_reloadQueued = false;
        reload();
    });
}

ContainerListModel::Row ContainerListModel::rowFromSummary(const QJsonObject &summary)
{
    Row row;
    row.id = summary.value(QLatin1String("id")).toString();
    row.name = summary.value(QLatin1String("name")).toString();
    row.image = summary.value(QLatin1String("image")).toString();
    row.state = summary.value(QLatin1String("state")).toString();
    row.ownerUid = uint(summary.value(QLatin1String("owner_uid")).toDouble());
    row.pid = summary.value(QLatin1String("pid")).toInt();
    row.created = timeFromJson(summary.value(QLatin1String("created")));
    row.startedAt = timeFromJson(summary.value(QLatin1String("started")));
    row.finishedAt = timeFromJson(summary.value(QLatin1String("finished")));
    row.command = summary.value(QLatin1String("command")).toString();
    const QJsonValue exitCode = summary.value(QLatin1String("exit_code"));
    if (exitCode.isDouble())
        row.exitCode = exitCode.toInt();
    return row;
}

void ContainerListModel::merge(const QJsonArray &summaries)
{
    QList<Row> fresh;
    fresh.reserve(summaries.size());
    QSet<QString> freshIds;
    for (const QJsonValue &summary : summaries) {
        fresh.append(rowFromSummary(summary.toObject()));
        freshIds.insert(fresh.constLast().id);
    }
    const int countBefore = count();

    // Rows that are gone, from the end so that the indices stay right.
    for (int i = count() - 1; i >= 0; --i) {
        if (!freshIds.contains(m_rows.at(i).id)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    // Rows that stay keep their place; new ones go at the end, in the helper's order.
    QHash<QString, int> rowOf;
    for (int i = 0; i < count(); ++i)
        rowOf.insert(m_rows.at(i).id, i);
    QList<Row> added;
    for (Row &row : fresh) {
        const auto it = rowOf.constFind(row.id);
        if (it == rowOf.constEnd()) {
            added.append(std::move(row));
            continue;
        }
        if (m_rows.at(*it) == row)
            continue;
        m_rows[*it] = std::move(row);
        // Stats roles too: the state decides whether they show.
        emit dataChanged(index(*it), index(*it));
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, count(), count() + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
    if (count() != countBefore)
        emit countChanged();
}

void ContainerListModel::onStateChanged(const QString &id, const QString &state)
{
    for (int i = 0; i < count(); ++i) {
        if (m_rows.at(i).id != id)
            continue;
        if (state == QLatin1String("removed")) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
            emit countChanged();
        } else {
            m_rows[i].state = state;
            emit dataChanged(index(i), index(i));
        }
        break;
    }
    // pid, exit code and times come with the List.
    scheduleReload();
}

void ContainerListModel::onStatsUpdated(const QStringList &ids)
{
    static const QList<int> statsRoles = {CpuPercentRole, MemoryUsageRole, MemoryLimitRole,
                                          PidsRole, SparklineRole};
    const QSet<QString> updated(ids.cbegin(), ids.cend());
    int first = -1;
    int last = -1;
    for (int i = 0; i < count(); ++i) {
        if (!updated.contains(m_rows.at(i).id))
            continue;
        if (first < 0)
            first = i;
        last = i;
    }
    if (first >= 0)
        emit dataChanged(index(first), index(last), statsRoles);
}

} // namespace isolde::models
