import QtQuick
import QtTest
import Isolde
import Isolde.Models

TestCase {
    id: testCase

    name: "LimitSlider"
    // TestCase is invisible by default; these tests need what is drawn and clicked.
    visible: true
    when: windowShown
    width: 600
    height: 300

    readonly property real mebibyte: 1048576

    LimitSlider {
        id: cpus

        width: 500
        label: "CPUs"
        from: 0.1
        to: 4
        stepSize: 0.01
        decimals: 2
        optional: false
        value: 1
    }

    LimitSlider {
        id: memory

        y: 100
        width: 500
        label: "Memory"
        from: 4 * testCase.mebibyte
        to: 4096 * testCase.mebibyte
        stepSize: testCase.mebibyte
        logarithmic: true
        unit: "bytes"
        value: 256 * testCase.mebibyte
        enabledValue: 512 * testCase.mebibyte
        // As a page binds it: the committed value becomes the value.
        onCommitted: v => memory.value = v
    }

    SignalSpy {
        id: committedSpy

        target: memory
        signalName: "committed"
    }

    SignalSpy {
        id: editedSpy

        target: memory
        signalName: "edited"
    }

    function init() {
        memory.value = 256 * mebibyte
        committedSpy.clear()
        editedSpy.clear()
    }

    function test_linearMapping() {
        compare(cpus.valueAt(0), 0.1)
        compare(cpus.valueAt(1), 4)
        fuzzyCompare(cpus.valueAt(0.5), 2.05, 0.006)
        fuzzyCompare(cpus.positionOf(2.05), 0.5, 1e-9)
        // Out of range values are held at the ends.
        compare(cpus.positionOf(100), 1)
        compare(cpus.positionOf(0), 0)
    }

    function test_logMapping() {
        compare(memory.valueAt(0), 4 * mebibyte)
        compare(memory.valueAt(1), 4096 * mebibyte)
        // Halfway on a log scale is the geometric mean: sqrt(4 MiB * 4 GiB) = 128 MiB.
        compare(memory.valueAt(0.5), 128 * mebibyte)
        fuzzyCompare(memory.positionOf(128 * mebibyte), 0.5, 1e-9)
        // Each tenth of the track multiplies the value by the same factor (2).
        compare(memory.valueAt(0.2) / memory.valueAt(0.1), 2)
    }

    function test_logMappingRoundTrips_data() {
        return [{tag: "4 MiB", v: 4}, {tag: "100 MiB", v: 100}, {tag: "1 GiB", v: 1024},
                {tag: "4095 MiB", v: 4095}]
    }

    function test_logMappingRoundTrips(data) {
        compare(memory.valueAt(memory.positionOf(data.v * mebibyte)), data.v * mebibyte)
    }

    function test_snapsToStep() {
        compare(memory.valueAt(0.3) % mebibyte, 0)
        compare(Math.round(cpus.valueAt(0.337) * 100) / 100, cpus.valueAt(0.337))
    }

    function test_showsBytesInTheField() {
        compare(findChild(memory, "field").text, ByteSize.human(256 * mebibyte))
        compare(findChild(cpus, "field").text, Number(1).toLocaleString(Qt.locale(), "f", 2))
    }

    function test_keyStepCommitsOnce() {
        const slider = findChild(memory, "slider")
        const before = slider.position
        slider.forceActiveFocus()
        keyClick(Qt.Key_Right)
        compare(committedSpy.count, 1)
        compare(committedSpy.signalArguments[0][0], memory.valueAt(before + 0.01))
    }

    function test_dragPreviewsAndCommitsOnRelease() {
        const slider = findChild(memory, "slider")
        const field = findChild(memory, "field")
        const y = slider.height / 2
        mousePress(slider, slider.leftPadding + 1, y)
        mouseMove(slider, slider.width * 0.75, y, -1, Qt.LeftButton)
        mouseMove(slider, slider.width * 0.8, y, -1, Qt.LeftButton)
        verify(editedSpy.count > 0)
        compare(committedSpy.count, 0)
        // The field follows the handle before anything is applied.
        verify(memory.previewValue !== memory.value)
        compare(field.text, ByteSize.human(memory.previewValue))
        mouseRelease(slider, slider.width * 0.8, y)
        compare(committedSpy.count, 1)
        verify(committedSpy.signalArguments[0][0] > 256 * mebibyte)
    }

    function test_typedValueCommits() {
        const field = findChild(memory, "field")
        field.forceActiveFocus()
        field.selectAll()
        keyClick(Qt.Key_Backspace)
        for (const c of "512m")
            keyClick(c)
        keyClick(Qt.Key_Return)
        compare(committedSpy.count, 1)
        compare(committedSpy.signalArguments[0][0], 512 * mebibyte)
        compare(memory.inputError, "")
    }

    function test_typedNonsenseIsAMessageNotAValue() {
        const field = findChild(memory, "field")
        field.forceActiveFocus()
        field.selectAll()
        keyClick(Qt.Key_Backspace)
        for (const c of "lots")
            keyClick(c)
        keyClick(Qt.Key_Return)
        compare(committedSpy.count, 0)
        compare(memory.inputError, ByteSize.parseError("lots"))
        verify(findChild(memory, "message").visible)
        compare(findChild(memory, "message").text, memory.inputError)
    }

    function test_checkBoxTurnsTheLimitOffAndOn() {
        const box = findChild(memory, "limitBox")
        verify(box.visible)
        mouseClick(box)
        compare(committedSpy.count, 1)
        compare(committedSpy.signalArguments[0][0], 0)
        verify(!memory.limited)
        compare(findChild(memory, "field").text, memory.noneText)
        mouseClick(box)
        compare(committedSpy.signalArguments[1][0], 512 * mebibyte)
        verify(!findChild(cpus, "limitBox").visible)
    }
}
