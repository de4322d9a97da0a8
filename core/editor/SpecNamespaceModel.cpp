#include "editor/SpecNamespaceModel.h"

#include "editor/SpecEditor.h"
#include "spec/DockerFlags.h"

#include <algorithm>
#include <array>

using namespace isolde::spec;

namespace {

struct NamespaceInfo
{
    const char *type;
    const char *description;
};

// The OCI type names, in the order `lsns` and Docker's docs list them.
constexpr std::array<NamespaceInfo, 7> namespaceTypes = {{
    {"pid", QT_TRANSLATE_NOOP("SpecNamespaceModel",
                              "Process IDs: the command is PID 1 and sees no host processes.")},
    {"network", QT_TRANSLATE_NOOP("SpecNamespaceModel",
                                  "Network stack: own interfaces, addresses, routes and ports; "
                                  "only loopback unless connected.")},
    {"ipc", QT_TRANSLATE_NOOP("SpecNamespaceModel",
                              "System V IPC and POSIX message queues: no shared memory with the "
                              "host.")},
    {"uts", QT_TRANSLATE_NOOP("SpecNamespaceModel", "Host and domain name: its own hostname.")},
    {"mount", QT_TRANSLATE_NOOP("SpecNamespaceModel",
                                "Mount table: its own root filesystem; its mounts stay invisible "
                                "to the host.")},
    {"cgroup", QT_TRANSLATE_NOOP("SpecNamespaceModel",
                                 "Cgroup view: its own cgroup appears as the root of the tree.")},
    {"user", QT_TRANSLATE_NOOP("SpecNamespaceModel",
                               "User and group IDs: root inside is an unprivileged user on the "
                               "host.")},
}};

const Namespace *findNamespace(const QList<Namespace> &namespaces, const QString &type)
{
    const auto it = std::find_if(namespaces.begin(), namespaces.end(),
                                 [&](const Namespace &ns) { return ns.type == type; });
    return it == namespaces.end() ? nullptr : &*it;
}

} // namespace

SpecNamespaceModel::SpecNamespaceModel(SpecEditor *editor)
    : QAbstractListModel(editor)
    , m_editor(editor)
{}

int SpecNamespaceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(namespaceTypes.size());
}

QVariant SpecNamespaceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NamespaceInfo &info = namespaceTypes.at(std::size_t(index.row()));
    const QList<Namespace> namespaces = m_editor->spec().linux().namespaces;
    const Namespace *ns = findNamespace(namespaces, QString::fromLatin1(info.type));
    switch (role) {
    case Qt::DisplayRole:
    case TypeRole:
        return QString::fromLatin1(info.type);
    case DescriptionRole:
        return tr(info.description);
    case EnabledRole:
        return ns != nullptr;
    case PathRole:
        return ns ? ns->path : QString();
    }
    return {};
}

bool SpecNamespaceModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != EnabledRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    setEnabled(index.row(), value.toBool());
    return true;
}

QHash<int, QByteArray> SpecNamespaceModel::roleNames() const
{
    return {{TypeRole, "type"},
            {DescriptionRole, "description"},
            {EnabledRole, "enabled"},
            {PathRole, "path"}};
}

void SpecNamespaceModel::setEnabled(int row, bool enabled)
{
    if (row < 0 || row >= rowCount())
        return;
    const QString type = QString::fromLatin1(namespaceTypes.at(std::size_t(row)).type);
    OciSpec spec = m_editor->spec();
    Linux linux = spec.linux();
    if (enabled == (findNamespace(linux.namespaces, type) != nullptr))
        return;
    if (enabled) {
        linux.namespaces << Namespace{type, QString()};
    } else {
        linux.namespaces.removeIf([&](const Namespace &ns) { return ns.type == type; });
    }
    if (type == QLatin1String("user")) {
        const QList<IdMapping> mapping = {IdMapping{0, UsernsHostId, UsernsSize}};
        linux.uidMappings = enabled ? mapping : QList<IdMapping>();
        linux.gidMappings = enabled ? mapping : QList<IdMapping>();
    }
    spec.setLinux(linux);
    m_editor->setSpec(spec);
}

bool SpecNamespaceModel::isEnabled(const QString &type) const
{
    return findNamespace(m_editor->spec().linux().namespaces, type) != nullptr;
}

void SpecNamespaceModel::refresh()
{
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1), {EnabledRole, PathRole});
}
