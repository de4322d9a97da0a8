# QML files of qml/components (filled in by its owner)
