#include "ImageCatalog.h"

#include "DefaultImage.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace isolde::service {

namespace {

qint64 directorySize(const QString &path)
{
    qint64 size = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        size += it.fileInfo().size();
    }
    return size;
}

} // namespace

QString imageDigest(const engine::Image &image)
{
    const QJsonObject content{
        {QStringLiteral("layers"), QJsonArray::fromStringList(image.layers)},
        {QStringLiteral("config"),
         QJsonObject{{QStringLiteral("Env"), QJsonArray::fromStringList(image.config.env)},
                     {QStringLiteral("Cmd"), QJsonArray::fromStringList(image.config.cmd)},
                     {QStringLiteral("WorkingDir"), image.config.workingDir}}}};
    return QStringLiteral("sha256:") +
           QString::fromLatin1(
               QCryptographicHash::hash(QJsonDocument(content).toJson(QJsonDocument::Compact),
                                        QCryptographicHash::Sha256)
                   .toHex());
}

ImageLookup findImageByReference(engine::ImageStore &store, const QString &reference)
{
    const QString name = reference.isEmpty() ? QLatin1String(engine::DefaultImageName) : reference;
    if (name == QLatin1String(engine::DefaultImageName))
        return {true, engine::ensureDefaultImage(store)};
    if (store.hasImage(name))
        return {true, store.image(name)};
    const QString hex = engine::digestHex(name);
    if (hex.isEmpty())
        return {};
    for (const QString &stored : store.imageNames()) {
        auto image = store.image(stored);
        if (image && engine::digestHex(imageDigest(*image)) == hex)
            return {true, image};
    }
    return {};
}

QJsonArray listImages(const engine::ImageStore &store)
{
    QJsonArray images;
    for (const QString &name : store.imageNames()) {
        auto image = store.image(name);
        if (!image)
            continue;
        qint64 size = 0;
        for (const QString &layer : image->layers)
            size += directorySize(store.layerDir(layer));
        images.append(QJsonObject{
            {QStringLiteral("name"), image->name},
            {QStringLiteral("digest"), imageDigest(*image)},
            {QStringLiteral("size"), size},
            {QStringLiteral("created"), image->created.toString(Qt::ISODateWithMs)},
            {QStringLiteral("layers"), QJsonArray::fromStringList(image->layers)},
            {QStringLiteral("default"), image->name == QLatin1String(engine::DefaultImageName)}});
    }
    return images;
}

} // namespace isolde::service
