// The experiments lab for QML: one row per experiment of the catalogue, run in the container
// `containerId` (run) or in a twin with the experiment's mechanism relaxed (runRelaxed). Each
// row shows what it tries, the prediction from the spec, what happened and which mechanism
// decided it.
#pragma once

#include "teaching/LabRunner.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class LabModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString containerId READ containerId WRITE setContainerId NOTIFY containerIdChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(int count READ count CONSTANT)
public:
    enum Role {
        ExperimentIdRole = Qt::UserRole + 1,
        TitleRole,
        TriesRole,
        CommandRole,
        MechanismRole,  // translated names of the mechanisms that guard the act
        StatusRole,     // "idle", "running", "done", "failed"
        PredictionRole, // "refused: why"
        PredictedOutcomeRole,
        ResultRole, // "refused: why"
        OutcomeRole,
        VerdictRole,   // the deciding mechanisms, translated, "seccomp filter and capabilities"
        DecidedByRole, // their ids, "seccomp+capabilities"
        ExplanationRole,
        OutputRole,
        RelaxedRole, // the last run was in a relaxed twin
        ErrorRole,
    };

    explicit LabModel(QObject *parent = nullptr);

    QString containerId() const { return m_containerId; }
    void setContainerId(const QString &id);
    bool busy() const { return m_running > 0; }
    int count() const { return int(m_rows.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void run(int row);
    Q_INVOKABLE void runRelaxed(int row);
    Q_INVOKABLE int indexOf(const QString &experimentId) const;

signals:
    void containerIdChanged();
    void busyChanged();
    void finished(int row);

private:
    struct Row
    {
        QString status = QStringLiteral("idle");
        isolde::teaching::LabResult result;
    };
    void start(int row, bool relaxed);
    void onFinished(const isolde::teaching::LabResult &result);

    QString m_containerId;
    QList<Row> m_rows;
    int m_running = 0;
    isolde::teaching::LabRunner *m_runner;
};
