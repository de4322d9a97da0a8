// isolde-test-call: calls one method of org.isolde.Helper1 on the system bus
// ($DBUS_SYSTEM_BUS_ADDRESS) with arguments from its command line, typed per the interface
// XML, so that tests can call the helper as any user (run through setpriv).
//
//   isolde-test-call [--timeout MS] [--wait SIGNAL[:COUNT]] METHOD [ARG...]
//
// Arguments, one per `in` argument of METHOD, in order:
//   s   the text as given; "@PATH" reads the text from file PATH (for huge values)
//   b   true | false        u, i, x   a decimal number
//   as  a JSON array of strings, or comma-separated, or "" for the empty list
//   h   "stdin", "stdout", "stderr" (this program's own), or a file path opened for reading
//       (stdin_fd) or for appending (the others, created if missing); "r:PATH" or "w:PATH"
//       opens PATH for reading or writing whatever the argument
// Prints each out argument of the reply on its own line and exits 0; on an error reply prints
// "ERROR <dbus-error-name> <message>" and exits 1. With --wait, it then stays on the bus until
// COUNT (default 1) SIGNALs of the interface have arrived, printing each as
// "SIGNAL<TAB>arg<TAB>arg...", or prints "TIMEOUT <SIGNAL>" and exits 1 after MS. Misuse
// (unknown method, bad argument) exits 2 with a message on stderr.
#include "client/HelperProtocol.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QXmlStreamReader>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace {

struct Argument
{
    QString name;
    QString type; // D-Bus signature of one argument
};

// The `in` arguments of every method of the interface, read from the XML built in.
QMap<QString, QList<Argument>> methodArguments()
{
    QFile xml(QStringLiteral(":/org.isolde.Helper1.xml"));
    QMap<QString, QList<Argument>> methods;
    if (!xml.open(QIODevice::ReadOnly))
        return methods;
    QXmlStreamReader reader(&xml);
    QString method;
    while (!reader.atEnd()) {
        if (!reader.readNextStartElement())
            continue;
        const auto attributes = reader.attributes();
        if (reader.name() == u"method") {
            method = attributes.value(QLatin1String("name")).toString();
            methods[method];
        } else if (reader.name() == u"signal") {
            method.clear();
        } else if (reader.name() == u"arg" && !method.isEmpty() &&
                   attributes.value(QLatin1String("direction")) != u"out") {
            methods[method].append(Argument{attributes.value(QLatin1String("name")).toString(),
                                            attributes.value(QLatin1String("type")).toString()});
        }
    }
    return methods;
}

void say(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

[[noreturn]] void misuse(const QString &why)
{
    std::fprintf(stderr, "isolde-test-call: %s\n", why.toLocal8Bit().constData());
    std::exit(2);
}

QDBusUnixFileDescriptor fileDescriptor(const Argument &argument, const QString &value)
{
    if (value == u"stdin")
        return QDBusUnixFileDescriptor(STDIN_FILENO);
    if (value == u"stdout")
        return QDBusUnixFileDescriptor(STDOUT_FILENO);
    if (value == u"stderr")
        return QDBusUnixFileDescriptor(STDERR_FILENO);
    bool forReading = argument.name == u"stdin_fd";
    QString path = value;
    if (value.startsWith(u"r:") || value.startsWith(u"w:")) {
        forReading = value.startsWith(u'r');
        path = value.mid(2);
    }
    const int flags = forReading ? O_RDONLY : O_WRONLY | O_CREAT | O_APPEND;
    const int fd = ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC, 0666);
    if (fd < 0)
        misuse(QStringLiteral("%1: cannot open %2").arg(argument.name, path));
    // QDBusUnixFileDescriptor keeps a dup; ours closes with the program.
    return QDBusUnixFileDescriptor(fd);
}

QVariant convert(const Argument &argument, const QString &value)
{
    bool ok = true;
    QVariant converted;
    if (argument.type == u"s") {
        if (!value.startsWith(u'@'))
            return value;
        QFile file(value.mid(1));
        if (!file.open(QIODevice::ReadOnly))
            misuse(QStringLiteral("%1: cannot read %2").arg(argument.name, file.fileName()));
        return QString::fromUtf8(file.readAll());
    } else if (argument.type == u"b") {
        ok = value == u"true" || value == u"false";
        converted = value == u"true";
    } else if (argument.type == u"u") {
        converted = value.toUInt(&ok);
    } else if (argument.type == u"i") {
        converted = value.toInt(&ok);
    } else if (argument.type == u"x") {
        converted = value.toLongLong(&ok);
    } else if (argument.type == u"as") {
        QStringList list;
        if (value.startsWith(u'[')) {
            const QJsonDocument document = QJsonDocument::fromJson(value.toUtf8());
            ok = document.isArray();
            for (const QJsonValue &item : document.array())
                list << item.toString();
        } else if (!value.isEmpty()) {
            list = value.split(u',');
        }
        converted = list;
    } else if (argument.type == u"h") {
        converted = QVariant::fromValue(fileDescriptor(argument, value));
    } else {
        misuse(QStringLiteral("%1: type %2 is not supported").arg(argument.name, argument.type));
    }
    if (!ok)
        misuse(QStringLiteral("%1: \"%2\" is not a value of type %3")
                   .arg(argument.name, value, argument.type));
    return converted;
}

