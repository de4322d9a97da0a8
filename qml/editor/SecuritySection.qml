import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Isolde.Models

// Capabilities, seccomp, no_new_privileges, read-only root and masked paths.
ColumnLayout {
    id: root

    required property SpecEditor editor

    // A click checks a radio button before the mode has changed (the custom one opens a file
    // dialog first, which may be cancelled or name no profile): show the mode again.
    function showSeccompMode() {
        defaultRadio.checked = Qt.binding(() => root.editor.seccompMode === "default")
        unconfinedRadio.checked = Qt.binding(() => root.editor.seccompMode === "unconfined")
        customRadio.checked = Qt.binding(() => root.editor.seccompMode === "custom")
    }

    spacing: 6

    RowLayout {
        Layout.fillWidth: true

        Label {
            Layout.fillWidth: true
            text: qsTr("Capabilities: %1 of %2 granted").arg(root.editor.capabilities.enabledCount)
                                                         .arg(capabilityList.count)
            font.bold: true
        }
        Button {
            text: qsTr("Drop all")
            Accessible.name: qsTr("Drop all capabilities")
            onClicked: root.editor.capabilities.dropAll()
        }
        Button {
            text: qsTr("Docker default")
            Accessible.name: qsTr("Grant Docker's default capabilities")
            onClicked: root.editor.capabilities.dockerDefault()
        }
    }

    Repeater {
        id: capabilityList

        model: root.editor.capabilities

        // Roles through `model`: a required property named "enabled" would shadow Item.enabled.
        RowLayout {
            Layout.fillWidth: true

            CheckBox {
                Layout.preferredWidth: 250
                text: model.name
                checked: model.enabled
                Accessible.name: model.name
                Accessible.description: model.description
                onToggled: root.editor.capabilities.setEnabled(index, checked)
            }
            Label {
                Layout.fillWidth: true
                text: model.description
                wrapMode: Text.Wrap
            }
            Label {
                visible: model.dockerDefault
                text: qsTr("Docker default")
                font.italic: true
                opacity: 0.7
            }
        }
    }
    FieldMessage { editor: root.editor; field: "process.capabilities" }

    Label { text: qsTr("Seccomp"); font.bold: true }
    ButtonGroup { id: seccompGroup }
    RowLayout {
        RadioButton {
            id: defaultRadio

            text: qsTr("Default profile")
            checked: root.editor.seccompMode === "default"
            ButtonGroup.group: seccompGroup
            Accessible.name: qsTr("Seccomp: default profile")
            onClicked: root.editor.seccompMode = "default"
        }
        RadioButton {
            id: unconfinedRadio

            text: qsTr("Unconfined")
            checked: root.editor.seccompMode === "unconfined"
            ButtonGroup.group: seccompGroup
            Accessible.name: qsTr("Seccomp: unconfined")
            onClicked: root.editor.seccompMode = "unconfined"
        }
        RadioButton {
            id: customRadio

            text: qsTr("Profile from a file…")
            checked: root.editor.seccompMode === "custom"
            ButtonGroup.group: seccompGroup
            Accessible.name: qsTr("Seccomp: load a JSON profile")
            onClicked: profileDialog.open()
        }
    }
    Label {
        visible: root.editor.seccompMode === "custom"
        text: root.editor.seccompProfilePath
        elide: Text.ElideMiddle
        Layout.fillWidth: true
    }
    FieldMessage { editor: root.editor; field: "linux.seccomp" }

    FileDialog {
        id: profileDialog

        title: qsTr("Load a Docker or OCI seccomp profile")
        nameFilters: [qsTr("JSON files (*.json)"), qsTr("All files (*)")]
        onAccepted: {
            root.editor.loadSeccompProfile(selectedFile.toString())
            root.showSeccompMode()
        }
        onRejected: root.showSeccompMode()
    }

    CheckBox {
        text: qsTr("No new privileges (setuid programs gain nothing)")
        checked: root.editor.noNewPrivileges
        Accessible.name: qsTr("No new privileges")
        onToggled: root.editor.noNewPrivileges = checked
    }
    CheckBox {
        text: qsTr("Read-only root filesystem")
        checked: root.editor.readonlyRootfs
        Accessible.name: qsTr("Read-only root filesystem")
        onToggled: root.editor.readonlyRootfs = checked
    }
    FieldMessage { editor: root.editor; field: "root" }

    Label { text: qsTr("Masked paths (one per line; hidden inside the container)"); font.bold: true }
    TextArea {
        Layout.fillWidth: true
        text: root.editor.maskedPaths.join("\n")
        font.family: "monospace"
        Accessible.name: qsTr("Masked paths")
        // A frame, as the single-line fields have: the plain style draws none for TextArea.
        background: Rectangle {
            color: palette.base
            border.color: parent.activeFocus ? palette.highlight : palette.mid
        }
        // Tab moves on, as in every other field, rather than typing a tab.
        Keys.onTabPressed: nextItemInFocusChain().forceActiveFocus(Qt.TabFocusReason)
        onEditingFinished: root.editor.maskedPaths = text.split("\n").map(line => line.trim())
                                                          .filter(line => line.length > 0)
    }
    FieldMessage { editor: root.editor; field: "linux.maskedPaths" }
}
