// Docker's units: byte sizes as `docker run --memory` reads them (binary multiples: 1k = 1024),
// CPU counts as `--cpus` reads them, and the human forms the GUI shows ("512 MiB").
#pragma once

#include "util/Expected.h"

#include <QString>
#include <cstdint>
#include <optional>

namespace isolde::spec {

// The CFS period Docker uses for --cpus: 100 ms, in microseconds.
inline constexpr uint64_t DockerCpuPeriod = 100000;
inline constexpr int64_t NanoCpusPerCpu = 1000000000;

// "512m", "1g", "1.5g", "100k", "10b", "2MiB", "1 GB", "4096" (bare numbers are bytes); the
// suffix is case-insensitive and may end in "b" or "ib". Fractions are truncated to whole
// bytes. Errors are Docker's: "invalid size: 'abc'", "invalid suffix: 'x'".
Expected<int64_t> parseByteSize(const QString &text);

// The shortest exact Docker spelling: 536870912 -> "512m", 1536 -> "1536", 1610612736 ->
// "1536m". parseByteSize(dockerByteSize(n)) == n for every n >= 0.
QString dockerByteSize(int64_t bytes);

// For people: "512 MiB", "1.5 GiB", "100 KiB", "12 B" (at most two decimals).
QString humanByteSize(int64_t bytes);

// Exact, for error messages: "6 MiB" or "1 GiB" when the amount is a whole number of them,
// otherwise "4096 bytes".
QString exactByteSize(int64_t bytes);

// Kubernetes quantity: "512Mi", "1Gi", or plain bytes when no binary suffix is exact.
QString kubernetesByteQuantity(int64_t bytes);

// "--cpus 1.5" -> 1500000000 nano-CPUs. Exact decimal arithmetic, like Docker's rational
// parsing: "1.0000000001" is "too precise". Errors: "failed to parse abc as a rational
// number", "value is too precise".
Expected<int64_t> parseNanoCpus(const QString &text);
// 1500000000 -> "1.5"
QString formatNanoCpus(int64_t nanoCpus);

// What Docker's daemon writes for --cpus: quota = nanoCpus * period / 1e9 with the 100 ms
// period.
int64_t cpuQuotaFromNanoCpus(int64_t nanoCpus);
// The inverse, when the quota is a whole number of nano-CPUs at Docker's period.
std::optional<int64_t> nanoCpusFromCpuQuota(int64_t quota, uint64_t period);

// Booleans as Docker's flags spell them (Go's strconv.ParseBool): 1 t T TRUE true True and
// 0 f F FALSE false False.
std::optional<bool> parseDockerBool(const QString &text);

} // namespace isolde::spec
