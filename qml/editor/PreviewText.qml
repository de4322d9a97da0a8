import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One preview: read-only monospace text with a Copy button.
ColumnLayout {
    id: root

    property string text
    // What the text is, for the Copy button's accessible name ("config.json").
    property string name
    property bool wrap: false

    spacing: 0

    RowLayout {
        Layout.fillWidth: true

        Item { Layout.fillWidth: true }
        Button {
            objectName: "copyButton"
            text: qsTr("Copy")
            Accessible.name: qsTr("Copy the %1").arg(root.name)
            // TextEdit's own copy() reaches the clipboard without a C++ helper.
            onClicked: {
                area.selectAll()
                area.copy()
                area.deselect()
            }
        }
    }
    ScrollView {
        Layout.fillWidth: true
        Layout.fillHeight: true

        TextArea {
            id: area

            objectName: "previewText"
            readOnly: true
            selectByMouse: true
            text: root.text
            font.family: "monospace"
            wrapMode: root.wrap ? TextEdit.WrapAnywhere : TextEdit.NoWrap
            Accessible.name: root.name
        }
    }
}
