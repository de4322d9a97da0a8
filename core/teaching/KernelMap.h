// The spec-to-kernel map: for each setting of a running container's spec, where the kernel
// enforces it (a cgroup file, a /proc/PID/status field, a namespace inode, the uid map, a
// mountinfo line), the value seen from inside (isolde-probe), the value the host sees, and
// one plain sentence on what it means. QML-free; KernelMapModel shows it.
#pragma once

#include "spec/OciSpec.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

namespace isolde::teaching {

struct KernelMapRow
{
    QString group;      // "cgroup", "capabilities", "seccomp", "namespaces", "filesystem"
    QString setting;    // the spec's JSON path, "linux.resources.memory.limit"
    QString specValue;  // what the spec says
    QString enforcedAt; // where the kernel holds it
    QString live;       // the value seen from inside the container
    QString host;       // the value the host sees
    QString sentence;   // translated, one plain sentence
};

struct KernelMapInput
{
    spec::OciSpec spec;
    QJsonObject probe;  // the helper's Probe reply: {"container": ..., "host": ...}
    QString mountinfo;  // /proc/<init pid>/mountinfo as the host reads it
    QString syscall;    // the syscall whose seccomp rule the map shows
    QString cgroupRoot; // where the host mounts cgroups, /sys/fs/cgroup
    // Reads a host file (the cgroup limit files); tests give their own.
    std::function<QString(const QString &path)> readHostFile;
};

QList<KernelMapRow> kernelMap(const KernelMapInput &input);

// Reads a small file of the host, trimmed; empty when unreadable.
QString readHostFile(const QString &path);

// The capability names whose bits are set in a /proc/PID/status hex mask.
QStringList decodeCapabilities(const QString &hex);

} // namespace isolde::teaching
