// Seccomp profiles in Docker's JSON format (defaultAction, archMap, syscalls with includes and
// excludes on capabilities, architectures and kernel versions), and plain OCI linux.seccomp
// objects. Docker resolves a profile against the container's capabilities when the container
// is created; so do we, producing the OCI form that goes into config.json.
#pragma once

#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QJsonObject>

namespace isolde::spec {

class SeccompProfile
{
public:
    // A Docker profile or an OCI linux.seccomp object. Errors name the JSON path.
    static Expected<SeccompProfile> fromJson(const QByteArray &json);
    static Expected<SeccompProfile> load(const QString &path);
    // Isolde's default allow-list profile (resources/seccomp/default.json, embedded).
    static SeccompProfile builtinDefault();

    // The OCI linux.seccomp for a container whose bounding set is `capabilities`, on the
    // host's architecture (with its sub-architectures, e.g. x86_64 + x86 + x32).
    Seccomp resolve(const QStringList &capabilities) const;

    const QJsonObject &document() const { return m_document; }

private:
    QJsonObject m_document;
};

} // namespace isolde::spec
