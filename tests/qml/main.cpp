// Runs the tst_*.qml files beside this file. A QApplication, made before quick_test_main,
// because the chart tests show a ChartView (QtCharts draws through QGraphicsScene).
#include <QApplication>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(IsoldePlugin)
Q_IMPORT_QML_PLUGIN(Isolde_ModelsPlugin)

class Setup : public QObject
{
    Q_OBJECT
public slots:
    // The modules' qmldirs are at qrc:/Isolde/ and qrc:/Isolde/Models/, as in the isolde binary.
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/")); }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "qml_components", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "main.moc"
