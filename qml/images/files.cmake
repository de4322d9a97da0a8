# QML files of qml/images: the images page.
qt_target_qml_sources(isolde_qml QML_FILES
    images/ImagesPage.qml
)
