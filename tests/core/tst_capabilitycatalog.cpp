// The capability catalog against libcap and the kernel headers: every number and name must be
// the kernel's, and Docker's 14 defaults must be exactly the 14.
#include "spec/CapabilityCatalog.h"

#include <QSet>
#include <QTest>
#include <linux/capability.h>
#include <sys/capability.h>

using namespace isolde::spec;

class TestCapabilityCatalog : public QObject
{
    Q_OBJECT

private slots:
    void coversEveryCapabilityOfTheKernelHeaders()
    {
        const auto caps = allCapabilities();
        QCOMPARE(qsizetype(caps.size()), qsizetype(CAP_LAST_CAP + 1));
        for (std::size_t i = 0; i < caps.size(); ++i)
            QCOMPARE(caps[i].number, int(i));
    }

    void namesAndNumbersAgreeWithLibcap()
    {
        for (const CapabilityInfo &cap : allCapabilities()) {
            cap_value_t value = -1;
            QVERIFY2(cap_from_name(cap.name, &value) == 0, cap.name);
            QCOMPARE(int(value), cap.number);
            char *name = cap_to_name(value);
            QCOMPARE(QString::fromLatin1(name).toUpper(), QString::fromLatin1(cap.name));
            cap_free(name);
        }
    }

    void everyCapabilityHasAOneLineSummary()
    {
        QSet<QString> summaries;
        for (const CapabilityInfo &cap : allCapabilities()) {
            const QString summary = QString::fromUtf8(cap.summary);
            QVERIFY2(summary.size() > 10, cap.name);
            QVERIFY2(!summary.contains(QLatin1Char('\n')), cap.name);
            summaries.insert(summary);
        }
        QCOMPARE(summaries.size(), qsizetype(allCapabilities().size()));
    }

    void dockerDefaultsAreTheFourteen()
    {
        const QStringList expected{
            QStringLiteral("CAP_CHOWN"),
            QStringLiteral("CAP_DAC_OVERRIDE"),
            QStringLiteral("CAP_FOWNER"),
            QStringLiteral("CAP_FSETID"),
            QStringLiteral("CAP_KILL"),
            QStringLiteral("CAP_SETGID"),
            QStringLiteral("CAP_SETUID"),
            QStringLiteral("CAP_SETPCAP"),
            QStringLiteral("CAP_NET_BIND_SERVICE"),
            QStringLiteral("CAP_NET_RAW"),
            QStringLiteral("CAP_SYS_CHROOT"),
            QStringLiteral("CAP_MKNOD"),
            QStringLiteral("CAP_AUDIT_WRITE"),
            QStringLiteral("CAP_SETFCAP"),
        };
        QCOMPARE(dockerDefaultCapabilities(), expected); // also in number order
        int flagged = 0;
        for (const CapabilityInfo &cap : allCapabilities())
            flagged += cap.dockerDefault ? 1 : 0;
        QCOMPARE(flagged, 14);
    }

    void findCapability_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("number");
        QTest::newRow("full name") << QStringLiteral("CAP_CHOWN") << 0;
        QTest::newRow("short name") << QStringLiteral("chown") << 0;
        QTest::newRow("mixed case") << QStringLiteral("Cap_Sys_Admin") << 21;
        QTest::newRow("short upper") << QStringLiteral("NET_ADMIN") << 12;
        QTest::newRow("surrounding spaces") << QStringLiteral(" sys_ptrace ") << 19;
        QTest::newRow("last") << QStringLiteral("checkpoint_restore") << 40;
        QTest::newRow("unknown") << QStringLiteral("CAP_FOO") << -1;
        QTest::newRow("empty") << QString() << -1;
        QTest::newRow("prefix only") << QStringLiteral("CAP_") << -1;
        QTest::newRow("number is not a name") << QStringLiteral("21") << -1;
        QTest::newRow("double prefix") << QStringLiteral("CAP_CAP_CHOWN") << -1;
    }

    void findCapability()
    {
        QFETCH(QString, query);
        QFETCH(int, number);
        const auto found = isolde::spec::findCapability(query);
        QCOMPARE(found.has_value(), number >= 0);
        if (found)
            QCOMPARE(found->number, number);
    }

    void canonicalNames()
    {
        QCOMPARE(canonicalCapabilityName(QStringLiteral("chown")), QStringLiteral("CAP_CHOWN"));
        QCOMPARE(canonicalCapabilityName(QStringLiteral("CAP_chown")), QStringLiteral("CAP_CHOWN"));
        QCOMPARE(canonicalCapabilityName(QStringLiteral("foo")), QStringLiteral("CAP_FOO"));
    }
};

QTEST_GUILESS_MAIN(TestCapabilityCatalog)
#include "tst_capabilitycatalog.moc"
