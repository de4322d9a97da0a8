import QtQuick
import QtCharts
import QtTest
import Isolde

TestCase {
    name: "SeriesFeeder"
    // TestCase is invisible by default; these tests need what is drawn and clicked.
    visible: true
    when: windowShown
    width: 400
    height: 300

    ChartView {
        anchors.fill: parent
        animationOptions: ChartView.NoAnimation

        ValueAxis {
            id: axisX

            min: -60
            max: 0
        }
        ValueAxis {
            id: axisY

            min: 0
            max: 100
        }
        LineSeries {
            id: series

            axisX: axisX
            axisY: axisY
        }
    }

    SignalSpy {
        id: replacedSpy

        target: series
        signalName: "pointsReplaced"
    }

    function test_replacesAllPointsAtOnce() {
        replacedSpy.clear()
        verify(SeriesFeeder.replace(series, [Qt.point(-2, 10), Qt.point(-1, 20), Qt.point(0, 30)]))
        compare(series.count, 3)
        compare(series.at(0), Qt.point(-2, 10))
        compare(series.at(2), Qt.point(0, 30))
        // One signal for the whole window, not one per point.
        compare(replacedSpy.count, 1)

        verify(SeriesFeeder.replace(series, [Qt.point(0, 5)]))
        compare(series.count, 1)
        compare(replacedSpy.count, 2)
    }

    function test_acceptsXYObjects() {
        verify(SeriesFeeder.replace(series, [{x: -1, y: 1}, {x: 0, y: 2}]))
        compare(series.count, 2)
        compare(series.at(1), Qt.point(0, 2))
    }

    function test_limitLineSpansTheWindow() {
        verify(SeriesFeeder.replaceWithLine(series, -60, 0, 75))
        compare(series.count, 2)
        compare(series.at(0), Qt.point(-60, 75))
        compare(series.at(1), Qt.point(0, 75))
    }

    function test_refusesWhatIsNotASeries() {
        verify(!SeriesFeeder.replace(axisX, [Qt.point(0, 1)]))
    }
}
