# QML files of qml/editor: the "Create / edit a spec" page and its sections (the sliders are
# the shared components/LimitSlider.qml).
qt_target_qml_sources(isolde_qml QML_FILES
    editor/EditorPage.qml
    editor/SectionView.qml
    editor/GeneralSection.qml
    editor/ResourcesSection.qml
    editor/SecuritySection.qml
    editor/NamespacesSection.qml
    editor/MountsSection.qml
    editor/PreviewPane.qml
    editor/PreviewText.qml
    editor/FieldMessage.qml
)
