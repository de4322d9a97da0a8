import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// The spec as other tools take it, live: the docker run line, the config.json itself and a
// Kubernetes Pod, each with a Copy button.
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
    }
}
