# QML files of qml/components: building blocks shared by the pages (LimitSlider also by the
# spec editor).
set_source_files_properties(components/Units.qml PROPERTIES QT_QML_SINGLETON_TYPE TRUE)
qt_target_qml_sources(isolde_qml QML_FILES
    components/Units.qml
    components/Sparkline.qml
    components/LimitSlider.qml
    components/ConnectionBanner.qml
    components/MessageArea.qml
    components/RunningContainerPicker.qml
)
