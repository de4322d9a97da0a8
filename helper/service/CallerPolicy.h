// What a caller other than root may put in a container's config.json.
//
// polkit lets members of group "isolde" create containers without a password. Without these
// limits such a container would be root on the host: joining the host's namespaces, opening
// its disks, running hooks as root, binding /etc or loading kernel modules. Each refusal names
// the field, as an InvalidArgument.
#pragma once

#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <sys/types.h>

namespace isolde::service {

// Checks `spec` for a caller with uid `uid` (root may do anything) and makes every bind mount
// source canonical, so that the engine mounts the very path whose owner was checked.
Expected<void> applyCallerPolicy(spec::OciSpec &spec, uid_t uid);

} // namespace isolde::service
