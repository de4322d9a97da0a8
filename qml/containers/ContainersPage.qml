import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde
import Isolde.Models

// Every container the user may see: what it runs, its state, how long it has been up and what
// it uses now, with a line of its recent CPU. Rows are selected with click, Ctrl+click,
// Shift+click or Space; the actions apply to every selected container.
Page {
    id: page

    // The first List has answered and, when anything runs, two stats batches with it (CPU %
    // is a difference of two): what the page shows is real.
    readonly property bool ready: containers.loaded && (statsBatches >= 2 || !anyRunning())
    property int statsBatches: 0
    // Ids of the selected containers, in a plain object used as a set.
    property var selection: ({})
    readonly property int selectedCount: Object.keys(selection).length
    // Ticks once a second so that uptimes count up between List replies.
    property real now: Date.now()

    signal openContainer(string containerId)
    signal createRequested

    function anyRunning() {
        for (let row = 0; row < containers.count; ++row) {
            if (containers.get(row).state === "running")
                return true
        }
        return false
    }
    function select(containerId, mode) {
        const next = mode === "toggle" || mode === "add" ? Object.assign({}, selection) : {}
        if (mode === "toggle" && next[containerId])
            delete next[containerId]
        else
            next[containerId] = true
        selection = next
    }
    function selectRange(fromRow, toRow) {
        const next = {}
        for (let row = Math.min(fromRow, toRow); row <= Math.max(fromRow, toRow); ++row)
            next[filtered.get(row).containerId] = true
        selection = next
    }
    function selectedRows() {
        const rows = []
        for (let row = 0; row < filtered.count; ++row) {
            const item = filtered.get(row)
            if (selection[item.containerId])
                rows.push(item)
        }
        if (rows.length === 0 && list.currentIndex >= 0 && list.currentIndex < filtered.count)
            rows.push(filtered.get(list.currentIndex))
        return rows
    }
    function forSelected(action) {
        for (const item of selectedRows())
            action(item)
    }
    function startOrStop() {
        forSelected(item => item.state === "running" || item.state === "paused"
                    ? Helper.stop(item.containerId) : Helper.start(item.containerId))
    }
    function pauseOrResume() {
        forSelected(item => item.state === "paused" ? Helper.resume(item.containerId)
                                                    : Helper.pause(item.containerId))
    }
    function kill() {
        forSelected(item => Helper.kill(item.containerId, "SIGKILL"))
    }
    function removeSelected() {
        const rows = selectedRows()
        if (rows.length === 0)
            return
        removeDialog.names = rows.map(item => item.name)
        removeDialog.ids = rows.map(item => item.containerId)
        removeDialog.open()
    }
    function focusSearch() {
        search.forceActiveFocus()
        search.selectAll()
    }
    function uptime(item) {
        if (item.state !== "running" && item.state !== "paused")
            return ""
        const started = item.startedAt instanceof Date ? item.startedAt.getTime() : NaN
        return isNaN(started) ? "" : Units.formatDuration((now - started) / 1000)
    }
    function stateText(state) {
        switch (state) {
        case "created": return qsTr("created")
        case "running": return qsTr("running")
        case "paused": return qsTr("paused")
        case "stopped": return qsTr("stopped")
        }
        return state
    }

    title: qsTr("Containers")

    Timer {
        interval: 1000
        repeat: true
        running: page.visible && filtered.count > 0
        onTriggered: page.now = Date.now()
    }

    ContainerListModel {
        id: containers
    }

    Connections {
        target: Helper
        enabled: page.statsBatches < 2

        function onStatsUpdated() {
            ++page.statsBatches
        }
    }

    ContainerFilterModel {
        id: filtered

        sourceModel: containers
        filterText: search.text
        stateFilter: stateBox.currentValue ?? ""
    }

    Dialog {
        id: removeDialog

        property var names: []
        property var ids: []

        anchors.centerIn: parent
        width: 440
        modal: true
        title: qsTr("Remove containers")
        standardButtons: Dialog.Ok | Dialog.Cancel

        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("Remove %1? Running containers are killed first; their files and logs are deleted.")
                  .arg(removeDialog.names.join(", "))
        }

        onAccepted: {
            for (const id of ids)
                Helper.remove(id, true)
            page.selection = {}
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 6

            TextField {
                id: search

                Layout.preferredWidth: 240
                placeholderText: qsTr("Filter by name, image or id")
                selectByMouse: true
                Accessible.name: qsTr("Filter containers")
                Keys.onDownPressed: list.forceActiveFocus()
            }
            ComboBox {
                id: stateBox

                textRole: "text"
                valueRole: "value"
                Accessible.name: qsTr("Show containers in state")
                model: [
                    {value: "", text: qsTr("All states")},
                    {value: "running", text: qsTr("Running")},
                    {value: "paused", text: qsTr("Paused")},
                    {value: "created", text: qsTr("Created")},
                    {value: "stopped", text: qsTr("Stopped")}
                ]
            }
            Item {
                Layout.fillWidth: true
            }
            Label {
                text: page.selectedCount > 0 ? qsTr("%n selected", "", page.selectedCount) : ""
            }
            ToolButton {
                text: qsTr("Start/Stop")
                enabled: page.selectedCount > 0 || list.currentIndex >= 0
                Accessible.name: qsTr("Start or stop the selected containers")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Start stopped containers, stop running ones (Ctrl+S)")
                onClicked: page.startOrStop()
            }
            ToolButton {
                text: qsTr("Pause/Resume")
                enabled: page.selectedCount > 0 || list.currentIndex >= 0
                Accessible.name: qsTr("Pause or resume the selected containers")
                onClicked: page.pauseOrResume()
            }
            ToolButton {
                text: qsTr("Kill")
                enabled: page.selectedCount > 0 || list.currentIndex >= 0
                Accessible.name: qsTr("Kill the selected containers")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Send SIGKILL")
                onClicked: page.kill()
            }
            ToolButton {
                text: qsTr("Remove")
                enabled: page.selectedCount > 0 || list.currentIndex >= 0
                Accessible.name: qsTr("Remove the selected containers")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Remove (Delete)")
                onClicked: page.removeSelected()
            }
            ToolButton {
                text: qsTr("New…")
                Accessible.name: qsTr("New container")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Create a container (Ctrl+N)")
                onClicked: page.createRequested()
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ContainerRow {
            id: headerRow

            Layout.fillWidth: true
            heading: true
        }

        ListView {
            id: list

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: filtered
            currentIndex: -1
            keyNavigationEnabled: true
            activeFocusOnTab: true
            boundsBehavior: Flickable.StopAtBounds
            highlightMoveDuration: 0
            Accessible.role: Accessible.Table
            Accessible.name: qsTr("Containers")
            ScrollBar.vertical: ScrollBar {}

            property int anchorRow: -1

            Keys.onSpacePressed: {
                if (currentIndex >= 0)
                    page.select(filtered.get(currentIndex).containerId, "toggle")
            }
            Keys.onReturnPressed: {
                if (currentIndex >= 0)
                    page.openContainer(filtered.get(currentIndex).containerId)
            }

            delegate: ContainerRow {
                id: row

                required property int index
                // Roles by name; "state" would clash with Item.state as a property.
                required property var model

                readonly property string containerId: model.containerId

                width: ListView.view.width
                selected: page.selection[containerId] === true
                current: ListView.isCurrentItem
                nameText: model.name
                imageText: model.image
                stateText: page.stateText(model.state)
                uptimeText: page.uptime(model) || "–"
                cpuText: Units.formatPercent(model.cpuPercent)
                memoryText: Units.formatUsage(model.memoryUsage, model.memoryLimit)
                sparklineValues: model.sparkline ?? []

                onToggled: page.select(containerId, "toggle")
                onClickedWith: modifiers => {
                    list.forceActiveFocus()
                    if (modifiers & Qt.ShiftModifier && list.anchorRow >= 0) {
                        page.selectRange(list.anchorRow, index)
                    } else {
                        page.select(containerId, modifiers & Qt.ControlModifier ? "toggle" : "only")
                        list.anchorRow = index
                    }
                    list.currentIndex = index
                }
                onActivated: page.openContainer(containerId)
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 64
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                // Without a bus the banner says what is wrong; "no containers" would not be true.
                visible: list.count === 0 && containers.loaded && Helper.busConnected
                text: containers.count === 0
                      ? qsTr("No containers yet. Create one with New… (Ctrl+N): the default image is ready to run.")
                      : qsTr("No container matches the filter.")
            }
        }
    }
}
