#include "SeriesFeeder.h"

#include <QJSValue>
#include <QPointF>
#include <QSequentialIterable>
#include <QXYSeries>

namespace {

QList<QPointF> toPoints(const QVariant &points)
{
    if (points.metaType() == QMetaType::fromType<QList<QPointF>>())
        return points.value<QList<QPointF>>();
    // A JS array arrives as QJSValue; its QVariantList form is iterable like any list.
    const QVariant list = points.metaType() == QMetaType::fromType<QJSValue>()
                              ? points.value<QJSValue>().toVariant()
                              : points;
    QList<QPointF> result;
    if (!list.canConvert<QVariantList>())
        return result;
    const auto iterable = list.value<QSequentialIterable>();
    result.reserve(iterable.size());
    for (const QVariant &point : iterable) {
        if (point.canConvert<QPointF>() && point.metaType() != QMetaType::fromType<QVariantMap>()) {
            result.append(point.toPointF());
        } else {
            const QVariantMap map = point.toMap();
            result.append(
                {map.value(QStringLiteral("x")).toReal(), map.value(QStringLiteral("y")).toReal()});
        }
    }
    return result;
}

} // namespace

bool SeriesFeeder::replace(QObject *series, const QVariant &points, qreal yScale) const
{
    auto *xy = qobject_cast<QXYSeries *>(series);
    if (!xy)
        return false;
    QList<QPointF> scaled = toPoints(points);
    if (yScale != 1) {
        for (QPointF &point : scaled)
            point.ry() *= yScale;
    }
    xy->replace(scaled);
    return true;
}

bool SeriesFeeder::replaceWithLine(QObject *series, qreal from, qreal to, qreal y) const
{
    auto *xy = qobject_cast<QXYSeries *>(series);
    if (!xy)
        return false;
    xy->replace(QList<QPointF>{{from, y}, {to, y}});
    return true;
}
