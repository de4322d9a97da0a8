import QtQuick
import QtQuick.Controls

// One section of the editor: a vertically scrolling form with a margin.
ScrollView {
    id: root

    default property alias form: column.data

    contentWidth: availableWidth
    clip: true

    Column {
        id: column

        x: 12
        y: 12
        width: root.availableWidth - 24
        bottomPadding: 24
    }
}
