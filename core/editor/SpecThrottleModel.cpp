#include "editor/SpecThrottleModel.h"

#include "editor/SpecEditor.h"
#include "spec/DockerFlags.h"

#include <QDir>
#include <array>

using namespace isolde::spec;

namespace {

struct Kind
{
    const char *name;
    const char *flag;
    const char *member; // under linux.resources.blockIO
};

constexpr std::array<Kind, 4> kinds = {{
    {"readBps", "--device-read-bps", "throttleReadBpsDevice"},
    {"writeBps", "--device-write-bps", "throttleWriteBpsDevice"},
    {"readIops", "--device-read-iops", "throttleReadIOPSDevice"},
    {"writeIops", "--device-write-iops", "throttleWriteIOPSDevice"},
}};

// The device list of kind `kind` (an index into `kinds`). A switch rather than pointers to
// members: GCC 12 at -O2 reports copies read through those as uninitialized.
template<typename BlockIo>
auto &devicesOf(BlockIo &io, int kind)
{
    switch (kind) {
    case 0:
        return io.throttleReadBpsDevice;
    case 1:
        return io.throttleWriteBpsDevice;
    case 2:
        return io.throttleReadIOPSDevice;
    default:
        return io.throttleWriteIOPSDevice;
    }
}

BlockIoResources blockIoOf(const OciSpec &spec)
{
    const std::optional<Resources> resources = spec.linux().resources;
    return resources ? resources->blockIO.value_or(BlockIoResources{}) : BlockIoResources{};
}

} // namespace

SpecThrottleModel::SpecThrottleModel(SpecEditor *editor)
    : SpecRowModel(editor)
    , m_editor(editor)
    , m_rows(listedRows())
{}

QList<SpecThrottleModel::Row> SpecThrottleModel::listedRows() const
{
    const BlockIoResources io = blockIoOf(m_editor->spec());
    QList<Row> rows;
    for (int k = 0; k < int(kinds.size()); ++k) {
        for (qsizetype i = 0; i < devicesOf(io, k).size(); ++i)
            rows << Row{k, i};
    }
    return rows;
}

int SpecThrottleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SpecThrottleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row row = m_rows.at(index.row());
    const Kind &kind = kinds.at(std::size_t(row.kind));
    const BlockIoResources io = blockIoOf(m_editor->spec());
    const ThrottleDevice device = devicesOf(io, row.kind).value(row.at);
    switch (role) {
    case KindRole:
        return QString::fromLatin1(kind.name);
    case Qt::DisplayRole:
    case DeviceRole:
        return blockDevicePath(device.major, device.minor);
    case RateRole:
        return double(device.rate);
    case FieldRole:
        return indexPath(QStringLiteral("linux.resources.blockIO.") + QLatin1String(kind.member),
                         row.at);
    }
    return {};
}

QHash<int, QByteArray> SpecThrottleModel::roleNames() const
{
    return {{KindRole, "kind"}, {DeviceRole, "device"}, {RateRole, "rate"}, {FieldRole, "field"}};
}

QStringList SpecThrottleModel::blockDevices() const
{
    QStringList devices;
    const QStringList names =
        QDir(QStringLiteral("/sys/block")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        // Loop and RAM disks are no one's IO bottleneck worth a limit.
        if (!name.startsWith(QLatin1String("loop")) && !name.startsWith(QLatin1String("ram")))
            devices << QStringLiteral("/dev/") + name;
    }
    return devices;
}

QString SpecThrottleModel::add(const QString &kind, const QString &device, const QString &rate)
{
    const auto it = std::find_if(kinds.begin(), kinds.end(),
                                 [&](const Kind &k) { return kind == QLatin1String(k.name); });
    if (it == kinds.end())
        return tr("unknown kind of IO limit: %1").arg(kind);
    // Docker's own parsing: the device must exist and be a block device, the rate a size.
    const isolde::Expected<OciSpec> spec = specFromDockerArgs(
        {QLatin1String(it->flag), device + QLatin1Char(':') + rate.trimmed()}, m_editor->spec());
    if (!spec)
        return spec.error().reason;
    m_editor->setSpec(*spec);
    return {};
}

void SpecThrottleModel::remove(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    const Row at = m_rows.at(row);
    OciSpec spec = m_editor->spec();
    Linux linux = spec.linux();
    Resources resources = linux.resources.value_or(Resources{});
    BlockIoResources io = resources.blockIO.value_or(BlockIoResources{});
    devicesOf(io, at.kind).removeAt(at.at);
    if (io == BlockIoResources{})
        resources.blockIO.reset();
    else
        resources.blockIO = io;
    linux.resources = resources;
    spec.setLinux(linux);
    m_editor->setSpec(spec);
}

void SpecThrottleModel::refresh()
{
    replaceRows(m_rows, listedRows());
}
