// Shared by the isolde-runtime tests: a private state root and data dir per test run, bundles
// made from the embedded busybox image, the runtime driven through its command line, the
// probe's JSON, and the checks that a container left nothing behind.
#pragma once

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <unistd.h>

namespace runtimetest {

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class Runtime
{
public:
    Runtime()
    {
        // Every program of the build, this test among them, is in one bin/ folder.
        const QString bin = QCoreApplication::applicationDirPath();
        runtime = bin + QStringLiteral("/isolde-runtime");
        probe = bin + QStringLiteral("/isolde-probe");
        root = tmp.path() + QStringLiteral("/state/runtime");
        // Container root in a user namespace (host uid 100000) must reach the image layers.
        QFile::setPermissions(tmp.path(), QFile::permissions(tmp.path()) | QFile::ReadOther |
                                              QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
        // The engine under test and the runtime it runs read these.
        qputenv("ISOLDE_DATA_DIR", QFile::encodeName(tmp.path() + QStringLiteral("/data")));
        qputenv("ISOLDE_STATE_DIR", QFile::encodeName(tmp.path() + QStringLiteral("/state")));
    }

    Result call(const QStringList &args, int timeoutMs = 60000) const
    {
        QProcess process;
        process.start(runtime, QStringList{QStringLiteral("--root"), root} + args);
        Result result;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            result.err = "timed out";
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    // A bundle of the busybox image (overlay root) running `args`.
    QString makeBundle(const QString &name, const QStringList &args = {})
    {
        const QString dir = tmp.path() + QStringLiteral("/bundles/") + name;
        QStringList command{QStringLiteral("bundle"), dir};
        if (!args.isEmpty())
            command << QStringLiteral("--") << args;
        const Result result = call(command);
        if (result.exitCode != 0)
            qWarning() << "bundle failed:" << result.err;
        return dir;
    }

    // A created and started container running `args`, its config changed first by `change`;
    // its host pid, 0 on failure.
    qint64 startContainer(const QString &id, const QStringList &args,
                          const std::function<void(QJsonObject &)> &change = {})
    {
        const QString bundle = makeBundle(id, args);
        if (change) {
            QJsonObject config = loadConfig(bundle);
            change(config);
            saveConfig(bundle, config);
        }
        const Result created = call({"create", "--bundle", bundle, id});
        if (created.exitCode != 0) {
            qWarning() << "create failed:" << created.err;
            return 0;
        }
        if (call({"start", id}).exitCode != 0)
            return 0;
        return QJsonDocument::fromJson(call({"state", id}).out)["pid"].toInteger();
    }

    // The same, with a plain directory root: the image's layer copied into bundle/rootfs.
    QString makePlainBundle(const QString &name, const QStringList &args = {})
    {
        const QString dir = makeBundle(name, args);
        QJsonObject config = loadConfig(dir);
        QJsonObject annotations = config.value("annotations").toObject();
        const QString layer = layers(dir).section(':', -1);
        annotations.remove("org.isolde.rootfs.layers");
        config.insert("annotations", annotations);
        saveConfig(dir, config);
        QDir(dir + "/rootfs").removeRecursively();
        QProcess::execute("cp", {"-a", layer, dir + "/rootfs"});
        return dir;
    }

    static QJsonObject loadConfig(const QString &bundle)
    {
        QFile file(bundle + QStringLiteral("/config.json"));
        file.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    // The bundle's overlay lower dirs (org.isolde.rootfs.layers), top-most first.
    static QString layers(const QString &bundle)
    {
        return loadConfig(bundle)
            .value("annotations")
            .toObject()
            .value("org.isolde.rootfs.layers")
            .toString();
    }

    static void saveConfig(const QString &bundle, const QJsonObject &config)
    {
        QFile file(bundle + QStringLiteral("/config.json"));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QJsonDocument(config).toJson());
    }

    // Makes the probe the container's program, from a read-only bind mount of the host file.
    void runProbeAsProcess(QJsonObject &config) const
    {
        QJsonArray mounts = config.value("mounts").toArray();
        mounts.append(QJsonObject{{"destination", "/isolde-probe"},
                                  {"type", "bind"},
                                  {"source", probe},
                                  {"options", QJsonArray{"bind", "ro"}}});
        config.insert("mounts", mounts);
        QJsonObject process = config.value("process").toObject();
        process.insert("args", QJsonArray{"/isolde-probe"});
        config.insert("process", process);
    }

    // `run` of the bundle with the probe as its program; its JSON, or an empty object.
    QJsonObject probeRun(const QString &bundle, const QString &id)
    {
        QJsonObject config = loadConfig(bundle);
        runProbeAsProcess(config);
        saveConfig(bundle, config);
        const Result result = call({"run", "--bundle", bundle, id});
        if (result.exitCode != 0)
            qWarning() << "probe run failed:" << result.exitCode << result.err;
        return QJsonDocument::fromJson(result.out).object();
    }

    // Kills and deletes every container of this test's root, whatever state it is in.
    void deleteAll() const
    {
        for (const QString &id : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            call({"delete", "--force", id});
    }

    // Everything create leaves on the host for `id`, as a list of what is still there.
    QStringList leftovers(const QString &id) const
    {
        QStringList found;
        if (QFileInfo::exists(root + '/' + id))
            found << "state dir " + root + '/' + id;
        for (const QString &hierarchy :
             QDir("/sys/fs/cgroup").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString cgroup = "/sys/fs/cgroup/" + hierarchy + "/isolde/" + id;
            if (QFileInfo::exists(cgroup))
                found << "cgroup " + cgroup;
        }
        QFile mountinfo("/proc/self/mountinfo");
        mountinfo.open(QIODevice::ReadOnly);
        if (mountinfo.readAll().contains(QFile::encodeName(tmp.path())))
            found << "a mount under " + tmp.path();
        const QByteArray marker = " " + id.toUtf8();
        for (const QString &pid : QDir("/proc").entryList(QDir::Dirs)) {
            QFile cmdline("/proc/" + pid + "/cmdline");
            if (!cmdline.open(QIODevice::ReadOnly))
                continue;
            const QByteArray text = cmdline.readAll().replace('\0', ' ');
            if (text.contains("isolde-runtime") && (text + ' ').contains(marker + ' '))
                found << "process " + pid + ": " + QString::fromUtf8(text);
        }
        return found;
    }

    QTemporaryDir tmp;
    QString runtime;
    QString probe;
    QString root;
};

inline quint64 hostNamespace(const QString &name)
{
    const QString link = QFile::symLinkTarget("/proc/self/ns/" + name);
    static const QRegularExpression number(QStringLiteral("\\[(\\d+)\\]"));
    return number.match(link).captured(1).toULongLong();
}

inline QStringList names(const QJsonValue &value)
{
    QStringList result;
    for (const QJsonValue &name : value.toArray())
        result << name.toString();
    return result;
}

} // namespace runtimetest
