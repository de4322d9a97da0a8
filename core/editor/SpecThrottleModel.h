// The per-device IO limits of linux.resources.blockIO (read/write bytes and operations per
// second), one row per device and kind, as `docker run --device-read-bps` and friends set them.
#pragma once

#include "SpecRowModel.h"

#include <QStringList>
#include <QtQml/qqmlregistration.h>

class SpecEditor;

class SpecThrottleModel : public SpecRowModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the IO limits of a SpecEditor")
    // The block devices of this host (/dev/sda, ...), for a device picker.
    Q_PROPERTY(QStringList blockDevices READ blockDevices CONSTANT)

public:
    enum Role {
        // "readBps", "writeBps", "readIops" or "writeIops"
        KindRole = Qt::UserRole + 1,
        DeviceRole, // its path on this host
        RateRole,   // bytes or operations per second
        FieldRole   // its JSON path, for SpecEditor::errorFor
    };

    explicit SpecThrottleModel(SpecEditor *editor);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList blockDevices() const;

    // `--device-read-bps DEVICE:RATE` and the like: the rate with Docker's units for bytes
    // ("10m"), a plain number for operations. Returns "" or Docker's reason.
    Q_INVOKABLE QString add(const QString &kind, const QString &device, const QString &rate);
    Q_INVOKABLE void remove(int row);

    void refresh();

private:
    struct Row
    {
        int kind; // index into the kinds table
        qsizetype at;
    };
    QList<Row> listedRows() const;

    SpecEditor *m_editor;
    QList<Row> m_rows;
};
