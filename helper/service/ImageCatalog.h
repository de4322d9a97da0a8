// The image store as the helper's callers see it: images by name or digest, and the
// ListImages summaries. Reads the disk: call off the main thread.
#pragma once

#include "ImageStore.h"
#include "util/Expected.h"

#include <QJsonArray>
#include <QString>

namespace isolde::service {

// "sha256:<hex>" of the image's content (its layers and config, not its file's timestamps), so
// that the same image has the same digest wherever and whenever it was stored.
QString imageDigest(const engine::Image &image);

struct ImageLookup
{
    bool found = false; // false: no image with that name or digest (NoSuchImage)
    Expected<engine::Image> image = Error{};
};

// `reference`: a name, a digest ("sha256:<hex>" or the bare hex), or empty for the default
// image, which is built on first use.
ImageLookup findImageByReference(engine::ImageStore &store, const QString &reference);

// [{"name", "digest", "size", "created", "layers", "default"}] for every stored image.
QJsonArray listImages(const engine::ImageStore &store);

} // namespace isolde::service
