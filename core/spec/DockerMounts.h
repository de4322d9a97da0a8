// Docker's mount flags as the OCI mounts Docker's daemon makes of them, and back:
// -v SRC:DST[:ro|rw][,PROPAGATION], --mount type=bind|tmpfs,source=,target=,readonly,... and
// --tmpfs DST[:OPTIONS]. Binds are ["rbind", ("ro"), propagation]; a tmpfs gets Docker's
// noexec,nosuid,nodev, which the user's options replace where they contradict them.
#pragma once

#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QString>
#include <optional>

namespace isolde::spec {

// Error::reason is Docker's, without pflag's `invalid argument "..." for "-v" flag:` lead,
// e.g. "invalid volume specification: 'data:/data': named volumes are not supported yet, ...".
Expected<Mount> mountFromVolumeFlag(const QString &value);
Expected<Mount> mountFromMountFlag(const QString &value);
Expected<Mount> mountFromTmpfsFlag(const QString &value);

struct MountFlag
{
    QString name; // "volume" or "tmpfs"
    QString value;
};
// The flag that gives `mount`; nullopt for a mount of another type.
std::optional<MountFlag> mountFlagFor(const Mount &mount);

} // namespace isolde::spec
