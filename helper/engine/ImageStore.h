// Images and their layers, stored once under isolde::paths::dataDir():
//
//   layers/sha256/<hex>/     extracted content of one layer tarball, read-only, shared by every
//                            image and container that uses it; <hex> is the sha256 of the
//                            tarball's bytes (the OCI layer digest)
//   images/<name>.json       {"name", "created", "layers": ["sha256:<hex>", ...] bottom-up,
//                            "config": {"Env": [...], "Cmd": [...], "WorkingDir": "..."}}
//
// A container of an image mounts an overlay: lower dirs = the image's layer dirs, upper and work
// dirs in the container's bundle (see Overlay.h). makeBundle() writes such a bundle.
#pragma once

#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace isolde::engine {

// The part of an image's config a bundle inherits (names as in the OCI image config).
struct ImageConfig
{
    QStringList env;    // "KEY=value"
    QStringList cmd;    // process.args when the spec has none
    QString workingDir; // process.cwd when the spec leaves it at "/"
};

struct Image
{
    QString name;
    QStringList layers; // "sha256:<hex>", bottom-up
    QDateTime created;
    ImageConfig config;
};

class ImageStore
{
public:
    // `dataDir` defaults to isolde::paths::dataDir().
    ImageStore();
    explicit ImageStore(const QString &dataDir);

    QString dataDir() const { return m_dataDir; }
    QString layersDir() const;                     // <data>/layers/sha256
    QString layerDir(const QString &digest) const; // <data>/layers/sha256/<hex>
    bool hasLayer(const QString &digest) const;

    // Extracts a layer tarball (plain, gzip, xz or zstd: whatever libarchive reads) into
    // layers/sha256/<sha256 of the file>, atomically: into a temporary directory first, renamed
    // when complete, so a failure leaves no layer dir. Idempotent: an existing layer is kept.
    // Refused: entries with `..` or absolute names escaping the layer, hard links to outside
    // it, writes through a symlink of the layer. Device nodes are skipped (noted on stderr);
    // setuid/setgid bits are kept only on files owned by root. Returns "sha256:<hex>".
    Expected<QString> importLayer(const QString &tarPath);

    Expected<void> saveImage(const Image &image);
    Expected<Image> image(const QString &name) const;
    bool hasImage(const QString &name) const;
    QStringList imageNames() const;

    // The image's layer dirs in overlay lowerdir order: top-most first.
    QStringList lowerDirs(const Image &image) const;

    // Writes an OCI bundle for a container of `image` in `bundleDir` (created if needed):
    // config.json = `spec` with root.path "rootfs", the image's Env prepended to process.env
    // (a spec variable of the same name wins), Cmd as process.args when the spec has none,
    // WorkingDir as process.cwd when the spec's is "/" or empty, and the annotation
    // org.isolde.rootfs.layers (Overlay.h) listing lowerDirs(); plus the empty directories
    // rootfs/ (mount point), upper/ and work/ (the overlay's writable side).
    Expected<void> makeBundle(const Image &image, const QString &bundleDir,
                              const spec::OciSpec &spec) const;

private:
    QString imagePath(const QString &name) const;
    QString m_dataDir;
};

// "sha256:<64 lowercase hex>" (or the bare hex) -> the hex, or an empty string when malformed.
QString digestHex(const QString &digest);

} // namespace isolde::engine
