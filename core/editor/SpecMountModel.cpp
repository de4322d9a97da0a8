#include "editor/SpecMountModel.h"

#include "editor/SpecEditor.h"
#include "spec/DockerMounts.h"
#include "spec/SpecDefaults.h"

using namespace isolde::spec;

namespace {

bool isReadOnly(const Mount &mount)
{
    return mount.options.contains(QLatin1String("ro"));
}

} // namespace

SpecMountModel::SpecMountModel(SpecEditor *editor)
    : SpecRowModel(editor)
    , m_editor(editor)
    , m_rows(listedMounts())
{}

QList<qsizetype> SpecMountModel::listedMounts() const
{
    static const QList<Mount> defaults = defaultMounts();
    const QList<Mount> mounts = m_editor->spec().mounts();
    QList<qsizetype> rows;
    for (qsizetype i = 0; i < mounts.size(); ++i) {
        if (!defaults.contains(mounts.at(i)))
            rows << i;
    }
    return rows;
}

int SpecMountModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SpecMountModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qsizetype at = m_rows.at(index.row());
    const Mount mount = m_editor->spec().mounts().value(at);
    switch (role) {
    case Qt::DisplayRole:
    case DestinationRole:
        return mount.destination;
    case TypeRole:
        return mount.type;
    case SourceRole:
        return mount.source;
    case ReadOnlyRole:
        return isReadOnly(mount);
    case FieldRole:
        return indexPath(QStringLiteral("mounts"), at);
    }
    return {};
}

bool SpecMountModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != ReadOnlyRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    setReadOnly(index.row(), value.toBool());
    return true;
}

QHash<int, QByteArray> SpecMountModel::roleNames() const
{
    return {{DestinationRole, "destination"},
            {TypeRole, "type"},
            {SourceRole, "source"},
            {ReadOnlyRole, "readOnly"},
            {FieldRole, "field"}};
}

QString SpecMountModel::add(const QString &type, const QString &source, const QString &destination,
                            bool readOnly)
{
    QStringList flag = {QStringLiteral("type=") + type};
    if (!source.isEmpty())
        flag << QStringLiteral("source=") + source;
    flag << QStringLiteral("target=") + destination;
    if (readOnly)
        flag << QStringLiteral("readonly");
    const isolde::Expected<Mount> mount = mountFromMountFlag(flag.join(QLatin1Char(',')));
    if (!mount)
        return mount.error().reason;
    OciSpec spec = m_editor->spec();
    spec.setMounts(spec.mounts() << *mount);
    m_editor->setSpec(spec);
    return {};
}

void SpecMountModel::remove(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    OciSpec spec = m_editor->spec();
    QList<Mount> mounts = spec.mounts();
    mounts.removeAt(m_rows.at(row));
    spec.setMounts(mounts);
    m_editor->setSpec(spec);
}

void SpecMountModel::setReadOnly(int row, bool readOnly)
{
    if (row < 0 || row >= rowCount())
        return;
    OciSpec spec = m_editor->spec();
    QList<Mount> mounts = spec.mounts();
    Mount &mount = mounts[m_rows.at(row)];
    if (readOnly == isReadOnly(mount))
        return;
    // "rw" is the default, so read-write is the absence of "ro".
    mount.options.removeAll(QStringLiteral("rw"));
    mount.options.removeAll(QStringLiteral("ro"));
    if (readOnly)
        mount.options << QStringLiteral("ro");
    spec.setMounts(mounts);
    m_editor->setSpec(spec);
}

void SpecMountModel::refresh()
{
    replaceRows(m_rows, listedMounts());
}
