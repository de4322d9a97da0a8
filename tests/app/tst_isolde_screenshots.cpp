// Every page of the real isolde binary against the real helper on a private bus: each
// `isolde --page NAME --screenshot FILE` must exit by itself once the page has its data and
// leave a PNG that shows something (not one flat colour).
#include "HelperHarness.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using isolde::test::HelperHarness;

class TestIsoldeScreenshots : public QObject
{
    Q_OBJECT

private:
    HelperHarness m_harness;
    QTemporaryDir m_dir;
    QString m_containerId;

    static int distinctColours(const QImage &image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        return int(colours.size());
    }

private slots:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("needs root: the helper runs on a private system bus with polkitd");
        QVERIFY(m_dir.isValid());
        const auto started = m_harness.start();
        QVERIFY2(started.ok(), isolde::test::explain(started).constData());
        // A container that runs and writes, so that the detail page has charts and logs.
        const auto id =
            m_harness.runContainer({QStringLiteral("sh"), QStringLiteral("-c"),
                                    QStringLiteral("while true; do echo tick; sleep 1; done")},
                                   QStringLiteral("screenshot-subject"));
        QVERIFY2(id.ok(), isolde::test::explain(id).constData());
        m_containerId = id.value();
    }

    void rendersEveryPage_data()
    {
        QTest::addColumn<QString>("page");
        for (const char *page : {"containers", "create", "detail", "images", "lab", "lessons"})
            QTest::newRow(page) << QString::fromLatin1(page);
    }

    void rendersEveryPage()
    {
        QFETCH(QString, page);
        const QString png = m_dir.filePath(page + QStringLiteral(".png"));

        QProcess isolde;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
        // Settings of the person running the tests stay untouched.
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                           m_dir.filePath(QStringLiteral("config")));
        isolde.setProcessEnvironment(environment);
        QStringList arguments{QStringLiteral("--page"), page, QStringLiteral("--screenshot"), png};
        // Both pages show one container; the lab also works without (it offers a chooser).
        if (page == u"detail" || page == u"lab")
            arguments << QStringLiteral("--container") << QStringLiteral("screenshot-subject");
        isolde.start(HelperHarness::binDir() + QStringLiteral("/isolde"), arguments);
        if (!isolde.waitForFinished(60000)) {
            isolde.kill();
            isolde.waitForFinished();
            QFAIL(
                qPrintable(QStringLiteral("isolde --page %1 did not exit after its screenshot: %2")
                               .arg(page, QString::fromLocal8Bit(isolde.readAllStandardError()))));
        }
        QCOMPARE(isolde.exitStatus(), QProcess::NormalExit);
        QVERIFY2(isolde.exitCode() == 0, isolde.readAllStandardError().constData());

        const QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(png));
        QCOMPARE(image.size(), QSize(1280, 800));
        QVERIFY2(distinctColours(image) > 10, "the page rendered blank");

        // ISOLDE_SCREENSHOT_DIR keeps the pictures (the README's are made this way).
        const QString keep = qEnvironmentVariable("ISOLDE_SCREENSHOT_DIR");
        if (!keep.isEmpty()) {
            QFile::remove(keep + QLatin1Char('/') + page + QStringLiteral(".png"));
            QVERIFY(QFile::copy(png, keep + QLatin1Char('/') + page + QStringLiteral(".png")));
        }
    }

    void cleanupTestCase() { m_harness.cleanup(); }
};

QTEST_GUILESS_MAIN(TestIsoldeScreenshots)
#include "tst_isolde_screenshots.moc"
