import QtQuick

// A small live line of the last values (oldest first), scaled to `maximum` or, when that is
// 0, to the largest value shown. One repaint per change of `values`.
Canvas {
    id: sparkline

    property var values: []
    property real maximum: 0
    property color color: palette.highlight
    property real lineWidth: 1.5

    readonly property real scaleMaximum: {
        if (maximum > 0)
            return maximum
        let largest = 0
        for (let i = 0; i < values.length; ++i)
            largest = Math.max(largest, values[i])
        return largest > 0 ? largest : 1
    }

    // Where value `index` is drawn; the newest value sits at the right edge.
    function pointAt(index) {
        const step = values.length > 1 ? (width - lineWidth) / (values.length - 1) : 0
        const clamped = Math.max(0, Math.min(values[index], scaleMaximum))
        const usable = height - lineWidth
        return Qt.point(lineWidth / 2 + index * step,
                        lineWidth / 2 + usable - clamped / scaleMaximum * usable)
    }

    implicitWidth: 80
    implicitHeight: 24
    renderStrategy: Canvas.Cooperative
    Accessible.role: Accessible.Chart
    Accessible.name: qsTr("Recent values")

    onValuesChanged: requestPaint()
    onScaleMaximumChanged: requestPaint()
    onColorChanged: requestPaint()

    onPaint: {
        const context = getContext("2d")
        context.reset()
        if (values.length < 2)
            return
        context.lineWidth = lineWidth
        context.strokeStyle = color
        context.lineJoin = "round"
        context.beginPath()
        const first = pointAt(0)
        context.moveTo(first.x, first.y)
        for (let i = 1; i < values.length; ++i) {
            const point = pointAt(i)
            context.lineTo(point.x, point.y)
        }
        context.stroke()
    }
}
