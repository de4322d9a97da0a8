// A container's resource limits as the detail page's sliders edit them while it runs.
//
// Loaded from Inspect (the spec's linux.resources). A setter only stores the value, so a
// slider can move freely; apply(property) then sends that one limit to the helper (Update)
// when the slider is released. On success `applied` fires; on failure the helper's sentence
// goes to Helper.errorOccurred and the property returns to the value in force.
//
// 0 means "no limit" for cpus, memoryLimit, memorySwap and pidsLimit, and "not set" for
// cpuWeight and ioWeight (which cannot be unset once set: the kernel always has a weight).
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace isolde::models {

class HelperSession;

class ContainerLimits : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // An id, a unique id prefix or a name.
    Q_PROPERTY(QString containerId READ containerId WRITE setContainerId NOTIFY containerIdChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
    // CPUs of CFS quota (linux.resources.cpu.quota / period).
    Q_PROPERTY(qreal cpus READ cpus WRITE setCpus NOTIFY cpusChanged)
    // linux.resources.cpu.shares, 2..262144 (1024 is the default weight).
    Q_PROPERTY(int cpuWeight READ cpuWeight WRITE setCpuWeight NOTIFY cpuWeightChanged)
    // linux.resources.cpu.cpus, a list such as "0-1,3"; "" = every CPU.
    Q_PROPERTY(QString cpusetCpus READ cpusetCpus WRITE setCpusetCpus NOTIFY cpusetCpusChanged)
    // Bytes (QML numbers hold them exactly below 2^53).
    Q_PROPERTY(qreal memoryLimit READ memoryLimit WRITE setMemoryLimit NOTIFY memoryLimitChanged)
    // Memory plus swap, as linux.resources.memory.swap.
    Q_PROPERTY(qreal memorySwap READ memorySwap WRITE setMemorySwap NOTIFY memorySwapChanged)
    Q_PROPERTY(int pidsLimit READ pidsLimit WRITE setPidsLimit NOTIFY pidsLimitChanged)
    // linux.resources.blockIO.weight, 10..1000.
    Q_PROPERTY(int ioWeight READ ioWeight WRITE setIoWeight NOTIFY ioWeightChanged)
public:
    explicit ContainerLimits(QObject *parent = nullptr);

    QString containerId() const { return m_containerId; }
    void setContainerId(const QString &idOrName);
    bool loaded() const { return m_loaded; }

    qreal cpus() const { return m_values.cpus; }
    void setCpus(qreal cpus);
    int cpuWeight() const { return m_values.cpuWeight; }
    void setCpuWeight(int weight);
    QString cpusetCpus() const { return m_values.cpusetCpus; }
    void setCpusetCpus(const QString &cpus);
    qreal memoryLimit() const { return qreal(m_values.memoryLimit); }
    void setMemoryLimit(qreal bytes);
    qreal memorySwap() const { return qreal(m_values.memorySwap); }
    void setMemorySwap(qreal bytes);
    int pidsLimit() const { return int(m_values.pidsLimit); }
    void setPidsLimit(int limit);
    int ioWeight() const { return m_values.ioWeight; }
    void setIoWeight(int weight);

    // Sends the one limit `property` (a property name above, e.g. "memoryLimit") to the
    // helper. Returns false, reporting why, for a name that is not one of the limits.
    Q_INVOKABLE bool apply(const QString &property);
    // Reads the limits in force again.
    Q_INVOKABLE void reload();

signals:
    void containerIdChanged();
    void loadedChanged();
    void cpusChanged();
    void cpuWeightChanged();
    void cpusetCpusChanged();
    void memoryLimitChanged();
    void memorySwapChanged();
    void pidsLimitChanged();
    void ioWeightChanged();
    void applied(const QString &property);

private:
    struct Limits
    {
        qreal cpus = 0;
        int cpuWeight = 0;
        QString cpusetCpus;
        qint64 memoryLimit = 0;
        qint64 memorySwap = 0;
        qint64 pidsLimit = 0;
        int ioWeight = 0;
        quint64 cpuPeriod = 0; // of the quota; Docker's 100 ms when the spec has none
    };
    static Limits limitsFromInspect(const QJsonObject &inspect);
    // The linux.resources patch that sets `property` to its current value; empty when
    // `property` is not a limit.
    QJsonObject patchFor(const QString &property) const;
    static void copyLimit(const QString &property, const Limits &from, Limits &to);
    // Puts `property` back to its value in `from`, announcing the change.
    void restore(const QString &property, const Limits &from);
    void setAll(const Limits &limits);

    HelperSession *m_session;
    QString m_containerId;
    bool m_loaded = false;
    Limits m_values;  // what the sliders show
    Limits m_applied; // what the kernel enforces, as far as this object knows
    // Updates on their way, per property: a failure reverts only when it is the last one.
    QHash<QString, int> m_pending;
    quint64 m_generation = 0; // answers about an earlier containerId are dropped
};

} // namespace isolde::models
