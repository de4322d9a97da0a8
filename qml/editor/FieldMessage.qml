import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// The validation message of one config.json field (or of everything inside it), shown right
// under the control that edits it.
Label {
    id: root

    required property SpecEditor editor
    required property string field

    // errorFor() is a method: reading `errors` first makes the binding follow every change.
    text: root.editor.errors.length > 0 ? root.editor.errorFor(root.field) : ""
    visible: text.length > 0
    color: "#d32f2f"
    wrapMode: Text.Wrap
    Layout.fillWidth: true
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text
}
