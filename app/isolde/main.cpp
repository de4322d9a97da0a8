// The isolde GUI: a QApplication (QtCharts needs one) that loads the Isolde QML module.
#include "spec/SpecDefaults.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(IsoldePlugin)

// Renders `window` once it has shown its first frame, writes it as PNG and quits: how the
// README's screenshots are made and how tests see what a person would see.
static void screenshotAfterFirstFrame(QQuickWindow *window, const QString &file)
{
    QObject::connect(
        window, &QQuickWindow::frameSwapped, window,
        [window, file] {
            // One more turn of the event loop lets late bindings settle before the grab.
            QTimer::singleShot(0, window, [window, file] {
                const bool saved = window->grabWindow().save(file, "PNG");
                if (!saved)
                    qCritical("isolde: cannot write the screenshot to %s", qPrintable(file));
                QCoreApplication::exit(saved ? 0 : 1);
            });
        },
        Qt::SingleShotConnection);
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Isolde"));
    QApplication::setOrganizationName(QStringLiteral("Isolde"));
    QApplication::setApplicationVersion(QStringLiteral(ISOLDE_VERSION));

    // The system locale picks the translation; English needs none.
    QTranslator translator;
    if (translator.load(QLocale::system(), QStringLiteral("isolde"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Isolde container manager"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the window once, save it as PNG and exit."),
        QStringLiteral("FILE"));
    parser.addOption(screenshotOption);
    parser.process(app);

    QQmlApplicationEngine engine;
    engine.setInitialProperties(
        {{QStringLiteral("specJson"), QString::fromUtf8(isolde::spec::defaultSpec().toJson())}});
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/Isolde/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    if (parser.isSet(screenshotOption)) {
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        screenshotAfterFirstFrame(window, parser.value(screenshotOption));
    }
    return QApplication::exec();
}
