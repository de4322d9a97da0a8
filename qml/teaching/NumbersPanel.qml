import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// "Reading the numbers": the container's CPU % in the convention chosen here and its memory
// broken down, with why tools show different numbers for the same container.
Frame {
    id: panel

    property string containerId

    ContainerHistory {
        id: history

        containerId: panel.containerId
        windowSeconds: 60
    }

    function megabytes(bytes) {
        return qsTr("%1 MiB").arg((bytes / 1048576).toFixed(1))
    }

    ColumnLayout {
        anchors.fill: parent

        RowLayout {
            Label {
                text: qsTr("CPU %")
                font.bold: true
            }
            RadioButton {
                checked: true
                text: qsTr("per core (docker stats)")
                Accessible.name: qsTr("CPU percent per core, as docker stats shows it")
                onToggled: history.cpuConvention = "perCore"
            }
            RadioButton {
                text: qsTr("share of the host (ctop, LXD)")
                Accessible.name: qsTr("CPU percent of all host CPUs, as ctop and LXD show it")
                onToggled: history.cpuConvention = "host"
            }
            RadioButton {
                text: qsTr("share of the quota")
                Accessible.name: qsTr("CPU percent of the container's quota")
                onToggled: history.cpuConvention = "quota"
            }
        }
        Label {
            text: !history.hasData ? qsTr("No sample yet.")
                  : history.cpuPercent < 0 ? qsTr("No quota: there is nothing to be a share of.")
                  : qsTr("%1 % now, limit %2").arg(history.cpuPercent.toFixed(1))
                    .arg(history.cpuLimitPercent < 0 ? qsTr("none")
                                                     : history.cpuLimitPercent.toFixed(0) + " %")
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            opacity: 0.8
            text: qsTr("One busy core is 100 % per core, %1 % of this %2-CPU host, and 500 % of a "
                       + "0.2 CPU quota: the same work in three conventions.")
                  .arg((100 / Math.max(1, history.onlineCpus)).toFixed(0))
                  .arg(Math.max(1, history.onlineCpus))
        }
        Label {
            text: qsTr("Memory")
            font.bold: true
        }
        GridLayout {
            columns: 2

            Label { text: qsTr("usage (what the limit counts)") }
            Label { text: panel.megabytes(history.memoryUsage) }
            Label { text: qsTr("anonymous (heap, stacks)") }
            Label { text: panel.megabytes(history.memoryAnon) }
            Label { text: qsTr("file cache") }
            Label { text: panel.megabytes(history.memoryFile) }
            Label { text: qsTr("inactive file cache") }
            Label { text: panel.megabytes(history.memoryInactiveFile) }
            Label { text: qsTr("shared memory (tmpfs, /dev/shm)") }
            Label { text: panel.megabytes(history.memoryShmem) }
            Label { text: qsTr("kernel (page tables, slabs)") }
            Label { text: panel.megabytes(history.memoryKernel) }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            opacity: 0.8
            text: qsTr("Tools disagree because they count different things: the cgroup's usage "
                       + "includes page cache the kernel can drop, docker stats subtracts the "
                       + "inactive file cache, top shows resident memory of processes and leaves "
                       + "out tmpfs and the kernel's own memory.")
        }
    }
}
