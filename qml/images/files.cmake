# QML files of qml/images (filled in by its owner)
