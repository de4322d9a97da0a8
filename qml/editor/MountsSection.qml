import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// The bind and tmpfs mounts a person adds (Docker's default mounts are always there).
ColumnLayout {
    id: root

    required property SpecEditor editor

    spacing: 6

    Label {
        visible: root.editor.mounts.count === 0
        text: qsTr("No mounts besides the standard /proc, /dev and /sys.")
        opacity: 0.8
    }

    Repeater {
        model: root.editor.mounts

        ColumnLayout {
            id: mountRow

            required property int index
            required property string destination
            required property string type
            required property string source
            required property bool readOnly
            required property string field

            Layout.fillWidth: true

            RowLayout {
                Label {
                    Layout.fillWidth: true
                    text: mountRow.type === "tmpfs"
                          ? qsTr("tmpfs at %1").arg(mountRow.destination)
                          : qsTr("%1 → %2 (%3)").arg(mountRow.source).arg(mountRow.destination)
                                                .arg(mountRow.type)
                    elide: Text.ElideMiddle
                }
                CheckBox {
                    text: qsTr("Read-only")
                    checked: mountRow.readOnly
                    Accessible.name: qsTr("Mount %1 read-only").arg(mountRow.destination)
                    onToggled: root.editor.mounts.setReadOnly(mountRow.index, checked)
                }
                Button {
                    text: qsTr("Remove")
                    Accessible.name: qsTr("Remove the mount at %1").arg(mountRow.destination)
                    onClicked: root.editor.mounts.remove(mountRow.index)
                }
            }
            FieldMessage { editor: root.editor; field: mountRow.field }
        }
    }

    Label { text: qsTr("Add a mount"); font.bold: true }
    GridLayout {
        Layout.fillWidth: true
        columns: 2

        Label { text: qsTr("Type") }
        ComboBox {
            id: typeBox

            model: ["bind", "tmpfs"]
            Accessible.name: qsTr("Mount type")
        }
        Label { text: qsTr("Host path"); enabled: sourceField.enabled }
        TextField {
            id: sourceField

            Layout.fillWidth: true
            enabled: typeBox.currentText === "bind"
            placeholderText: qsTr("/home/me/data")
            Accessible.name: qsTr("Host path")
        }
        Label { text: qsTr("Container path") }
        TextField {
            id: destinationField

            Layout.fillWidth: true
            placeholderText: qsTr("/data")
            Accessible.name: qsTr("Container path")
        }
        CheckBox {
            id: readOnlyBox

            Layout.columnSpan: 2
            text: qsTr("Read-only")
            Accessible.name: qsTr("New mount read-only")
        }
    }
    Button {
        text: qsTr("Add mount")
        Accessible.name: qsTr("Add mount")
        onClicked: {
            addMessage.text = root.editor.mounts.add(typeBox.currentText,
                                                     sourceField.enabled ? sourceField.text : "",
                                                     destinationField.text, readOnlyBox.checked)
            if (addMessage.text.length === 0) {
                sourceField.clear()
                destinationField.clear()
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
