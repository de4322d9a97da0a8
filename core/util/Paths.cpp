#include "util/Paths.h"

#include <QDir>
#include <QProcessEnvironment>

namespace isolde::paths {

static QString fromEnvironment(const char *variable, const QString &fallback)
{
    const QString value = qEnvironmentVariable(variable);
    return QDir::cleanPath(value.isEmpty() ? fallback : value);
}

QString dataDir()
{
    return fromEnvironment("ISOLDE_DATA_DIR", QStringLiteral("/var/lib/isolde"));
}

QString stateDir()
{
    return fromEnvironment("ISOLDE_STATE_DIR", QStringLiteral("/run/isolde"));
}

} // namespace isolde::paths
