// The engine's stdio for containers and exec'd processes, in-process as the D-Bus helper uses
// it: CreateRequest/ExecRequest::stdio through real pipes (sources that are themselves 0..2,
// one pipe for two streams), spawnExec returning while its process still runs, and a
// container's and an exec's output through isolde-logger. Root and the real kernel.

#include "Container.h"
#include "ContainerLog.h"
#include "RuntimeTestSupport.h"

#include <QCoreApplication>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
extern "C" {
#include <sys/pidfd.h>
}

using isolde::engine::Container;
using isolde::engine::CreateRequest;
using isolde::engine::ExecRequest;
using isolde::engine::LaunchedProcess;
using isolde::engine::LoggerProcess;
using isolde::engine::StateStore;
using isolde::engine::UniqueFd;
using runtimetest::Runtime;

namespace {

struct Pipe
{
    UniqueFd read;
    UniqueFd write;
};

Pipe makePipe()
{
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0)
        qFatal("pipe2: %s", strerror(errno));
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

QByteArray readToEnd(int fd)
{
    QByteArray data;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return data;
        data.append(buffer, n);
    }
}

bool hasExited(const LaunchedProcess &process)
{
    pollfd pfd{process.pidfd.get(), POLLIN, 0};
    return ::poll(&pfd, 1, 0) == 1;
}

// The stream and line of each record of a container log.
QStringList records(const QByteArray &log)
{
    QStringList result;
    for (const QByteArray &line : log.split('\n')) {
        if (!line.isEmpty())
            result << QJsonDocument::fromJson(line)["stream"].toString() + ':' +
                          QJsonDocument::fromJson(line)["line"].toString();
    }
    return result;
}

} // namespace

class tst_ContainerIo : public QObject
{
    Q_OBJECT

private:
    Runtime *rt = nullptr;
    std::optional<StateStore> store;
    QStringList ids;                       // removed at cleanup
    std::vector<LaunchedProcess> children; // reaped at cleanup
    std::vector<LoggerProcess> loggers;    // killed and reaped at cleanup

    QString uniqueId(const QString &name) const
    {
        return QStringLiteral("io-%1-%2").arg(::getpid()).arg(name);
    }

    // A container of the busybox image running `args`, started at once (waitForStart off)
    // unless `waitForStart`; its pid, 0 on failure.
    pid_t create(const QString &id, const QStringList &args, const isolde::engine::StdioFds &stdio,
                 bool waitForStart = false)
    {
        CreateRequest request;
        request.id = id;
        request.bundle = rt->makeBundle(id, args);
        request.waitForStart = waitForStart;
        request.stdio = stdio;
        ids << id;
        auto created = Container::create(*store, request);
        if (!created) {
            qWarning() << "create failed:" << created.error().toString();
            return 0;
        }
        children.push_back(std::move(created->process));
        return children.back().pid;
    }

    // Waits for the container process made by create().
    int waitForContainer(pid_t pid)
    {
        for (const LaunchedProcess &child : children) {
            if (child.pid == pid)
                return isolde::engine::waitForExit(child);
        }
        return -1;
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root and the real kernel: namespaces, mounts, cgroups");
        rt = new Runtime;
        QVERIFY(rt->tmp.isValid());
        store.emplace(rt->root);
        QVERIFY(QDir().mkpath(rt->root));
    }

    void cleanup()
    {
        for (const QString &id : std::as_const(ids))
            Container::remove(*store, id, true);
        ids.clear();
        // remove() killed them; reap what the test has not (ECHILD for the others).
        for (const LaunchedProcess &child : children) {
            siginfo_t info{};
            ::waitid(P_PIDFD, static_cast<id_t>(child.pidfd.get()), &info, WEXITED);
        }
        children.clear();
        for (const LoggerProcess &logger : loggers) {
            ::pidfd_send_signal(logger.pidfd.get(), SIGKILL, nullptr, 0);
            siginfo_t info{};
            ::waitid(P_PIDFD, static_cast<id_t>(logger.pidfd.get()), &info, WEXITED);
        }
        loggers.clear();
    }

