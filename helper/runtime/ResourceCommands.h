// isolde-runtime's resource verbs: update, pause, resume, events and gc (runc's flags where
// runc has the verb). Kept apart from Commands.cpp, which dispatches here.
#pragma once

#include "StateStore.h"
#include "util/Expected.h"

#include <QStringList>
#include <optional>

namespace isolde::runtime {

inline constexpr auto ResourceUsage =
    "  update [--cpu-quota N] [--cpu-period N] [--cpu-shares N] [--cpuset-cpus LIST]\n"
    "         [--cpuset-mems LIST] [--memory BYTES] [--memory-swap BYTES]\n"
    "         [--memory-reservation BYTES] [--pids-limit N] [--blkio-weight N]\n"
    "         [-r FILE|-] ID    (BYTES as docker: 512m, 1g; -1 unlimited)\n"
    "  pause ID\n"
    "  resume ID\n"
    "  events [--stats] [--interval 1s] ID\n"
    "  gc [--cgroup-parent /isolde]\n";

// Runs `command` when it is one of the verbs above; nullopt for any other command.
std::optional<Expected<int>> runResourceCommand(const engine::StateStore &store,
                                                const QString &command, const QStringList &args);

// Go-style durations as runc's --interval takes them: "1s", "500ms", "1.5s", "2m"; in ms.
Expected<int> parseInterval(const QString &text);

} // namespace isolde::runtime
