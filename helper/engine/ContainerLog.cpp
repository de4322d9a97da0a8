#include "ContainerLog.h"

#include "ContainerProcess.h"

#include <QDate>
#include <QFile>
#include <QList>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace isolde::engine {

namespace {

// The logger reads its pipes on these descriptors (isolde-logger.c).
constexpr int LoggerStdoutFd = 3;
constexpr int LoggerStderrFd = 4;
constexpr int FirstFreeFd = 5;
// What every record starts with, up to its time.
constexpr QByteArrayView TimePrefix = "{\"time\":\"";

QString errnoText(int errnum)
{
    return QString::fromLocal8Bit(strerror(errnum));
}

// A copy of `fd` at FirstFreeFd or above, so that the child's dup2() onto 0..4 never meets a
// source that is already one of those numbers (which would keep its O_CLOEXEC).
UniqueFd aboveLoggerFds(UniqueFd fd)
{
    if (!fd.valid() || fd.get() >= FirstFreeFd)
        return fd;
    return UniqueFd(::fcntl(fd.get(), F_DUPFD_CLOEXEC, FirstFreeFd));
}

struct Pipe
{
    UniqueFd read;
    UniqueFd write;
};

Expected<Pipe> makePipe(const char *what)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return Error{QString(), QStringLiteral("cannot create the %1 pipe: %2")
                                    .arg(QLatin1String(what), errnoText(errno))};
    return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// Between clone and exec: async-signal-safe calls only.
[[noreturn]] void execLogger(char *const argv[], int devNull, int stdoutRead, int stderrRead,
                             int reportFd)
{
    // Blocked across exec, until the logger has ignored them: one sent right after
    // startLogger returns must not kill it. Every other signal as the logger expects.
    sigset_t ignored;
    sigemptyset(&ignored);
    for (const int signal : {SIGHUP, SIGINT, SIGPIPE, SIGTERM})
        sigaddset(&ignored, signal);
    ::sigprocmask(SIG_SETMASK, &ignored, nullptr);
    bool ok = true;
    for (int fd = 0; fd < 3; ++fd)
        ok = ok && ::dup2(devNull, fd) == fd;
    ok = ok && ::dup2(stdoutRead, LoggerStdoutFd) == LoggerStdoutFd &&
         ::dup2(stderrRead, LoggerStderrFd) == LoggerStderrFd &&
         // Whatever else the helper has open (D-Bus socket, other containers' pipes) goes at
         // exec; the report pipe too, which tells the parent that exec happened.
         ::syscall(SYS_close_range, FirstFreeFd, ~0U, CLOSE_RANGE_CLOEXEC) == 0;
    if (ok)
        ::execv(argv[0], argv);
    const int errnum = errno;
    if (::write(reportFd, &errnum, sizeof errnum) != sizeof errnum)
        ::_exit(126);
    ::_exit(127);
}

Expected<QByteArray> readAll(int fd, const QString &path)
{
    QByteArray data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Error{QStringLiteral("logFile"),
                         QStringLiteral("cannot read %1: %2").arg(path, errnoText(errno))};
        if (n == 0)
            return data;
        data.append(buffer, n);
    }
}

int digits(QByteArrayView text, qsizetype from, qsizetype count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// The time of a record in milliseconds since the epoch, or -1 when it has none.
qint64 recordTimeMs(QByteArrayView line)
{
    // {"time":"2026-11-29T17:00:00.123456789Z"
    if (!line.startsWith(TimePrefix) || line.size() < TimePrefix.size() + 24)
        return -1;
    const QByteArrayView time = line.sliced(TimePrefix.size());
    if (time[4] != '-' || time[7] != '-' || time[10] != 'T' || time[13] != ':' || time[16] != ':' ||
        time[19] != '.')
        return -1;
    const QDate date(digits(time, 0, 4), digits(time, 5, 2), digits(time, 8, 2));
    const int hour = digits(time, 11, 2);
    const int minute = digits(time, 14, 2);
    const int second = digits(time, 17, 2);
    const int millisecond = digits(time, 20, 3);
    if (!date.isValid() || hour < 0 || minute < 0 || second < 0 || millisecond < 0)
        return -1;
    constexpr qint64 UnixEpochJulianDay = 2440588;
    const qint64 seconds =
        (date.toJulianDay() - UnixEpochJulianDay) * 86400 + hour * 3600 + minute * 60 + second;
    return seconds * 1000 + millisecond;
}

// LOGFILE, LOGFILE.1, LOGFILE.2 ... newest first. Opening newest first and skipping a file
// already seen keeps a rotation during the walk from losing a file: it only shifts names.
std::vector<UniqueFd> openLogFiles(const QString &logFile)
{
    std::vector<UniqueFd> files;
    QList<QPair<dev_t, ino_t>> seen;
    for (int i = 0;; ++i) {
        const QString path = i == 0 ? logFile : logFile + QLatin1Char('.') + QString::number(i);
        UniqueFd fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
        struct stat st
        {};
        if (!fd.valid() || ::fstat(fd.get(), &st) != 0) {
            if (i == 0)
                continue; // between a rotation's rename and the new file
            break;
        }
        if (seen.contains(qMakePair(st.st_dev, st.st_ino)))
            continue;
        seen.append(qMakePair(st.st_dev, st.st_ino));
        files.push_back(std::move(fd));
    }
    return files;
}

} // namespace

