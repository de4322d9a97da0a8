import QtQml
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde
import Isolde.Models

// The window: a side bar of pages, the page, a banner while the helper cannot be reached and
// the helper's error messages, which never block. Pages load when first shown, so starting
// on the containers page never builds the detail page's charts.
ApplicationWindow {
    id: window

    // containers, create, detail, images, lab or lessons (main.cpp checks the name).
    required property string initialPage
    // The container the detail page shows: an id, a unique prefix or a name.
    required property string initialContainer

    property string currentPage: initialPage
    property string containerId: initialContainer
    readonly property var pages: [
        {name: "containers", title: qsTr("Containers"), source: "containers/ContainersPage.qml"},
        {name: "create", title: qsTr("Create"), source: "editor/EditorPage.qml"},
        {name: "detail", title: qsTr("Container"), source: "detail/DetailPage.qml"},
        {name: "images", title: qsTr("Images"), source: "images/ImagesPage.qml"},
        {name: "lab", title: qsTr("Lab"), source: "teaching/LabPage.qml"},
        {name: "lessons", title: qsTr("Lessons"), source: "teaching/LessonsPage.qml"}
    ]
    readonly property int currentIndex: Math.max(0, pages.findIndex(p => p.name === currentPage))
    readonly property Loader currentLoader: pageRepeater.count > currentIndex
                                            ? pageRepeater.itemAt(currentIndex) : null
    readonly property Item currentItem: currentLoader ? currentLoader.item : null
    // The page has the data it shows (a page without `ready` has none to wait for); what
    // --screenshot waits for.
    readonly property bool ready: currentLoader !== null
                                  && (currentLoader.status === Loader.Error
                                      || (currentItem !== null && currentItem.ready !== false))

    function show(name) {
        if (name === "detail" && containerId.length === 0)
            return
        currentPage = name
    }
    function openContainer(id) {
        containerId = id
        currentPage = "detail"
    }
    function pageItem(name) {
        const loader = pageRepeater.itemAt(pages.findIndex(p => p.name === name))
        return loader ? loader.item : null
    }

    width: 1280
    height: 800
    minimumWidth: 900
    minimumHeight: 560
    visible: true
    title: currentItem && currentItem.title ? qsTr("%1 — Isolde").arg(currentItem.title)
                                            : qsTr("Isolde")

    Connections {
        target: Helper

        function onErrorOccurred(message) {
            messages.show(message)
        }
        function onContainerCreated(id) {
            window.openContainer(id)
        }
    }

    Shortcut {
        sequences: [StandardKey.New]
        context: Qt.ApplicationShortcut
        onActivated: window.show("create")
    }
    Shortcut {
        sequences: [StandardKey.Find]
        context: Qt.ApplicationShortcut
        onActivated: {
            window.show("containers")
            window.pageItem("containers")?.focusSearch()
        }
    }
    Shortcut {
        sequences: [StandardKey.Delete]
        enabled: window.currentItem && typeof window.currentItem.removeSelected === "function"
        onActivated: window.currentItem.removeSelected()
    }
    Shortcut {
        sequence: "Ctrl+S"
        enabled: window.currentItem && typeof window.currentItem.startOrStop === "function"
        onActivated: window.currentItem.startOrStop()
    }
    Shortcut {
        sequence: "Ctrl+P"
        enabled: window.currentItem && typeof window.currentItem.pauseOrResume === "function"
        onActivated: window.currentItem.pauseOrResume()
    }
    Instantiator {
        model: window.pages

        Shortcut {
            required property int index
            required property var modelData

            sequence: "Ctrl+" + (index + 1)
            onActivated: window.show(modelData.name)
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Pane {
            id: sideBar

            Layout.fillHeight: true
            Layout.preferredWidth: 190
            padding: 0
            background: Rectangle {
                color: sideBar.palette.base
            }

            ColumnLayout {
                anchors.fill: parent
                spacing: 0

                Label {
                    Layout.margins: 16
                    text: qsTr("Isolde")
                    font.pixelSize: Qt.application.font.pixelSize * 1.5
                    font.bold: true
                }

                Repeater {
                    model: window.pages

                    ItemDelegate {
                        required property int index
                        required property var modelData

                        Layout.fillWidth: true
                        visible: modelData.name !== "detail" || window.containerId.length > 0
                        text: modelData.name === "detail" ? qsTr("Container: %1").arg(detailName())
                                                          : modelData.title
                        highlighted: window.currentIndex === index
                        Accessible.name: text
                        ToolTip.visible: hovered
                        ToolTip.delay: 800
                        ToolTip.text: qsTr("Ctrl+%1").arg(index + 1)
                        onClicked: window.show(modelData.name)

                        function detailName() {
                            const detail = window.pageItem("detail")
                            return detail && detail.containerName ? detail.containerName
                                                                  : window.containerId.slice(0, 12)
                        }
                    }
                }

                Item {
                    Layout.fillHeight: true
                }
            }
        }

        ToolSeparator {
            Layout.fillHeight: true
            orientation: Qt.Vertical
            padding: 0
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            ConnectionBanner {
                Layout.fillWidth: true
                busConnected: Helper.busConnected
                helperPresent: Helper.helperPresent
            }

            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: window.currentIndex

                Repeater {
                    id: pageRepeater

                    model: window.pages

                    Loader {
                        required property int index
                        required property var modelData

                        // Load on first visit, then keep: a page keeps its scroll and input.
                        active: window.currentIndex === index || status === Loader.Ready
                        source: modelData.source

                        onLoaded: {
                            // Pages offer what they need by name; the window wires what is there.
                            if ("containerId" in item)
                                item.containerId = Qt.binding(() => window.containerId)
                            if (item.openContainer)
                                item.openContainer.connect(window.openContainer)
                            if (item.createRequested)
                                item.createRequested.connect(() => window.show("create"))
                            if (item.closed)
                                item.closed.connect(() => window.show("containers"))
                        }
                    }
                }
            }
        }
    }

    MessageArea {
        id: messages

        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 16
        width: Math.min(480, parent.width - 32)
    }
}
