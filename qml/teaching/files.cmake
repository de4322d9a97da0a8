# QML files of qml/teaching (filled in by its owner)
