#include "ImageListModel.h"

#include "HelperSession.h"

#include <QJsonObject>
#include <QPointer>
#include <QTimer>

namespace isolde::models {

ImageListModel::ImageListModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_session(HelperSession::instance())
{
    connect(m_session->client(), &client::HelperClient::helperRestarted, this,
            &ImageListModel::reload);
    connect(m_session, &HelperSession::helperPresentChanged, this, [this] {
        if (m_session->helperPresent())
            reload();
    });
    connect(m_session, &HelperSession::actionFinished, this, [this](const QString &action) {
        if (action == QLatin1String("makeDefaultImage"))
            reload();
    });
    // After QML has set the model up, not inside its constructor.
    QTimer::singleShot(0, this, &ImageListModel::reload);
}

int ImageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Image &image = m_images.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return image.name;
    case DigestRole:
        return image.digest;
    case SizeRole:
        return qreal(image.size);
    case CreatedRole:
        return image.created;
    case LayersRole:
        return image.layers;
    case IsDefaultRole:
        return image.isDefault;
    default:
        return {};
    }
}

QHash<int, QByteArray> ImageListModel::roleNames() const
{
    return {{NameRole, "name"},       {DigestRole, "digest"}, {SizeRole, "size"},
            {CreatedRole, "created"}, {LayersRole, "layers"}, {IsDefaultRole, "isDefault"}};
}

void ImageListModel::reload()
{
    m_session->client()->listImages([this, guard = QPointer<ImageListModel>(this)](
                                        const QJsonArray &images, const client::CallError *error) {
        if (!guard)
            return;
        if (error) {
            if (!HelperSession::isUnreachable(*error))
                m_session->reportError(*error);
        } else {
            setImages(images);
        }
        // Also after a failure: the page can show what went wrong.
        if (!m_loaded) {
            m_loaded = true;
            emit loadedChanged();
        }
    });
}

void ImageListModel::setImages(const QJsonArray &images)
{
    const int countBefore = count();
    beginResetModel();
    m_images.clear();
    for (const QJsonValue &value : images) {
        const QJsonObject object = value.toObject();
        Image image;
        image.name = object.value(QLatin1String("name")).toString();
        image.digest = object.value(QLatin1String("digest")).toString();
        image.size = qint64(object.value(QLatin1String("size")).toDouble());
        image.created = QDateTime::fromString(object.value(QLatin1String("created")).toString(),
                                              Qt::ISODateWithMs);
        image.layers = int(object.value(QLatin1String("layers")).toArray().size());
        image.isDefault = object.value(QLatin1String("default")).toBool();
        m_images.append(image);
    }
    endResetModel();
    if (count() != countBefore)
        emit countChanged();
}

} // namespace isolde::models
