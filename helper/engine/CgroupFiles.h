// Reading and writing cgroup control files through a directory fd, with errors that name
// the config.json field, and a log of what was written so that a refused update can put
// every earlier value back.
#pragma once

#include "util/Expected.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <sys/types.h>

namespace isolde::engine::cgroupfs {

// An O_DIRECTORY|O_CLOEXEC fd, or -1 with errno set.
int openDirectory(const QString &path);
bool exists(int dirFd, const char *file);

Expected<QByteArray> read(int dirFd, const char *file);
// The value of `key` in a flat-keyed file ("key value" per line), or nullopt.
std::optional<QByteArray> keyedValue(const QByteArray &content, const QByteArray &key);
// The line of a nested-keyed file that starts with `key` ("8:0 rbps=... wbps=..."), or empty.
QByteArray lineStartingWith(const QByteArray &content, const QByteArray &key);

// One write(2) of `value`; the error names `field`, the file, the value and the kernel's answer.
Expected<void> write(int dirFd, const char *file, const QByteArray &value, const QString &field);

// Writes that can be undone: each records how to restore what the file held before.
class WriteLog
{
public:
    // Reads the file's current value, then writes `value`.
    Expected<void> write(int dirFd, const char *file, const QByteArray &value,
                         const QString &field);
    // For per-device files (io.max, blkio.throttle.*): the old line for device `key`
    // ("8:0") is restored, or `key + ' ' + unset` when the device had no line.
    Expected<void> writeKeyed(int dirFd, const char *file, const QByteArray &key,
                              const QByteArray &value, const QByteArray &unset,
                              const QString &field);
    // Best effort, newest first: the original error is what the caller reports.
    void rollback();

private:
    struct Undo
    {
        int dirFd;
        QByteArray file;
        QByteArray value;
    };
    QList<Undo> m_undo;
};

} // namespace isolde::engine::cgroupfs

namespace isolde::engine::cgroupfs {

// Creates `path` (absolute within the hierarchy) under `mountPoint` like mkdir -p. Fills
// `created` with the directories it made, deepest last, so that a failure can remove them.
Expected<void> makeDirectories(const QString &mountPoint, const QString &path,
                               QStringList &created);
// rmdir of `directory` and every cgroup below it, deepest first. Retries EBUSY briefly:
// a killed task leaves its cgroup a moment after it is reaped.
Expected<void> removeTree(const QString &directory);
// Every pid in cgroup.procs of `directory` and of the cgroups below it.
QList<pid_t> processesInTree(const QString &directory);
QList<pid_t> parsePids(const QByteArray &procs);

} // namespace isolde::engine::cgroupfs
