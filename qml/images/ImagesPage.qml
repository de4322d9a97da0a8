import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde
import Isolde.Models

// The images the helper has: layers stored once by digest, shared by every container made
// from them. The embedded default image is always there, and can be made again.
Page {
    id: page

    readonly property bool ready: images.loaded

    title: qsTr("Images")

    ImageListModel {
        id: images
    }

    Connections {
        target: Helper

        function onActionFinished(action, id) {
            if (action === "makeDefaultImage")
                images.reload()
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8

            Label {
                Layout.fillWidth: true
                text: qsTr("%n image(s)", "", images.count)
            }
            ToolButton {
                text: qsTr("Reload")
                Accessible.name: qsTr("Reload the images")
                onClicked: images.reload()
            }
            ToolButton {
                text: qsTr("Make default image")
                Accessible.name: qsTr("Make the default image again")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Unpack the embedded busybox image again")
                onClicked: Helper.makeDefaultImage()
            }
        }
    }

    ListView {
        id: list

        anchors.fill: parent
        clip: true
        model: images
        activeFocusOnTab: true
        keyNavigationEnabled: true
        boundsBehavior: Flickable.StopAtBounds
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Images")
        ScrollBar.vertical: ScrollBar {}

        delegate: ItemDelegate {
            id: imageRow

            required property int index
            required property string name
            required property string digest
            required property var size
            required property var created
            required property int layers
            required property bool isDefault

            width: ListView.view.width
            highlighted: ListView.isCurrentItem
            Accessible.name: qsTr("%1, %2, %n layer(s)", "", layers).arg(name)
                             .arg(Units.formatBytes(size))
            onClicked: list.currentIndex = index

            contentItem: GridLayout {
                columns: 3
                columnSpacing: 16
                rowSpacing: 2

                Label {
                    Layout.fillWidth: true
                    text: imageRow.name
                    font.bold: true
                    elide: Text.ElideRight
                }
                Label {
                    text: Units.formatBytes(imageRow.size)
                }
                Label {
                    Layout.preferredWidth: 120
                    text: qsTr("%n layer(s)", "", imageRow.layers)
                }
                Label {
                    Layout.fillWidth: true
                    text: imageRow.digest
                    font.family: "monospace"
                    elide: Text.ElideMiddle
                    opacity: 0.7
                }
                Label {
                    text: imageRow.created instanceof Date
                          ? imageRow.created.toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
                    opacity: 0.7
                }
                Label {
                    Layout.preferredWidth: 120
                    text: imageRow.isDefault ? qsTr("default image") : ""
                    font.italic: true
                }
            }
        }

        Label {
            anchors.centerIn: parent
            visible: images.loaded && images.count === 0
            text: qsTr("The helper has no images. Make default image unpacks the embedded one.")
        }
    }
}
