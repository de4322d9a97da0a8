// The spec-to-kernel map from a Probe reply in the helper's documented shape: which cgroup
// file holds each limit on v1 and v2 hosts, capability bits decoded, namespace inodes side by
// side, the seccomp rule for a chosen call, and the mountinfo lines of masked paths.
#include "spec/CapabilityCatalog.h"
#include "teaching/Experiments.h"
#include "teaching/KernelMap.h"

#include <QJsonArray>
#include <QTest>

using namespace isolde;
using namespace isolde::teaching;

namespace {

QJsonObject probeReply(const QString &cgroupLines)
{
    const QJsonObject container{
        {QStringLiteral("hostname"), QStringLiteral("isolde")},
        {QStringLiteral("cgroup"),
         QJsonObject{
             {QStringLiteral("limits"),
              QJsonObject{{QStringLiteral("memory"),
                           QJsonObject{{QStringLiteral("file"),
                                        QStringLiteral("/sys/fs/cgroup/memory.max")},
                                       {QStringLiteral("value"), QStringLiteral("67108864")}}}}}}},
        {QStringLiteral("capabilities"),
         QJsonObject{{QStringLiteral("effective"),
                      QJsonObject{{QStringLiteral("hex"), QStringLiteral("00000000a80425fb")}}},
                     {QStringLiteral("bounding"),
                      QJsonObject{{QStringLiteral("hex"), QStringLiteral("00000000a80425fb")}}}}},
        {QStringLiteral("seccomp"),
         QJsonObject{{QStringLiteral("mode"), 2},
                     {QStringLiteral("modeName"), QStringLiteral("filter")},
                     {QStringLiteral("filters"), 1}}},
        {QStringLiteral("syscalls"),
         QJsonObject{{QStringLiteral("ptrace"), QStringLiteral("EPERM")}}},
        {QStringLiteral("rootfs"),
         QJsonObject{{QStringLiteral("readOnly"), false},
                     {QStringLiteral("createFile"), QStringLiteral("OK")}}},
        {QStringLiteral("maskedPaths"),
         QJsonObject{
             {QStringLiteral("/proc/kcore"), QJsonObject{{QStringLiteral("exists"), true},
                                                         {QStringLiteral("readable"), false}}}}}};
    const QJsonObject host{
        {QStringLiteral("pid"), 4242},
        {QStringLiteral("CapEff"), QStringLiteral("00000000a80425fb")},
        {QStringLiteral("Seccomp"), QStringLiteral("2")},
        {QStringLiteral("namespaces"),
         QJsonObject{
             {QStringLiteral("pid"), QJsonObject{{QStringLiteral("container"), qint64(4026532301)},
                                                 {QStringLiteral("host"), qint64(4026531836)}}},
             {QStringLiteral("user"), QJsonObject{{QStringLiteral("container"), qint64(4026531837)},
                                                  {QStringLiteral("host"), qint64(4026531837)}}}}},
        {QStringLiteral("uid_map"), QStringLiteral("0 0 4294967295")},
        {QStringLiteral("cgroup"), cgroupLines},
        {QStringLiteral("hostname"), QStringLiteral("buildhost")}};
    return {{QStringLiteral("container"), container}, {QStringLiteral("host"), host}};
}

KernelMapRow find(const QList<KernelMapRow> &rows, const QString &setting,
                  const QString &specValue = {})
{
    for (const KernelMapRow &row : rows) {
        if (row.setting == setting && (specValue.isEmpty() || row.specValue == specValue))
            return row;
    }
    return {};
}

} // namespace

