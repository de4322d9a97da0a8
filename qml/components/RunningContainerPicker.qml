import QtQuick
import QtQuick.Controls
import Isolde.Models

// Chooses one of the running containers. `containerId` (an id, a unique id prefix or a name)
// selects the row; choosing a row emits chosen() with the full id.
ComboBox {
    id: picker

    property string containerId
    // The container list has been read (or could not be), so the box shows the truth.
    readonly property bool loaded: containers.loaded

    signal chosen(string id)

    // The row of `id` among the running containers, -1 when it is not running.
    function runningRow(id) {
        if (id.length === 0)
            return -1
        for (let row = 0; row < running.count; ++row) {
            const container = running.get(row)
            if (container.name === id || container.containerId.startsWith(id))
                return row
        }
        return -1
    }

    model: running
    textRole: "name"
    valueRole: "containerId"
    enabled: running.count > 0
    // Follows containerId, also when it is set from outside.
    currentIndex: running.count > 0 ? runningRow(containerId) : -1
    displayText: currentIndex >= 0 ? currentText
                 : running.count > 0 ? qsTr("Choose a running container")
                 : qsTr("No container is running")
    onActivated: chosen(currentValue)

    ContainerListModel {
        id: containers
    }

    ContainerFilterModel {
        id: running

        sourceModel: containers
        stateFilter: "running"
    }
}
