#include "teaching/LessonModel.h"

#include "HelperSession.h"
#include "teaching/Experiments.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QVariantMap>

using namespace isolde::teaching;
using isolde::client::CallError;

LessonModel::LessonModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_runner(new LabRunner(isolde::models::HelperSession::instance()->client(), this))
{
    connect(m_runner, &LabRunner::finished, this, [this](const LabResult &r) {
        if (!r.error.isEmpty())
            return done(m_lesson, m_step, false, r.error);
        done(m_lesson, m_step, true,
             outcomeText(r.happened.outcome) + QStringLiteral(": ") + r.explanation);
    });
}

LessonModel::~LessonModel()
{
    cleanup();
}

int LessonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant LessonModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const Lesson &lesson = lessons().at(index.row());
    switch (role) {
    case LessonIdRole:
        return lesson.id;
    case Qt::DisplayRole:
    case TitleRole:
        return lesson.title;
    case SummaryRole:
        return lesson.summary;
    case StepCountRole:
        return int(lesson.steps.size());
    case StepsRole: {
        QVariantList steps;
        for (const LessonStep &s : lesson.steps)
            steps.append(QVariantMap{{QStringLiteral("text"), s.text},
                                     {QStringLiteral("action"), stepActionId(s.action)},
                                     {QStringLiteral("argument"), s.argument}});
        return steps;
    }
    }
    return {};
}

QHash<int, QByteArray> LessonModel::roleNames() const
{
    return {{LessonIdRole, "lessonId"},
            {TitleRole, "title"},
            {SummaryRole, "summary"},
            {StepsRole, "steps"},
            {StepCountRole, "stepCount"}};
}

int LessonModel::indexOf(const QString &lessonId) const
{
    for (int i = 0; i < count(); ++i) {
        if (lessons().at(i).id == lessonId)
            return i;
    }
    return -1;
}

void LessonModel::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void LessonModel::done(int lesson, int step, bool ok, const QString &message)
{
    setBusy(false);
    emit stepFinished(lesson, step, ok, message);
}

void LessonModel::performStep(int lesson, int step)
{
    if (lesson < 0 || lesson >= count() || step < 0 || step >= lessons().at(lesson).steps.size()) {
        emit stepFinished(lesson, step, false, tr("There is no such step."));
        return;
    }
    if (m_busy) {
        emit stepFinished(lesson, step, false, tr("Another step is still running."));
        return;
    }
    const LessonStep &s = lessons().at(lesson).steps.at(step);
    m_lesson = lesson;
    m_step = step;
    setBusy(true);
    const bool needsContainer = s.action == StepAction::Experiment ||
                                s.action == StepAction::Relaxed || s.action == StepAction::Map ||
                                s.action == StepAction::Chart;
    if (needsContainer && m_containerId.isEmpty())
        return done(lesson, step, false, tr("Create the lesson's container first."));
    switch (s.action) {
    case StepAction::Read:
        return done(lesson, step, true, QString());
    case StepAction::Create:
        return createContainer(lesson, step, s.argument);
    case StepAction::Experiment:
    case StepAction::Relaxed:
        return m_runner->run(m_containerId, s.argument, s.action == StepAction::Relaxed);
    case StepAction::Map:
        return done(lesson, step, true, tr("The map beside shows the container's settings."));
    case StepAction::Chart:
        return done(lesson, step, true, tr("The chart beside follows the container."));
    case StepAction::Measure:
        return measure(lesson, step);
    }
}

void LessonModel::createContainer(int lesson, int step, const QString &preset)
{
    auto *client = isolde::models::HelperSession::instance()->client();
    QPointer<LessonModel> self(this);
    auto create = [self, client, lesson, step, preset] {
        if (!self)
            return;
        client->create(presetSpec(preset).toJson(), QString(), QString(),
                       [self, client, lesson, step](const QString &id, const CallError *error) {
                           if (!self)
                               return;
                           if (error)
                               return self->done(lesson, step, false, error->toString());
                           self->m_containerId = id;
                           emit self->containerIdChanged();
                           client->start(id, [self, lesson, step, id](bool, const CallError *err) {
                               if (!self)
                                   return;
                               if (err)
                                   return self->done(lesson, step, false, err->toString());
                               self->done(lesson, step, true,
                                          tr("Container %1 is running.").arg(id.left(12)));
                           });
                       });
    };
    if (m_containerId.isEmpty())
        return create();
    const QString old = m_containerId;
    m_containerId.clear();
    emit containerIdChanged();
    client->remove(old, true, [create](bool, const CallError *) { create(); });
}

void LessonModel::measure(int lesson, int step)
{
    auto *client = isolde::models::HelperSession::instance()->client();
    QPointer<LessonModel> self(this);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    client->create(
        presetSpec(QString()).toJson(), QString(), QString(),
        [self, client, lesson, step, timer](const QString &id, const CallError *error) {
            if (!self)
                return;
            if (error)
                return self->done(lesson, step, false, error->toString());
            client->start(id, [self, client, lesson, step, timer, id](bool, const CallError *err) {
                const qreal ms = timer->nsecsElapsed() / 1e6;
                client->remove(id, true, [](bool, const CallError *) {});
                if (!self)
                    return;
                if (err)
                    return self->done(lesson, step, false, err->toString());
                self->m_measuredStartMs = ms;
                emit self->measuredStartMsChanged();
                self->done(lesson, step, true,
                           tr("Created and started in %1 ms; a virtual machine boots in seconds.")
                               .arg(ms, 0, 'f', 1));
            });
        });
}

void LessonModel::cleanup()
{
    if (m_containerId.isEmpty())
        return;
    isolde::models::HelperSession::instance()->client()->remove(m_containerId, true,
                                                                [](bool, const CallError *) {});
    m_containerId.clear();
    emit containerIdChanged();
}
