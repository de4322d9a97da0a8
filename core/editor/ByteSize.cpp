#include "editor/ByteSize.h"

#include "spec/Units.h"

QString ByteSize::human(double bytes)
{
    return isolde::spec::humanByteSize(int64_t(bytes));
}

QString ByteSize::docker(double bytes)
{
    return isolde::spec::dockerByteSize(int64_t(bytes));
}

double ByteSize::parse(const QString &text)
{
    const isolde::Expected<int64_t> bytes = isolde::spec::parseByteSize(text.trimmed());
    return bytes ? double(*bytes) : -1;
}

QString ByteSize::parseError(const QString &text)
{
    const isolde::Expected<int64_t> bytes = isolde::spec::parseByteSize(text.trimmed());
    return bytes ? QString() : bytes.error().reason;
}
