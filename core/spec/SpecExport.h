// A spec as the command lines and manifests of other tools: the `docker run` and `podman run`
// lines that start the same container, and a Kubernetes Pod for users who outgrow one machine.
#pragma once

#include "spec/OciSpec.h"

#include <QString>
#include <optional>

namespace isolde::spec {

// One word for a POSIX shell: as is when it is made of safe characters only, otherwise in
// single quotes ('it'\''s').
QString shellQuote(const QString &word);

// The image to name: `image` when given, else the org.isolde.image annotation, else the
// embedded default image, busybox.
QString exportImage(const OciSpec &spec, const QString &image = QString());

// "docker run --name web --memory 512m --network none busybox sh -c 'echo hi'": one line,
// quoted for a POSIX shell, the flags of runFlagsFromSpec(spec, FlagDialect::Docker).
QString dockerRunCommand(const OciSpec &spec, const QString &image = QString());
// The same in podman's spelling (a user namespace as --uidmap/--gidmap).
QString podmanRunCommand(const OciSpec &spec, const QString &image = QString());

// A v1 Pod manifest in YAML: the container's image, command (process.args[0]) and args, env
// (what the spec adds to the defaults), workingDir; resources (memory reservation and CPU
// shares as requests, memory limit and CFS quota as limits); securityContext (capabilities
// added and dropped relative to the runtime's default set, readOnlyRootFilesystem,
// runAsUser/runAsGroup, allowPrivilegeEscalation = !noNewPrivileges, seccompProfile);
// hostNetwork/hostPID/hostIPC for shared namespaces; tmpfs mounts as emptyDir volumes in
// memory and bind mounts as hostPath volumes. What a Pod cannot express is named in a comment
// at the top.
QString kubernetesPod(const OciSpec &spec, const QString &image = QString());

enum class ExportFormat { Docker, Podman, Kubernetes };
// "docker", "podman", "kube" (or "kubernetes").
std::optional<ExportFormat> exportFormatFromName(const QString &name);
QString exportSpec(const OciSpec &spec, ExportFormat format, const QString &image = QString());

} // namespace isolde::spec
