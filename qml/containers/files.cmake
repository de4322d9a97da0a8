# QML files of qml/containers: the containers page and its table row.
qt_target_qml_sources(isolde_qml QML_FILES
    containers/ContainersPage.qml
    containers/ContainerRow.qml
)
