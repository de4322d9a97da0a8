pragma Singleton

import QtQuick
import Isolde.Models

// Numbers as people read them, in the user's locale: the byte text itself is core's
// (ByteSize.human), what is added here is rates, usage of a limit, percentages and durations.
QtObject {
    function number(value, decimals) {
        return Number(value).toLocaleString(Qt.locale(), "f", decimals)
    }

    function known(value) {
        return value !== undefined && value !== null && !isNaN(value) && value >= 0
    }

    // cgroup v1 reports "no limit" as 2^63 - 1 rounded to a page; the models as -1 or 0.
    function isLimit(limit) {
        return known(limit) && limit > 0 && limit < 1e18
    }

    function formatBytes(bytes) {
        return known(bytes) ? ByteSize.human(bytes) : "–"
    }

    function formatRate(bytesPerSecond) {
        return known(bytesPerSecond) ? qsTr("%1/s").arg(ByteSize.human(bytesPerSecond)) : "–"
    }

    // "used of limit", or the usage alone when there is no limit.
    function formatUsage(used, limit) {
        if (!known(used))
            return "–"
        return isLimit(limit) ? qsTr("%1 of %2").arg(ByteSize.human(used)).arg(ByteSize.human(limit))
                              : ByteSize.human(used)
    }

    // One decimal below 10 %, none above: "3.1 %", "250 %".
    function formatPercent(percent) {
        return known(percent) ? qsTr("%1 %").arg(number(percent, percent < 10 ? 1 : 0)) : "–"
    }

    // Whole seconds as the two largest units: "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h".
    function formatDuration(seconds) {
        if (!known(seconds))
            return "–"
        const s = Math.floor(seconds)
        const days = Math.floor(s / 86400)
        const hours = Math.floor(s % 86400 / 3600)
        const minutes = Math.floor(s % 3600 / 60)
        if (days > 0)
            return qsTr("%1 d %2 h").arg(days).arg(hours)
        if (hours > 0)
            return qsTr("%1 h %2 min").arg(hours).arg(minutes)
        if (minutes > 0)
            return qsTr("%1 min %2 s").arg(minutes).arg(s % 60)
        return qsTr("%1 s").arg(s)
    }
}
