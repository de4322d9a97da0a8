pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Isolde.Models

// The guided tour: one lesson per isolation mechanism, each a few steps that create a
// container, run an experiment in it and point at the map or the numbers.
Page {
    id: page

    readonly property bool ready: true
    readonly property alias model: lessons
    property int currentLesson: 0
    // Step index -> message of its last run.
    property var messages: ({})
    property string mapGroup
    property bool showNumbers: false

    title: qsTr("Lessons")

    LessonModel {
        id: lessons

        onStepFinished: (lesson, step, ok, message) => {
            if (lesson !== page.currentLesson)
                return
            const m = Object.assign({}, page.messages)
            m[step] = (ok ? "" : qsTr("Failed: ")) + message
            page.messages = m
        }
    }

    Component.onDestruction: lessons.cleanup()

    SplitView {
        anchors.fill: parent

        ListView {
            id: lessonList

            SplitView.preferredWidth: 240
            clip: true
            model: lessons
            currentIndex: page.currentLesson
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.name: qsTr("Lessons")
            Accessible.role: Accessible.List
            onCurrentIndexChanged: {
                page.currentLesson = currentIndex
                page.messages = {}
                page.mapGroup = ""
                page.showNumbers = false
            }

            delegate: ItemDelegate {
                required property int index
                required property string title

                width: ListView.view.width
                text: title
                highlighted: ListView.isCurrentItem
                Accessible.name: title
                onClicked: lessonList.currentIndex = index
            }
        }

        ScrollView {
            id: body

            SplitView.fillWidth: true
            contentWidth: availableWidth

            ColumnLayout {
                width: body.availableWidth - 16
                x: 8
                spacing: 8

                Repeater {
                    model: lessons

                    ColumnLayout {
                        id: lesson

                        required property int index
                        required property string title
                        required property string summary
                        required property var steps

                        visible: index === page.currentLesson
                        Layout.fillWidth: true
                        spacing: 8

                        Label {
                            text: lesson.title
                            font.pixelSize: 22
                            font.bold: true
                        }
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            text: lesson.summary
                        }
                        Repeater {
                            model: lesson.visible ? lesson.steps : []

                            Frame {
                                id: stepFrame

                                required property int index
                                required property var modelData

                                Layout.fillWidth: true

                                ColumnLayout {
                                    anchors.fill: parent

                                    RowLayout {
                                        Layout.fillWidth: true

                                        Label {
                                            text: qsTr("%1.").arg(stepFrame.index + 1)
                                            font.bold: true
                                        }
                                        Label {
                                            Layout.fillWidth: true
                                            wrapMode: Text.Wrap
                                            text: stepFrame.modelData.text
                                        }
                                        Button {
                                            visible: stepFrame.modelData.action !== "read"
                                            enabled: !lessons.busy
                                            text: qsTr("Do it")
                                            Accessible.name: qsTr("Do step %1: %2")
                                                             .arg(stepFrame.index + 1)
                                                             .arg(stepFrame.modelData.text)
                                            onClicked: {
                                                const action = stepFrame.modelData.action
                                                if (action === "map")
                                                    page.mapGroup = stepFrame.modelData.argument
                                                if (action === "chart")
                                                    page.showNumbers = true
                                                lessons.performStep(page.currentLesson,
                                                                    stepFrame.index)
                                            }
                                        }
                                    }
                                    Label {
                                        Layout.fillWidth: true
                                        wrapMode: Text.Wrap
                                        visible: text.length > 0
                                        opacity: 0.85
                                        text: page.messages[stepFrame.index] ?? ""
                                    }
                                }
                            }
                        }
                    }
                }

                Label {
                    visible: lessons.measuredStartMs >= 0
                    font.bold: true
                    text: qsTr("Isolde created and started a container in %1 ms.")
                          .arg(lessons.measuredStartMs.toFixed(1))
                }
                BusyIndicator {
                    running: lessons.busy
                    visible: running
                    Accessible.name: qsTr("A step is running")
                }
                NumbersPanel {
                    Layout.fillWidth: true
                    visible: page.showNumbers && lessons.containerId.length > 0
                    containerId: visible ? lessons.containerId : ""
                }
                KernelMapView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 480
                    visible: page.mapGroup.length > 0 && lessons.containerId.length > 0
                    containerId: visible ? lessons.containerId : ""
                    group: page.mapGroup
                }
            }
        }
    }
}
