# QML files of qml/containers (filled in by its owner)
