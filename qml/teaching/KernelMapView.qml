pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// The spec-to-kernel map of one running container: each setting beside where the kernel
// enforces it, the value inside, the host's value and what it means.
Item {
    id: view

    // An id, a unique id prefix or a name.
    property string containerId
    // Only rows of this group ("cgroup", "capabilities", "seccomp", "namespaces",
    // "filesystem"); empty for all.
    property alias group: map.group
    readonly property bool ready: !map.loading
    readonly property alias model: map

    implicitWidth: 640
    implicitHeight: 480

    KernelMapModel {
        id: map

        containerId: view.containerId
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 6

            Label {
                text: qsTr("Seccomp rule for")
            }
            ComboBox {
                id: syscallBox

                Accessible.name: qsTr("System call whose seccomp rule is shown")
                model: ["ptrace", "reboot", "mount", "init_module", "unshare", "sethostname",
                    "keyctl", "bpf", "clock_settime", "socket"]
                onActivated: map.syscall = currentText
            }
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: map.loading
                visible: running
                Accessible.name: qsTr("Reading the kernel's view")
            }
            Button {
                text: qsTr("Reload")
                enabled: view.containerId.length > 0 && !map.loading
                Accessible.name: qsTr("Read the kernel map again")
                onClicked: map.reload()
            }
        }

        Label {
            Layout.fillWidth: true
            Layout.margins: 6
            visible: view.containerId.length === 0 || map.error.length > 0
            wrapMode: Text.Wrap
            text: view.containerId.length === 0
                  ? qsTr("Choose a running container to see where the kernel enforces its spec.")
                  : map.error
        }

        ListView {
            id: rows

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: map
            spacing: 2
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.name: qsTr("Spec-to-kernel map")
            Accessible.role: Accessible.List
            ScrollBar.vertical: ScrollBar {}

            section.property: "group"
            section.delegate: Label {
                required property string section

                topPadding: 10
                leftPadding: 6
                font.bold: true
                text: ({
                    cgroup: qsTr("Control groups"),
                    capabilities: qsTr("Capabilities"),
                    seccomp: qsTr("Seccomp"),
                    namespaces: qsTr("Namespaces"),
                    filesystem: qsTr("Filesystem")
                })[section] ?? section
            }

            delegate: ItemDelegate {
                id: row

                required property int index
                required property string setting
                required property string specValue
                required property string enforcedAt
                required property string live
                required property string host
                required property string sentence

                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                Accessible.name: qsTr("%1: %2, enforced at %3").arg(setting).arg(specValue)
                                 .arg(enforcedAt)
                Accessible.description: sentence
                onClicked: rows.currentIndex = index

                contentItem: GridLayout {
                    columns: 2
                    columnSpacing: 12
                    rowSpacing: 2

                    Label {
                        text: row.setting
                        font.family: "monospace"
                        elide: Text.ElideRight
                        Layout.preferredWidth: 260
                    }
                    Label {
                        text: row.specValue
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("enforced at")
                        opacity: 0.7
                    }
                    Label {
                        text: row.enforcedAt
                        font.family: "monospace"
                        wrapMode: Text.WrapAnywhere
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("inside")
                        opacity: 0.7
                    }
                    Label {
                        text: row.live
                        font.family: "monospace"
                        wrapMode: Text.WrapAnywhere
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("host")
                        opacity: 0.7
                    }
                    Label {
                        text: row.host
                        font.family: "monospace"
                        wrapMode: Text.WrapAnywhere
                        Layout.fillWidth: true
                    }
                    Label {
                        text: row.sentence
                        wrapMode: Text.Wrap
                        Layout.columnSpan: 2
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }
}
