// Slider positions for values that span orders of magnitude (memory: 6 MiB to many GiB):
// equal slider steps multiply the value by equal factors, so 8 MiB and 8 GiB are both easy
// to hit.
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

class LogScale : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    // The position in [0, 1] of `value` on a log scale from `min` to `max` (both > 0);
    // values outside the range land on its ends.
    Q_INVOKABLE static double toSlider(double value, double min, double max);
    // The inverse: min at 0, max at 1, exactly.
    Q_INVOKABLE static double fromSlider(double position, double min, double max);
};
