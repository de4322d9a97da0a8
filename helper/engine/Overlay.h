// The root of a container made from an image: an overlay whose lower dirs are the image's
// layers (read-only, shared) and whose upper and work dirs are the container's own, in its
// bundle directory (upper/, work/ beside rootfs/).
//
// Where it is mounted: the parent (host root) creates the overlay as a *detached* mount
// (fsopen/fsconfig/fsmount) while planning; the container child, in its own mount namespace,
// attaches that mount onto <bundle>/rootfs with move_mount before pivot_root. So the overlay
// never appears in the host's mount table, and if the engine dies the fd closes and the
// detached mount is gone with it: nothing can leak onto the host.
//
// Why not mount it in the child: in a user namespace (kernel >= 5.11 allows that, with
// userxattr) the overlay's "mounter" would be container root, and copy-up of any layer
// directory owned by host root fails with EOVERFLOW (that owner has no id in the namespace):
// the container could write nowhere outside its tmpfs mounts. Created by host root, copy-up
// works, and the child still needs only CAP_SYS_ADMIN in its own namespace to attach it.
// upper/ is chowned in the parent to the host ids of container root, so that container root
// owns "/". Layer files owned by host root show up as the overflow id (nobody) in such a
// container, as with any rootless overlay without idmapped layers.
#pragma once

#include "SafePath.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <string>

namespace isolde::engine {

// Set by ImageStore::makeBundle: the layer dirs, ':'-separated, top-most first (overlay's
// lowerdir order). Only directories of this engine's layer store are accepted.
inline constexpr auto AnnotationRootfsLayers = "org.isolde.rootfs.layers";

// What the child needs to attach the overlay.
struct OverlayPlan
{
    std::string target; // <bundle>/rootfs, absolute host path
    UniqueFd mount;     // the detached overlay mount (fsmount), O_CLOEXEC
};

// Parent: the overlay of a bundle whose spec carries AnnotationRootfsLayers, or nullopt for
// a plain bundle. `rootPath` is root.path made absolute (the mount target). Checks every layer
// dir (must be a layer of the store at paths::dataDir()), creates upper/ and work/ in
// `bundleDir` when missing and, for a new user namespace, chowns them to the host ids of
// container root; then creates the detached overlay mount. Errors name
// annotations["org.isolde.rootfs.layers"] or the bundle dir.
Expected<std::optional<OverlayPlan>> planOverlay(const spec::OciSpec &spec,
                                                 const QString &bundleDir, const QString &rootPath);

// Child, async-signal-safe: attaches the overlay on plan.target. False with errno set.
bool mountOverlay(const OverlayPlan &plan);

} // namespace isolde::engine
