import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde
import Isolde.Models

// The spec as other tools take it, live: the docker run line, the config.json itself and a
// Kubernetes Pod, each with a Copy button; and, for a running container, where the kernel
// enforces each setting (the spec-to-kernel map).
ColumnLayout {
    id: root

    required property SpecEditor editor

    spacing: 0

    TabBar {
        id: tabs

        Layout.fillWidth: true

        TabButton { text: qsTr("docker run"); Accessible.name: qsTr("docker run preview") }
        TabButton { text: qsTr("config.json"); Accessible.name: qsTr("config.json preview") }
        TabButton { text: qsTr("Kubernetes"); Accessible.name: qsTr("Kubernetes manifest preview") }
        TabButton { text: qsTr("In the kernel"); Accessible.name: qsTr("Spec-to-kernel map of a running container") }
    }

    StackLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        currentIndex: tabs.currentIndex

        PreviewText {
            text: root.editor.dockerRun
            name: qsTr("docker run line")
            wrap: true
        }
        PreviewText {
            text: root.editor.configJson
            name: qsTr("config.json")
        }
        PreviewText {
            text: root.editor.kubernetes
            name: qsTr("Kubernetes manifest")
        }
        ColumnLayout {
            spacing: 4

            RunningContainerPicker {
                id: mapContainer

                Layout.fillWidth: true
                Layout.margins: 6
                Accessible.name: qsTr("Container whose settings the map follows into the kernel")
                onChosen: id => containerId = id
            }
            Loader {
                Layout.fillWidth: true
                Layout.fillHeight: true
                // Only when shown: the map probes the container.
                active: tabs.currentIndex === 3 && mapContainer.containerId.length > 0
                source: "../teaching/KernelMapView.qml"
                onLoaded: item.containerId = Qt.binding(() => mapContainer.containerId)
            }
        }
    }
}
