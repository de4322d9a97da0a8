// The container log: isolde-logger fed through real pipes by startLogger, read back with
// readLog and LogFollower. Streams, partial and long lines, invalid UTF-8, rotation, since and
// tail across rotated files, following across a rotation, a logger that outlives its killed
// parent, and the logger's descriptors. Root (the logger is reparented to this test, a
// subreaper, when its parent is killed).

#include "ContainerLog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
extern "C" {
#include <sys/pidfd.h>
}

using isolde::engine::LogFollower;
using isolde::engine::LoggerProcess;
using isolde::engine::LogLimits;
using isolde::engine::readLog;
using isolde::engine::startLogger;
using isolde::engine::UniqueFd;

namespace {

// A record's size for a line of `length` ASCII bytes: {"time":"<30>","stream":"stdout",
// "line":"<length>"} and '\n'.
constexpr qint64 recordSize(qint64 length)
{
    return 70 + length;
}

struct Record
{
    QString time;
    QString stream;
    QString line;
};

bool writeAll(int fd, QByteArray data)
{
    while (!data.isEmpty()) {
        const ssize_t n = ::write(fd, data.constData(), std::size_t(data.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data.remove(0, n);
    }
    return true;
}

// Reaps the logger; its exit status, -1 when it did not exit normally.
int waitForLogger(const LoggerProcess &logger)
{
    siginfo_t info{};
    while (::waitid(P_PIDFD, static_cast<id_t>(logger.pidfd.get()), &info, WEXITED) != 0) {
        if (errno != EINTR)
            return -1;
    }
    return info.si_code == CLD_EXITED ? info.si_status : -1;
}

// Every line must be one JSON object with exactly time, stream and line.
std::optional<QList<Record>> parse(const QByteArray &lines)
{
    QList<Record> records;
    for (const QByteArray &line : lines.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
        if (error.error != QJsonParseError::NoError || object.size() != 3 ||
            !object.value("time").isString() || !object.value("stream").isString() ||
            !object.value("line").isString()) {
            qWarning() << "not a log record:" << line;
            return std::nullopt;
        }
        records.append({object.value("time").toString(), object.value("stream").toString(),
                        object.value("line").toString()});
    }
    return records;
}

QStringList linesOf(const QList<Record> &records, const QString &stream = {})
{
    QStringList lines;
    for (const Record &record : records) {
        if (stream.isEmpty() || record.stream == stream)
            lines << record.line;
    }
    return lines;
}

QStringList numbered(const QString &prefix, int from, int to)
{
    QStringList lines;
    for (int i = from; i <= to; ++i)
        lines << QStringLiteral("%1%2").arg(prefix).arg(i, 4, 10, QLatin1Char('0'));
    return lines;
}

// A record's time to the millisecond, truncated (as readLog compares it).
QDateTime toDateTime(const QString &time)
{
    return QDateTime::fromString(time.left(23) + 'Z', Qt::ISODateWithMs);
}

QByteArray asInput(const QStringList &lines)
{
    return (lines.join('\n') + '\n').toUtf8();
}

int lineCount(const QString &logFile)
{
    auto log = readLog(logFile, 0, -1);
    return log ? int(log->count('\n')) : -1;
}

} // namespace

class tst_ContainerLog : public QObject
{
    Q_OBJECT

private:
    QString logger;
    std::optional<QTemporaryDir> dir;
    std::vector<LoggerProcess> loggers; // killed and reaped at cleanup, whatever happened

    QString logFile() const { return dir->filePath("log.json"); }

    // A running logger on logFile(); nullptr when it could not start.
    LoggerProcess *start(const LogLimits &limits = {})
    {
        auto started = startLogger(logger, logFile(), limits);
        if (!started) {
            qWarning() << "startLogger:" << started.error().toString();
            return nullptr;
        }
        loggers.push_back(std::move(started.value()));
        return &loggers.back();
    }

    // Closes the pipes and waits for the logger to exit at end-of-file; its exit status.
    static int finish(LoggerProcess &process)
    {
        process.stdoutWrite.reset();
        process.stderrWrite.reset();
        return waitForLogger(process);
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: the logger is reparented to this test, a subreaper");
        logger = QCoreApplication::applicationDirPath() + QStringLiteral("/isolde-logger");
        QVERIFY2(QFileInfo(logger).isExecutable(), qPrintable(logger));
        // A logger whose parent is killed comes to us, so that we can reap it.
        QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    }

    void init()
    {
        dir.emplace();
        QVERIFY(dir->isValid());
    }

    void cleanup()
    {
        for (LoggerProcess &process : loggers) {
            ::pidfd_send_signal(process.pidfd.get(), SIGKILL, nullptr, 0);
            waitForLogger(process);
        }
        loggers.clear();
        dir.reset();
    }

    void streamsAndPartialLines()
    {
        LoggerProcess *process = start();
        QVERIFY(process);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        QVERIFY(writeAll(process->stdoutWrite.get(), "one\ntw"));
        QVERIFY(writeAll(process->stderrWrite.get(), "warning: \"quoted\"\\\t\n"));
        QVERIFY(writeAll(process->stdoutWrite.get(), "o\n\nthree"));
        QCOMPARE(finish(*process), 0);
        const QDateTime after = QDateTime::currentDateTimeUtc();

        auto log = readLog(logFile(), 0, -1);
        QVERIFY2(log, log ? "" : qPrintable(log.error().toString()));
        const auto records = parse(log.value());
        QVERIFY(records);
        // The last line had no '\n': written at end-of-file all the same.
        QCOMPARE(linesOf(*records, "stdout"), QStringList({"one", "two", "", "three"}));
        QCOMPARE(linesOf(*records, "stderr"), QStringList({"warning: \"quoted\"\\\t"}));
        QCOMPARE(records->size(), 5);
        static const QRegularExpression rfc3339(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z$"));
        for (const Record &record : *records) {
            QVERIFY2(rfc3339.match(record.time).hasMatch(), qPrintable(record.time));
            const QDateTime time = toDateTime(record.time);
            QVERIFY(time.isValid());
            QVERIFY(time >= before.addMSecs(-1) && time <= after.addMSecs(1));
        }
    }

    void longLinesAreSplitAtCharacterBoundaries()
    {
        LoggerProcess *process = start();
        QVERIFY(process);
        const QByteArray ascii(40000, 'x');
        // 2-byte characters, 16 KiB apart: the cut must not fall inside one.
        const QByteArray accents = QString(QChar(0xe9)).repeated(9000).toUtf8() + 'a';
        QVERIFY(writeAll(process->stdoutWrite.get(), ascii + '\n' + 'a' + accents + '\n'));
        QCOMPARE(finish(*process), 0);

        const auto records = parse(readLog(logFile(), 0, -1).value());
        QVERIFY(records);
        const QStringList lines = linesOf(*records);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[0].size(), 16384);
        QCOMPARE(lines[1].size(), 16384);
        QCOMPARE(lines[2].size(), 40000 - 2 * 16384);
        QCOMPARE(lines[0] + lines[1] + lines[2], QString::fromLatin1(ascii));
        // 'a' then 8191 two-byte characters fill 16383 bytes; the next does not fit.
        QCOMPARE(lines[3].toUtf8().size(), 16383);
        QCOMPARE(lines[3] + lines[4], QString::fromUtf8('a' + accents));
        QVERIFY(!lines[3].contains(QChar::ReplacementCharacter));
        QVERIFY(!lines[4].contains(QChar::ReplacementCharacter));
    }

    void invalidUtf8BecomesReplacementCharacters()
    {
        LoggerProcess *process = start();
        QVERIFY(process);
        // A stray continuation byte, an overlong '/', a surrogate, a truncated 3-byte sequence
        // before an ASCII byte, and control characters; then valid text of 2, 3 and 4 bytes.
        QVERIFY(writeAll(process->stderrWrite.get(), "a\x80"
                                                     "b\xc0\xaf"
                                                     "c\xed\xa0\x80"
                                                     "d\xe2\x82"
                                                     "e\x01\x7f\r\n"
                                                     "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n"
                                                     "\xff"));
        QCOMPARE(finish(*process), 0);

        const auto records = parse(readLog(logFile(), 0, -1).value());
        QVERIFY(records);
        const QString fffd(QChar::ReplacementCharacter);
        QCOMPARE(linesOf(*records, "stderr"),
                 QStringList({"a" + fffd + "b" + fffd + fffd + "c" + fffd + fffd + fffd + "d" +
                                  fffd + "e\x01\x7f\r",
                              QString::fromUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), fffd}));
    }

    void rotationKeepsMaxFiles()
    {
        const QStringList lines = numbered("line", 1, 60);
        LogLimits limits;
        limits.maxSize = 5 * recordSize(8); // five records per file
        limits.maxFiles = 3;
        LoggerProcess *process = start(limits);
        QVERIFY(process);
        QVERIFY(writeAll(process->stdoutWrite.get(), asInput(lines)));
        QCOMPARE(finish(*process), 0);

        for (const char *suffix : {"", ".1", ".2"}) {
            const QFileInfo file(logFile() + suffix);
            QVERIFY2(file.exists(), qPrintable(file.filePath()));
            QCOMPARE(file.size(), limits.maxSize);
        }
        QVERIFY(!QFileInfo::exists(logFile() + ".3"));
        // 60 lines, 5 per file, 3 files: the last 15 remain, oldest first.
        auto all = parse(readLog(logFile(), 0, -1).value());
        QVERIFY(all);
        QCOMPARE(linesOf(*all), lines.mid(45));
        auto tail = parse(readLog(logFile(), 0, 7).value());
        QVERIFY(tail);
        QCOMPARE(linesOf(*tail), lines.mid(53));
        QCOMPARE(readLog(logFile(), 0, 0).value(), QByteArray());
        QCOMPARE(linesOf(*parse(readLog(logFile(), 0, 100).value())), lines.mid(45));
    }

    void sinceAndTailAcrossRotatedFiles()
    {
        LogLimits limits;
        limits.maxSize = 4 * recordSize(8);
        limits.maxFiles = 10;
        LoggerProcess *process = start(limits);
        QVERIFY(process);
        const QStringList early = numbered("earl", 1, 6);
        QVERIFY(writeAll(process->stdoutWrite.get(), asInput(early)));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(logFile()), 6, 30000);
        // Past the last early record's millisecond, so that since splits the two batches.
        const auto lastEarly = parse(readLog(logFile(), 0, 1).value());
        QVERIFY(lastEarly && lastEarly->size() == 1);
        const qint64 sinceMs = toDateTime(lastEarly->first().time).toMSecsSinceEpoch() + 1;
        while (QDateTime::currentMSecsSinceEpoch() <= sinceMs)
            QThread::msleep(1);
        const QStringList late = numbered("late", 1, 9);
        QVERIFY(writeAll(process->stderrWrite.get(), asInput(late)));
        QCOMPARE(finish(*process), 0);
        QVERIFY(QFileInfo::exists(logFile() + ".3")); // 15 records, 4 per file

        auto since = parse(readLog(logFile(), sinceMs, -1).value());
        QVERIFY(since);
        QCOMPARE(linesOf(*since), late);
        auto sinceTail = parse(readLog(logFile(), sinceMs, 5).value());
        QVERIFY(sinceTail);
        QCOMPARE(linesOf(*sinceTail), late.mid(4));
        auto all = parse(readLog(logFile(), 0, -1).value());
        QVERIFY(all);
        QCOMPARE(linesOf(*all), early + late);
        QCOMPARE(linesOf(*all, "stdout"), early);
        QCOMPARE(readLog(logFile(), QDateTime::currentMSecsSinceEpoch() + 60000, -1).value(),
                 QByteArray());
    }

