#include "teaching/KernelMapModel.h"

#include "HelperSession.h"

#include <QFile>
#include <QPointer>

using namespace isolde::teaching;

KernelMapModel::KernelMapModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void KernelMapModel::setContainerId(const QString &id)
{
    if (id == m_containerId)
        return;
    m_containerId = id;
    emit containerIdChanged();
    reload();
}

void KernelMapModel::setSyscall(const QString &syscall)
{
    if (syscall == m_syscall)
        return;
    m_syscall = syscall;
    emit syscallChanged();
    rebuild();
}

void KernelMapModel::setGroup(const QString &group)
{
    if (group == m_group)
        return;
    m_group = group;
    emit groupChanged();
    rebuild();
}

void KernelMapModel::reload()
{
    const int generation = ++m_generation;
    m_error.clear();
    if (m_containerId.isEmpty()) {
        m_input = {};
        m_loading = false;
        rebuild();
        emit loadingChanged();
        return;
    }
    m_loading = true;
    emit loadingChanged();
    auto *client = isolde::models::HelperSession::instance()->client();
    QPointer<KernelMapModel> self(this);
    auto fail = [self, generation](const isolde::client::CallError &error) {
        if (!self || generation != self->m_generation)
            return;
        self->m_error = error.toString();
        self->m_loading = false;
        self->m_input = {};
        self->rebuild();
        emit self->loadingChanged();
        emit self->loaded();
    };
    client->inspect(
        m_containerId, [self, client, generation, fail](const QJsonObject &inspect,
                                                        const isolde::client::CallError *error) {
            if (!self || generation != self->m_generation)
                return;
            if (error)
                return fail(*error);
            const isolde::spec::OciSpec spec(inspect.value(QLatin1String("spec")).toObject());
            client->probe(inspect.value(QLatin1String("id")).toString(),
                          [self, generation, spec, fail](const QJsonObject &probe,
                                                         const isolde::client::CallError *err) {
                              if (!self || generation != self->m_generation)
                                  return;
                              if (err)
                                  return fail(*err);
                              KernelMapInput input;
                              input.spec = spec;
                              input.probe = probe;
                              // The host reads the container's mount table through its init's /proc
                              // entry.
                              const qint64 pid = probe.value(QLatin1String("host"))
                                                     .toObject()
                                                     .value(QLatin1String("pid"))
                                                     .toInteger();
                              QFile mountinfo(QStringLiteral("/proc/%1/mountinfo").arg(pid));
                              if (pid > 0 && mountinfo.open(QIODevice::ReadOnly))
                                  input.mountinfo = QString::fromUtf8(mountinfo.readAll());
                              self->m_input = input;
                              self->m_loading = false;
                              self->rebuild();
                              emit self->loadingChanged();
                              emit self->loaded();
                          });
        });
}

void KernelMapModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    if (!m_input.probe.isEmpty()) {
        KernelMapInput input = m_input;
        input.syscall = m_syscall;
        for (const KernelMapRow &row : kernelMap(input)) {
            if (m_group.isEmpty() || row.group == m_group)
                m_rows.append(row);
        }
    }
    endResetModel();
}

int KernelMapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant KernelMapModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const KernelMapRow &row = m_rows.at(index.row());
    switch (role) {
    case GroupRole:
        return row.group;
    case Qt::DisplayRole:
    case SettingRole:
        return row.setting;
    case SpecValueRole:
        return row.specValue;
    case EnforcedAtRole:
        return row.enforcedAt;
    case LiveRole:
        return row.live;
    case HostRole:
        return row.host;
    case SentenceRole:
        return row.sentence;
    }
    return {};
}

QHash<int, QByteArray> KernelMapModel::roleNames() const
{
    return {{GroupRole, "group"},           {SettingRole, "setting"}, {SpecValueRole, "specValue"},
            {EnforcedAtRole, "enforcedAt"}, {LiveRole, "live"},       {HostRole, "host"},
            {SentenceRole, "sentence"}};
}

QVariantMap KernelMapModel::get(int row) const
{
    QVariantMap map;
    const auto names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}
