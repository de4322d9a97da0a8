import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import Isolde
import Isolde.Models

// The detail page's live view: four charts fed from the history's ring buffers, one
// SeriesFeeder.replace() per series per stats batch (1 s), and the limits beside them. A limit
// applies when its slider is released; its line on the chart moves at once.
RowLayout {
    id: monitor

    property string containerId
    // Off when the tab or page is hidden: nothing is fed or drawn.
    property bool active: true
    // A running container is charted once its lines have a few points (CPU % needs two
    // samples for its first); a stopped one has nothing more to wait for.
    readonly property bool ready: history.loaded && limits.loaded
                                  && (!history.hasData || history.sampleCount >= 3)

    readonly property real mebibyte: 1048576
    readonly property real gibibyte: 1073741824
    readonly property color limitColor: "#da4453"
    // Rates below 1 MiB/s are drawn in KiB/s.
    readonly property real ioScale: Math.max(history.peak("ioReadRate"), history.peak("ioWriteRate"))
                                    < mebibyte ? 1 / 1024 : 1 / mebibyte

    // The CPU conventions tools disagree on; the chart, its heading and its quota line follow
    // the one chosen.
    readonly property var cpuConventions: [
        {value: "perCore", text: qsTranslate("NumbersPanel", "per core (docker stats)"),
         heading: qsTr("CPU (%, 100 = one core): %1"),
         help: qsTr("100 % is one busy core; two busy cores are 200 %.")},
        {value: "host", text: qsTranslate("NumbersPanel", "share of the host (ctop, LXD)"),
         heading: qsTr("CPU (% of all %1 host CPUs): %2"),
         help: qsTr("100 % is every CPU of the host busy.")},
        {value: "quota", text: qsTranslate("NumbersPanel", "share of the quota"),
         heading: qsTr("CPU (% of the quota): %1"),
         help: qsTr("100 % is all of the container's CPU quota; without a quota there is "
                    + "nothing to show.")}
    ]
    readonly property var cpuConvention: cpuConventions.find(c => c.value === history.cpuConvention)
                                         ?? cpuConventions[0]

    // The CPU quota in the chosen convention, from the limit just set if any (history only
    // learns it with the next stats batch).
    function cpuLimitPercent() {
        if (!(limits.cpus > 0))
            return history.cpuLimitPercent
        if (history.cpuConvention === "quota")
            return 100
        if (history.cpuConvention === "host")
            return limits.cpus * 100 / Math.max(1, history.onlineCpus)
        return limits.cpus * 100
    }
    function cpuHeading() {
        const now = history.hasData && history.cpuPercent < 0
                  ? qsTranslate("NumbersPanel", "none")
                  : Units.formatPercent(history.cpuPercent)
        return history.cpuConvention === "host"
               ? cpuConvention.heading.arg(Math.max(1, history.onlineCpus)).arg(now)
               : cpuConvention.heading.arg(now)
    }
    function memoryLimit() {
        return limits.memoryLimit > 0 ? limits.memoryLimit : history.memoryLimit
    }
    function pidsLimit() {
        return limits.pidsLimit > 0 ? limits.pidsLimit : history.pidsLimit
    }
    function limitLine(series, value) {
        if (value > 0 && value < 1e18)
            SeriesFeeder.replaceWithLine(series, -history.windowSeconds, 0, value)
        else
            SeriesFeeder.replace(series, [])
    }
    function feedLimits() {
        limitLine(cpuQuota, cpuLimitPercent())
        limitLine(memoryMax, memoryLimit() / mebibyte)
        limitLine(pidsMax, pidsLimit())
    }
    function feed() {
        SeriesFeeder.replace(cpuUsage, history.points("cpuPercent"))
        SeriesFeeder.replace(memoryUsage, history.points("memoryUsage"), 1 / mebibyte)
        SeriesFeeder.replace(memoryAnon, history.points("memoryAnon"), 1 / mebibyte)
        SeriesFeeder.replace(memoryFile, history.points("memoryFile"), 1 / mebibyte)
        SeriesFeeder.replace(ioRead, history.points("ioReadRate"), ioScale)
        SeriesFeeder.replace(ioWrite, history.points("ioWriteRate"), ioScale)
        SeriesFeeder.replace(pidsCount, history.points("pids"))
        feedLimits()
    }
    function apply(property, value) {
        limits[property] = value
        limits.apply(property)
    }

    spacing: 0

    ContainerHistory {
        id: history

        containerId: monitor.containerId
        windowSeconds: windowBox.currentValue ?? 60
        cpuConvention: conventionBox.currentValue ?? "perCore"
    }

    ContainerLimits {
        id: limits

        containerId: monitor.containerId
    }

    Connections {
        target: history
        enabled: monitor.active

        function onUpdated() {
            monitor.feed()
        }
    }

    Connections {
        target: limits
        enabled: monitor.active

        function onCpusChanged() {
            monitor.feedLimits()
        }
        function onMemoryLimitChanged() {
            monitor.feedLimits()
        }
        function onPidsLimitChanged() {
            monitor.feedLimits()
        }
    }

    onActiveChanged: {
        if (active)
            feed()
    }
    Component.onCompleted: feed()

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.margins: 4
        columns: 2
        rowSpacing: 0
        columnSpacing: 0

        MetricChart {
            id: cpuChart

            Layout.fillWidth: true
            Layout.fillHeight: true
            heading: monitor.cpuHeading()
            windowSeconds: history.windowSeconds
            yPeak: Math.max(history.peak("cpuPercent"), monitor.cpuLimitPercent())
            yMinimumMaximum: 10

            LineSeries {
                id: cpuUsage

                name: qsTr("CPU")
                axisX: cpuChart.axisX
                axisY: cpuChart.axisY
                color: "#1d99f3"
                width: 2
            }
            LineSeries {
                id: cpuQuota

                name: qsTr("quota")
                axisX: cpuChart.axisX
                axisY: cpuChart.axisY
                color: monitor.limitColor
                style: Qt.DashLine
                width: 2
            }
        }

        MetricChart {
            id: memoryChart

            Layout.fillWidth: true
            Layout.fillHeight: true
            heading: qsTr("Memory (MiB): %1").arg(Units.formatUsage(history.memoryUsage,
                                                                   monitor.memoryLimit()))
            windowSeconds: history.windowSeconds
            yPeak: Math.max(history.peak("memoryUsage"), Math.min(monitor.memoryLimit(), 1e18))
                   / monitor.mebibyte
            yMinimumMaximum: 1

            LineSeries {
                id: memoryUsage

                name: qsTr("used")
                axisX: memoryChart.axisX
                axisY: memoryChart.axisY
                color: "#1d99f3"
                width: 2
            }
            LineSeries {
                id: memoryAnon

                name: qsTr("anonymous")
                axisX: memoryChart.axisX
                axisY: memoryChart.axisY
                color: "#f67400"
            }
            LineSeries {
                id: memoryFile

                name: qsTr("page cache")
                axisX: memoryChart.axisX
                axisY: memoryChart.axisY
                color: "#27ae60"
            }
            LineSeries {
                id: memoryMax

                name: qsTr("limit")
                axisX: memoryChart.axisX
                axisY: memoryChart.axisY
                color: monitor.limitColor
                style: Qt.DashLine
                width: 2
            }
        }

        MetricChart {
            id: ioChart

            Layout.fillWidth: true
            Layout.fillHeight: true
            heading: monitor.ioScale < 1 / 1024 ? qsTr("IO (MiB/s)") : qsTr("IO (KiB/s)")
            windowSeconds: history.windowSeconds
            yPeak: Math.max(history.peak("ioReadRate"), history.peak("ioWriteRate"))
                   * monitor.ioScale
            yMinimumMaximum: 1

            LineSeries {
                id: ioRead

                name: qsTr("read: %1").arg(Units.formatRate(history.ioReadRate))
                axisX: ioChart.axisX
                axisY: ioChart.axisY
                color: "#1d99f3"
                width: 2
            }
            LineSeries {
                id: ioWrite

                name: qsTr("write: %1").arg(Units.formatRate(history.ioWriteRate))
                axisX: ioChart.axisX
                axisY: ioChart.axisY
                color: "#f67400"
                width: 2
            }
        }

        MetricChart {
            id: pidsChart

            Layout.fillWidth: true
            Layout.fillHeight: true
            heading: qsTr("Processes: %1").arg(history.pids)
            windowSeconds: history.windowSeconds
            yPeak: Math.max(history.peak("pids"), monitor.pidsLimit())
            yMinimumMaximum: 5

            LineSeries {
                id: pidsCount

                name: qsTr("pids")
                axisX: pidsChart.axisX
                axisY: pidsChart.axisY
                color: "#9b59b6"
                width: 2
            }
            LineSeries {
                id: pidsMax

                name: qsTr("max")
                axisX: pidsChart.axisX
                axisY: pidsChart.axisY
                color: monitor.limitColor
                style: Qt.DashLine
                width: 2
            }
        }
    }

    ToolSeparator {
        Layout.fillHeight: true
        orientation: Qt.Vertical
        padding: 0
    }

    ScrollView {
        Layout.preferredWidth: 340
        Layout.fillHeight: true
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: 14

            RowLayout {
                Layout.fillWidth: true
                Layout.margins: 12
                Layout.bottomMargin: 0

                Label {
                    text: qsTr("Window")
                }
                ComboBox {
                    id: windowBox

                    Layout.fillWidth: true
                    textRole: "text"
                    valueRole: "seconds"
                    Accessible.name: qsTr("Time window of the charts")
                    model: [
                        {seconds: 60, text: qsTr("1 minute")},
                        {seconds: 600, text: qsTr("10 minutes")},
                        {seconds: 3600, text: qsTr("1 hour")}
                    ]
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12

                Label {
                    text: qsTranslate("NumbersPanel", "CPU %")
                }
                ComboBox {
                    id: conventionBox

                    Layout.fillWidth: true
                    textRole: "text"
                    valueRole: "value"
                    model: monitor.cpuConventions
                    Accessible.name: qsTr("CPU percent convention")
                    Accessible.description: monitor.cpuConvention.help
                    ToolTip.visible: hovered && !popup.visible
                    ToolTip.delay: Qt.styleHints.mousePressAndHoldInterval
                    ToolTip.text: monitor.cpuConvention.help

                    delegate: ItemDelegate {
                        id: convention

                        required property var modelData
                        required property int index

                        width: ListView.view.width
                        text: modelData.text
                        highlighted: conventionBox.highlightedIndex === index
                        Accessible.name: text
                        Accessible.description: modelData.help
                        ToolTip.visible: hovered
                        ToolTip.delay: Qt.styleHints.mousePressAndHoldInterval
                        ToolTip.text: modelData.help
                    }
                }
            }

            Label {
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                opacity: 0.8
                text: limits.loaded ? qsTr("Limits apply to the running container when you release a slider.")
                                    : qsTr("Reading the limits…")
            }

            LimitSlider {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                enabled: limits.loaded
                label: qsTr("CPUs")
                from: 0.1
                to: Math.max(1, history.onlineCpus)
                stepSize: 0.1
                decimals: 1
                enabledValue: 1
                value: limits.cpus
                onCommitted: v => monitor.apply("cpus", v)
            }
            LimitSlider {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                enabled: limits.loaded
                label: qsTr("Memory")
                unit: "bytes"
                logarithmic: true
                from: 6 * monitor.mebibyte
                to: 64 * monitor.gibibyte
                stepSize: monitor.mebibyte
                enabledValue: 512 * monitor.mebibyte
                value: limits.memoryLimit
                onCommitted: v => monitor.apply("memoryLimit", v)
            }
            LimitSlider {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                enabled: limits.loaded
                label: qsTr("Processes")
                logarithmic: true
                from: 1
                to: 32768
                stepSize: 1
                enabledValue: 100
                value: limits.pidsLimit
                onCommitted: v => monitor.apply("pidsLimit", v)
            }
            LimitSlider {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                enabled: limits.loaded
                label: qsTr("IO weight")
                from: 10
                to: 1000
                stepSize: 10
                enabledValue: 500
                value: limits.ioWeight
                onCommitted: v => monitor.apply("ioWeight", v)
            }
            Label {
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                opacity: 0.8
                visible: history.oomKills > 0
                text: qsTr("The kernel killed %n process(es) of this container for want of memory.",
                           "", history.oomKills)
            }
        }
    }
}
