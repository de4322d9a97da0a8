#include "CgroupBackend.h"

namespace isolde::engine {

QByteArray pidsMaxValue(int64_t limit)
{
    return limit > 0 ? QByteArray::number(qlonglong(limit)) : QByteArray("max");
}

} // namespace isolde::engine