class TestKernelMap : public QObject
{
    Q_OBJECT
private slots:
    void cgroupFiles_data()
    {
        QTest::addColumn<QString>("cgroupLines");
        QTest::addColumn<QString>("file");
        QTest::newRow("v1") << QStringLiteral("4:memory:/isolde/helper/abc\n0::/isolde/helper/abc")
                            << QStringLiteral("/cg/memory/isolde/helper/abc/memory.limit_in_bytes");
        QTest::newRow("v2") << QStringLiteral("0::/isolde/helper/abc")
                            << QStringLiteral("/cg/isolde/helper/abc/memory.max");
    }
    void cgroupFiles()
    {
        QFETCH(QString, cgroupLines);
        QFETCH(QString, file);
        QStringList read;
        KernelMapInput in;
        in.spec = presetSpec(QStringLiteral("memhog"));
        in.probe = probeReply(cgroupLines);
        in.cgroupRoot = QStringLiteral("/cg");
        in.readHostFile = [&](const QString &path) {
            read.append(path);
            return path == file ? QStringLiteral("67108864") : QStringLiteral("max");
        };
        const auto rows = kernelMap(in);
        const KernelMapRow memory = find(rows, QStringLiteral("linux.resources.memory.limit"));
        QCOMPARE(memory.specValue, QStringLiteral("67108864"));
        QCOMPARE(memory.enforcedAt, file);
        QCOMPARE(memory.host, QStringLiteral("67108864"));
        QCOMPARE(memory.live, QStringLiteral("67108864"));
        QVERIFY(read.contains(file));
    }

    void capabilitiesNamespacesSeccompMounts()
    {
        KernelMapInput in;
        in.spec = presetSpec(QString());
        in.probe = probeReply(QStringLiteral("0::/isolde/helper/abc"));
        in.syscall = QStringLiteral("ptrace");
        in.mountinfo = QStringLiteral(
            "700 690 0:60 / / rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u\n"
            "710 700 0:5 /null /proc/kcore rw,nosuid - devtmpfs udev rw\n");
        in.readHostFile = [](const QString &) { return QStringLiteral("max"); };
        const auto rows = kernelMap(in);

        const KernelMapRow sysAdmin = find(rows, QStringLiteral("process.capabilities"),
                                           QStringLiteral("CAP_SYS_ADMIN dropped"));
        QCOMPARE(sysAdmin.enforcedAt, QStringLiteral("bit 21 of CapEff and CapBnd"));
        QCOMPARE(sysAdmin.live, QStringLiteral("in CapEff: no, in CapBnd: no"));
        QVERIFY(find(rows, QStringLiteral("process.capabilities"),
                     QStringLiteral("CAP_NET_RAW dropped"))
                    .setting.isEmpty()); // Docker keeps it

        const KernelMapRow pid = find(rows, QStringLiteral("linux.namespaces[pid]"));
        QCOMPARE(pid.specValue, QStringLiteral("new"));
        QCOMPARE(pid.live, QStringLiteral("4026532301"));
        QCOMPARE(pid.host, QStringLiteral("4026531836"));
        QVERIFY(pid.sentence.contains(QLatin1String("of its own")));
        const KernelMapRow user = find(rows, QStringLiteral("linux.namespaces[user]"));
        QCOMPARE(user.specValue, QStringLiteral("the host's"));
        QVERIFY(user.sentence.contains(QLatin1String("shares")));

        const KernelMapRow rule = find(rows, QStringLiteral("linux.seccomp.syscalls"));
        QCOMPARE(rule.specValue, QStringLiteral("ptrace: SCMP_ACT_ERRNO"));
        QCOMPARE(rule.live, QStringLiteral("ptrace() gives EPERM"));

        const KernelMapRow kcore =
            find(rows, QStringLiteral("linux.maskedPaths"), QStringLiteral("/proc/kcore"));
        QVERIFY(kcore.host.contains(QLatin1String(" /proc/kcore ")));
        QCOMPARE(kcore.live, QStringLiteral("exists: true, readable: false"));
        QVERIFY(
            find(rows, QStringLiteral("root.readonly")).host.contains(QLatin1String("overlay")));
    }

    void decodesCapabilityBits()
    {
        QCOMPARE(decodeCapabilities(QStringLiteral("00000000a80425fb")),
                 spec::dockerDefaultCapabilities());
        QVERIFY(decodeCapabilities(QStringLiteral("not hex")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKernelMap)
#include "tst_kernelmap.moc"
