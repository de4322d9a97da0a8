import QtQuick
import QtTest
import Isolde.Models

TestCase {
    name: "LogScale"

    readonly property real mib: 1024 * 1024
    readonly property real gib: 1024 * mib

    function test_endpoints() {
        compare(LogScale.toSlider(6 * mib, 6 * mib, 64 * gib), 0)
        compare(LogScale.toSlider(64 * gib, 6 * mib, 64 * gib), 1)
        compare(LogScale.fromSlider(0, 6 * mib, 64 * gib), 6 * mib)
        compare(LogScale.fromSlider(1, 6 * mib, 64 * gib), 64 * gib)
    }

    function test_outsideTheRange() {
        compare(LogScale.toSlider(mib, 6 * mib, 64 * gib), 0)
        compare(LogScale.toSlider(0, 6 * mib, 64 * gib), 0)
        compare(LogScale.toSlider(128 * gib, 6 * mib, 64 * gib), 1)
        compare(LogScale.fromSlider(-0.5, 6 * mib, 64 * gib), 6 * mib)
        compare(LogScale.fromSlider(1.5, 6 * mib, 64 * gib), 64 * gib)
    }

    function test_equalStepsMultiply() {
        // From 1 to 10000, each quarter of the slider is a factor of 10.
        fuzzyCompare(LogScale.fromSlider(0.25, 1, 10000), 10, 1e-9)
        fuzzyCompare(LogScale.fromSlider(0.5, 1, 10000), 100, 1e-9)
        fuzzyCompare(LogScale.fromSlider(0.75, 1, 10000), 1000, 1e-9)
        fuzzyCompare(LogScale.toSlider(100, 1, 10000), 0.5, 1e-12)
    }

    function test_roundTrip_data() {
        return [
            { tag: "8 MiB", value: 8 * mib },
            { tag: "512 MiB", value: 512 * mib },
            { tag: "3 GiB", value: 3 * gib },
            { tag: "63 GiB", value: 63 * gib }
        ]
    }

    function test_roundTrip(data) {
        const position = LogScale.toSlider(data.value, 6 * mib, 64 * gib)
        verify(position > 0 && position < 1)
        fuzzyCompare(LogScale.fromSlider(position, 6 * mib, 64 * gib), data.value, 1e-3)
    }

    function test_monotonic() {
        let last = 0
        for (let i = 1; i <= 100; ++i) {
            const value = LogScale.fromSlider(i / 100, 6 * mib, 64 * gib)
            verify(value > last, "position " + i / 100)
            last = value
        }
    }

    function test_byteSize() {
        compare(ByteSize.human(512 * mib), "512 MiB")
        compare(ByteSize.parse("512m"), 512 * mib)
        compare(ByteSize.parse("1.5 GiB"), 1.5 * gib)
        compare(ByteSize.parse("abc"), -1)
        verify(ByteSize.parseError("abc").length > 0)
        compare(ByteSize.parseError("1g"), "")
    }
}
