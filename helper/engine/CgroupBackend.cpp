#include "CgroupBackend.h"

namespace isolde::engine {

QByteArray pidsMaxValue(int64_t limit)
{
    return limit > 0 ? QByteArray::number(qlonglong(limit)) : QByteArray("max");
}

QList<spec::DeviceRule> defaultAllowedDevices()
{
    auto rule = [](const char *type, std::optional<int64_t> major, std::optional<int64_t> minor,
                   const char *access) {
        return spec::DeviceRule{true, QLatin1String(type), major, minor, QLatin1String(access)};
    };
    return {
        rule("c", 1, 3, "rwm"),              // /dev/null
        rule("c", 1, 5, "rwm"),              // /dev/zero
        rule("c", 1, 7, "rwm"),              // /dev/full
        rule("c", 1, 8, "rwm"),              // /dev/random
        rule("c", 1, 9, "rwm"),              // /dev/urandom
        rule("c", 5, 0, "rwm"),              // /dev/tty
        rule("c", 5, 1, "rwm"),              // /dev/console
        rule("c", 5, 2, "rwm"),              // /dev/ptmx
        rule("c", 136, std::nullopt, "rwm"), // /dev/pts/*
    };
}

} // namespace isolde::engine
