// Where Isolde keeps its files. Tests and several helpers on one machine each set their own
// ISOLDE_DATA_DIR and ISOLDE_STATE_DIR so that they never share state.
#pragma once

#include <QString>

namespace isolde::paths {

// Images, layers and container directories: $ISOLDE_DATA_DIR or /var/lib/isolde.
QString dataDir();
// Runtime state (one directory per container, pid files, sockets): $ISOLDE_STATE_DIR or
// /run/isolde.
QString stateDir();

} // namespace isolde::paths
