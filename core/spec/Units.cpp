#include "spec/Units.h"

#include <QStringList>
#include <array>
#include <cmath>
#include <limits>

namespace isolde::spec {

namespace {

struct BinaryUnit
{
    char docker;     // Docker's suffix letter
    const char *iec; // "MiB"
    const char *k8s; // "Mi"
    int64_t multiplier;
};

// Largest first, so that the first exact or fitting unit wins.
constexpr std::array<BinaryUnit, 6> binaryUnits = {{
    {'e', "EiB", "Ei", int64_t(1) << 60},
    {'p', "PiB", "Pi", int64_t(1) << 50},
    {'t', "TiB", "Ti", int64_t(1) << 40},
    {'g', "GiB", "Gi", int64_t(1) << 30},
    {'m', "MiB", "Mi", int64_t(1) << 20},
    {'k', "KiB", "Ki", int64_t(1) << 10},
}};

std::optional<int64_t> dockerMultiplier(QChar letter)
{
    for (const BinaryUnit &unit : binaryUnits) {
        // Docker knows k m g t p; e is only ours for formatting.
        if (unit.docker != 'e' && letter == QLatin1Char(unit.docker))
            return unit.multiplier;
    }
    return std::nullopt;
}

bool isDecimalNumber(const QString &text)
{
    bool digit = false;
    bool dot = false;
    for (QChar c : text) {
        if (c.isDigit() && c.unicode() < 128) {
            digit = true;
        } else if (c == QLatin1Char('.') && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    return digit;
}

Error invalidSize(const QString &text)
{
    return Error{{}, QStringLiteral("invalid size: '%1'").arg(text)};
}

Error invalidSuffix(const QString &suffix)
{
    return Error{{}, QStringLiteral("invalid suffix: '%1'").arg(suffix)};
}

// Mirrors Docker's "number, optional space, suffix" split: the number ends at the last digit,
// dot or space.
Expected<int64_t> splitAndScale(const QString &text)
{
    qsizetype sep = -1;
    for (qsizetype i = text.size() - 1; i >= 0; --i) {
        const QChar c = text.at(i);
        if ((c.isDigit() && c.unicode() < 128) || c == QLatin1Char('.') || c == QLatin1Char(' ')) {
            sep = i;
            break;
        }
    }
    if (sep < 0)
        return invalidSize(text);
    const bool spaced = text.at(sep) == QLatin1Char(' ');
    const QString number = text.left(spaced ? sep : sep + 1);
    const QString suffix = text.mid(sep + 1).toLower();
    if (number.startsWith(QLatin1Char('-')) && isDecimalNumber(number.mid(1)))
        return invalidSize(text);
    if (!isDecimalNumber(number))
        return Error{
            {}, QStringLiteral("strconv.ParseFloat: parsing \"%1\": invalid syntax").arg(number)};
    double size = number.toDouble();
    if (!suffix.isEmpty()) {
        if (suffix.size() > 3)
            return invalidSuffix(suffix);
        if (suffix.at(0) == QLatin1Char('b')) {
            if (suffix.size() > 1)
                return invalidSuffix(suffix);
        } else {
            const std::optional<int64_t> multiplier = dockerMultiplier(suffix.at(0));
            if (!multiplier)
                return invalidSuffix(suffix);
            if ((suffix.size() == 2 && suffix.at(1) != QLatin1Char('b')) ||
                (suffix.size() == 3 && suffix.mid(1) != QLatin1String("ib")))
                return invalidSuffix(suffix);
            size *= double(*multiplier);
        }
    }
    // 2^63 is the first double that does not fit.
    if (!std::isfinite(size) || size >= 9223372036854775808.0)
        return invalidSize(text);
    return static_cast<int64_t>(size);
}

QString trimmedDecimal(double value)
{
    QString text = QString::number(value, 'f', 2);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

} // namespace

Expected<int64_t> parseByteSize(const QString &text)
{
    return splitAndScale(text);
}

QString dockerByteSize(int64_t bytes)
{
    if (bytes > 0) {
        for (const BinaryUnit &unit : binaryUnits) {
            if (unit.docker != 'e' && bytes % unit.multiplier == 0)
                return QString::number(bytes / unit.multiplier) + QLatin1Char(unit.docker);
        }
    }
    return QString::number(bytes);
}

QString humanByteSize(int64_t bytes)
{
    if (bytes < 0)
        return QStringLiteral("unlimited");
    for (const BinaryUnit &unit : binaryUnits) {
        if (bytes >= unit.multiplier) {
            return trimmedDecimal(double(bytes) / double(unit.multiplier)) + QLatin1Char(' ') +
                   QLatin1String(unit.iec);
        }
    }
    return QString::number(bytes) + QStringLiteral(" B");
}

QString exactByteSize(int64_t bytes)
{
    for (const BinaryUnit &unit : binaryUnits) {
        if (bytes != 0 && unit.multiplier >= 1024 * 1024 && bytes % unit.multiplier == 0)
            return QString::number(bytes / unit.multiplier) + QLatin1Char(' ') +
                   QLatin1String(unit.iec);
    }
    return QStringLiteral("%1 bytes").arg(bytes);
}

QString kubernetesByteQuantity(int64_t bytes)
{
    if (bytes > 0) {
        for (const BinaryUnit &unit : binaryUnits) {
            if (bytes % unit.multiplier == 0)
                return QString::number(bytes / unit.multiplier) + QLatin1String(unit.k8s);
        }
    }
    return QString::number(bytes);
}

Expected<int64_t> parseNanoCpus(const QString &text)
{
    const Error notRational{{},
                            QStringLiteral("failed to parse %1 as a rational number").arg(text)};
    const bool negative = text.startsWith(QLatin1Char('-'));
    const QString magnitude = negative ? text.mid(1) : text;
    if (!isDecimalNumber(magnitude))
        return notRational;
    const qsizetype dot = magnitude.indexOf(QLatin1Char('.'));
    const QString whole = dot < 0 ? magnitude : magnitude.left(dot);
    QString fraction = dot < 0 ? QString() : magnitude.mid(dot + 1);
    // Nano-CPUs are whole numbers: digits past the ninth must be zeros.
    while (fraction.size() > 9 && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    if (fraction.size() > 9)
        return Error{{}, QStringLiteral("value is too precise")};
    fraction = fraction.leftJustified(9, QLatin1Char('0'));
    bool ok = true;
    const qulonglong wholeValue = whole.isEmpty() ? 0 : whole.toULongLong(&ok);
    const qulonglong limit = uint64_t(std::numeric_limits<int64_t>::max()) / NanoCpusPerCpu;
    if (!ok || wholeValue >= limit)
        return notRational;
    const int64_t nano = int64_t(wholeValue) * NanoCpusPerCpu + fraction.toLongLong();
    return negative ? -nano : nano;
}

QString formatNanoCpus(int64_t nanoCpus)
{
    const QString sign = nanoCpus < 0 ? QStringLiteral("-") : QString();
    const uint64_t magnitude = nanoCpus < 0 ? uint64_t(0) - uint64_t(nanoCpus) : uint64_t(nanoCpus);
    QString fraction =
        QString::number(magnitude % NanoCpusPerCpu).rightJustified(9, QLatin1Char('0'));
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    const QString whole = QString::number(magnitude / NanoCpusPerCpu);
    return sign + (fraction.isEmpty() ? whole : whole + QLatin1Char('.') + fraction);
}

std::optional<bool> parseDockerBool(const QString &text)
{
    static const QStringList yes = {"1", "t", "T", "TRUE", "true", "True"};
    static const QStringList no = {"0", "f", "F", "FALSE", "false", "False"};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

int64_t cpuQuotaFromNanoCpus(int64_t nanoCpus)
{
    // nanoCpus * period / 1e9, without the overflow of the product.
    return nanoCpus / (NanoCpusPerCpu / int64_t(DockerCpuPeriod));
}

std::optional<int64_t> nanoCpusFromCpuQuota(int64_t quota, uint64_t period)
{
    constexpr int64_t nanoPerQuotaUnit = NanoCpusPerCpu / int64_t(DockerCpuPeriod);
    if (period != DockerCpuPeriod || quota <= 0 ||
        quota > std::numeric_limits<int64_t>::max() / nanoPerQuotaUnit)
        return std::nullopt;
    return quota * nanoPerQuotaUnit;
}

} // namespace isolde::spec
