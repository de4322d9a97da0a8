// Signal names as the OCI runtime command line takes them ("SIGHUP", "HUP", "9"), for
// isolde-runtime kill and the helper's Kill and stop signals.
#pragma once

#include "util/Expected.h"

#include <QString>

namespace isolde::engine {

// The signal number, or an InvalidArgument-style error naming `field`.
Expected<int> parseSignalName(const QString &text, const QString &field);

} // namespace isolde::engine
