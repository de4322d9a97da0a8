import QtQuick
import QtQuick.Controls
import QtTest
import Isolde
import Isolde.Models

Item {
    id: window

    width: 800
    height: 600

    readonly property real mib: 1024 * 1024

    SpecEditor {
        id: editor
    }

    // Wired to the editor as the Resources section wires it.
    LimitSlider {
        id: memory

        width: 600
        label: "Memory"
        unit: "bytes"
        logarithmic: true
        from: 6 * window.mib
        to: 64 * 1024 * window.mib
        stepSize: window.mib
        enabledValue: 512 * window.mib
        value: editor.memoryLimit
        message: editor.errors.length > 0 ? editor.errorFor("linux.resources.memory.limit") : ""
        onEdited: value => editor.memoryLimit = value
    }

    LimitSlider {
        id: pids

        y: 200
        width: 600
        label: "Processes"
        from: 1
        to: 1000
        value: editor.pidsLimit
        message: editor.errors.length > 0 ? editor.errorFor("linux.resources.pids.limit") : ""
        onEdited: value => editor.pidsLimit = value
    }

    TestCase {
        name: "LimitSlider"
        when: windowShown

        function typeText(text) {
            for (const c of text)
                keyClick(c)
        }

        function messageOf(slider) {
            return findChild(slider, "message")
        }

        function init() {
            editor.reset()
        }

        function test_showsTheFieldsMessage() {
            const label = messageOf(memory)
            verify(label)
            verify(!label.visible)
            editor.memoryLimit = 4096
            verify(label.visible)
            verify(label.text.indexOf("6 MiB") >= 0, label.text)
            // Only at its own field: the pids slider shows nothing.
            verify(!messageOf(pids).visible)
            editor.memoryLimit = 8 * window.mib
            verify(!label.visible)
        }

        function test_typedValue() {
            const field = findChild(memory, "field")
            verify(field)
            editor.memoryLimit = 64 * window.mib
            compare(field.text, "64 MiB")
            field.forceActiveFocus()
            field.selectAll()
            keyClick(Qt.Key_Delete)
            typeText("256m")
            keyClick(Qt.Key_Return)
            compare(editor.memoryLimit, 256 * window.mib)
            // Text that is no size: Docker's reason under the field, the limit unchanged.
            field.selectAll()
            keyClick(Qt.Key_Delete)
            typeText("lots")
            keyClick(Qt.Key_Return)
            compare(editor.memoryLimit, 256 * window.mib)
            verify(messageOf(memory).text.indexOf("invalid size") >= 0, messageOf(memory).text)
        }

        function test_limitCheckBox() {
            const box = findChild(memory, "limitBox")
            verify(box)
            compare(box.checked, false)
            mouseClick(box)
            compare(editor.memoryLimit, 512 * window.mib)
            mouseClick(box)
            compare(editor.memoryLimit, 0)
        }

        function test_sliderEndsAreTheRangeEnds() {
            const slider = findChild(memory, "slider")
            editor.memoryLimit = 512 * window.mib
            compare(memory.valueAt(0), 6 * window.mib)
            compare(memory.valueAt(1), 64 * 1024 * window.mib)
            // A position maps to whole MiB.
            compare(memory.valueAt(0.5) % window.mib, 0)
            // Dragging to the left end gives the minimum.
            mousePress(slider, 1, slider.height / 2)
            mouseMove(slider, -50, slider.height / 2)
            mouseRelease(slider, -50, slider.height / 2)
            compare(editor.memoryLimit, 6 * window.mib)
            compare(slider.value, 0)
        }
    }
}
