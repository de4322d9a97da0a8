import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// A resource limit, for the spec editor and for a running container alike: a slider (linear,
// or logarithmic for ranges over orders of magnitude) with the number beside it, which takes
// typed values ("512m" for bytes), and the limit's validation message under both. With
// `optional`, a check box turns the limit off (value 0).
// Dragging only previews (edited); the end of a gesture (release, a key step, an accepted
// number, the check box) emits committed once: a running container is updated then, not on
// every pixel of a drag.
ColumnLayout {
    id: root

    property string label
    property real value: 0
    property real from: 0
    property real to: 100
    property bool logarithmic: false
    // Values snap to multiples of this (0: no snapping).
    property real stepSize: 0
    // "bytes": sizes in the field ("512 MiB"); otherwise plain numbers with `decimals`,
    // followed by `unit` when it is not empty.
    property string unit
    property int decimals: 0
    property bool optional: true
    // What the limit becomes when its check box is turned on.
    property real enabledValue: from
    property string message
    property string noneText: qsTr("No limit")

    readonly property bool limited: !optional || value !== 0
    readonly property alias inputError: field.parseMessage
    // The value under the handle while it is dragged, else the value.
    readonly property real previewValue: slider.pressed ? valueAt(slider.position) : value

    // Every change a person makes: slider moves and accepted numbers.
    signal edited(real value)
    // The end of a change.
    signal committed(real value)

    function snapped(v) {
        let out = v
        if (stepSize > 0)
            out = Math.round(out / stepSize) * stepSize
        return Math.min(Math.max(out, from), to)
    }
    // Slider position (0..1) -> value.
    function valueAt(position) {
        const p = Math.min(Math.max(position, 0), 1)
        return snapped(logarithmic ? LogScale.fromSlider(p, from, to) : from + p * (to - from))
    }
    // Value -> slider position (0..1), the inverse of valueAt up to snapping.
    function positionOf(v) {
        if (logarithmic)
            return LogScale.toSlider(v, from, to)
        return to > from ? Math.min(Math.max((v - from) / (to - from), 0), 1) : 0
    }
    function format(v) {
        if (unit === "bytes")
            return ByteSize.human(v)
        const text = Number(v).toLocaleString(Qt.locale(), "f", decimals)
        return unit.length > 0 ? text + " " + unit : text
    }
    // The value `text` names, or -1 when it names none.
    function parse(text) {
        if (unit === "bytes")
            return ByteSize.parse(text)
        const trimmed = (unit.length > 0 ? text.replace(unit, "") : text).trim()
        const number = Number.fromLocaleString(Qt.locale(), trimmed)
        return trimmed.length === 0 || isNaN(number) ? -1 : number
    }
    function change(v) {
        edited(v)
        committed(v)
    }

    spacing: 2

    Label {
        text: root.label
        font.bold: true
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: 8

        CheckBox {
            id: limitBox

            objectName: "limitBox"
            visible: root.optional
            checked: root.limited
            text: qsTr("Limit")
            Accessible.name: qsTr("Limit %1").arg(root.label)
            onToggled: root.change(checked ? root.snapped(root.enabledValue) : 0)
        }

        Slider {
            id: slider

            objectName: "slider"
            Layout.fillWidth: true
            enabled: root.limited
            from: 0
            to: 1
            value: root.positionOf(root.value)
            // Keyboard steps: a hundredth of the track.
            stepSize: 0.01
            Accessible.name: root.label

            onMoved: {
                root.edited(root.valueAt(position))
                // Arrow keys move without a press: each step is a whole gesture.
                if (!pressed)
                    root.committed(root.valueAt(position))
            }
            onPressedChanged: {
                if (!pressed)
                    root.committed(root.valueAt(position))
            }
        }

        TextField {
            id: field

            property string parseMessage

            objectName: "field"
            Layout.preferredWidth: 120
            enabled: root.limited
            text: root.limited ? root.format(root.previewValue) : root.noneText
            horizontalAlignment: TextInput.AlignRight
            selectByMouse: true
            Accessible.name: qsTr("%1 value").arg(root.label)

            onEditingFinished: {
                const parsed = root.parse(text)
                if (parsed < 0) {
                    parseMessage = root.unit === "bytes" ? ByteSize.parseError(text)
                                                         : qsTr("not a number: %1").arg(text)
                    return
                }
                parseMessage = ""
                // Typed values are taken as typed: the validator, not the slider's range,
                // says what is allowed.
                if (parsed !== root.value)
                    root.change(parsed)
            }
        }
    }

    Label {
        objectName: "message"
        Layout.fillWidth: true
        text: field.parseMessage.length > 0 ? field.parseMessage : root.message
        visible: text.length > 0
        // The palette has no error colour; its weight marks the message instead.
        font.bold: true
        wrapMode: Text.Wrap
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
    }
}
