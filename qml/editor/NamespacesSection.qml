import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// A switch per namespace, and the user namespace's id mapping.
ColumnLayout {
    id: root

    required property SpecEditor editor

    spacing: 6

    Repeater {
        model: root.editor.namespaces

        // Roles through `model`: a required property named "enabled" would shadow Item.enabled.
        RowLayout {
            Layout.fillWidth: true

            Switch {
                Layout.preferredWidth: 150
                text: model.type
                checked: model.enabled
                Accessible.name: qsTr("New %1 namespace").arg(model.type)
                Accessible.description: model.description
                onToggled: root.editor.namespaces.setEnabled(index, checked)
            }
            Label {
                Layout.fillWidth: true
                text: model.description
                wrapMode: Text.Wrap
            }
        }
    }
    FieldMessage { editor: root.editor; field: "linux.namespaces" }

    Label { text: qsTr("User namespace mapping"); font.bold: true }
    Label {
        Layout.fillWidth: true
        text: qsTr("Container IDs from 0 are these host IDs; root inside is the first of them.")
        wrapMode: Text.Wrap
        opacity: 0.8
    }
    GridLayout {
        columns: 2
        enabled: root.editor.userNamespace

        Label { text: qsTr("First host UID") }
        TextField {
            text: root.editor.usernsHostUid.toString()
            validator: RegularExpressionValidator { regularExpression: /[0-9]{1,10}/ }
            Accessible.name: qsTr("First host UID")
            onTextEdited: if (acceptableInput) root.editor.usernsHostUid = Number(text)
        }
        Label { text: qsTr("First host GID") }
        TextField {
            text: root.editor.usernsHostGid.toString()
            validator: RegularExpressionValidator { regularExpression: /[0-9]{1,10}/ }
            Accessible.name: qsTr("First host GID")
            onTextEdited: if (acceptableInput) root.editor.usernsHostGid = Number(text)
        }
        Label { text: qsTr("Number of IDs") }
        TextField {
            text: root.editor.usernsSize.toString()
            validator: RegularExpressionValidator { regularExpression: /[0-9]{1,10}/ }
            Accessible.name: qsTr("Number of mapped IDs")
            onTextEdited: if (acceptableInput) root.editor.usernsSize = Number(text)
        }
    }
    FieldMessage { editor: root.editor; field: "linux.uidMappings" }
    FieldMessage { editor: root.editor; field: "linux.gidMappings" }
}
