// How docker's command line shows things to people: ages ("5 minutes ago"), statuses
// ("Up 2 hours", "Exited (0) 3 seconds ago"), sizes ("1.5MiB", "4.1MB") and tables whose
// columns are padded the way docker's tabwriter pads them.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace isolde::cli {

// Go's units.HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks".
QString humanDuration(qint64 milliseconds);

// A helper timestamp: RFC 3339 text or Unix milliseconds; invalid when absent.
QDateTime timestampOf(const QJsonValue &value);

// "5 minutes ago", or "" for an invalid time.
QString ageOf(const QDateTime &time, const QDateTime &now);

// docker ps's STATUS from a summary or an inspect "state": "Created", "Up 5 minutes",
// "Up 5 minutes (Paused)", "Exited (137) 2 seconds ago".
QString dockerStatus(const QJsonObject &container, const QDateTime &now);

// Go's units.BytesSize ("1.5MiB") and units.HumanSize ("4.1MB"), both with four digits.
QString binarySize(double bytes);
QString decimalSize(double bytes);

// The first 12 hex digits, as docker shows ids ("sha256:" dropped).
QString shortId(const QString &id);

// Rows of cells printed with three spaces between columns, every column as wide as its
// widest cell.
void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows);

} // namespace isolde::cli
