// The images the helper stores (ListImages), for the Images page and the image pickers.
// Reloads when the helper comes back and after makeDefaultImage.
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace isolde::models {

class HelperSession;

class ImageListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // The first ListImages has answered (or failed).
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        DigestRole,
        SizeRole, // bytes
        CreatedRole,
        LayersRole, // how many
        IsDefaultRole,
    };
    Q_ENUM(Role)

    explicit ImageListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_images.size()); }
    bool loaded() const { return m_loaded; }

    Q_INVOKABLE void reload();

signals:
    void countChanged();
    void loadedChanged();

private:
    struct Image
    {
        QString name;
        QString digest;
        qint64 size = 0;
        QDateTime created;
        int layers = 0;
        bool isDefault = false;
    };
    void setImages(const QJsonArray &images);

    HelperSession *m_session;
    QList<Image> m_images;
    bool m_loaded = false;
};

} // namespace isolde::models
