#include "DockerFormat.h"

#include <QJsonValue>
#include <cmath>

namespace isolde::cli {

QString humanDuration(qint64 milliseconds)
{
    const qint64 seconds = milliseconds / 1000;
    const qint64 minutes = seconds / 60;
    if (seconds < 1)
        return QStringLiteral("Less than a second");
    if (seconds == 1)
        return QStringLiteral("1 second");
    if (seconds < 60)
        return QStringLiteral("%1 seconds").arg(seconds);
    if (minutes == 1)
        return QStringLiteral("About a minute");
    if (minutes < 60)
        return QStringLiteral("%1 minutes").arg(minutes);
    // Go rounds the hours here: 89 minutes is "About an hour", 90 is "2 hours".
    const qint64 hours = qint64(std::round(double(milliseconds) / 3600000.0));
    if (hours == 1)
        return QStringLiteral("About an hour");
    if (hours < 48)
        return QStringLiteral("%1 hours").arg(hours);
    if (hours < 24 * 7 * 2)
        return QStringLiteral("%1 days").arg(hours / 24);
    if (hours < 24 * 30 * 2)
        return QStringLiteral("%1 weeks").arg(hours / 24 / 7);
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1 months").arg(hours / 24 / 30);
    return QStringLiteral("%1 years").arg(hours / 24 / 365);
}

QDateTime timestampOf(const QJsonValue &value)
{
    if (value.isDouble() && value.toDouble() > 0)
        return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
    if (value.isString())
        return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return {};
}

QString ageOf(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return {};
    return humanDuration(qMax<qint64>(0, time.msecsTo(now))) + QStringLiteral(" ago");
}

QString dockerStatus(const QJsonObject &container, const QDateTime &now)
{
    const QString state = container.value(QLatin1String("state"))
                              .toString(container.value(QLatin1String("status")).toString());
    const QDateTime started = timestampOf(container.value(QLatin1String("started")));
    const QString upFor = started.isValid()
                              ? QStringLiteral("Up ") + humanDuration(started.msecsTo(now))
                              : QStringLiteral("Up");
    if (state == QLatin1String("running"))
        return upFor;
    if (state == QLatin1String("paused"))
        return upFor + QStringLiteral(" (Paused)");
    if (state == QLatin1String("stopped")) {
        const QString exited =
            QStringLiteral("Exited (%1)").arg(container.value(QLatin1String("exit_code")).toInt());
        const QString age = ageOf(timestampOf(container.value(QLatin1String("finished"))), now);
        return age.isEmpty() ? exited : exited + QLatin1Char(' ') + age;
    }
    if (state == QLatin1String("created"))
        return QStringLiteral("Created");
    return state;
}

namespace {

QString scaled(double value, double base, const char *const units[], int count)
{
    int unit = 0;
    while (value >= base && unit < count - 1) {
        value /= base;
        ++unit;
    }
    // Go's "%.4g": four significant digits, no trailing zeros.
    return QString::number(value, 'g', 4) + QLatin1String(units[unit]);
}

} // namespace

QString binarySize(double bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    return scaled(bytes, 1024.0, units, 6);
}

QString decimalSize(double bytes)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    return scaled(bytes, 1000.0, units, 6);
}

QString shortId(const QString &id)
{
    QString hex = id;
    if (hex.startsWith(QLatin1String("sha256:")))
        hex = hex.mid(7);
    return hex.left(12);
}

void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &cell : header)
        widths << cell.size();
    for (const QStringList &row : rows) {
        for (qsizetype column = 0; column < row.size() && column < widths.size(); ++column)
            widths[column] = qMax(widths[column], row.at(column).size());
    }
    const auto printRow = [&](const QStringList &row) {
        QString line;
        for (qsizetype column = 0; column < row.size(); ++column) {
            const bool last = column + 1 == row.size();
            line += last ? row.at(column) : row.at(column).leftJustified(widths.value(column) + 3);
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out << line << '\n';
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
}

} // namespace isolde::cli