    void followerFinishesTheOldFileAfterARotation()
    {
        LogLimits limits;
        limits.maxSize = 5 * recordSize(8);
        limits.maxFiles = 2;
        LoggerProcess *process = start(limits);
        QVERIFY(process);
        const QStringList lines = numbered("line", 1, 8);
        QVERIFY(writeAll(process->stdoutWrite.get(), asInput(lines.mid(0, 1))));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(logFile()), 1, 30000);

        LogFollower follower(logFile()); // from here on
        QCOMPARE(follower.readNew(), QByteArray());
        QVERIFY(writeAll(process->stdoutWrite.get(), asInput(lines.mid(1, 3))));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(logFile()), 4, 30000);
        auto first = parse(follower.readNew());
        QVERIFY(first);
        QCOMPARE(linesOf(*first), lines.mid(1, 3));

        // line0005 fills the file; line0006 starts LOGFILE anew after LOGFILE -> LOGFILE.1.
        QVERIFY(writeAll(process->stdoutWrite.get(), asInput(lines.mid(4))));
        QCOMPARE(finish(*process), 0);
        QCOMPARE(linesOf(*parse(readLog(logFile() + ".1", 0, -1).value())), lines.mid(0, 5));
        auto second = parse(follower.readNew());
        QVERIFY(second);
        QCOMPARE(linesOf(*second), lines.mid(4));
        QCOMPARE(follower.readNew(), QByteArray());
    }

    void followerReturnsOnlyCompleteRecords()
    {
        // A record cut in two, as a reader may find a file while it is written.
        QFile file(logFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray record = R"({"time":"2026-11-29T17:00:00.000000000Z","stream":"stdout",)"
                                  R"("line":"x"})"
                                  "\n";
        file.write(record + record.left(20));
        file.flush();
        LogFollower follower(logFile());
        file.write(record.mid(20) + record.left(30));
        file.flush();
        // The rest of the record it started inside is not a line; the next one is not whole.
        QCOMPARE(follower.readNew(), QByteArray());
        file.write(record.mid(30));
        file.flush();
        QCOMPARE(follower.readNew(), record);
        QCOMPARE(readLog(logFile(), 0, -1).value(), record.repeated(3));
    }

    void loggerOutlivesItsKilledParent()
    {
        int report[2];
        QCOMPARE(::pipe2(report, O_CLOEXEC), 0);
        const UniqueFd reportRead(report[0]);
        UniqueFd reportWrite(report[1]);
        const QString file = logFile();
        const QString program = logger;
        const pid_t parent = ::fork();
        QVERIFY(parent >= 0);
        if (parent == 0) {
            // The helper's stand-in: starts the logger, logs a line, reports, waits to die.
            auto started = startLogger(program, file, LogLimits{});
            int fds[2] = {-1, -1}; // the logger's pid, the stdout write end
            if (started && writeAll(started->stdoutWrite.get(), "before\n")) {
                fds[0] = int(started->pid);
                fds[1] = started->stdoutWrite.get();
            }
            if (::write(reportWrite.get(), fds, sizeof fds) != sizeof fds)
                ::_exit(1);
            for (;;)
                ::pause();
        }
        reportWrite.reset();
        int fds[2] = {};
        QCOMPARE(::read(reportRead.get(), fds, sizeof fds), ssize_t(sizeof fds));
        if (fds[0] <= 0) {
            ::kill(parent, SIGKILL);
            ::waitpid(parent, nullptr, 0);
            QFAIL("the parent could not start the logger");
        }
        // The container's end of the pipe, taken over before its holder dies.
        UniqueFd containerOut(::open(
            QByteArray("/proc/" + QByteArray::number(parent) + "/fd/" + QByteArray::number(fds[1]))
                .constData(),
            O_WRONLY | O_CLOEXEC));
        LoggerProcess orphan;
        orphan.pid = pid_t(fds[0]);
        orphan.pidfd.reset(::pidfd_open(orphan.pid, 0)); // pinned while its parent lives
        const bool pinned = orphan.pidfd.valid();
        ::kill(parent, SIGKILL);
        QCOMPARE(::waitpid(parent, nullptr, 0), parent);
        QVERIFY(pinned);
        QVERIFY(containerOut.valid());
        loggers.push_back(std::move(orphan));
        LoggerProcess &process = loggers.back();

        // What a dying helper's session and terminal would send.
        for (const int signal : {SIGHUP, SIGINT, SIGTERM, SIGPIPE})
            QCOMPARE(::pidfd_send_signal(process.pidfd.get(), signal, nullptr, 0), 0);
        QVERIFY(writeAll(containerOut.get(), "after\n"));
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(file), 2, 30000);
        pollfd alive{process.pidfd.get(), POLLIN, 0};
        QCOMPARE(::poll(&alive, 1, 0), 0); // still running: a writer remains
        QCOMPARE(::getsid(process.pid), process.pid);
        containerOut.reset();
        QCOMPARE(waitForLogger(process), 0); // ours now, as the subreaper
        QCOMPARE(linesOf(*parse(readLog(file, 0, -1).value())), QStringList({"before", "after"}));
    }

    void loggerHoldsOnlyItsFiveDescriptors()
    {
        // Left open without O_CLOEXEC, as a careless caller might: it must not reach the logger.
        const UniqueFd stray(::open("/dev/null", O_RDONLY));
        QVERIFY(stray.valid());
        LoggerProcess *process = start();
        QVERIFY(process);
        // startLogger returns after exec: the descriptors are the final ones. The logger opens
        // its log file after start-up; wait until it has.
        const QString fdDir = QStringLiteral("/proc/%1/fd").arg(process->pid);
        QTRY_COMPARE_WITH_TIMEOUT(QDir(fdDir).entryList(QDir::Files | QDir::System).size(), 6,
                                  30000);
        QStringList fds = QDir(fdDir).entryList(QDir::Files | QDir::System);
        std::sort(fds.begin(), fds.end(),
                  [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
        QCOMPARE(fds.mid(0, 5), QStringList({"0", "1", "2", "3", "4"}));
        for (const char *fd : {"0", "1", "2"})
            QCOMPARE(QFile::symLinkTarget(fdDir + QLatin1Char('/') + QLatin1String(fd)),
                     QStringLiteral("/dev/null"));
        char target[64] = {};
        for (const char *fd : {"3", "4"}) {
            const QByteArray path = QFile::encodeName(fdDir) + '/' + fd;
            const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
            QVERIFY(n > 0);
            target[n] = 0;
            QVERIFY2(QByteArray(target).startsWith("pipe:["), target);
        }
        QCOMPARE(QFile::symLinkTarget(fdDir + '/' + fds[5]), logFile());
        QVERIFY(::fcntl(process->stdoutWrite.get(), F_GETFD) & FD_CLOEXEC);
        QVERIFY(::fcntl(process->stderrWrite.get(), F_GETFD) & FD_CLOEXEC);
        QCOMPARE(finish(*process), 0);
    }

    void badArgumentsNameTheField()
    {
        LogLimits limits;
        limits.maxFiles = 0;
        auto refused = startLogger(logger, logFile(), limits);
        QVERIFY(!refused);
        QCOMPARE(refused.error().field, QStringLiteral("maxFiles"));
        limits = LogLimits{};
        limits.maxSize = 0;
        QCOMPARE(startLogger(logger, logFile(), limits).error().field, QStringLiteral("maxSize"));
        QCOMPARE(readLog(logFile(), 0, -1).error().field, QStringLiteral("logFile"));
        QCOMPARE(readLog(logFile(), 0, -2).error().field, QStringLiteral("tail"));
        // Refused before any process starts: no logger that would exit at once.
        auto unwritable = startLogger(logger, dir->filePath("no-such-dir/log.json"), LogLimits{});
        QVERIFY(!unwritable);
        QCOMPARE(unwritable.error().field, QStringLiteral("logFile"));
        auto missing = startLogger(dir->filePath("no-such-logger"), logFile(), LogLimits{});
        QVERIFY(!missing);
        QCOMPARE(missing.error().field, QStringLiteral("loggerProgram"));
        QVERIFY2(missing.error().reason.contains("No such file"),
                 qPrintable(missing.error().reason));
        QCOMPARE(readLog(logFile(), -1, -1).error().field, QStringLiteral("since"));
    }
};

QTEST_GUILESS_MAIN(tst_ContainerLog)
#include "tst_containerlog.moc"
