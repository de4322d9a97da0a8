// A container's captured output for the logs tab: the last 1000 lines when containerId is
// set, then (with follow) every new line as the helper sends it. filterText narrows the rows
// to the lines that contain it. At most MaxLines lines are kept; the oldest go first.
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <deque>

namespace isolde::models {

class HelperSession;

class LogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    // An id, a unique id prefix or a name.
    Q_PROPERTY(QString containerId READ containerId WRITE setContainerId NOTIFY containerIdChanged)
    Q_PROPERTY(bool follow READ follow WRITE setFollow NOTIFY followChanged)
    // Case-insensitive substring of the line.
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged) // rows shown
    // The tail has arrived (or could not be read: the error went to Helper.errorOccurred).
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
public:
    enum Role {
        TimeRole = Qt::UserRole + 1,
        StreamRole, // "stdout" or "stderr"
        LineRole,
    };
    Q_ENUM(Role)

    static constexpr int TailLines = 1000;
    static constexpr int MaxLines = 10000;

    explicit LogModel(QObject *parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString containerId() const { return m_containerId; }
    void setContainerId(const QString &idOrName);
    bool follow() const { return m_follow; }
    void setFollow(bool follow);
    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    int count() const { return int(m_visible.size()); }
    bool loaded() const { return m_loaded; }

    // Reads the tail again (and follows again when following).
    Q_INVOKABLE void reload();

signals:
    void containerIdChanged();
    void followChanged();
    void filterTextChanged();
    void countChanged();
    void loadedChanged();

private:
    struct Line
    {
        QString time; // RFC 3339 with nanoseconds, as the helper sends it: it sorts as text
        QDateTime parsedTime;
        QString stream;
        QString text;
    };
    static Line lineFromJson(const QJsonObject &object);
    bool matches(const Line &line) const;
    void load(const QString &id);
    void setTail(const QJsonArray &lines);
    void append(const QJsonArray &lines);
    void rebuildVisible();
    void unfollow();
    void setLoaded(bool loaded);

    HelperSession *m_session;
    QString m_containerId;
    QString m_id; // the 64-hex id, once known: LogLines carry it
    bool m_follow = false;
    bool m_following = false;   // the helper sends us this container's lines
    bool m_tailPending = false; // lines that arrive now may also be in the tail
    QJsonArray m_early;         // those lines
    QString m_filterText;
    bool m_loaded = false;
    std::deque<Line> m_lines;
    qint64 m_firstSeq = 0;    // the sequence number of m_lines.front()
    QList<qint64> m_visible;  // sequence numbers of the lines shown
    quint64 m_generation = 0; // replies for an older load are dropped
};

} // namespace isolde::models
