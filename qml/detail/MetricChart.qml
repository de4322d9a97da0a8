import QtQuick
import QtCharts

// One live chart of the detail page: time on x (seconds before now), the metric on y, in the
// window's colours. No animations: a tick replaces each series once and the chart draws once.
ChartView {
    id: chart

    // The title; ChartView's own title has no change signal to bind the accessible name to.
    property string heading
    property int windowSeconds: 60
    // The largest y the chart must show (data or limit); the axis adds headroom and rounds.
    property real yPeak: 0
    property real yMinimumMaximum: 1
    property alias axisX: xAxis
    property alias axisY: yAxis

    function niceCeiling(v) {
        if (v <= 0)
            return 1
        const magnitude = Math.pow(10, Math.floor(Math.log10(v)))
        for (const step of [1, 2, 2.5, 5, 10]) {
            if (v <= step * magnitude)
                return step * magnitude
        }
        return 10 * magnitude
    }

    title: heading
    antialiasing: true
    animationOptions: ChartView.NoAnimation
    backgroundColor: palette.base
    plotAreaColor: palette.base
    titleColor: palette.text
    legend.labelColor: palette.text
    legend.alignment: Qt.AlignBottom
    margins.top: 4
    margins.bottom: 4
    margins.left: 4
    margins.right: 4
    Accessible.role: Accessible.Chart
    Accessible.name: heading

    ValueAxis {
        id: xAxis

        min: -chart.windowSeconds
        max: 0
        tickCount: 7
        labelFormat: "%d s"
        labelsColor: chart.palette.text
        gridLineColor: chart.palette.mid
        lineVisible: false
    }

    ValueAxis {
        id: yAxis

        min: 0
        max: chart.niceCeiling(Math.max(chart.yPeak * 1.1, chart.yMinimumMaximum))
        tickCount: 5
        labelFormat: "%.4g"
        labelsColor: chart.palette.text
        gridLineColor: chart.palette.mid
        lineVisible: false
    }
}
