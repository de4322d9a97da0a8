import QtQuick
import QtTest
import Isolde
import Isolde.Models

TestCase {
    name: "Units"

    function test_usage() {
        compare(Units.formatUsage(1048576, 268435456),
                ByteSize.human(1048576) + " of " + ByteSize.human(268435456))
        // No limit: 0 or -1 from the models, 2^63 - 1 rounded to a page from cgroup v1.
        compare(Units.formatUsage(1048576, 0), ByteSize.human(1048576))
        compare(Units.formatUsage(1048576, -1), ByteSize.human(1048576))
        compare(Units.formatUsage(1048576, 9223372036854771712), ByteSize.human(1048576))
        compare(Units.formatUsage(undefined, 0), "–")
    }

    function test_rate() {
        compare(Units.formatRate(2048), ByteSize.human(2048) + "/s")
        compare(Units.formatRate(-1), "–")
    }

    function test_percent_data() {
        return [
            {tag: "one decimal below ten", percent: 3.14159, text: "3.1 %"},
            {tag: "none above ten", percent: 250.4, text: "250 %"},
            {tag: "zero", percent: 0, text: "0.0 %"},
            {tag: "unknown", percent: -1, text: "–"},
            {tag: "undefined", percent: undefined, text: "–"}
        ]
    }

    function test_percent(data) {
        compare(Units.formatPercent(data.percent), data.text)
    }

    function test_duration_data() {
        return [
            {tag: "seconds", seconds: 42, text: "42 s"},
            {tag: "minutes", seconds: 185, text: "3 min 5 s"},
            {tag: "hours", seconds: 2 * 3600 + 10 * 60 + 7, text: "2 h 10 min"},
            {tag: "days", seconds: 3 * 86400 + 4 * 3600 + 59, text: "3 d 4 h"},
            {tag: "unknown", seconds: NaN, text: "–"}
        ]
    }

    function test_duration(data) {
        compare(Units.formatDuration(data.seconds), data.text)
    }
}
