import QtQuick
import QtTest
import Isolde

TestCase {
    name: "Sparkline"
    // TestCase is invisible by default; these tests need what is drawn and clicked.
    visible: true
    when: windowShown

    Sparkline {
        id: sparkline

        width: 101
        height: 21
        lineWidth: 1
        values: [0, 50, 100]
    }

    function test_newestAtTheRightEdgeOldestAtTheLeft() {
        compare(sparkline.pointAt(0).x, 0.5)
        compare(sparkline.pointAt(2).x, 100.5)
        compare(sparkline.pointAt(1).x, 50.5)
    }

    function test_scalesToTheLargestValueWithoutMaximum() {
        sparkline.maximum = 0
        compare(sparkline.scaleMaximum, 100)
        compare(sparkline.pointAt(0).y, 20.5) // bottom
        compare(sparkline.pointAt(1).y, 10.5)
        compare(sparkline.pointAt(2).y, 0.5) // top
    }

    function test_fixedMaximumClampsLargerValues() {
        sparkline.maximum = 50
        compare(sparkline.pointAt(1).y, 0.5)
        compare(sparkline.pointAt(2).y, 0.5)
        sparkline.maximum = 200
        compare(sparkline.pointAt(2).y, 10.5)
        sparkline.maximum = 0
    }

    function test_allZeroValuesStayAtTheBottom() {
        sparkline.values = [0, 0, 0]
        compare(sparkline.scaleMaximum, 1)
        compare(sparkline.pointAt(1).y, 20.5)
        sparkline.values = [0, 50, 100]
    }

    function test_drawsTheLine() {
        sparkline.color = "#ff0000"
        waitForRendering(sparkline)
        const image = grabImage(sparkline)
        // The line from bottom-left to top-right crosses the middle column near its middle.
        let reds = 0
        for (let y = 0; y < image.height; ++y) {
            if (image.red(50, y) > 100 && image.green(50, y) < 80)
                ++reds
        }
        verify(reds > 0, "no red pixel in the middle column")
    }
}
