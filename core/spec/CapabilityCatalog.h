// Every Linux capability the kernel knows: its name, number, one line on what it allows, and
// whether Docker grants it by default.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <span>

namespace isolde::spec {

struct CapabilityInfo
{
    const char *name; // "CAP_CHOWN"
    int number;       // CAP_CHOWN == 0
    const char *summary;
    bool dockerDefault;
};

std::span<const CapabilityInfo> allCapabilities();
std::optional<CapabilityInfo> findCapability(const QString &name); // "CAP_CHOWN" or "chown"
QStringList dockerDefaultCapabilities();                           // the 14, in number order
// "chown", "Cap_Chown" and "CAP_CHOWN" all become "CAP_CHOWN" (known or not).
QString canonicalCapabilityName(const QString &name);

} // namespace isolde::spec
