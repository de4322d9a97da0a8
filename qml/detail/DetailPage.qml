import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde
import Isolde.Models

// One container: live charts with its limits beside them (changed on release, shown on the
// charts at once), its logs, its config.json and state, what isolation looks like from inside
// it, and why tools read its CPU and memory differently.
Page {
    id: page

    // An id, a unique id prefix or a name.
    property string containerId
    readonly property string containerName: inspect.name
    readonly property string status: inspect.status
    readonly property bool running: status === "running" || status === "paused"
    // A container that cannot be found is ready too: the page shows the helper's error.
    readonly property bool ready: inspect.loaded && (inspect.resolvedId.length === 0 || monitor.ready)

    signal closed

    function startOrStop() {
        if (running)
            Helper.stop(containerId)
        else
            Helper.start(containerId)
    }
    function pauseOrResume() {
        if (status === "paused")
            Helper.resume(containerId)
        else
            Helper.pause(containerId)
    }
    function removeSelected() {
        removeDialog.open()
    }

    title: inspect.name.length > 0 ? inspect.name : containerId

    InspectModel {
        id: inspect

        containerId: page.containerId
    }

    Connections {
        target: Helper

        function onActionFinished(action, id) {
            if (id === inspect.resolvedId) {
                if (action === "remove")
                    page.closed()
                else
                    inspect.reload()
            }
        }
    }

    Dialog {
        id: removeDialog

        anchors.centerIn: parent
        width: 440
        modal: true
        title: qsTr("Remove container")
        standardButtons: Dialog.Ok | Dialog.Cancel

        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("Remove %1? A running container is killed first; its files and logs are deleted.")
                  .arg(page.title)
        }

        onAccepted: Helper.remove(page.containerId, true)
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            spacing: 6

            Label {
                text: page.title
                font.bold: true
                font.pixelSize: Qt.application.font.pixelSize * 1.25
                elide: Text.ElideRight
                Layout.maximumWidth: 320
            }
            Label {
                text: page.status
                opacity: 0.8
            }
            Label {
                Layout.fillWidth: true
                text: inspect.image
                elide: Text.ElideRight
                opacity: 0.6
            }
            ToolButton {
                text: page.running ? qsTr("Stop") : qsTr("Start")
                enabled: inspect.loaded && page.status.length > 0
                Accessible.name: text
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Ctrl+S")
                onClicked: page.startOrStop()
            }
            ToolButton {
                text: page.status === "paused" ? qsTr("Resume") : qsTr("Pause")
                enabled: page.running
                Accessible.name: text
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Ctrl+P")
                onClicked: page.pauseOrResume()
            }
            ToolButton {
                text: qsTr("Kill")
                enabled: page.running
                Accessible.name: qsTr("Kill the container")
                onClicked: Helper.kill(page.containerId, "SIGKILL")
            }
            ToolButton {
                text: qsTr("Remove")
                enabled: inspect.loaded && page.status.length > 0
                Accessible.name: qsTr("Remove the container")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Delete")
                onClicked: page.removeSelected()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TabBar {
            id: tabs

            Layout.fillWidth: true

            TabButton {
                text: qsTr("Monitor")
                width: implicitWidth
            }
            TabButton {
                text: qsTr("Logs")
                width: implicitWidth
            }
            TabButton {
                text: qsTr("Inspect")
                width: implicitWidth
            }
            TabButton {
                text: qsTr("Isolation")
                width: implicitWidth
            }
            TabButton {
                text: qsTr("Numbers")
                width: implicitWidth
                Accessible.description: qsTr("Why tools show different CPU and memory numbers")
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            MonitorView {
                id: monitor

                containerId: page.containerId
                // Charts cost nothing while another tab is shown.
                active: page.visible && tabs.currentIndex === 0
            }
            LogsView {
                containerId: page.containerId
                active: tabs.currentIndex === 1
            }
            InspectView {
                model: inspect
            }
            Loader {
                id: isolation

                // The kernel map (the teaching part) loads when first shown.
                active: tabs.currentIndex === 3 || status === Loader.Ready
                source: "../teaching/KernelMapView.qml"

                Binding {
                    target: isolation.item
                    property: "containerId"
                    value: page.containerId
                    when: isolation.status === Loader.Ready
                }
            }
            ScrollView {
                contentWidth: availableWidth

                // The memory breakdown and the CPU conventions explained (the teaching part);
                // it subscribes to stats only once shown.
                Loader {
                    width: parent.width
                    active: tabs.currentIndex === 4 || status === Loader.Ready

                    sourceComponent: NumbersPanel {
                        containerId: page.containerId
                    }
                }
            }
        }
    }
}
