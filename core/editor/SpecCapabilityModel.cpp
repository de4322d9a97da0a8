#include "editor/SpecCapabilityModel.h"

#include "editor/SpecEditor.h"
#include "spec/CapabilityCatalog.h"

#include <QCoreApplication>

using namespace isolde::spec;

namespace {

QStringList grantedCapabilities(const OciSpec &spec)
{
    const std::optional<Capabilities> caps = spec.process().capabilities;
    return caps ? caps->bounding : QStringList();
}

} // namespace

SpecCapabilityModel::SpecCapabilityModel(SpecEditor *editor)
    : QAbstractListModel(editor)
    , m_editor(editor)
{}

int SpecCapabilityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(allCapabilities().size());
}

QVariant SpecCapabilityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CapabilityInfo &info = allCapabilities()[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return QString::fromLatin1(info.name);
    case DescriptionRole:
        // The catalog's sentences are English; a translation may provide them by context.
        return QCoreApplication::translate("CapabilityCatalog", info.summary);
    case DockerDefaultRole:
        return info.dockerDefault;
    case EnabledRole:
        return grantedCapabilities(m_editor->spec()).contains(QLatin1String(info.name));
    }
    return {};
}

bool SpecCapabilityModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != EnabledRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    setEnabled(index.row(), value.toBool());
    return true;
}

QHash<int, QByteArray> SpecCapabilityModel::roleNames() const
{
    return {{NameRole, "name"},
            {DescriptionRole, "description"},
            {DockerDefaultRole, "dockerDefault"},
            {EnabledRole, "enabled"}};
}

int SpecCapabilityModel::enabledCount() const
{
    return int(grantedCapabilities(m_editor->spec()).size());
}

void SpecCapabilityModel::setEnabled(int row, bool enabled)
{
    if (row < 0 || row >= rowCount())
        return;
    const QString name = QString::fromLatin1(allCapabilities()[std::size_t(row)].name);
    QStringList granted = grantedCapabilities(m_editor->spec());
    if (enabled == granted.contains(name))
        return;
    if (enabled)
        granted << name;
    else
        granted.removeAll(name);
    // Kept in the catalog's (the kernel's) order, as Docker lists them; names the catalog
    // does not know (a newer kernel's, in a loaded spec) stay at the end.
    QStringList ordered;
    for (const CapabilityInfo &info : allCapabilities()) {
        const QString known = QString::fromLatin1(info.name);
        if (granted.removeAll(known) > 0)
            ordered << known;
    }
    m_editor->setCapabilities(ordered + granted);
}

void SpecCapabilityModel::dropAll()
{
    m_editor->setCapabilities({});
}

void SpecCapabilityModel::dockerDefault()
{
    m_editor->setCapabilities(dockerDefaultCapabilities());
}

void SpecCapabilityModel::refresh()
{
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1), {EnabledRole});
    emit enabledCountChanged();
}
