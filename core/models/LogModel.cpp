#include "LogModel.h"

#include "HelperSession.h"

#include <QJsonObject>
#include <QPointer>

namespace isolde::models {

using client::CallError;

LogModel::LogModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_session(HelperSession::instance())
{
    connect(m_session->client(), &client::HelperClient::logLines, this,
            [this](const QString &id, const QJsonArray &lines) {
                if (!m_following || id != m_id)
                    return;
                if (m_tailPending) {
                    for (const QJsonValue &line : lines)
                        m_early.append(line);
                    return;
                }
                append(lines);
            });
    // A new helper knows nothing of our follow.
    connect(m_session->client(), &client::HelperClient::helperRestarted, this, [this] {
        if (m_follow)
            reload();
    });
}

LogModel::~LogModel()
{
    unfollow();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &line = m_lines.at(std::size_t(m_visible.at(index.row()) - m_firstSeq));
    switch (role) {
    case TimeRole:
        return line.parsedTime;
    case StreamRole:
        return line.stream;
    case Qt::DisplayRole:
    case LineRole:
        return line.text;
    default:
        return {};
    }
}

QHash<int, QByteArray> LogModel::roleNames() const
{
    return {{TimeRole, "time"}, {StreamRole, "stream"}, {LineRole, "line"}};
}

void LogModel::setContainerId(const QString &idOrName)
{
    if (m_containerId == idOrName)
        return;
    m_containerId = idOrName;
    emit containerIdChanged();
    reload();
}

void LogModel::setFollow(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    emit followChanged();
    // Following from the tail on, so that no line falls between the tail and the stream.
    if (follow)
        reload();
    else
        unfollow();
}

void LogModel::setFilterText(const QString &text)
{
    if (m_filterText == text)
        return;
    m_filterText = text;
    emit filterTextChanged();
    rebuildVisible();
}

void LogModel::reload()
{
    unfollow();
    ++m_generation;
    m_id.clear();
    m_early = {};
    m_tailPending = false;
    setLoaded(false);
    if (m_containerId.isEmpty()) {
        setTail({});
        return;
    }
    const quint64 generation = m_generation;
    m_session->resolveId(m_containerId, this, [this, generation](const QString &id) {
        if (generation != m_generation)
            return;
        if (id.isEmpty())
            setLoaded(true); // with no lines: the error is reported
        else
            load(id);
    });
}

void LogModel::load(const QString &id)
{
    m_id = id;
    const quint64 generation = m_generation;
    client::HelperClient *client = m_session->client();
    if (m_follow) {
        // Lines from now on are kept aside until the tail is here.
        m_following = true;
        m_tailPending = true;
        client->followLogs(
            id, [this, generation, guard = QPointer<LogModel>(this)](bool, const CallError *error) {
                if (!guard || generation != m_generation || !error)
                    return;
                m_following = false;
                m_session->reportError(*error);
            });
    }
    client->logs(id, 0, TailLines,
                 [this, generation, guard = QPointer<LogModel>(this)](const QJsonArray &lines,
                                                                      const CallError *error) {
                     if (!guard || generation != m_generation)
                         return;
                     if (error)
                         m_session->reportError(*error);
                     else
                         setTail(lines);
                     setLoaded(true);
                 });
}

LogModel::Line LogModel::lineFromJson(const QJsonObject &object)
{
    Line line;
    line.time = object.value(QLatin1String("time")).toString();
    line.parsedTime = QDateTime::fromString(line.time, Qt::ISODateWithMs);
    line.stream = object.value(QLatin1String("stream")).toString();
    line.text = object.value(QLatin1String("line")).toString();
    return line;
}

bool LogModel::matches(const Line &line) const
{
    return m_filterText.isEmpty() || line.text.contains(m_filterText, Qt::CaseInsensitive);
}

void LogModel::setTail(const QJsonArray &lines)
{
    m_lines.clear();
    m_firstSeq = 0;
    for (const QJsonValue &value : lines)
        m_lines.push_back(lineFromJson(value.toObject()));
    rebuildVisible();
    if (!m_tailPending)
        return;
    m_tailPending = false;
    // What arrived meanwhile, less what the tail already has.
    const QString tailEnd = m_lines.empty() ? QString() : m_lines.back().time;
    QJsonArray newer;
    for (const QJsonValue &value : std::as_const(m_early)) {
        if (value.toObject().value(QLatin1String("time")).toString() > tailEnd)
            newer.append(value);
    }
    m_early = {};
    append(newer);
}

void LogModel::append(const QJsonArray &lines)
{
    if (lines.isEmpty())
        return;
    QList<qint64> shown;
    for (const QJsonValue &value : lines) {
        m_lines.push_back(lineFromJson(value.toObject()));
        if (matches(m_lines.back()))
            shown.append(m_firstSeq + qint64(m_lines.size()) - 1);
    }
    if (!shown.isEmpty()) {
        beginInsertRows({}, count(), count() + int(shown.size()) - 1);
        m_visible.append(shown);
        endInsertRows();
    }
    // The oldest lines go once there are too many.
    if (m_lines.size() > std::size_t(MaxLines)) {
        const qint64 drop = qint64(m_lines.size()) - MaxLines;
        m_lines.erase(m_lines.begin(), m_lines.begin() + drop);
        m_firstSeq += drop;
        int hidden = 0;
        while (hidden < count() && m_visible.at(hidden) < m_firstSeq)
            ++hidden;
        if (hidden > 0) {
            beginRemoveRows({}, 0, hidden - 1);
            m_visible.remove(0, hidden);
            endRemoveRows();
        }
    }
    emit countChanged();
}

void LogModel::rebuildVisible()
{
    beginResetModel();
    m_visible.clear();
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        if (matches(m_lines[i]))
            m_visible.append(m_firstSeq + qint64(i));
    }
    endResetModel();
    emit countChanged();
}

void LogModel::unfollow()
{
    if (!m_following)
        return;
    m_following = false;
    m_session->client()->unfollowLogs(m_id, [](bool, const CallError *) {});
}

void LogModel::setLoaded(bool loaded)
{
    if (m_loaded == loaded)
        return;
    m_loaded = loaded;
    emit loadedChanged();
}

} // namespace isolde::models
