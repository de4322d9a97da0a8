pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde
import Isolde.Models

// The experiments lab: one-click acts run inside a container, each with what it tries, what
// the spec predicts, what happened and which mechanism decided it; "Relax and try again"
// runs the act in a throwaway twin with that one mechanism relaxed.
Page {
    id: page

    // An id, a unique id prefix or a name.
    property string containerId
    // The running containers are known, so the chooser shows the right one.
    readonly property bool ready: containerBox.loaded
    readonly property alias model: lab

    title: qsTr("Experiments lab")

    LabModel {
        id: lab

        containerId: page.containerId
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            spacing: 8

            Label {
                text: qsTr("Experiments in")
                font.bold: true
                font.pixelSize: Qt.application.font.pixelSize * 1.25
            }
            RunningContainerPicker {
                id: containerBox

                Layout.preferredWidth: 320
                containerId: page.containerId
                Accessible.name: qsTr("Container to run the experiments in")
                onChosen: id => page.containerId = id
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
        id: intro

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        padding: 12
        bottomPadding: 0
        wrapMode: Text.Wrap
        opacity: 0.8
        text: page.containerId.length > 0
              ? qsTr("Run tries an act inside the container and shows which mechanism "
                     + "decided it; Relax and try again runs it in a twin with that "
                     + "mechanism relaxed.")
              : containerBox.count > 0
                ? qsTr("Choose a running container above to run these experiments in it.")
                : qsTr("Start a container on the Containers page to run these experiments in it.")
    }

    ListView {
        id: list

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: intro.bottom
        anchors.bottom: parent.bottom
        anchors.margins: 12
        anchors.rightMargin: 4
        clip: true
        spacing: 10
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
            padding: 12

            ColumnLayout {
                anchors.fill: parent
                spacing: 6

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
                        highlighted: true
                        enabled: card.status !== "running" && page.containerId.length > 0
                        Accessible.name: qsTr("Run %1 in the container").arg(card.title)
                        onClicked: lab.run(card.index)
                    }
                    Button {
                        text: qsTr("Relax and try again")
                        enabled: card.status !== "running" && page.containerId.length > 0
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
                    padding: 6
                    leftPadding: 8
                    font.family: "monospace"
                    wrapMode: Text.WrapAnywhere
                    text: card.command
                    // A faint tint of the text colour: a code block in light and dark themes.
                    background: Rectangle {
                        color: Qt.rgba(card.palette.text.r, card.palette.text.g,
                                       card.palette.text.b, 0.06)
                        radius: 3
                    }
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
