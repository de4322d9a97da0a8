// The Containers page's filter, over any model with the roles containerId, name, image and
// state (here a QStandardItemModel), so it needs no helper.
#include "ContainerFilterModel.h"

#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace isolde::models;

namespace {

enum Role { IdRole = Qt::UserRole + 1, NameRole, ImageRole, StateRole };

class Containers : public QStandardItemModel
{
public:
    QHash<int, QByteArray> roleNames() const override
    {
        return {{IdRole, "containerId"},
                {NameRole, "name"},
                {ImageRole, "image"},
                {StateRole, "state"}};
    }
    void add(const QString &id, const QString &name, const QString &image, const QString &state)
    {
        auto *item = new QStandardItem;
        item->setData(id, IdRole);
        item->setData(name, NameRole);
        item->setData(image, ImageRole);
        item->setData(state, StateRole);
        appendRow(item);
    }
};

} // namespace

class TestContainerFilter : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_source = std::make_unique<Containers>();
        m_source->add(QStringLiteral("aaaa1111"), QStringLiteral("web"), QStringLiteral("nginx"),
                      QStringLiteral("running"));
        m_source->add(QStringLiteral("bbbb2222"), QStringLiteral("db"), QStringLiteral("postgres"),
                      QStringLiteral("stopped"));
        m_source->add(QStringLiteral("cccc3333"), QStringLiteral("cache"),
                      QStringLiteral("busybox"), QStringLiteral("running"));
        m_filter = std::make_unique<ContainerFilterModel>();
        m_filter->setSourceModel(m_source.get());
    }

    void emptyFilterShowsAll() { QCOMPARE(m_filter->count(), 3); }

    void textMatchesNameImageOrIdIgnoringCase()
    {
        m_filter->setFilterText(QStringLiteral("WEB"));
        QCOMPARE(m_filter->count(), 1);
        QCOMPARE(m_filter->get(0).value(QStringLiteral("name")).toString(), QStringLiteral("web"));
        m_filter->setFilterText(QStringLiteral("postg"));
        QCOMPARE(m_filter->count(), 1);
        QCOMPARE(m_filter->get(0).value(QStringLiteral("name")).toString(), QStringLiteral("db"));
        m_filter->setFilterText(QStringLiteral("3333"));
        QCOMPARE(m_filter->count(), 1);
        QCOMPARE(m_filter->get(0).value(QStringLiteral("containerId")).toString(),
                 QStringLiteral("cccc3333"));
        m_filter->setFilterText(QStringLiteral("nothing like it"));
        QCOMPARE(m_filter->count(), 0);
        QVERIFY(m_filter->get(0).isEmpty());
    }

    void stateAndTextTogether()
    {
        QSignalSpy countChanged(m_filter.get(), &ContainerFilterModel::countChanged);
        m_filter->setStateFilter(QStringLiteral("running"));
        QCOMPARE(m_filter->count(), 2);
        // "s": db (postgres) and cache (busybox); db is stopped.
        m_filter->setFilterText(QStringLiteral("s"));
        QCOMPARE(m_filter->count(), 1);
        QCOMPARE(m_filter->get(0).value(QStringLiteral("name")).toString(),
                 QStringLiteral("cache"));
        QVERIFY(!countChanged.isEmpty());
        m_filter->setStateFilter({});
        QCOMPARE(m_filter->count(), 2);
    }

    void followsChangesOfTheSource()
    {
        m_filter->setStateFilter(QStringLiteral("stopped"));
        QCOMPARE(m_filter->count(), 1);
        QSignalSpy countChanged(m_filter.get(), &ContainerFilterModel::countChanged);
        // web stops.
        m_source->item(0)->setData(QStringLiteral("stopped"), StateRole);
        QCOMPARE(m_filter->count(), 2);
        m_source->add(QStringLiteral("dddd4444"), QStringLiteral("job"), QStringLiteral("busybox"),
                      QStringLiteral("stopped"));
        QCOMPARE(m_filter->count(), 3);
        m_source->removeRow(1);
        QCOMPARE(m_filter->count(), 2);
        QCOMPARE(countChanged.size(), 3);
    }

    void propertyNotifications()
    {
        QSignalSpy text(m_filter.get(), &ContainerFilterModel::filterTextChanged);
        QSignalSpy state(m_filter.get(), &ContainerFilterModel::stateFilterChanged);
        m_filter->setFilterText(QStringLiteral("x"));
        m_filter->setFilterText(QStringLiteral("x"));
        m_filter->setStateFilter(QStringLiteral("paused"));
        QCOMPARE(text.size(), 1);
        QCOMPARE(state.size(), 1);
    }

private:
    std::unique_ptr<Containers> m_source;
    std::unique_ptr<ContainerFilterModel> m_filter;
};

QTEST_GUILESS_MAIN(TestContainerFilter)
#include "tst_containerfilter.moc"
