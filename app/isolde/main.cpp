// The isolde GUI: a QApplication (QtCharts needs one) that loads the Isolde QML module.
#include <QApplication>
#include <QCommandLineParser>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>
#include <memory>

Q_IMPORT_QML_PLUGIN(IsoldePlugin)
Q_IMPORT_QML_PLUGIN(Isolde_ModelsPlugin)

namespace {

const QStringList pages = {QStringLiteral("containers"), QStringLiteral("create"),
                           QStringLiteral("detail"),     QStringLiteral("images"),
                           QStringLiteral("lab"),        QStringLiteral("lessons")};

// Grabs `window` at the first frame drawn while the root's `ready` is true (the page has its
// data), writes it as PNG and quits: how the README's screenshots are made and how tests see
// what a person would see.
void screenshotWhenReady(QQuickWindow *window, const QString &file)
{
    const QQmlProperty ready(window, QStringLiteral("ready"));
    // A change of `ready` alone may draw nothing new: ask for a frame so the check below runs.
    ready.connectNotifySignal(window, SLOT(update()));
    const auto frames = std::make_shared<QMetaObject::Connection>();
    *frames = QObject::connect(window, &QQuickWindow::frameSwapped, window, [=] {
        if (!ready.read().toBool())
            return;
        QObject::disconnect(*frames); // one screenshot
        // One more turn of the event loop lets late bindings settle before the grab.
        QTimer::singleShot(0, window, [window, file] {
            const bool saved = window->grabWindow().save(file, "PNG");
            if (!saved)
                qCritical("isolde: cannot write the screenshot to %s", qPrintable(file));
            QCoreApplication::exit(saved ? 0 : 1);
        });
    });
    window->update();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Isolde"));
    QApplication::setOrganizationName(QStringLiteral("Isolde"));
    QApplication::setApplicationVersion(QStringLiteral(ISOLDE_VERSION));
    // Fusion draws with the system palette (light or dark, KDE or GNOME) and keeps Quick
    // Controls' metrics; a user's QT_QUICK_CONTROLS_STYLE still wins.
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));

    // The system locale picks the translation; English needs none.
    QTranslator translator;
    if (translator.load(QLocale::system(), QStringLiteral("isolde"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Isolde container manager"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption pageOption(QStringLiteral("page"),
                                        QApplication::translate("main", "Open at page NAME: %1.")
                                            .arg(pages.join(QStringLiteral(", "))),
                                        QStringLiteral("NAME"));
    const QCommandLineOption containerOption(
        QStringLiteral("container"),
        QApplication::translate("main",
                                "The container the detail and lab pages show (id or name)."),
        QStringLiteral("ID"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the window once its data has loaded, save it "
                                        "as PNG and exit."),
        QStringLiteral("FILE"));
    parser.addOptions({pageOption, containerOption, screenshotOption});
    parser.process(app);

    const bool screenshot = parser.isSet(screenshotOption);
    QSettings settings;
    QString page = parser.value(pageOption);
    if (!page.isEmpty() && !pages.contains(page)) {
        qCritical("isolde: unknown page \"%s\" (one of %s)", qPrintable(page),
                  qPrintable(pages.join(QStringLiteral(", "))));
        return 2;
    }
    if (page.isEmpty())
        page = screenshot
                   ? pages.constFirst()
                   : settings.value(QStringLiteral("window/page"), pages.constFirst()).toString();
    // The detail page needs a container; without one it is not where to start again.
    if (!pages.contains(page) || (page == u"detail" && !parser.isSet(containerOption)))
        page = pages.constFirst();

    QQmlApplicationEngine engine;
    // Files in the modules' sub-folders import them by name; their qmldirs live in qrc:/.
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.setInitialProperties(
        {{QStringLiteral("initialPage"), page},
         {QStringLiteral("initialContainer"), parser.value(containerOption)}});
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/Isolde/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());

    if (screenshot) {
        // Screenshots have the same size on every machine, whatever the user last chose.
        window->resize(1280, 800);
        screenshotWhenReady(window, parser.value(screenshotOption));
    } else {
        const QRect geometry = settings.value(QStringLiteral("window/geometry")).toRect();
        if (geometry.isValid())
            window->setGeometry(geometry);
        QObject::connect(&app, &QCoreApplication::aboutToQuit, window, [window] {
            QSettings atExit;
            atExit.setValue(QStringLiteral("window/geometry"), window->geometry());
            atExit.setValue(QStringLiteral("window/page"), window->property("currentPage"));
        });
    }
    return QApplication::exec();
}
