// What the helper knows of one of its containers beyond the engine's state: who owns it, its
// name and image, and how it ended. Lives on the main thread only.
#pragma once

#include "ContainerProcess.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSocketNotifier>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <sys/types.h>

namespace isolde::service {

// Annotations in config.json (and so in the engine's state) that the helper reads back after a
// restart.
inline constexpr auto AnnotationAutoRemove = "org.isolde.autoremove";
inline constexpr auto AnnotationStopSignal = "org.opencontainers.image.stopSignal";

struct ContainerRecord
{
    QString id;
    QString name;
    QString image;
    uid_t owner = 0;
    QDateTime created;
    QString command; // process.args, joined by spaces
    QString status;  // created | running | paused | stopped
    pid_t pid = 0;
    std::optional<int> exitCode; // unknown for a container adopted after a helper restart
    QDateTime started;
    QDateTime finished;
    bool autoRemove = false;
    QString stopSignal;
    bool removing = false; // Remove is under way: no other act may start

    // The container process while it runs: `ownChild` when this helper launched it (then it
    // is reaped here and its exit code is known), else it was adopted after a restart.
    engine::UniqueFd pidfd;
    bool ownChild = false;
    std::unique_ptr<QSocketNotifier> exitNotifier;
    // Replies of Stop calls waiting for the exit.
    QList<std::function<void()>> onExit;

    bool isRunning() const
    {
        return status == QLatin1String("running") || status == QLatin1String("paused");
    }
    QJsonObject summary() const;
};

} // namespace isolde::service
