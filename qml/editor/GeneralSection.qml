import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// Image, command, environment, working directory, host name and user of the spec.
ColumnLayout {
    id: root

    required property SpecEditor editor

    function lines(text) {
        return text.split("\n").map(line => line.trim()).filter(line => line.length > 0)
    }

    spacing: 6

    Label { text: qsTr("Image"); font.bold: true }
    TextField {
        Layout.fillWidth: true
        text: root.editor.image
        placeholderText: qsTr("busybox")
        Accessible.name: qsTr("Image")
        onTextEdited: root.editor.image = text
    }

    Label { text: qsTr("Command"); font.bold: true }
    TextField {
        Layout.fillWidth: true
        text: root.editor.command
        font.family: "monospace"
        placeholderText: qsTr("sh -c 'echo hello'")
        Accessible.name: qsTr("Command")
        Accessible.description: qsTr("Words as a shell splits them, quotes included")
        onTextEdited: root.editor.command = text
    }
    FieldMessage { editor: root.editor; field: "process.args" }

    Label { text: qsTr("Environment (one NAME=value per line)"); font.bold: true }
    TextArea {
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(implicitHeight, 80)
        text: root.editor.env.join("\n")
        font.family: "monospace"
        wrapMode: TextEdit.NoWrap
        Accessible.name: qsTr("Environment")
        // A frame, as the single-line fields have: the plain style draws none for TextArea.
        background: Rectangle {
            color: palette.base
            border.color: parent.activeFocus ? palette.highlight : palette.mid
        }
        onEditingFinished: root.editor.env = root.lines(text)
        // Tab moves on, as in every other field, rather than typing a tab.
        Keys.onTabPressed: nextItemInFocusChain().forceActiveFocus(Qt.TabFocusReason)
    }
    FieldMessage { editor: root.editor; field: "process.env" }

    Label { text: qsTr("Working directory"); font.bold: true }
    TextField {
        id: cwdField

        Layout.fillWidth: true
        text: root.editor.cwd
        Accessible.name: qsTr("Working directory")
        onTextEdited: root.editor.cwd = text
    }
    FieldMessage { editor: root.editor; field: "process.cwd" }

    Label { text: qsTr("Host name"); font.bold: true }
    TextField {
        Layout.fillWidth: true
        text: root.editor.hostname
        Accessible.name: qsTr("Host name")
        onTextEdited: root.editor.hostname = text
    }
    FieldMessage { editor: root.editor; field: "hostname" }

    Label { text: qsTr("Run as user"); font.bold: true }
    RowLayout {
        Label { text: qsTr("UID") }
        TextField {
            Layout.preferredWidth: 110
            text: root.editor.uid.toString()
            validator: RegularExpressionValidator { regularExpression: /[0-9]{1,10}/ }
            Accessible.name: qsTr("User ID")
            onTextEdited: if (acceptableInput) root.editor.uid = Number(text)
        }
        Label { text: qsTr("GID") }
        TextField {
            Layout.preferredWidth: 110
            text: root.editor.gid.toString()
            validator: RegularExpressionValidator { regularExpression: /[0-9]{1,10}/ }
            Accessible.name: qsTr("Group ID")
            onTextEdited: if (acceptableInput) root.editor.gid = Number(text)
        }
    }
    FieldMessage { editor: root.editor; field: "process.user" }
}
