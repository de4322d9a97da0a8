// Real config.json files from other OCI runtimes, made at test time by `crun spec` and
// `runc spec` (plain and --rootless), so that the model meets what those runtimes write today.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

namespace isolde::test {

// Adds the rows "crun", "crun --rootless", "runc", "runc --rootless" with the columns
// runtime (QString) and rootless (bool).
inline void addRuntimeSpecRows()
{
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<bool>("rootless");
    for (const char *runtime : {"crun", "runc"}) {
        QTest::addRow("%s", runtime) << QString::fromLatin1(runtime) << false;
        QTest::addRow("%s --rootless", runtime) << QString::fromLatin1(runtime) << true;
    }
}

// Runs `<runtime> spec [--rootless]` in a fresh directory; returns config.json's text, or an
// empty array with the reason in `error`.
inline QByteArray generateRuntimeSpec(const QString &runtime, bool rootless, QString *error)
{
    // runc lives in /usr/sbin, which a user's PATH may lack.
    QString program = QStandardPaths::findExecutable(runtime);
    if (program.isEmpty())
        program = QStandardPaths::findExecutable(
            runtime, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    if (program.isEmpty()) {
        *error = runtime + QStringLiteral(" is not installed (scripts/debian-packages.txt)");
        return {};
    }
    QTemporaryDir bundle;
    QProcess process;
    process.setWorkingDirectory(bundle.path());
    QStringList arguments{QStringLiteral("spec")};
    if (rootless)
        arguments << QStringLiteral("--rootless");
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed: %3")
                     .arg(program, arguments.join(u' '),
                          QString::fromLocal8Bit(process.readAllStandardError()));
        return {};
    }
    QFile file(bundle.filePath(QStringLiteral("config.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.fileName() + QStringLiteral(": ") + file.errorString();
        return {};
    }
    return file.readAll();
}

} // namespace isolde::test
