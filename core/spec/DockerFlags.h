// Docker's `docker run` vocabulary to and from a spec: `isoldectl spec new --memory 512m
// --cap-drop ALL -- sh` gives the config.json Docker would have run, and the exports give
// back the flags for a spec.
#pragma once

#include "spec/OciSpec.h"
#include "spec/SpecDefaults.h"
#include "util/Expected.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace isolde::spec {

// "true": remove the container when it exits (--rm).
inline constexpr auto AnnotationAutoremove = "org.isolde.autoremove";
// Absolute path of the seccomp profile given with --security-opt seccomp=FILE: the spec keeps
// only the resolved filter, the exports need the file.
inline constexpr auto AnnotationSeccompProfile = "org.isolde.seccomp";

// What a user namespace maps with --userns private: container root to host uid 100000, 65536
// ids, like rootless podman's default.
inline constexpr uint32_t UsernsHostId = 100000;
inline constexpr uint32_t UsernsSize = 65536;

// One flag `isoldectl spec new` knows, for help texts and the GUI.
struct DockerFlag
{
    QString name;      // "memory"
    QChar shorthand;   // 'm', or null
    QString valueName; // "bytes"; empty for a boolean flag
    QString usage;
};
QList<DockerFlag> dockerFlags();
// The flag table as `docker run --help` lays it out.
QString dockerFlagsHelp();

// `args` are docker run flags, then the command: after `--`, or from the first word that is
// not a flag (where docker has the image). No command keeps base's process.args. Both
// `--flag value` and `--flag=value`, `-m 1g` and `-m1g`. `--image NAME` is Isolde's: it goes to
// the org.isolde.image annotation. Errors are Docker's sentences in Error::reason, e.g.
// `invalid argument "abc" for "-m, --memory" flag: invalid size: 'abc'`, `unknown flag: --foo`,
// `Minimum memory limit allowed is 6MB`; Error::field is empty.
Expected<OciSpec> specFromDockerArgs(const QStringList &args, const OciSpec &base = defaultSpec());

// Whose command line the inverse speaks. Isolde's is the exact inverse of specFromDockerArgs
// (with --image, --pid private, --userns private); Docker's leaves out what `docker run` does
// not know; Podman's spells a user namespace as --uidmap/--gidmap.
enum class FlagDialect { Isolde, Docker, Podman };

// The flags (no command) that give `spec` from `base` in that dialect. Always names
// --network, whose default differs between Isolde (none) and Docker (bridge).
QStringList runFlagsFromSpec(const OciSpec &spec, FlagDialect dialect,
                             const OciSpec &base = defaultSpec());

// The inverse: flags (then `--` and process.args) that give `spec` from `base`.
// specFromDockerArgs(dockerArgsFromSpec(s)) == s for every s that specFromDockerArgs made.
// Includes Isolde's own `--image`; the export functions leave it out.
QStringList dockerArgsFromSpec(const OciSpec &spec, const OciSpec &base = defaultSpec());

// The path of the block device major:minor on this host (/dev/block/M:N or a node in /dev),
// or /dev/block/M:N when there is none.
QString blockDevicePath(int64_t major, int64_t minor);

} // namespace isolde::spec
