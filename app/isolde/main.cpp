// The isolde GUI: a QApplication (QtCharts needs one) that loads the Isolde QML module.
#include "spec/SpecDefaults.h"

#include <QApplication>
#include <QQmlApplicationEngine>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(IsoldePlugin)

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Isolde"));
    QApplication::setOrganizationName(QStringLiteral("Isolde"));

    QQmlApplicationEngine engine;
    engine.setInitialProperties(
        {{QStringLiteral("specJson"), QString::fromUtf8(isolde::spec::defaultSpec().toJson())}});
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/Isolde/Main.qml")));
    return QApplication::exec();
}
