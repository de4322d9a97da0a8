import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Says why Isolde cannot reach its helper and what to do about it. Nothing to click: the
// session reconnects by itself and the banner goes away when it has. The helper is D-Bus
// activated, so a short absence (the first call is starting it) is not worth a banner.
Pane {
    id: banner

    property bool busConnected: true
    property bool helperPresent: true
    property int graceMs: 3000
    property bool helperAbsentLong: false

    readonly property bool shown: !busConnected || helperAbsentLong

    onHelperPresentChanged: {
        helperAbsentLong = false
        if (helperPresent)
            grace.stop()
        else
            grace.restart()
    }
    Component.onCompleted: {
        if (!helperPresent)
            grace.start()
    }

    visible: shown
    padding: 12
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title.text

    background: Rectangle {
        color: Qt.rgba(banner.palette.highlight.r, banner.palette.highlight.g,
                       banner.palette.highlight.b, 0.15)
        border.color: banner.palette.highlight
    }

    Timer {
        id: grace

        interval: banner.graceMs
        onTriggered: banner.helperAbsentLong = !banner.helperPresent
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12

        BusyIndicator {
            running: banner.shown
            Layout.preferredWidth: 32
            Layout.preferredHeight: 32
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            Label {
                id: title

                Layout.fillWidth: true
                font.bold: true
                wrapMode: Text.Wrap
                text: !banner.busConnected ? qsTr("The system bus is not reachable")
                                           : qsTr("The Isolde helper is not running")
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: !banner.busConnected
                      ? qsTr("Isolde talks to its helper over the D-Bus system bus. Start the bus "
                             + "(\"service dbus start\", or scripts/run which starts a private "
                             + "one). Isolde reconnects by itself.")
                      : qsTr("The helper (org.isolde.Helper1) starts on demand through D-Bus "
                             + "activation. If it does not appear, check that it is installed "
                             + "(its .service file in /usr/share/dbus-1/system-services) and "
                             + "that polkit is running. Isolde reconnects by itself.")
            }
        }
    }
}
