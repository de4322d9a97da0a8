// A list of rows drawn from a part of the spec (mounts, IO limits) that the editor changes
// under it: the count QML binds to, and the one way to bring the rows up to date.
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class SpecRowModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

signals:
    void countChanged();

protected:
    using QAbstractListModel::QAbstractListModel;

    // Puts `fresh` in place of `rows` after the spec changed: a reset when the number of rows
    // changed, else every row changed in place (views keep their delegates).
    template<typename Rows>
    void replaceRows(Rows &rows, Rows fresh)
    {
        if (fresh.size() != rows.size()) {
            beginResetModel();
            rows = std::move(fresh);
            endResetModel();
            emit countChanged();
            return;
        }
        rows = std::move(fresh);
        if (!rows.isEmpty())
            emit dataChanged(index(0), index(rowCount() - 1));
    }
};
