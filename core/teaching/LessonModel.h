// The lessons for QML: one row per lesson with its steps, and the acts behind the steps. A
// lesson has one container at a time, created by its "create" steps (and removed when the
// next one is created, on cleanup() and when the model goes); experiments run in it.
#pragma once

#include "teaching/LabRunner.h"
#include "teaching/Lessons.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class LessonModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count CONSTANT)
    // The container the current lesson made; empty before its first "create" step.
    Q_PROPERTY(QString containerId READ containerId NOTIFY containerIdChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    // Create + Start of a container through the helper, in milliseconds; -1 until measured.
    Q_PROPERTY(qreal measuredStartMs READ measuredStartMs NOTIFY measuredStartMsChanged)
public:
    enum Role {
        LessonIdRole = Qt::UserRole + 1,
        TitleRole,
        SummaryRole,
        StepsRole, // list of {text, action, argument}
        StepCountRole,
    };

    explicit LessonModel(QObject *parent = nullptr);
    ~LessonModel() override;

    int count() const { return int(isolde::teaching::lessons().size()); }
    QString containerId() const { return m_containerId; }
    bool busy() const { return m_busy; }
    qreal measuredStartMs() const { return m_measuredStartMs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Does what step `step` of lesson `lesson` says; stepFinished tells how it went.
    Q_INVOKABLE void performStep(int lesson, int step);
    // Removes the lesson's container.
    Q_INVOKABLE void cleanup();
    Q_INVOKABLE int indexOf(const QString &lessonId) const;

signals:
    void containerIdChanged();
    void busyChanged();
    void measuredStartMsChanged();
    void stepFinished(int lesson, int step, bool ok, const QString &message);

private:
    void setBusy(bool busy);
    void done(int lesson, int step, bool ok, const QString &message);
    void createContainer(int lesson, int step, const QString &preset);
    void measure(int lesson, int step);

    QString m_containerId;
    bool m_busy = false;
    qreal m_measuredStartMs = -1;
    isolde::teaching::LabRunner *m_runner;
    // The step waiting for the runner.
    int m_lesson = -1;
    int m_step = -1;
};
