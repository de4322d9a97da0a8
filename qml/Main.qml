import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ApplicationWindow {
    id: window

    required property string specJson

    width: 900
    height: 700
    visible: true
    title: qsTr("Isolde")

    header: ToolBar {
        Label {
            anchors.verticalCenter: parent.verticalCenter
            leftPadding: 12
            text: qsTr("Default container spec (OCI config.json)")
            font.bold: true
        }
    }

    ScrollView {
        anchors.fill: parent
        anchors.margins: 8

        TextArea {
            readOnly: true
            selectByMouse: true
            font.family: "monospace"
            text: window.specJson
            Accessible.name: qsTr("Default spec")
        }
    }
}
