// One container's recent stats for the detail page's charts: a window of the session's
// StatsHistory as chart points, the current limits to draw as lines, and the latest values.
//
// x of every point is in seconds relative to the moment of the last update (negative), so
// that all series of one tick share one time axis; `updated` fires once per stats batch that
// concerns this container, and when a property changes what the points are.
#pragma once

#include "models/StatsHistory.h"

#include <QList>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace isolde::models {

class HelperSession;

class ContainerHistory : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // An id, a unique id prefix or a name.
    Q_PROPERTY(QString containerId READ containerId WRITE setContainerId NOTIFY containerIdChanged)
    // 60, 600 or 3600 as the page offers; any length up to the history's hour works.
    Q_PROPERTY(
        int windowSeconds READ windowSeconds WRITE setWindowSeconds NOTIFY windowSecondsChanged)
    // "perCore" (docker stats), "host" (ctop, LXD) or "quota"; see StatsHistory.h.
    Q_PROPERTY(
        QString cpuConvention READ cpuConvention WRITE setCpuConvention NOTIFY cpuConventionChanged)

    // There is something to draw, or there will not be: the container has a point, or it is
    // not running, or it could not be found (the error went to Helper.errorOccurred).
    Q_PROPERTY(bool loaded READ loaded NOTIFY updated)

    // Limits now, -1 when none. cpuLimitPercent is the CFS quota in the chosen convention
    // (100 under "quota").
    Q_PROPERTY(qreal cpuLimitPercent READ cpuLimitPercent NOTIFY updated)
    Q_PROPERTY(qreal memoryLimit READ memoryLimit NOTIFY updated)
    Q_PROPERTY(qreal pidsLimit READ pidsLimit NOTIFY updated)

    // The latest point; hasData is false (and the values 0) before the container has one.
    Q_PROPERTY(bool hasData READ hasData NOTIFY updated)
    Q_PROPERTY(int sampleCount READ sampleCount NOTIFY updated) // in the window
    // -1 under "quota" without a quota.
    Q_PROPERTY(qreal cpuPercent READ cpuPercent NOTIFY updated)
    Q_PROPERTY(qreal memoryUsage READ memoryUsage NOTIFY updated)
    Q_PROPERTY(qreal memoryAnon READ memoryAnon NOTIFY updated)
    Q_PROPERTY(qreal memoryFile READ memoryFile NOTIFY updated)
    Q_PROPERTY(qreal memoryInactiveFile READ memoryInactiveFile NOTIFY updated)
    Q_PROPERTY(qreal memoryShmem READ memoryShmem NOTIFY updated)
    Q_PROPERTY(qreal memoryKernel READ memoryKernel NOTIFY updated)
    Q_PROPERTY(qreal ioReadRate READ ioReadRate NOTIFY updated)
    Q_PROPERTY(qreal ioWriteRate READ ioWriteRate NOTIFY updated)
    Q_PROPERTY(int pids READ pids NOTIFY updated)
    Q_PROPERTY(int oomKills READ oomKills NOTIFY updated)
    Q_PROPERTY(int onlineCpus READ onlineCpus NOTIFY updated)
public:
    explicit ContainerHistory(QObject *parent = nullptr);
    ~ContainerHistory() override;

    QString containerId() const { return m_containerId; }
    void setContainerId(const QString &idOrName);
    int windowSeconds() const { return m_windowSeconds; }
    void setWindowSeconds(int seconds);
    QString cpuConvention() const;
    void setCpuConvention(const QString &name);

    qreal cpuLimitPercent() const;
    qreal memoryLimit() const;
    qreal pidsLimit() const;

    bool loaded() const { return m_loaded || hasData(); }
    bool hasData() const { return latest() != nullptr; }
    int sampleCount() const;
    qreal cpuPercent() const;
    qreal memoryUsage() const { return value(&StatsPoint::memoryUsage); }
    qreal memoryAnon() const { return value(&StatsPoint::memoryAnon); }
    qreal memoryFile() const { return value(&StatsPoint::memoryFile); }
    qreal memoryInactiveFile() const { return value(&StatsPoint::memoryInactiveFile); }
    qreal memoryShmem() const { return value(&StatsPoint::memoryShmem); }
    qreal memoryKernel() const { return value(&StatsPoint::memoryKernel); }
    qreal ioReadRate() const { return value(&StatsPoint::ioReadRate); }
    qreal ioWriteRate() const { return value(&StatsPoint::ioWriteRate); }
    int pids() const;
    int oomKills() const;
    int onlineCpus() const;

    // The window's points of `metric`, oldest first: cpuPercent (in the chosen convention),
    // memoryUsage, memoryAnon, memoryFile, memoryInactiveFile, memoryShmem, memoryKernel,
    // ioReadRate, ioWriteRate (bytes/s), pids, oomKills. Empty for an unknown metric.
    Q_INVOKABLE QList<QPointF> points(const QString &metric) const;
    // The largest value of `metric` in the window (0 when none), for the y axis.
    Q_INVOKABLE qreal peak(const QString &metric) const;

signals:
    void containerIdChanged();
    void windowSecondsChanged();
    void cpuConventionChanged();
    void updated();

private:
    const StatsRing *ring() const;
    const StatsPoint *latest() const;
    qreal value(float StatsPoint::*member) const;
    void refresh();

    HelperSession *m_session;
    QString m_containerId;
    QString m_id; // the 64-hex id that containerId names, once known
    bool m_loaded = false;
    quint64 m_generation = 0; // replies for an older containerId are dropped
    int m_windowSeconds = 60;
    CpuConvention m_convention = CpuConvention::PerCore;
    qint64 m_nowMs = 0; // x = 0
};

} // namespace isolde::models
