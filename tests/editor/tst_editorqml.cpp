// Qt Quick Tests of the editor's components (tst_*.qml beside this file): LogScale's mapping
// and LimitSlider showing its field's validation message. The modules are static plugins of
// this build; a QApplication first, as the GUI has (QtCharts needs one).
#include <QApplication>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(IsoldePlugin)
Q_IMPORT_QML_PLUGIN(Isolde_ModelsPlugin)

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Where qt_add_qml_module puts the modules' qmldir files in Qt 6.4's resources.
        engine->addImportPath(QStringLiteral(":/"));
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "tst_editorqml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "tst_editorqml.moc"
