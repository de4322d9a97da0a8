// core's byte units (spec/Units.h) for QML: the numeric field beside a memory or IO slider
// reads "512m", "1.5 GiB" or "4096" as Docker does and shows values as people read them.
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class ByteSize : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    // "512 MiB", "1.5 GiB"
    Q_INVOKABLE static QString human(double bytes);
    // Docker's shortest exact spelling: "512m"
    Q_INVOKABLE static QString docker(double bytes);
    // The bytes `text` names, or -1 when it names none (parseError says why).
    Q_INVOKABLE static double parse(const QString &text);
    // Docker's sentence for text that is not a size ("invalid size: 'abc'"), or "".
    Q_INVOKABLE static QString parseError(const QString &text);
};
