// A client of the test service on the private system bus. tst_polkitauthorizer runs it as root
// or, through setpriv, as a test user. It first prints its unique bus name, then answers each
// request read from stdin with one tab-separated line, so the test can drive it while its own
// event loop serves the calls:
//   <action id>  -> "allowed|refused <uid> cached|fresh <reason>" or "error <name> <message>"
//   own          -> "owned" or "refused <error name> <message>"  (owning org.isolde.Helper1)
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QStringList>
#include <cstdio>
#include <iostream>
#include <string>

namespace {

QString own(QDBusConnection &bus)
{
    if (bus.registerService(QStringLiteral("org.isolde.Helper1")))
        return QStringLiteral("owned");
    return QStringList{QStringLiteral("refused"), bus.lastError().name(), bus.lastError().message()}
        .join(u'\t');
}

QString authorize(const QDBusConnection &bus, const QString &action)
{
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.isolde.Helper1"), QStringLiteral("/org/isolde/Test"),
        QStringLiteral("org.isolde.Test1"), QStringLiteral("Authorize"));
    call << action;
    const QDBusMessage reply = bus.call(call, QDBus::Block, 60000);
    if (reply.type() != QDBusMessage::ReplyMessage)
        return QStringList{QStringLiteral("error"), reply.errorName(), reply.errorMessage()}.join(
            u'\t');
    const QVariantList values = reply.arguments();
    if (values.size() != 4)
        return QStringLiteral("error\tbad-reply\t") + reply.signature();
    return QStringList{values[0].toBool() ? QStringLiteral("allowed") : QStringLiteral("refused"),
                       QString::number(values[1].toUInt()),
                       values[2].toBool() ? QStringLiteral("cached") : QStringLiteral("fresh"),
                       values[3].toString()}
        .join(u'\t');
}

void say(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        say(QStringLiteral("error\tnot-connected\t") + bus.lastError().message());
        return 1;
    }
    say(QStringLiteral("name\t") + bus.baseService());
    std::string line;
    while (std::getline(std::cin, line)) {
        const QString request = QString::fromStdString(line).trimmed();
        say(request == u"own" ? own(bus) : authorize(bus, request));
    }
    return 0;
}