Expected<LoggerProcess> startLogger(const QString &loggerProgram, const QString &logFile,
                                    const LogLimits &limits)
{
    if (limits.maxSize < 1)
        return Error{QStringLiteral("maxSize"),
                     QStringLiteral("%1 is not a positive number of bytes").arg(limits.maxSize)};
    if (limits.maxFiles < 1 || limits.maxFiles > 1000)
        return Error{QStringLiteral("maxFiles"),
                     QStringLiteral("%1 is not from 1 to 1000").arg(limits.maxFiles)};
    if (logFile.isEmpty())
        return Error{QStringLiteral("logFile"), QStringLiteral("no log file given")};
    if (!loggerProgram.startsWith(QLatin1Char('/')))
        return Error{QStringLiteral("loggerProgram"),
                     QStringLiteral("\"%1\" is not an absolute path").arg(loggerProgram)};

    // Made here, so that a log that cannot be written fails now, naming it, rather than as a
    // logger that exits at once (and a container writing into a pipe nobody reads); and so
    // that readLog finds the file as soon as this returns.
    const QByteArray logPath = QFile::encodeName(logFile);
    if (UniqueFd created(
            ::open(logPath.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640));
        !created.valid())
        return Error{QStringLiteral("logFile"),
                     QStringLiteral("cannot create %1: %2").arg(logFile, errnoText(errno))};

    // Everything the child needs, made before clone: it may not allocate.
    const QList<QByteArray> strings = {
        QFile::encodeName(loggerProgram),    QByteArrayLiteral("--max-size"),
        QByteArray::number(limits.maxSize),  QByteArrayLiteral("--max-files"),
        QByteArray::number(limits.maxFiles), logPath,
    };
    std::vector<char *> argv;
    for (const QByteArray &string : strings)
        argv.push_back(const_cast<char *>(string.constData()));
    argv.push_back(nullptr);

    auto out = makePipe("stdout");
    if (!out)
        return out.error();
    auto err = makePipe("stderr");
    if (!err)
        return err.error();
    auto report = makePipe("report");
    if (!report)
        return report.error();
    UniqueFd devNull = aboveLoggerFds(UniqueFd(::open("/dev/null", O_RDWR | O_CLOEXEC)));
    UniqueFd stdoutRead = aboveLoggerFds(std::move(out->read));
    UniqueFd stderrRead = aboveLoggerFds(std::move(err->read));
    UniqueFd reportWrite = aboveLoggerFds(std::move(report->write));
    if (!devNull.valid() || !stdoutRead.valid() || !stderrRead.valid() || !reportWrite.valid())
        return Error{
            QString(),
            QStringLiteral("cannot prepare the logger's descriptors: %1").arg(errnoText(errno))};

    int pidfd = -1;
    const long pid = cloneProcess(0, -1, &pidfd);
    if (pid < 0)
        return Error{QString(),
                     QStringLiteral("cannot start the logger: clone3: %1").arg(errnoText(errno))};
    if (pid == 0)
        execLogger(argv.data(), devNull.get(), stdoutRead.get(), stderrRead.get(),
                   reportWrite.get());

    LoggerProcess logger;
    logger.pid = static_cast<pid_t>(pid);
    logger.pidfd.reset(pidfd);
    // Only the child's copies may stay open: end-of-file on the report pipe means exec
    // happened, and the logger sees end-of-file once the write ends' holders are gone.
    reportWrite.reset();
    devNull.reset();
    stdoutRead.reset();
    stderrRead.reset();
    int errnum = 0;
    ssize_t n = 0;
    while ((n = ::read(report->read.get(), &errnum, sizeof errnum)) < 0 && errno == EINTR) {
    }
    if (n == sizeof errnum) {
        siginfo_t info{};
        while (::waitid(P_PIDFD, static_cast<id_t>(pidfd), &info, WEXITED) != 0 && errno == EINTR) {
        }
        return Error{QStringLiteral("loggerProgram"),
                     QStringLiteral("cannot execute %1: %2").arg(loggerProgram, errnoText(errnum))};
    }
    logger.stdoutWrite = std::move(out->write);
    logger.stderrWrite = std::move(err->write);
    return logger;
}

