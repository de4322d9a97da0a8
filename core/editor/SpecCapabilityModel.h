// Every capability the kernel knows (spec::allCapabilities), one row each, with whether the
// edited spec grants it: a checkbox list for the Security section.
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class SpecEditor;

class SpecCapabilityModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the capabilities of a SpecEditor")
    Q_PROPERTY(int enabledCount READ enabledCount NOTIFY enabledCountChanged)

public:
    enum Role { NameRole = Qt::UserRole + 1, DescriptionRole, DockerDefaultRole, EnabledRole };

    explicit SpecCapabilityModel(SpecEditor *editor);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QHash<int, QByteArray> roleNames() const override;

    int enabledCount() const;

    // Grants or takes away one capability (in the bounding, effective and permitted sets, as
    // `docker run --cap-add/--cap-drop` does).
    Q_INVOKABLE void setEnabled(int row, bool enabled);
    // `--cap-drop ALL`
    Q_INVOKABLE void dropAll();
    // Docker's 14.
    Q_INVOKABLE void dockerDefault();

    // The editor's spec changed.
    void refresh();

signals:
    void enabledCountChanged();

private:
    SpecEditor *m_editor;
};
