import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde
import Isolde.Models

// CPU, memory, process and IO limits (linux.resources), each a slider with a number beside it.
ColumnLayout {
    id: root

    required property SpecEditor editor
    readonly property real mebibyte: 1024 * 1024

    function errorAt(field) {
        return root.editor.errors.length > 0 ? root.editor.errorFor(field) : ""
    }

    spacing: 10

    LimitSlider {
        Layout.fillWidth: true
        label: qsTr("CPUs")
        unit: qsTr("CPUs")
        decimals: 2
        from: 0.1
        to: root.editor.hostCpuCount
        stepSize: 0.1
        enabledValue: 1
        value: root.editor.cpus
        message: root.errorAt("linux.resources.cpu.quota")
        onEdited: value => root.editor.cpus = value
    }

    LimitSlider {
        Layout.fillWidth: true
        label: qsTr("CPU weight (shares; 1024 is the default)")
        logarithmic: true
        from: 2
        to: 262144
        stepSize: 1
        enabledValue: 1024
        value: root.editor.cpuWeight
        message: root.errorAt("linux.resources.cpu.shares")
        onEdited: value => root.editor.cpuWeight = value
    }

    Label { text: qsTr("CPU cores (none picked: all)"); font.bold: true }
    Flow {
        Layout.fillWidth: true
        spacing: 4

        Repeater {
            model: root.editor.hostCpuCount

            CheckBox {
                required property int index

                text: index
                // The binding reads cpusetCpus so that it follows the list.
                checked: root.editor.cpusetCpus.length >= 0 && root.editor.isCpuInSet(index)
                Accessible.name: qsTr("CPU core %1").arg(index)
                onToggled: root.editor.setCpuInSet(index, checked)
            }
        }
    }
    TextField {
        Layout.preferredWidth: 200
        text: root.editor.cpusetCpus
        placeholderText: qsTr("e.g. 0-3,5")
        Accessible.name: qsTr("CPU cores list")
        onTextEdited: root.editor.cpusetCpus = text
    }
    FieldMessage { editor: root.editor; field: "linux.resources.cpu.cpus" }

    LimitSlider {
        Layout.fillWidth: true
        label: qsTr("Memory")
        unit: "bytes"
        logarithmic: true
        from: 6 * root.mebibyte
        to: Math.max(root.editor.hostMemory, 64 * root.mebibyte)
        stepSize: root.mebibyte
        enabledValue: 512 * root.mebibyte
        value: root.editor.memoryLimit
        message: root.errorAt("linux.resources.memory.limit")
        onEdited: value => root.editor.memoryLimit = value
    }

    LimitSlider {
        Layout.fillWidth: true
        label: qsTr("Memory plus swap")
        unit: "bytes"
        logarithmic: true
        from: 6 * root.mebibyte
        to: 2 * Math.max(root.editor.hostMemory, 64 * root.mebibyte)
        stepSize: root.mebibyte
        enabledValue: root.editor.memoryLimit > 0 ? 2 * root.editor.memoryLimit
                                                  : 1024 * root.mebibyte
        value: root.editor.memorySwap
        message: root.errorAt("linux.resources.memory.swap")
        onEdited: value => root.editor.memorySwap = value
    }

    LimitSlider {
        Layout.fillWidth: true
        label: qsTr("Processes")
        logarithmic: true
        from: 1
        to: 4194304
        stepSize: 1
        enabledValue: 100
        value: root.editor.pidsLimit
        message: root.errorAt("linux.resources.pids.limit")
        onEdited: value => root.editor.pidsLimit = value
    }

    LimitSlider {
        Layout.fillWidth: true
        label: qsTr("IO weight")
        from: 10
        to: 1000
        stepSize: 10
        enabledValue: 500
        value: root.editor.ioWeight
        message: root.errorAt("linux.resources.blockIO.weight")
        onEdited: value => root.editor.ioWeight = value
    }

    Label { text: qsTr("Per-device IO limits"); font.bold: true }
    Repeater {
        model: root.editor.ioDevices

        ColumnLayout {
            id: deviceRow

            required property int index
            required property string kind
            required property string device
            required property real rate
            required property string field

            Layout.fillWidth: true

            RowLayout {
                Label {
                    Layout.fillWidth: true
                    text: deviceRow.kind.endsWith("Bps")
                          ? qsTr("%1: %2 %3/s").arg(deviceRow.device)
                                .arg(deviceRow.kind === "readBps" ? qsTr("read") : qsTr("write"))
                                .arg(ByteSize.human(deviceRow.rate))
                          : qsTr("%1: %2 %3 operations/s").arg(deviceRow.device)
                                .arg(deviceRow.kind === "readIops" ? qsTr("read") : qsTr("write"))
                                .arg(deviceRow.rate)
                }
                Button {
                    text: qsTr("Remove")
                    Accessible.name: qsTr("Remove the IO limit on %1").arg(deviceRow.device)
                    onClicked: root.editor.ioDevices.remove(deviceRow.index)
                }
            }
            FieldMessage { editor: root.editor; field: deviceRow.field }
        }
    }
    RowLayout {
        Layout.fillWidth: true

        ComboBox {
            id: kindBox

            textRole: "text"
            valueRole: "kind"
            model: [
                { kind: "readBps", text: qsTr("Read bytes/s") },
                { kind: "writeBps", text: qsTr("Write bytes/s") },
                { kind: "readIops", text: qsTr("Read operations/s") },
                { kind: "writeIops", text: qsTr("Write operations/s") }
            ]
            Accessible.name: qsTr("Kind of IO limit")
        }
        ComboBox {
            id: deviceBox

            Layout.preferredWidth: 150
            editable: true
            model: root.editor.ioDevices.blockDevices
            Accessible.name: qsTr("Block device")
        }
        TextField {
            id: rateField

            Layout.preferredWidth: 100
            placeholderText: kindBox.currentValue.endsWith("Bps") ? qsTr("e.g. 10m") : qsTr("e.g. 100")
            Accessible.name: qsTr("Rate")
        }
        Button {
            text: qsTr("Add")
            Accessible.name: qsTr("Add the IO limit")
            onClicked: {
                addMessage.text = root.editor.ioDevices.add(kindBox.currentValue,
                                                            deviceBox.editText, rateField.text)
                if (addMessage.text.length === 0)
                    rateField.clear()
            }
        }
    }
    Label {
        id: addMessage

        Layout.fillWidth: true
        visible: text.length > 0
        color: "#d32f2f"
        wrapMode: Text.Wrap
    }
}
