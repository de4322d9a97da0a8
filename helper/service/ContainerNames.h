// Container names, as Docker has them: chosen by the user ([a-zA-Z0-9][a-zA-Z0-9_.-]*) or made
// up ("eager_hopper") when the user gives none.
#pragma once

#include "util/Expected.h"

#include <QString>
#include <functional>

namespace isolde::service {

// Longer names help nobody and would let a caller make the helper store huge strings.
inline constexpr int MaxContainerNameLength = 128;

// Fails naming the field "name" when `name` is not a valid container name.
Expected<void> checkContainerName(const QString &name);

// An adjective_scientist name for which `taken` is false (a numeric suffix when the first
// tries are all taken).
QString makeUpContainerName(const std::function<bool(const QString &)> &taken);

} // namespace isolde::service
