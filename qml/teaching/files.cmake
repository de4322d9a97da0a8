# QML files of qml/teaching: the experiments lab, the lessons and the spec-to-kernel map
# (embedded by the detail page's isolation tab and beside the editor).
qt_target_qml_sources(isolde_qml QML_FILES
    teaching/LabPage.qml
    teaching/LessonsPage.qml
    teaching/KernelMapView.qml
    teaching/NumbersPanel.qml
)