QString text(const QVariant &value)
{
    if (value.metaType() == QMetaType::fromType<QStringList>())
        return value.toStringList().join(u',');
    if (value.metaType() == QMetaType::fromType<bool>())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

// Receives the awaited signal and counts it.
class SignalWaiter : public QObject
{
    Q_OBJECT
public:
    SignalWaiter(QString name, int count)
        : m_name(std::move(name))
        , m_remaining(count)
    {}
public slots:
    void receive(const QDBusMessage &message)
    {
        QStringList fields{m_name};
        for (const QVariant &value : message.arguments())
            fields << text(value);
        say(fields.join(u'\t'));
        if (--m_remaining <= 0)
            QCoreApplication::exit(0);
    }

private:
    QString m_name;
    int m_remaining;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Calls a method of org.isolde.Helper1 (see the comment in TestCall.cpp)."));
    parser.addHelpOption();
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Milliseconds for the call and wait."),
                                           QStringLiteral("MS"), QStringLiteral("60000"));
    const QCommandLineOption waitOption(QStringLiteral("wait"),
                                        QStringLiteral("Wait for COUNT signals SIGNAL."),
                                        QStringLiteral("SIGNAL[:COUNT]"));
    parser.addOptions({timeoutOption, waitOption});
    parser.addPositionalArgument(QStringLiteral("method"), QStringLiteral("Method to call."));
    parser.addPositionalArgument(QStringLiteral("args"), QStringLiteral("Its in arguments."),
                                 QStringLiteral("[ARG...]"));
    // Arguments of the method may start with '-' ("-1" for Logs' tail).
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.process(app);

    bool ok = false;
    const int timeoutMs = parser.value(timeoutOption).toInt(&ok);
    if (!ok || timeoutMs <= 0)
        misuse(QStringLiteral("--timeout: not a positive number"));
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        misuse(QStringLiteral("no method given"));
    const QString method = positional.first();
    const auto methods = methodArguments();
    if (!methods.contains(method))
        misuse(QStringLiteral("%1 is not a method of %2")
                   .arg(method, QLatin1String(isolde::protocol::InterfaceName)));
    const QList<Argument> &inArguments = methods[method];
    const QStringList values = positional.mid(1);
    if (values.size() != inArguments.size())
        misuse(QStringLiteral("%1 takes %2 arguments, %3 given")
                   .arg(method)
                   .arg(inArguments.size())
                   .arg(values.size()));

    QVariantList arguments;
    for (qsizetype i = 0; i < values.size(); ++i)
        arguments << convert(inArguments[i], values[i]);

    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected())
        misuse(QStringLiteral("no system bus: %1").arg(bus.lastError().message()));

    std::optional<SignalWaiter> waiter;
    QString signalName;
    if (parser.isSet(waitOption)) {
        const QString wait = parser.value(waitOption);
        signalName = wait.section(u':', 0, 0);
        const int count = wait.contains(u':') ? wait.section(u':', 1).toInt(&ok) : 1;
        if (!ok || count <= 0)
            misuse(QStringLiteral("--wait: bad count in %1").arg(wait));
        waiter.emplace(signalName, count);
        // Subscribed before the call, so that no signal the call causes is missed.
        if (!bus.connect(QLatin1String(isolde::protocol::ServiceName),
                         QLatin1String(isolde::protocol::ObjectPath),
                         QLatin1String(isolde::protocol::InterfaceName), signalName, &*waiter,
                         SLOT(receive(QDBusMessage))))
            misuse(QStringLiteral("--wait: cannot listen for %1: %2")
                       .arg(signalName, bus.lastError().message()));
    }

    QDBusMessage call = QDBusMessage::createMethodCall(
        QLatin1String(isolde::protocol::ServiceName), QLatin1String(isolde::protocol::ObjectPath),
        QLatin1String(isolde::protocol::InterfaceName), method);
    call.setArguments(arguments);
    const QDBusMessage reply = bus.call(call, QDBus::Block, timeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage) {
        say(QStringLiteral("ERROR %1 %2").arg(reply.errorName(), reply.errorMessage()));
        return 1;
    }
    for (const QVariant &value : reply.arguments())
        say(text(value));
    if (!waiter)
        return 0;

    QTimer::singleShot(timeoutMs, &app, [&] {
        say(QStringLiteral("TIMEOUT ") + signalName);
        QCoreApplication::exit(1);
    });
    return app.exec();
}

#include "TestCall.moc"
