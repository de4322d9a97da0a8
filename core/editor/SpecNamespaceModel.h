// The namespaces a container can get (linux.namespaces types), one row each with one line on
// what it isolates and whether the edited spec gives the container a new one.
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class SpecEditor;

class SpecNamespaceModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the namespaces of a SpecEditor")

public:
    enum Role { TypeRole = Qt::UserRole + 1, DescriptionRole, EnabledRole, PathRole };

    explicit SpecNamespaceModel(SpecEditor *editor);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QHash<int, QByteArray> roleNames() const override;

    // A new namespace of that row's type, or the host's. Turning the user namespace on maps
    // container root to an unprivileged host range (DockerFlags' --userns private mapping);
    // turning it off removes the mappings.
    Q_INVOKABLE void setEnabled(int row, bool enabled);
    Q_INVOKABLE bool isEnabled(const QString &type) const;

    void refresh();

private:
    SpecEditor *m_editor;
};
