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

// The machine a profile is resolved for.
struct SeccompHost
{
    QString architecture; // libseccomp's name: SCMP_ARCH_X86_64, SCMP_ARCH_AARCH64, ...
    int kernelMajor = 0;
    int kernelMinor = 0;

    static SeccompHost current(); // from uname()
};

// The SCMP_ACT_*, SCMP_CMP_*, SCMP_ARCH_* and SECCOMP_FILTER_FLAG_* names the OCI runtime-spec
// defines, for validators and editors.
const QStringList &seccompActions();
const QStringList &seccompOperators();
const QStringList &seccompArchitectures();
const QStringList &seccompFlags();

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
    // Rules whose includes/excludes do not match are left out; each remaining rule becomes one
    // OCI rule. Syscall names this libseccomp does not know are left out too (as runc and crun
    // do when they load such a profile), so that a profile written for a newer kernel still
    // gives a spec that validates and runs.
    Seccomp resolve(const QStringList &capabilities) const;
    Seccomp resolve(const QStringList &capabilities, const SeccompHost &host) const;

    const QJsonObject &document() const { return m_document; }

private:
    struct KernelVersion
    {
        int major = 0;
        int minor = 0;
    };
    // Docker's "includes" and "excludes" of one rule.
    struct Condition
    {
        QStringList caps;
        QStringList arches;
        std::optional<KernelVersion> minKernel;
    };
    struct Rule
    {
        SeccompSyscall syscall;
        Condition includes;
        Condition excludes;
    };
    struct ArchMapEntry
    {
        QString architecture;
        QStringList subArchitectures;
    };

    static Expected<Condition> parseCondition(const QJsonValue &value, const QString &path);
    static Expected<Rule> parseRule(const QJsonValue &value, const QString &path);
    static bool matches(const Rule &rule, const QStringList &capabilities, const SeccompHost &host);

    QJsonObject m_document;
    Seccomp m_base; // everything but architectures and syscalls
    QStringList m_architectures;
    QList<ArchMapEntry> m_archMap;
    QList<Rule> m_rules;
};

} // namespace isolde::spec
