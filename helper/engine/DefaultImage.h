// The embedded default image, `busybox`, as in `docker run busybox`: made on first use from
// Debian's busybox-static (/bin/busybox), so the first container runs with no download.
//
// Its one layer is a tarball built here deterministically (entries sorted, fixed mtime and
// owners), so its sha256, and thus the layer dir, is the same on every run for the same
// busybox binary: building it again finds the layer already stored.
//
// Content: /bin/busybox and one symlink per applet (`busybox --list`) in /bin, /etc/passwd
// (root, nobody, user 1000 "user"), /etc/group, /etc/hosts, /etc/resolv.conf, /tmp (1777),
// /root, /home/user (owned by 1000), and empty /dev /proc /sys as mount points.
#pragma once

#include "ImageStore.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QString>

namespace isolde::engine {

inline constexpr auto DefaultImageName = "busybox";
inline constexpr auto DefaultBusyboxPath = "/bin/busybox";

// The layer tarball of the default image (uncompressed tar).
Expected<QByteArray>
defaultImageTarball(const QString &busyboxPath = QLatin1String(DefaultBusyboxPath));

// The default image in `store`, built and imported when missing. Fast when already there.
Expected<Image> ensureDefaultImage(ImageStore &store);

// The image called `name` in `store`; the default image is built on first use.
Expected<Image> findImage(ImageStore &store, const QString &name);

// One step from an image name to a runnable bundle, in the store at paths::dataDir():
// findImage() then ImageStore::makeBundle().
Expected<void> makeBundle(const QString &imageName, const QString &bundleDir,
                          const spec::OciSpec &spec);

} // namespace isolde::engine