    void cleanupTestCase()
    {
        if (!rt)
            return;
        QCOMPARE(QDir(rt->root).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
        for (const QString &id :
             {uniqueId("created"), uniqueId("swapped"), uniqueId("target"), uniqueId("logged")})
            QCOMPARE(rt->leftovers(id), QStringList());
        delete rt;
    }

    void createdContainerUsesTheGivenStdio()
    {
        Pipe in = makePipe();
        Pipe out = makePipe();
        Pipe err = makePipe();
        const QString id = uniqueId("created");
        // Through the exec fifo: the descriptors are in place while it waits for start.
        const pid_t pid = create(id, {"sh", "-c", "read line; echo out:$line; echo err:$line >&2"},
                                 {in.read.get(), out.write.get(), err.write.get()}, true);
        QVERIFY(pid > 0);
        in.read.reset();
        out.write.reset();
        err.write.reset();
        QVERIFY(::write(in.write.get(), "hello\n", 6) == 6);
        in.write.reset();
        auto started = Container::start(*store, id);
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
        QCOMPARE(readToEnd(out.read.get()), QByteArray("out:hello\n"));
        QCOMPARE(readToEnd(err.read.get()), QByteArray("err:hello\n"));
        QCOMPARE(waitForContainer(pid), 0);
    }

    void stdioSourcesMayBeZeroToTwoOrShared()
    {
        // This process's 1 and 2 become two pipes, and the container gets them swapped: a
        // naive dup2(2, 1), dup2(1, 2) would send both streams to the same place.
        Pipe toOne = makePipe();
        Pipe toTwo = makePipe();
        const UniqueFd savedOut(::fcntl(1, F_DUPFD_CLOEXEC, 3));
        const UniqueFd savedErr(::fcntl(2, F_DUPFD_CLOEXEC, 3));
        ::dup2(toOne.write.get(), 1);
        ::dup2(toTwo.write.get(), 2);
        const pid_t pid =
            create(uniqueId("swapped"), {"sh", "-c", "echo to-out; echo to-err >&2"}, {-1, 2, 1});
        ::dup2(savedOut.get(), 1);
        ::dup2(savedErr.get(), 2);
        toOne.write.reset();
        toTwo.write.reset();
        QVERIFY(pid > 0);
        QCOMPARE(waitForContainer(pid), 0);
        QCOMPARE(readToEnd(toTwo.read.get()), QByteArray("to-out\n"));
        QCOMPARE(readToEnd(toOne.read.get()), QByteArray("to-err\n"));
        QVERIFY(Container::remove(*store, uniqueId("swapped"), false));

        // One pipe for both streams.
        Pipe both = makePipe();
        const pid_t shared = create(uniqueId("swapped"), {"sh", "-c", "echo 1; echo 2 >&2"},
                                    {-1, both.write.get(), both.write.get()});
        both.write.reset();
        QVERIFY(shared > 0);
        QCOMPARE(readToEnd(both.read.get()), QByteArray("1\n2\n"));
        QCOMPARE(waitForContainer(shared), 0);
    }

    void spawnExecReturnsWhileTheProcessRuns()
    {
        const QString id = uniqueId("target");
        QVERIFY(create(id, {"sleep", "60"}, {}) > 0);
        Pipe in = makePipe();
        Pipe out = makePipe();
        ExecRequest request;
        request.args = QStringList{"sh", "-c", "read x; echo exec:$x; exit 3"};
        request.stdio = {in.read.get(), out.write.get(), -1};
        auto launched = Container::spawnExec(*store, id, request);
        QVERIFY2(launched, launched ? "" : qPrintable(launched.error().toString()));
        in.read.reset();
        out.write.reset();
        // It blocks reading a pipe only we can write to: it cannot have exited.
        QVERIFY(!hasExited(launched.value()));
        QVERIFY(::write(in.write.get(), "hi\n", 3) == 3);
        in.write.reset();
        QCOMPARE(readToEnd(out.read.get()), QByteArray("exec:hi\n"));
        pollfd pfd{launched->pidfd.get(), POLLIN, 0};
        QCOMPARE(::poll(&pfd, 1, -1), 1);
        QCOMPARE(isolde::engine::waitForExit(launched.value()), 3);

        // exec: the same path, waited for.
        ExecRequest exit7;
        exit7.args = QStringList{"sh", "-c", "exit 7"};
        auto status = Container::exec(*store, id, exit7);
        QVERIFY(status);
        QCOMPARE(status.value(), 7);
        ExecRequest missing;
        missing.args = QStringList{"no-such-program"};
        auto refused = Container::spawnExec(*store, id, missing);
        QVERIFY(!refused);
        QCOMPARE(refused.error().field, QStringLiteral("process.args[0]"));
    }

    void stdioOpenTheWrongWayIsRefused()
    {
        const QString id = uniqueId("target");
        QVERIFY(create(id, {"sleep", "60"}, {}) > 0);
        Pipe pipe = makePipe();
        ExecRequest request;
        request.args = QStringList{"true"};
        request.stdio = {-1, pipe.read.get(), -1}; // the read end as stdout
        auto refused = Container::spawnExec(*store, id, request);
        QVERIFY(!refused);
        QCOMPARE(refused.error().field, QStringLiteral("stdio.out"));
        request.stdio = {pipe.write.get(), -1, -1};
        QCOMPARE(Container::spawnExec(*store, id, request).error().field,
                 QStringLiteral("stdio.in"));
        const int closed = pipe.write.get();
        pipe.write.reset();
        request.stdio = {-1, -1, closed};
        QCOMPARE(Container::spawnExec(*store, id, request).error().field,
                 QStringLiteral("stdio.err"));

        CreateRequest create;
        create.id = uniqueId("refused");
        create.bundle = rt->makeBundle(create.id, {"true"});
        create.stdio = {-1, pipe.read.get(), -1};
        auto notCreated = Container::create(*store, create);
        QVERIFY(!notCreated);
        QCOMPARE(notCreated.error().field, QStringLiteral("stdio.out"));
        QVERIFY(!QFileInfo::exists(store->containerDir(create.id)));
    }

    void removedContainerLeavesABundleThatCanBeDeleted()
    {
        // As the helper does: remove a created, never started container (its process waits on
        // the exec fifo with the overlay attached in its mount namespace), then its bundle
        // with the overlay's upper and work dirs.
        const QString id = uniqueId("unstarted");
        QVERIFY(create(id, {"sleep", "60"}, {}, true) > 0);
        const QString bundle = rt->tmp.filePath("bundles/" + id);
        QVERIFY(QFileInfo::exists(bundle + "/upper"));
        QVERIFY(Container::remove(*store, id, true));
        QVERIFY(QDir(bundle).removeRecursively());
    }

    void containerAndExecOutputReachTheLog()
    {
        const QString logFile = rt->tmp.filePath("logged.json");
        auto started =
            isolde::engine::startLogger(QCoreApplication::applicationDirPath() + "/isolde-logger",
                                        logFile, isolde::engine::LogLimits{});
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
        loggers.push_back(std::move(started.value()));
        LoggerProcess *logger = &loggers.back();
        const UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        const QString id = uniqueId("logged");
        QVERIFY(create(id, {"sh", "-c", "echo started; exec sleep 60"},
                       {devNull.get(), logger->stdoutWrite.get(), logger->stderrWrite.get()}) > 0);
        ExecRequest request;
        request.args = QStringList{"sh", "-c", "echo from-exec >&2"};
        request.stdio = {devNull.get(), logger->stdoutWrite.get(), logger->stderrWrite.get()};
        auto status = Container::exec(*store, id, request);
        QVERIFY(status && status.value() == 0);
        logger->stdoutWrite.reset();
        logger->stderrWrite.reset();
        auto lines = [&] {
            auto log = isolde::engine::readLog(logFile, 0, -1);
            return log ? records(log.value()) : QStringList();
        };
        QTRY_COMPARE_WITH_TIMEOUT(lines().size(), 2, 30000);
        QVERIFY(lines().contains("stdout:started"));
        QVERIFY(lines().contains("stderr:from-exec"));
        // The container holds the last write ends: the logger ends with it.
        pollfd alive{logger->pidfd.get(), POLLIN, 0};
        QCOMPARE(::poll(&alive, 1, 0), 0);
        QVERIFY(Container::remove(*store, id, true));
        siginfo_t info{};
        QCOMPARE(::waitid(P_PIDFD, static_cast<id_t>(logger->pidfd.get()), &info, WEXITED), 0);
        QCOMPARE(info.si_code, CLD_EXITED);
        QCOMPARE(info.si_status, 0);
    }
};

QTEST_GUILESS_MAIN(tst_ContainerIo)
#include "tst_container_io.moc"
