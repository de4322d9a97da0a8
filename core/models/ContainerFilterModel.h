// The Containers page's filter over a ContainerListModel (or any model with the roles
// containerId, name, image and state): a text that the name, image or id must contain, and a
// state ("" = every state).
#pragma once

#include <QSortFilterProxyModel>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace isolde::models {

class ContainerFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    // Case-insensitive; matches a substring of the name, the image or the id.
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(QString stateFilter READ stateFilter WRITE setStateFilter NOTIFY stateFilterChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    explicit ContainerFilterModel(QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    QString stateFilter() const { return m_stateFilter; }
    void setStateFilter(const QString &state);
    int count() const { return rowCount(); }

    // Every role of `row` (a row of this model) by name; empty when out of range.
    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void filterTextChanged();
    void stateFilterChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void findRoles();

    QString m_filterText;
    QString m_stateFilter;
    // The source's roles, looked up by name when the source is set.
    int m_idRole = -1;
    int m_nameRole = -1;
    int m_imageRole = -1;
    int m_stateRole = -1;
};

} // namespace isolde::models
