# QML files of qml/detail (filled in by its owner)
