import QtQuick
import QtQuick.Controls
import QtTest
import Isolde

// The whole page at the size the README promises to be readable at.
Item {
    id: window

    width: 1280
    height: 800

    EditorPage {
        id: page

        anchors.fill: parent
    }

    TextField {
        id: sink

        y: 790
        width: 10
    }

    TestCase {
        name: "EditorPage"
        when: windowShown

        function findItem(item, predicate) {
            if (predicate(item))
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findItem(item.children[i], predicate)
                if (found)
                    return found
            }
            return null
        }

        function slider(label) {
            return findItem(page, item => item.label === label && item.edited !== undefined)
        }

        function init() {
            page.editor.reset()
        }

        // The lists' count (QML binds the empty-state text to it) follows edits of the spec.
        function test_listCountsFollowTheSpec() {
            const mounts = page.editor.mounts
            const io = page.editor.ioDevices
            compare(mounts.count, 0)
            compare(io.count, 0)
            compare(mounts.add("tmpfs", "", "/scratch", false), "")
            compare(mounts.count, 1)
            mounts.remove(0)
            compare(mounts.count, 0)
            // An IO limit needs a block device of this host.
            verify(io.blockDevices.length > 0, "this host has no block device")
            compare(io.add("readBps", io.blockDevices[0], "10m"), "")
            compare(io.count, 1)
            page.editor.reset()
            compare(io.count, 0)
        }

        function test_messageAtItsSlider() {
            const memory = slider("Memory")
            const pids = slider("Processes")
            verify(memory)
            verify(pids)
            compare(memory.message, "")
            page.editor.memoryLimit = 4096
            verify(memory.message.indexOf("6 MiB") >= 0, memory.message)
            compare(pids.message, "")
            page.editor.pidsLimit = -7
            verify(pids.message.length > 0)
            compare(findChild(memory, "message").text, memory.message)
        }

        function test_sliderWritesTheSpec() {
            const memory = slider("Memory")
            memory.edited(256 * 1024 * 1024)
            compare(page.editor.memoryLimit, 256 * 1024 * 1024)
            verify(page.editor.dockerRun.indexOf("--memory 256m") >= 0, page.editor.dockerRun)
        }

        function test_fieldMessageUnderTheCommand() {
            const message = findItem(page, item => item.field === "process.args")
            verify(message)
            compare(message.text, "")
            page.editor.command = "sh -c 'unclosed"
            verify(message.text.length > 0)
            page.editor.command = "sh"
            compare(message.text, "")
        }

        function test_copyButtonCopiesThePreview() {
            const copy = findChild(page, "copyButton")
            verify(copy)
            mouseClick(copy)
            sink.text = ""
            sink.forceActiveFocus()
            sink.paste()
            compare(sink.text, page.editor.dockerRun)
        }

        function test_createNeedsAValidSpec() {
            const create = findItem(page, item => item.text === "Create and start"
                                                  && item.clicked !== undefined)
            verify(create)
            verify(create.enabled)
            page.editor.memoryLimit = 4096
            verify(!create.enabled)
        }
    }
}
