import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// "Create / edit a spec": the spec's sections on the left, the live previews on the right,
// and the buttons that hand the spec to the helper.
Page {
    id: page

    // Other pages load a spec into it (editor.loadJson) to edit an existing container's.
    readonly property SpecEditor editor: SpecEditor {}

    // A create the helper has not answered yet: its answer is shown on this page.
    property bool creating: false

    function create(startNow) {
        creating = true
        outcome.text = ""
        editor.createContainer(nameField.text, startNow)
    }

    title: qsTr("Create a container")

    Connections {
        target: Helper

        function onContainerCreated(id) {
            if (!page.creating)
                return
            page.creating = false
            outcome.isError = false
            outcome.text = qsTr("Created container %1").arg(id.substring(0, 12))
        }
        function onErrorOccurred(message) {
            if (!page.creating)
                return
            page.creating = false
            outcome.isError = true
            outcome.text = message
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8

            Label {
                text: page.title
                font.bold: true
            }
            TextField {
                id: nameField

                Layout.fillWidth: true
                Layout.maximumWidth: 320
                placeholderText: qsTr("Name (made up when empty)")
                Accessible.name: qsTr("Container name")
            }
            Label {
                id: outcome

                property bool isError: false

                Layout.fillWidth: true
                text: ""
                visible: page.editor.errors.length === 0
                color: isError ? "#d32f2f" : palette.windowText
                elide: Text.ElideRight
                Accessible.role: Accessible.StatusBar
                Accessible.name: text
            }
            Label {
                Layout.fillWidth: true
                visible: page.editor.errors.length > 0
                text: qsTr("%n problem(s) to fix", "", page.editor.errors.length)
                color: "#d32f2f"
                elide: Text.ElideRight
                // Each message also shows at its field; here all of them, with their paths.
                ToolTip.visible: problemsHover.hovered
                ToolTip.text: page.editor.errors.map(e => e.field + ": " + e.message).join("\n")

                HoverHandler {
                    id: problemsHover
                }
            }
            Button {
                text: qsTr("Reset")
                Accessible.name: qsTr("Reset to the defaults")
                onClicked: page.editor.reset()
            }
            Button {
                text: qsTr("Create")
                enabled: page.editor.errors.length === 0 && !page.creating
                Accessible.name: qsTr("Create the container")
                onClicked: page.create(false)
            }
            Button {
                text: qsTr("Create and start")
                highlighted: true
                enabled: page.editor.errors.length === 0 && !page.creating
                Accessible.name: qsTr("Create and start the container")
                onClicked: page.create(true)
            }
        }
    }

    SplitView {
        anchors.fill: parent

        ColumnLayout {
            SplitView.fillWidth: true
            SplitView.minimumWidth: 420
            spacing: 0

            TabBar {
                id: sections

                Layout.fillWidth: true

                TabButton { text: qsTr("General") }
                TabButton { text: qsTr("Resources") }
                TabButton { text: qsTr("Security") }
                TabButton { text: qsTr("Namespaces") }
                TabButton { text: qsTr("Mounts") }
            }

            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: sections.currentIndex

                SectionView {
                    GeneralSection { editor: page.editor; width: parent.width }
                }
                SectionView {
                    ResourcesSection { editor: page.editor; width: parent.width }
                }
                SectionView {
                    SecuritySection { editor: page.editor; width: parent.width }
                }
                SectionView {
                    NamespacesSection { editor: page.editor; width: parent.width }
                }
                SectionView {
                    MountsSection { editor: page.editor; width: parent.width }
                }
            }
        }

        PreviewPane {
            SplitView.preferredWidth: 500
            SplitView.minimumWidth: 300
            editor: page.editor
        }
    }
}
