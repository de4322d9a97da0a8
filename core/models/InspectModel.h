// A container's config.json and state as the inspect tab shows them (Inspect), read again
// whenever the container changes state.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace isolde::models {

class HelperSession;

class InspectModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // An id, a unique id prefix or a name.
    Q_PROPERTY(QString containerId READ containerId WRITE setContainerId NOTIFY containerIdChanged)
    // Inspect has answered (or failed: the error went to Helper.errorOccurred).
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    // The 64-hex id, the name and the image of the container, once loaded.
    Q_PROPERTY(QString resolvedId READ resolvedId NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString image READ image NOTIFY changed)
    // Indented JSON text.
    Q_PROPERTY(QString specJson READ specJson NOTIFY changed)
    Q_PROPERTY(QString stateJson READ stateJson NOTIFY changed)
    // "status" of the state: created, running, paused, stopped.
    Q_PROPERTY(QString status READ status NOTIFY changed)
public:
    explicit InspectModel(QObject *parent = nullptr);

    QString containerId() const { return m_containerId; }
    void setContainerId(const QString &idOrName);
    bool loaded() const { return m_loaded; }
    QString resolvedId() const;
    QString name() const;
    QString image() const;
    QString specJson() const;
    QString stateJson() const;
    QString status() const;

    Q_INVOKABLE void reload();

signals:
    void containerIdChanged();
    void changed();

private:
    HelperSession *m_session;
    QString m_containerId;
    QJsonObject m_inspect;
    bool m_loaded = false;
    quint64 m_generation = 0; // replies for an older containerId are dropped
};

} // namespace isolde::models
