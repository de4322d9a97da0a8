// Docker's byte and CPU units, and their human forms.
#include "spec/Units.h"

#include <QTest>

using namespace isolde::spec;

class TestUnits : public QObject
{
    Q_OBJECT

private slots:
    void parseByteSize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        const qint64 k = 1024;
        QTest::newRow("bare number is bytes") << "4096" << qint64(4096);
        QTest::newRow("zero") << "0" << qint64(0);
        QTest::newRow("b") << "10b" << qint64(10);
        QTest::newRow("B") << "10B" << qint64(10);
        QTest::newRow("k") << "100k" << 100 * k;
        QTest::newRow("K") << "100K" << 100 * k;
        QTest::newRow("kb") << "100kb" << 100 * k;
        QTest::newRow("KiB") << "100KiB" << 100 * k;
        QTest::newRow("m") << "512m" << 512 * k * k;
        QTest::newRow("MB is binary too") << "512MB" << 512 * k * k;
        QTest::newRow("g") << "1g" << k * k * k;
        QTest::newRow("fraction") << "1.5g" << 3 * k * k * k / 2;
        QTest::newRow("fraction truncates") << "0.1k" << qint64(102);
        QTest::newRow("leading dot") << ".5m" << k * k / 2;
        QTest::newRow("t") << "2t" << 2 * k * k * k * k;
        QTest::newRow("p") << "1p" << k * k * k * k * k;
        QTest::newRow("space before suffix") << "1 GiB" << k * k * k;
    }
    void parseByteSize()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        const auto parsed = isolde::spec::parseByteSize(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().reason));
        QCOMPARE(qint64(*parsed), bytes);
    }

    void parseByteSizeErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("letters") << "abc"
                                 << "invalid size: 'abc'";
        QTest::newRow("empty") << ""
                               << "invalid size: ''";
        QTest::newRow("negative") << "-5m"
                                  << "invalid size: '-5m'";
        QTest::newRow("unknown suffix") << "12x"
                                        << "invalid suffix: 'x'";
        QTest::newRow("suffix too long") << "1gibb"
                                         << "invalid suffix: 'gibb'";
        QTest::newRow("b with more") << "1bi"
                                     << "invalid suffix: 'bi'";
        QTest::newRow("bad second letter") << "1mx"
                                           << "invalid suffix: 'mx'";
        QTest::newRow("two dots") << "1.2.3m"
                                  << "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax";
        QTest::newRow("overflow") << "9000000000p"
                                  << "invalid size: '9000000000p'";
    }
    void parseByteSizeErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const auto parsed = isolde::spec::parseByteSize(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().reason, reason);
    }

    void dockerByteSize_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << "0";
        QTest::newRow("odd bytes") << qint64(1000) << "1000";
        QTest::newRow("k") << qint64(1536) << "1536";
        QTest::newRow("exact k") << qint64(3072) << "3k";
        QTest::newRow("m") << qint64(512) * 1024 * 1024 << "512m";
        QTest::newRow("1.5g stays exact") << qint64(1536) * 1024 * 1024 << "1536m";
        QTest::newRow("g") << qint64(2) * 1024 * 1024 * 1024 << "2g";
    }
    void dockerByteSize()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(isolde::spec::dockerByteSize(bytes), text);
        QCOMPARE(qint64(*isolde::spec::parseByteSize(text)), bytes);
    }

    void humanByteSize_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("bytes") << qint64(12) << "12 B";
        QTest::newRow("zero") << qint64(0) << "0 B";
        QTest::newRow("KiB") << qint64(100 * 1024) << "100 KiB";
        QTest::newRow("MiB") << qint64(512) * 1024 * 1024 << "512 MiB";
        QTest::newRow("GiB fraction") << qint64(1536) * 1024 * 1024 << "1.5 GiB";
        QTest::newRow("two decimals") << qint64(1024 * 1024 + 1024 * 1024 / 3) << "1.33 MiB";
        QTest::newRow("unlimited") << qint64(-1) << "unlimited";
    }
    void humanByteSize()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(isolde::spec::humanByteSize(bytes), text);
    }

    void exactByteSize()
    {
        QCOMPARE(isolde::spec::exactByteSize(4096), "4096 bytes");
        QCOMPARE(isolde::spec::exactByteSize(qint64(6) * 1024 * 1024), "6 MiB");
        QCOMPARE(isolde::spec::exactByteSize(qint64(1) << 30), "1 GiB");
        QCOMPARE(isolde::spec::exactByteSize(qint64(1536) * 1024 * 1024), "1536 MiB");
        QCOMPARE(isolde::spec::exactByteSize(0), "0 bytes");
    }

    void kubernetesByteQuantity()
    {
        QCOMPARE(isolde::spec::kubernetesByteQuantity(qint64(512) * 1024 * 1024), "512Mi");
        QCOMPARE(isolde::spec::kubernetesByteQuantity(qint64(1) << 30), "1Gi");
        QCOMPARE(isolde::spec::kubernetesByteQuantity(1000), "1000");
    }

    void nanoCpus_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("nano");
        QTest::addColumn<qint64>("quota");
        QTest::newRow("1.5") << "1.5" << qint64(1500000000) << qint64(150000);
        QTest::newRow("whole") << "2" << qint64(2000000000) << qint64(200000);
        QTest::newRow("hundredth") << "0.01" << qint64(10000000) << qint64(1000);
        QTest::newRow("leading dot") << ".25" << qint64(250000000) << qint64(25000);
        QTest::newRow("nine digits") << "0.000000001" << qint64(1) << qint64(0);
        QTest::newRow("trailing zeros past nine digits")
            << "1.50000000000" << qint64(1500000000) << qint64(150000);
    }
    void nanoCpus()
    {
        QFETCH(QString, text);
        QFETCH(qint64, nano);
        QFETCH(qint64, quota);
        const auto parsed = parseNanoCpus(text);
        QVERIFY(parsed.ok());
        QCOMPARE(qint64(*parsed), nano);
        QCOMPARE(qint64(cpuQuotaFromNanoCpus(*parsed)), quota);
        QCOMPARE(qint64(*parseNanoCpus(isolde::spec::formatNanoCpus(*parsed))), nano);
    }

    void nanoCpusErrors()
    {
        QCOMPARE(parseNanoCpus("abc").error().reason, "failed to parse abc as a rational number");
        QCOMPARE(parseNanoCpus("1.0000000001").error().reason, "value is too precise");
        QCOMPARE(parseNanoCpus("").error().reason, "failed to parse  as a rational number");
        QCOMPARE(qint64(*parseNanoCpus("-1")), qint64(-1000000000));
    }

    void formatNanoCpus()
    {
        QCOMPARE(isolde::spec::formatNanoCpus(1500000000), "1.5");
        QCOMPARE(isolde::spec::formatNanoCpus(2000000000), "2");
        QCOMPARE(isolde::spec::formatNanoCpus(10000000), "0.01");
    }

    void parseDockerBool()
    {
        for (const char *yes : {"1", "t", "T", "TRUE", "true", "True"})
            QCOMPARE(isolde::spec::parseDockerBool(yes), std::optional<bool>(true));
        for (const char *no : {"0", "f", "F", "FALSE", "false", "False"})
            QCOMPARE(isolde::spec::parseDockerBool(no), std::optional<bool>(false));
        for (const char *neither : {"", "yes", "tRUE", "2"})
            QCOMPARE(isolde::spec::parseDockerBool(neither), std::nullopt);
    }

    void nanoCpusFromCpuQuota()
    {
        QCOMPARE(isolde::spec::nanoCpusFromCpuQuota(150000, DockerCpuPeriod),
                 std::optional<int64_t>(1500000000));
        QCOMPARE(isolde::spec::nanoCpusFromCpuQuota(150000, 50000), std::nullopt);
        QCOMPARE(isolde::spec::nanoCpusFromCpuQuota(-1, DockerCpuPeriod), std::nullopt);
    }
};

QTEST_APPLESS_MAIN(TestUnits)
#include "tst_units.moc"
