import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// The container's config.json and its state as the helper reports them, as text to read,
// select and copy.
ColumnLayout {
    id: inspectView

    required property InspectModel model

    spacing: 0

    ToolBar {
        Layout.fillWidth: true

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8

            TabBar {
                id: which

                TabButton {
                    text: qsTr("config.json")
                    width: implicitWidth
                }
                TabButton {
                    text: qsTr("State")
                    width: implicitWidth
                }
            }
            Item {
                Layout.fillWidth: true
            }
            ToolButton {
                text: qsTr("Copy")
                Accessible.name: qsTr("Copy the text shown")
                onClicked: {
                    text.selectAll()
                    text.copy()
                    text.deselect()
                }
            }
            ToolButton {
                text: qsTr("Reload")
                Accessible.name: qsTr("Read the container again")
                onClicked: inspectView.model.reload()
            }
        }
    }

    ScrollView {
        Layout.fillWidth: true
        Layout.fillHeight: true

        TextArea {
            id: text

            readOnly: true
            selectByMouse: true
            font.family: "monospace"
            wrapMode: TextEdit.NoWrap
            text: which.currentIndex === 0 ? inspectView.model.specJson : inspectView.model.stateJson
            Accessible.name: which.currentIndex === 0 ? qsTr("config.json") : qsTr("State")
        }
    }
}
