import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Non-blocking messages stacked at the bottom of the window: each says what failed in the
// helper's own words, can be closed, and leaves by itself after a while. Nothing waits on it.
Column {
    id: messageArea

    // How long a message stays when nobody closes it.
    property int timeout: 8000
    // At most this many at once: a burst of failures must not cover the page.
    property int maximumCount: 4

    function show(text) {
        // Several views of one container may fail alike; one message says it.
        for (let i = 0; i < messages.count; ++i) {
            if (messages.get(i).text === text)
                return
        }
        if (messages.count >= maximumCount)
            messages.remove(0)
        messages.append({text: text})
    }

    spacing: 6

    ListModel {
        id: messages
    }

    Repeater {
        model: messages

        delegate: Pane {
            id: message

            required property int index
            required property string text

            width: messageArea.width
            padding: 8
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text

            background: Rectangle {
                color: message.palette.toolTipBase
                border.color: message.palette.mid
                radius: 4
            }

            Timer {
                interval: messageArea.timeout
                running: true
                onTriggered: messages.remove(message.index)
            }

            RowLayout {
                anchors.fill: parent
                spacing: 8

                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: message.palette.toolTipText
                    text: message.text
                }
                ToolButton {
                    text: qsTr("Close")
                    display: AbstractButton.TextOnly
                    Accessible.name: qsTr("Close message")
                    onClicked: messages.remove(message.index)
                }
            }
        }
    }
}
