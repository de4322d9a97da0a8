// A container's stdout and stderr, kept the way Docker's json-file log driver keeps them: one
// JSON object per line, {"time":"<RFC 3339, ns, UTC>","stream":"stdout"|"stderr","line":".."},
// in a log file rotated by size (LOGFILE, LOGFILE.1 .. LOGFILE.(maxFiles-1), oldest last).
//
// The writing is done by isolde-logger (helper/logger), a process of its own rather than a
// thread of the helper: it reads the two pipes whose write ends the container (and every
// process exec'd into it) holds as 1 and 2, and it outlives a helper that is restarted, so no
// output is lost and no container blocks on a full pipe while the helper is away. This file is
// the helper's side: starting the logger, reading the log back, and following it.
#pragma once

#include "SafePath.h"
#include "util/Expected.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>
#include <sys/types.h>

namespace isolde::engine {

// Docker's json-file defaults are unlimited; a desktop wants a bound: 3 files of 10 MiB.
struct LogLimits
{
    qint64 maxSize = 10 * 1024 * 1024; // bytes of LOGFILE before it is rotated
    int maxFiles = 3;                  // LOGFILE and its rotated copies
};

struct LoggerProcess
{
    pid_t pid = 0;
    UniqueFd pidfd;
    // O_CLOEXEC; for CreateRequest::stdio / ExecRequest::stdio. Close them once the container
    // (or exec'd process) has them: the logger exits when every copy is closed.
    UniqueFd stdoutWrite;
    UniqueFd stderrWrite;
};

// Starts `loggerProgram` (isolde-logger) writing `logFile`, with exactly these descriptors:
// 0-2 /dev/null, 3 and 4 the read ends of the stdout and stderr pipes. Fails naming the
// argument at fault, or when the program cannot be executed.
Expected<LoggerProcess> startLogger(const QString &loggerProgram, const QString &logFile,
                                    const LogLimits &limits);

// The log's JSON lines, oldest first, across the rotated files: those from `sinceMs` on
// (milliseconds since the epoch; 0 = all), then only the last `tail` of them (-1 = all). Each
// line ends in '\n'; a record being written is left out.
Expected<QByteArray> readLog(const QString &logFile, qint64 sinceMs, int tail);

// Follows a log as it grows, like `tail -F`: each readNew() returns the complete lines written
// since the previous call (the first call: since construction, which starts at the end). After
// a rotation it finishes the old file, then reads the new one from its start.
class LogFollower
{
public:
    explicit LogFollower(QString logFile);

    QByteArray readNew();

private:
    bool openCurrent(bool atEnd);
    void readToEnd(QByteArray &into);

    QString m_logFile;
    UniqueFd m_file;
    dev_t m_device = 0;
    ino_t m_inode = 0;
    QByteArray m_partial;         // a record not yet complete at the last read
    bool m_skipToNewline = false; // started inside a record: its rest is not a line
};

} // namespace isolde::engine