Expected<QByteArray> readLog(const QString &logFile, qint64 sinceMs, int tail)
{
    if (sinceMs < 0)
        return Error{QStringLiteral("since"),
                     QStringLiteral("%1 is before the epoch: 0 means the whole log").arg(sinceMs)};
    if (tail < -1)
        return Error{QStringLiteral("tail"),
                     QStringLiteral("%1 is not a number of lines (-1 means all)").arg(tail)};
    const std::vector<UniqueFd> files = openLogFiles(logFile);
    if (files.empty())
        return Error{QStringLiteral("logFile"),
                     QStringLiteral("cannot open %1: %2").arg(logFile, errnoText(ENOENT))};

    // Newest file first and each file from its end, so that a tail stops early.
    QList<QByteArray> contents; // keeps what `picked` points into
    QList<QByteArrayView> picked;
    for (const UniqueFd &file : files) {
        if (tail >= 0 && picked.size() >= tail)
            break;
        auto data = readAll(file.get(), logFile);
        if (!data)
            return data.error();
        contents.append(std::move(data.value()));
        const QByteArray &text = contents.last();
        // A record still being written (no '\n' yet) is not a line.
        qsizetype end = text.lastIndexOf('\n');
        while (end >= 0 && (tail < 0 || picked.size() < tail)) {
            const qsizetype start = end == 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
            const QByteArrayView line(text.constData() + start, end + 1 - start);
            if (sinceMs == 0 || recordTimeMs(line) >= sinceMs)
                picked.append(line);
            end = start - 1;
        }
    }
    QByteArray result;
    for (auto line = picked.crbegin(); line != picked.crend(); ++line)
        result.append(*line);
    return result;
}

LogFollower::LogFollower(QString logFile)
    : m_logFile(std::move(logFile))
{
    openCurrent(true);
}

bool LogFollower::openCurrent(bool atEnd)
{
    UniqueFd file(::open(QFile::encodeName(m_logFile).constData(), O_RDONLY | O_CLOEXEC));
    struct stat st
    {};
    if (!file.valid() || ::fstat(file.get(), &st) != 0)
        return false;
    m_partial.clear();
    if (atEnd && st.st_size > 0) {
        // Starting inside a record: what precedes its '\n' is dropped at the next read.
        char last = '\n';
        if (::pread(file.get(), &last, 1, st.st_size - 1) == 1 && last != '\n')
            m_skipToNewline = true;
        ::lseek(file.get(), st.st_size, SEEK_SET);
    }
    m_file = std::move(file);
    m_device = st.st_dev;
    m_inode = st.st_ino;
    return true;
}

void LogFollower::readToEnd(QByteArray &into)
{
    if (auto data = readAll(m_file.get(), m_logFile))
        m_partial.append(data.value());
    if (m_skipToNewline) {
        const qsizetype newline = m_partial.indexOf('\n');
        if (newline < 0)
            return;
        m_partial.remove(0, newline + 1);
        m_skipToNewline = false;
    }
    const qsizetype complete = m_partial.lastIndexOf('\n') + 1;
    into.append(m_partial.constData(), complete);
    m_partial.remove(0, complete);
}

QByteArray LogFollower::readNew()
{
    QByteArray lines;
    // The name is looked at before the old file is read to its end: if it names a new file,
    // the logger had finished the old one before, so that read misses nothing.
    struct stat current
    {};
    const bool exists = ::stat(QFile::encodeName(m_logFile).constData(), &current) == 0;
    if (m_file.valid())
        readToEnd(lines);
    const bool rotated =
        exists && (!m_file.valid() || current.st_dev != m_device || current.st_ino != m_inode);
    if (rotated && openCurrent(false))
        readToEnd(lines);
    return lines;
}

} // namespace isolde::engine
