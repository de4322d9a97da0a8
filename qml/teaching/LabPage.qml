pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// The experiments lab: one-click acts run inside a container, each with what it tries, what
// the spec predicts, what happened and which mechanism decided it; "Relax and try again"
// runs the act in a throwaway twin with that one mechanism relaxed.
Page {
    id: page

    // An id, a unique id prefix or a name.
    property string containerId
    readonly property bool ready: true
    readonly property alias model: lab

    title: qsTr("Experiments lab")

    LabModel {
        id: lab

        containerId: page.containerId
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent

            Label {
                Layout.leftMargin: 12
                font.bold: true
                text: page.containerId.length > 0
                      ? qsTr("Experiments in %1").arg(page.containerId.slice(0, 24))
                      : qsTr("Experiments")
            }
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: lab.busy
                visible: running
                implicitHeight: 28
                Accessible.name: qsTr("An experiment is running")
            }
        }
    }

    Label {
        anchors.centerIn: parent
        width: parent.width * 0.7
        visible: page.containerId.length === 0
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: qsTr("Choose a running container on the Containers page, or start Isolde with "
                   + "--page lab --container NAME.")
    }

    ListView {
        id: list

        anchors.fill: parent
        anchors.margins: 8
        visible: page.containerId.length > 0
        clip: true
        spacing: 8
        model: lab
        activeFocusOnTab: true
        keyNavigationEnabled: true
        Accessible.name: qsTr("Experiments")
        Accessible.role: Accessible.List
        ScrollBar.vertical: ScrollBar {}

        delegate: Frame {
            id: card

            required property int index
            required property string title
            required property string tries
            required property string command
            required property string mechanism
            required property string status
            required property string prediction
            required property string result
            required property string outcome
            required property string verdict
            required property string explanation
            required property string output
            required property bool relaxed
            required property string error

            width: ListView.view.width - 12

            ColumnLayout {
                anchors.fill: parent
                spacing: 4

                RowLayout {
                    Layout.fillWidth: true

                    Label {
                        text: card.title
                        font.bold: true
                        font.pixelSize: 16
                    }
                    Label {
                        text: qsTr("(%1)").arg(card.mechanism)
                        opacity: 0.7
                    }
                    Item {
                        Layout.fillWidth: true
                    }
                    BusyIndicator {
                        running: card.status === "running"
                        visible: running
                        implicitHeight: 24
                        Accessible.name: qsTr("Running %1").arg(card.title)
                    }
                    Button {
                        text: qsTr("Run")
                        enabled: card.status !== "running"
                        Accessible.name: qsTr("Run %1 in the container").arg(card.title)
                        onClicked: lab.run(card.index)
                    }
                    Button {
                        text: qsTr("Relax and try again")
                        enabled: card.status !== "running"
                        Accessible.name: qsTr("Run %1 in a twin container with %2 relaxed")
                                         .arg(card.title).arg(card.mechanism)
                        onClicked: lab.runRelaxed(card.index)
                    }
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: card.tries
                }
                Label {
                    Layout.fillWidth: true
                    font.family: "monospace"
                    wrapMode: Text.WrapAnywhere
                    opacity: 0.8
                    text: card.command
                }
                GridLayout {
                    Layout.fillWidth: true
                    visible: card.prediction.length > 0 || card.error.length > 0
                    columns: 2
                    columnSpacing: 12

                    Label {
                        text: card.relaxed ? qsTr("Twin predicted") : qsTr("Predicted")
                        opacity: 0.7
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: card.prediction
                    }
                    Label {
                        text: qsTr("Happened")
                        opacity: 0.7
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.bold: true
                        color: card.outcome === "allowed" || card.outcome === "shared"
                               ? palette.text : "#b3261e"
                        text: card.error.length > 0 ? card.error : card.result
                    }
                    Label {
                        text: qsTr("Decided by")
                        opacity: 0.7
                        visible: card.verdict.length > 0
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        visible: card.verdict.length > 0
                        text: card.verdict
                    }
                    Label {
                        text: qsTr("Why")
                        opacity: 0.7
                        visible: card.explanation.length > 0
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        visible: card.explanation.length > 0
                        text: card.explanation
                    }
                }
                ToolButton {
                    id: showOutput

                    visible: card.output.length > 0
                    checkable: true
                    text: checked ? qsTr("Hide output") : qsTr("Show output")
                    Accessible.name: text
                }
                TextArea {
                    Layout.fillWidth: true
                    visible: showOutput.checked && card.output.length > 0
                    readOnly: true
                    font.family: "monospace"
                    wrapMode: TextEdit.WrapAnywhere
                    text: card.output
                    Accessible.name: qsTr("Output of %1").arg(card.title)
                }
            }
        }
    }
}
