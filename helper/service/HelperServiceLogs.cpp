// Logs, FollowLogs and UnfollowLogs: each container's captured output (container.log in its
// directory, written by isolde-logger), read back, and sent to followers as it grows.
#include "HelperService.h"
#include "client/HelperProtocol.h"

#include <QFileInfo>

namespace isolde::service {

namespace {

// How often a followed log is looked at: lines reach a follower within a quarter second.
constexpr int FollowPollMs = 250;

} // namespace

QString HelperService::logFile(const QString &id) const
{
    return containerDir(id) + QStringLiteral("/container.log");
}

QString HelperService::Logs(const QString &id, qlonglong since_ms, int tail)
{
    begin(actions::ContainerReadOwn, [this, id, since_ms, tail](const Call &call) {
        rememberReader(call);
        if (since_ms < 0)
            return fail(call, protocol::ErrorInvalidArgument,
                        QStringLiteral("since_ms: must be 0 or a Unix time in milliseconds"));
        if (tail < -1)
            return fail(call, protocol::ErrorInvalidArgument,
                        QStringLiteral("tail: must be -1 (all) or a number of lines"));
        withContainer(call, id, [this, call, since_ms, tail](ContainerRecord &record) {
            const QString file = logFile(record.id);
            // Up to a few rotated files of 10 MiB: read off the main thread.
            offThread<Expected<QByteArray>>(
                [file, since_ms, tail]() -> Expected<QByteArray> {
                    // No file: the container has written nothing yet.
                    if (!QFileInfo::exists(file))
                        return QByteArray();
                    return engine::readLog(file, since_ms, tail);
                },
                [this, call](Expected<QByteArray> &lines) {
                    if (!lines)
                        return failWith(call, lines.error(), protocol::ErrorFailed);
                    reply(call, {QString::fromUtf8(lines.value())});
                });
        });
    });
    return {};
}

void HelperService::FollowLogs(const QString &id)
{
    begin(actions::ContainerReadOwn, [this, id](const Call &call) {
        rememberReader(call);
        withContainer(call, id, [this, call](ContainerRecord &record) {
            Following &following = m_followers[record.id];
            following.busNames.insert(call.busName());
            if (!following.follower) {
                following.follower = std::make_shared<engine::LogFollower>(logFile(record.id));
                following.timer = std::make_shared<QTimer>();
                const QString containerId = record.id;
                connect(following.timer.get(), &QTimer::timeout, this,
                        [this, containerId] { publishLogLines(containerId); });
                following.timer->start(FollowPollMs);
            }
            reply(call);
        });
    });
}

void HelperService::UnfollowLogs(const QString &id)
{
    begin(actions::ContainerReadOwn, [this, id](const Call &call) {
        withContainer(call, id, [this, call](ContainerRecord &record) {
            const auto it = m_followers.find(record.id);
            if (it != m_followers.end()) {
                it->busNames.remove(call.busName());
                if (it->busNames.isEmpty())
                    m_followers.erase(it);
            }
            reply(call);
        });
    });
}

void HelperService::publishLogLines(const QString &id)
{
    const auto it = m_followers.constFind(id);
    if (it == m_followers.constEnd())
        return;
    const QByteArray lines = it->follower->readNew();
    if (lines.isEmpty())
        return;
    const QString text = QString::fromUtf8(lines);
    for (const QString &busName : it->busNames)
        sendTo(busName, QStringLiteral("LogLines"), {id, text});
}

void HelperService::forgetFollower(const QString &busName)
{
    for (auto it = m_followers.begin(); it != m_followers.end();) {
        it->busNames.remove(busName);
        it = it->busNames.isEmpty() ? m_followers.erase(it) : std::next(it);
    }
}

void HelperService::endFollowing(const QString &id)
{
    // The last lines the container wrote before it went reach its followers first.
    publishLogLines(id);
    m_followers.remove(id);
}

} // namespace isolde::service
