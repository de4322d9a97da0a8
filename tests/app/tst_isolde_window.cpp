// Starts the real isolde binary on the offscreen platform and checks the window it renders.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestIsoldeWindow : public QObject
{
    Q_OBJECT

private slots:
    void rendersWithoutABus_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("default page") << QStringList{};
        // The lab needs no --container: it offers the running ones (none here) to choose from.
        QTest::newRow("lab") << QStringList{QStringLiteral("--page"), QStringLiteral("lab")};
    }

    // No helper reachable: a page still renders, with the banner that says why.
    void rendersWithoutABus()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("window.png"));

        QProcess isolde;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
        // A bus that is not there, whatever runs on this machine.
        environment.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-bus")));
        isolde.setProcessEnvironment(environment);
        isolde.start(QCoreApplication::applicationDirPath() + QStringLiteral("/isolde"),
                     arguments + QStringList{QStringLiteral("--screenshot"), png});
        QVERIFY2(isolde.waitForFinished(60000), "isolde did not exit after its screenshot");
        QCOMPARE(isolde.exitStatus(), QProcess::NormalExit);
        QVERIFY2(isolde.exitCode() == 0, isolde.readAllStandardError().constData());

        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1280, 800));
        // A window that shows text has many distinct colours; a blank one has one or two.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 10, "the window rendered blank");
    }

    void followsTheSystemLocale()
    {
        const auto helpIn = [](const QString &lang) {
            QProcess isolde;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            environment.remove(QStringLiteral("LC_ALL"));
            environment.remove(QStringLiteral("LC_MESSAGES"));
            environment.remove(QStringLiteral("LANGUAGE"));
            environment.insert(QStringLiteral("LANG"), lang);
            isolde.setProcessEnvironment(environment);
            isolde.start(QCoreApplication::applicationDirPath() + QStringLiteral("/isolde"),
                         {QStringLiteral("--help")});
            isolde.waitForFinished(30000);
            return QString::fromUtf8(isolde.readAllStandardOutput());
        };
        QVERIFY(helpIn(QStringLiteral("de_DE.UTF-8")).contains(u"Isolde-Containerverwaltung"));
        QVERIFY(helpIn(QStringLiteral("C.UTF-8")).contains(u"Isolde container manager"));
    }
};

QTEST_GUILESS_MAIN(TestIsoldeWindow)
#include "tst_isolde_window.moc"
