// The mounts a person added to the spec (bind mounts and tmpfs), one row each; Docker's
// default mounts (/proc, /dev, /sys, ...) stay in the spec but are not listed.
#pragma once

#include "SpecRowModel.h"

#include <QList>
#include <QtQml/qqmlregistration.h>

class SpecEditor;

class SpecMountModel : public SpecRowModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the mounts of a SpecEditor")

public:
    enum Role {
        DestinationRole = Qt::UserRole + 1,
        TypeRole,
        SourceRole,
        ReadOnlyRole,
        // The mount's JSON path ("mounts[7]"), for SpecEditor::errorFor.
        FieldRole
    };

    explicit SpecMountModel(SpecEditor *editor);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QHash<int, QByteArray> roleNames() const override;

    // Adds a mount as `docker run --mount type=TYPE,source=SOURCE,target=DESTINATION
    // [,readonly]` would (type "bind" or "tmpfs"; a tmpfs has no source). Returns "" or
    // Docker's reason for refusing it.
    Q_INVOKABLE QString add(const QString &type, const QString &source, const QString &destination,
                            bool readOnly);
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE void setReadOnly(int row, bool readOnly);

    void refresh();

private:
    QList<qsizetype> listedMounts() const;

    SpecEditor *m_editor;
    // Indexes into the spec's mounts of the rows.
    QList<qsizetype> m_rows;
};
