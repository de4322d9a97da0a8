// Signal names as the OCI runtime command line takes them ("SIGHUP", "HUP", "9").
#pragma once

#include "util/Expected.h"

#include <QString>

namespace isolde::service {

// The signal number, or an InvalidArgument-style error naming `field`.
Expected<int> parseSignalName(const QString &text, const QString &field);

} // namespace isolde::service
