// Validation of a container spec before it runs: every problem at once, each naming its
// config.json field as a JSON path (Error::field) with a reason a person understands, e.g.
// "linux.resources.memory.limit: 4096 bytes is below the 6 MiB minimum".
#pragma once

#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QList>
#include <QString>

namespace isolde::spec {

// The whole spec: JSON types and required fields of the raw document (OciSpec::schemaErrors),
// then the values of every section. A field whose JSON type is wrong is reported once, for
// its type, not again for the default the typed model reads in its place.
QList<Error> validateSpec(const OciSpec &spec);

// linux.resources alone, as a live update sends it; `pathPrefix` starts every Error::field.
QList<Error> validateResources(const Resources &resources,
                               const QString &pathPrefix = QStringLiteral("linux.resources"));

// An OCI linux.seccomp object; `prefix` starts every Error::field.
QList<Error> validateSeccomp(const Seccomp &seccomp,
                             const QString &prefix = QStringLiteral("linux.seccomp"));

// A syscall that kernels gained after the newest one this libseccomp knows. Docker profiles
// list such names; the validator accepts them and the engine leaves them out of the filter,
// as runc does, since no program here can call what libseccomp cannot even number.
bool isSyscallNewerThanLibseccomp(const QString &name);

} // namespace isolde::spec
