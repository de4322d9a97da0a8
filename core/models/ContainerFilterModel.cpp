#include "ContainerFilterModel.h"

namespace isolde::models {

ContainerFilterModel::ContainerFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    connect(this, &QAbstractProxyModel::sourceModelChanged, this, &ContainerFilterModel::findRoles);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, signal, this, &ContainerFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &ContainerFilterModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &ContainerFilterModel::countChanged);
}

void ContainerFilterModel::findRoles()
{
    const QHash<int, QByteArray> names =
        sourceModel() ? sourceModel()->roleNames() : QHash<int, QByteArray>{};
    m_idRole = names.key("containerId", -1);
    m_nameRole = names.key("name", -1);
    m_imageRole = names.key("image", -1);
    m_stateRole = names.key("state", -1);
    invalidateRowsFilter();
}

void ContainerFilterModel::setFilterText(const QString &text)
{
    if (m_filterText == text)
        return;
    m_filterText = text;
    invalidateRowsFilter();
    emit filterTextChanged();
}

void ContainerFilterModel::setStateFilter(const QString &state)
{
    if (m_stateFilter == state)
        return;
    m_stateFilter = state;
    invalidateRowsFilter();
    emit stateFilterChanged();
}

bool ContainerFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex at = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto text = [&at](int role) { return role < 0 ? QString() : at.data(role).toString(); };
    if (!m_stateFilter.isEmpty() && text(m_stateRole) != m_stateFilter)
        return false;
    if (m_filterText.isEmpty())
        return true;
    for (const int role : {m_nameRole, m_imageRole, m_idRole}) {
        if (text(role).contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QVariantMap ContainerFilterModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= rowCount())
        return map;
    const QModelIndex at = index(row, 0);
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(at, it.key()));
    return map;
}

} // namespace isolde::models
