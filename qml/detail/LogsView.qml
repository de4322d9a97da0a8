import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// The container's output: the last lines, new lines as they come while following, and a
// search that keeps only the lines that contain the text.
ColumnLayout {
    id: logsView

    property string containerId
    // Following is on only while the tab is shown: the helper then streams lines to us.
    property bool active: true

    spacing: 0

    LogModel {
        id: logs

        containerId: logsView.active ? logsView.containerId : ""
        follow: logsView.active && followSwitch.checked
        filterText: search.text

        onCountChanged: {
            if (followSwitch.checked)
                list.positionViewAtEnd()
        }
    }

    ToolBar {
        Layout.fillWidth: true

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8

            TextField {
                id: search

                Layout.preferredWidth: 260
                placeholderText: qsTr("Search the logs")
                selectByMouse: true
                Accessible.name: qsTr("Search the logs")
            }
            Label {
                text: qsTr("%n line(s)", "", logs.count)
                opacity: 0.8
            }
            Item {
                Layout.fillWidth: true
            }
            Switch {
                id: followSwitch

                text: qsTr("Follow")
                checked: true
                Accessible.name: qsTr("Follow new lines")
            }
            ToolButton {
                text: qsTr("Reload")
                Accessible.name: qsTr("Read the logs again")
                onClicked: logs.reload()
            }
        }
    }

    ListView {
        id: list

        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: logs
        activeFocusOnTab: true
        keyNavigationEnabled: true
        boundsBehavior: Flickable.StopAtBounds
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Log lines")
        ScrollBar.vertical: ScrollBar {}
        ScrollBar.horizontal: ScrollBar {}
        contentWidth: contentItem.childrenRect.width
        flickableDirection: Flickable.AutoFlickIfNeeded

        delegate: Label {
            required property var time
            required property string stream
            required property string line

            leftPadding: 8
            rightPadding: 8
            font.family: "monospace"
            textFormat: Text.PlainText
            // stderr reads fainter than stdout, as a terminal's dimmed stream.
            opacity: stream === "stderr" ? 0.75 : 1
            text: (time instanceof Date ? time.toLocaleTimeString(Qt.locale(), "HH:mm:ss") + "  "
                                        : "") + line
            font.italic: stream === "stderr"
        }

        Label {
            anchors.centerIn: parent
            visible: logs.loaded && logs.count === 0
            text: search.text.length > 0 ? qsTr("No line contains “%1”.").arg(search.text)
                                         : qsTr("No output yet.")
        }
    }
}
