// Hands a whole window of samples to a chart series in one QXYSeries::replace(): the series
// redraws once per tick instead of once per appended or removed point, which is what keeps
// four live charts cheap. QML's XYSeries has no replace(QList<QPointF>), hence this.
#pragma once

#include <QObject>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

class SeriesFeeder : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    using QObject::QObject;

    // `series`: any XYSeries (LineSeries, ...). `points`: a list of points as
    // ContainerHistory.points() returns it, or a JS array of {x, y} / Qt.point values; each y
    // is multiplied by `yScale` (bytes to MiB on the way, without a JS loop).
    // Returns false when `series` is not an XYSeries.
    Q_INVOKABLE bool replace(QObject *series, const QVariant &points, qreal yScale = 1) const;
    // The two-point horizontal line a limit draws across the window [from, to].
    Q_INVOKABLE bool replaceWithLine(QObject *series, qreal from, qreal to, qreal y) const;
};
