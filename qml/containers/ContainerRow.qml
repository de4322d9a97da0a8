import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde

// One line of the containers table, or with `heading` the table's column titles: both share
// the column widths so that they line up.
Control {
    id: row

    property bool heading: false
    property bool selected: false
    property bool current: false
    property string nameText: qsTr("Name")
    property string imageText: qsTr("Image")
    property string stateText: qsTr("State")
    property string uptimeText: qsTr("Up")
    property string cpuText: qsTr("CPU")
    property string memoryText: qsTr("Memory")
    property var sparklineValues: []

    signal toggled
    signal clickedWith(int modifiers)
    signal activated

    hoverEnabled: !heading
    padding: 6
    Accessible.role: heading ? Accessible.ColumnHeader : Accessible.Row
    Accessible.name: heading ? "" : qsTr("%1, %2, %3").arg(nameText).arg(stateText).arg(imageText)

    background: Rectangle {
        color: row.heading ? row.palette.window
             : row.selected ? row.palette.highlight
             : row.current || row.hovered ? row.palette.alternateBase : row.palette.base
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 1
            color: row.palette.mid
            opacity: 0.5
        }
    }

    TapHandler {
        id: tap

        enabled: !row.heading
        acceptedModifiers: Qt.KeyboardModifierMask
        onTapped: row.clickedWith(tap.point.modifiers)
        onDoubleTapped: row.activated()
    }

    contentItem: RowLayout {
        spacing: 12

        readonly property color textColor: row.selected ? row.palette.highlightedText
                                                        : row.palette.text

        CheckBox {
            opacity: row.heading ? 0 : 1
            enabled: !row.heading
            checked: row.selected
            focusPolicy: Qt.NoFocus
            Accessible.name: qsTr("Select %1").arg(row.nameText)
            onToggled: row.toggled()
        }
        Label {
            Layout.preferredWidth: 180
            Layout.fillWidth: true
            text: row.nameText
            font.bold: true
            elide: Text.ElideRight
            color: parent.textColor
        }
        Label {
            Layout.preferredWidth: 150
            Layout.fillWidth: true
            text: row.imageText
            elide: Text.ElideMiddle
            color: parent.textColor
        }
        Label {
            Layout.preferredWidth: 80
            text: row.stateText
            font.bold: row.heading
            color: parent.textColor
        }
        Label {
            Layout.preferredWidth: 90
            text: row.uptimeText
            font.bold: row.heading
            color: parent.textColor
        }
        Label {
            Layout.preferredWidth: 70
            horizontalAlignment: Text.AlignRight
            text: row.cpuText
            font.bold: row.heading
            color: parent.textColor
        }
        Label {
            Layout.preferredWidth: 170
            horizontalAlignment: Text.AlignRight
            text: row.memoryText
            font.bold: row.heading
            elide: Text.ElideLeft
            color: parent.textColor
        }
        Item {
            Layout.preferredWidth: 100
            Layout.preferredHeight: 24

            Label {
                anchors.verticalCenter: parent.verticalCenter
                visible: row.heading
                text: qsTr("Last minute")
                font.bold: true
            }
            Sparkline {
                anchors.fill: parent
                visible: !row.heading
                values: row.sparklineValues
                color: row.selected ? row.palette.highlightedText : row.palette.highlight
            }
        }
    }
}
