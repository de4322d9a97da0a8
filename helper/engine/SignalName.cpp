#include "SignalName.h"

#include <csignal>
#include <cstring>

namespace isolde::engine {

Expected<int> parseSignalName(const QString &text, const QString &field)
{
    bool isNumber = false;
    const int number = text.toInt(&isNumber);
    if (isNumber) {
        // SIGRTMAX is the largest number the kernel delivers; 0 only probes, it sends nothing.
        if (number >= 1 && number <= SIGRTMAX)
            return number;
        return Error{
            field, QStringLiteral("%1 is not a signal number (1 to %2)").arg(number).arg(SIGRTMAX)};
    }
    QString name = text.trimmed().toUpper();
    if (name.startsWith(QLatin1String("SIG")))
        name = name.mid(3);
    if (!name.isEmpty() && name.size() <= 16) {
        const QByteArray latin = name.toLatin1();
        for (int signal = 1; signal < NSIG; ++signal) {
            const char *abbreviation = ::sigabbrev_np(signal);
            if (abbreviation && std::strcmp(abbreviation, latin.constData()) == 0)
                return signal;
        }
    }
    return Error{field, QStringLiteral("\"%1\" is not a signal name").arg(text.left(64))};
}

} // namespace isolde::engine
