#include "InspectModel.h"

#include "HelperSession.h"

#include <QJsonDocument>
#include <QPointer>

namespace isolde::models {

namespace {

QString indented(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

} // namespace

InspectModel::InspectModel(QObject *parent)
    : QObject(parent)
    , m_session(HelperSession::instance())
{
    connect(m_session->client(), &client::HelperClient::containerStateChanged, this,
            [this](const QString &changedId, const QString &state) {
                // A removed container has nothing left to show but what was read last.
                if (changedId == resolvedId() && state != QLatin1String("removed"))
                    reload();
            });
}

void InspectModel::setContainerId(const QString &idOrName)
{
    if (m_containerId == idOrName)
        return;
    m_containerId = idOrName;
    // Nothing of the previous container stays on show.
    m_inspect = {};
    m_loaded = false;
    emit containerIdChanged();
    emit changed();
    reload();
}

void InspectModel::reload()
{
    const quint64 generation = ++m_generation;
    if (m_containerId.isEmpty())
        return;
    m_session->client()->inspect(m_containerId,
                                 [this, generation, guard = QPointer<InspectModel>(this)](
                                     const QJsonObject &inspect, const client::CallError *error) {
                                     if (!guard || generation != m_generation)
                                         return;
                                     if (error)
                                         m_session->reportError(*error);
                                     else
                                         m_inspect = inspect;
                                     m_loaded = true;
                                     emit changed();
                                 });
}

QString InspectModel::resolvedId() const
{
    return m_inspect.value(QLatin1String("id")).toString();
}

QString InspectModel::name() const
{
    return m_inspect.value(QLatin1String("name")).toString();
}

QString InspectModel::image() const
{
    return m_inspect.value(QLatin1String("image")).toString();
}

QString InspectModel::specJson() const
{
    return m_inspect.isEmpty() ? QString()
                               : indented(m_inspect.value(QLatin1String("spec")).toObject());
}

QString InspectModel::stateJson() const
{
    return m_inspect.isEmpty() ? QString()
                               : indented(m_inspect.value(QLatin1String("state")).toObject());
}

QString InspectModel::status() const
{
    return m_inspect.value(QLatin1String("state"))
        .toObject()
        .value(QLatin1String("status"))
        .toString();
}

} // namespace isolde::models
