# QML files of qml/editor (filled in by its owner)
