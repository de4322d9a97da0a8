#include "teaching/LabModel.h"

#include "HelperSession.h"

using namespace isolde::teaching;

namespace {

QString verdictText(const Verdict &v)
{
    if (v.why.isEmpty())
        return {};
    return outcomeText(v.outcome) + QStringLiteral(": ") + v.why;
}

QString mechanismTextOf(const QString &id)
{
    for (int m = 0; m <= int(Mechanism::MaskedPaths); ++m) {
        if (mechanismId(Mechanism(m)) == id)
            return mechanismText(Mechanism(m));
    }
    return id;
}

} // namespace

LabModel::LabModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_runner(new LabRunner(isolde::models::HelperSession::instance()->client(), this))
{
    m_rows.resize(experiments().size());
    connect(m_runner, &LabRunner::finished, this, &LabModel::onFinished);
}

void LabModel::setContainerId(const QString &id)
{
    if (id == m_containerId)
        return;
    m_containerId = id;
    // Results belong to the container they ran in.
    beginResetModel();
    for (Row &row : m_rows)
        row = Row{};
    endResetModel();
    emit containerIdChanged();
}

int LabModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant LabModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Experiment &e = experiments().at(index.row());
    const Row &row = m_rows.at(index.row());
    const LabResult &r = row.result;
    switch (role) {
    case ExperimentIdRole:
        return e.id;
    case Qt::DisplayRole:
    case TitleRole:
        return e.title;
    case TriesRole:
        return e.tries;
    case CommandRole:
        return e.method == Method::Probe ? QStringLiteral("isolde-probe: %1()").arg(e.syscall)
                                         : e.command.join(QLatin1Char(' '));
    case MechanismRole: {
        if (e.layers.size() < 2)
            return mechanismText(e.mechanism);
        QStringList names;
        for (const Layer &layer : e.layers)
            names.append(mechanismText(layer.mechanism));
        return names.join(tr(" and "));
    }
    case StatusRole:
        return row.status;
    case PredictionRole:
        return verdictText(r.predicted);
    case PredictedOutcomeRole:
        return r.predicted.why.isEmpty() ? QString() : outcomeId(r.predicted.outcome);
    case ResultRole:
        return verdictText(r.happened);
    case OutcomeRole:
        return r.happened.why.isEmpty() ? QString() : outcomeId(r.happened.outcome);
    case VerdictRole: {
        QStringList names;
        for (const QString &id : r.decidedBy)
            names.append(mechanismTextOf(id));
        return names.join(tr(" and "));
    }
    case DecidedByRole:
        return r.decidedBy.join(QLatin1Char('+'));
    case ExplanationRole:
        return r.explanation;
    case OutputRole:
        return r.output;
    case RelaxedRole:
        return r.relaxed;
    case ErrorRole:
        return r.error;
    }
    return {};
}

QHash<int, QByteArray> LabModel::roleNames() const
{
    return {{ExperimentIdRole, "experimentId"},
            {TitleRole, "title"},
            {TriesRole, "tries"},
            {CommandRole, "command"},
            {MechanismRole, "mechanism"},
            {StatusRole, "status"},
            {PredictionRole, "prediction"},
            {PredictedOutcomeRole, "predictedOutcome"},
            {ResultRole, "result"},
            {OutcomeRole, "outcome"},
            {VerdictRole, "verdict"},
            {DecidedByRole, "decidedBy"},
            {ExplanationRole, "explanation"},
            {OutputRole, "output"},
            {RelaxedRole, "relaxed"},
            {ErrorRole, "error"}};
}

void LabModel::run(int row)
{
    start(row, false);
}

void LabModel::runRelaxed(int row)
{
    start(row, true);
}

int LabModel::indexOf(const QString &experimentId) const
{
    for (int i = 0; i < experiments().size(); ++i) {
        if (experiments().at(i).id == experimentId)
            return i;
    }
    return -1;
}

void LabModel::start(int row, bool relaxed)
{
    if (row < 0 || row >= m_rows.size() || m_containerId.isEmpty() ||
        m_rows.at(row).status == QLatin1String("running"))
        return;
    m_rows[row].status = QStringLiteral("running");
    emit dataChanged(index(row), index(row));
    if (m_running++ == 0)
        emit busyChanged();
    m_runner->run(m_containerId, experiments().at(row).id, relaxed);
}

void LabModel::onFinished(const LabResult &result)
{
    const int row = indexOf(result.experimentId);
    if (row < 0)
        return;
    if (--m_running == 0)
        emit busyChanged();
    // A result for a container no longer shown is dropped.
    if (result.containerId != m_containerId)
        return;
    m_rows[row].result = result;
    m_rows[row].status = result.error.isEmpty() ? QStringLiteral("done") : QStringLiteral("failed");
    emit dataChanged(index(row), index(row));
    emit finished(row);
}
