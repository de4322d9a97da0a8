#include "DeviceFilter.h"

#include <cerrno>
#include <cstring>
#include <sys/syscall.h>
#include <unistd.h>

namespace isolde::engine {

namespace {

// Registers of the program: r1 holds the bpf_cgroup_dev_ctx pointer on entry.
enum : uint8_t { R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5 };

bpf_insn instruction(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm)
{
    bpf_insn insn{};
    insn.code = code;
    insn.dst_reg = dst & 0xf;
    insn.src_reg = src & 0xf;
    insn.off = off;
    insn.imm = imm;
    return insn;
}

bpf_insn loadWord(uint8_t dst, int16_t offset)
{
    return instruction(BPF_LDX | BPF_MEM | BPF_W, dst, R1, offset, 0);
}
bpf_insn moveRegister(uint8_t dst, uint8_t src)
{
    return instruction(BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 0, 0);
}
bpf_insn moveImmediate(uint8_t dst, int32_t imm)
{
    return instruction(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm);
}
bpf_insn andImmediate(uint8_t dst, int32_t imm)
{
    return instruction(BPF_ALU64 | BPF_AND | BPF_K, dst, 0, 0, imm);
}
bpf_insn shiftRight(uint8_t dst, int32_t imm)
{
    return instruction(BPF_ALU64 | BPF_RSH | BPF_K, dst, 0, 0, imm);
}
bpf_insn jumpIfNotEqual(uint8_t dst, int32_t imm, int16_t skip)
{
    return instruction(BPF_JMP | BPF_JNE | BPF_K, dst, 0, skip, imm);
}
bpf_insn jumpIfAnySet(uint8_t dst, int32_t mask, int16_t skip)
{
    return instruction(BPF_JMP | BPF_JSET | BPF_K, dst, 0, skip, mask);
}
bpf_insn exitProgram()
{
    return instruction(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

int32_t accessMask(const QString &access)
{
    if (access.isEmpty())
        return BPF_DEVCG_ACC_MKNOD | BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE;
    int32_t mask = 0;
    if (access.contains(QLatin1Char('m')))
        mask |= BPF_DEVCG_ACC_MKNOD;
    if (access.contains(QLatin1Char('r')))
        mask |= BPF_DEVCG_ACC_READ;
    if (access.contains(QLatin1Char('w')))
        mask |= BPF_DEVCG_ACC_WRITE;
    return mask;
}

// One rule: a run of checks, each jumping past the block when it does not match; when all
// match, the block returns the rule's verdict.
std::vector<bpf_insn> ruleBlock(const spec::DeviceRule &rule)
{
    struct Check
    {
        enum { Equal, NoneOf } kind;
        uint8_t reg;
        int32_t imm;
    };
    std::vector<Check> checks;
    if (rule.type == QLatin1String("c"))
        checks.push_back({Check::Equal, R2, BPF_DEVCG_DEV_CHAR});
    else if (rule.type == QLatin1String("b"))
        checks.push_back({Check::Equal, R2, BPF_DEVCG_DEV_BLOCK});
    const int32_t allowed = accessMask(rule.access);
    const int32_t all = BPF_DEVCG_ACC_MKNOD | BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE;
    if (allowed != all) // the request must ask for nothing outside the rule's access
        checks.push_back({Check::NoneOf, R3, all & ~allowed});
    if (rule.major)
        checks.push_back({Check::Equal, R4, int32_t(*rule.major)});
    if (rule.minor)
        checks.push_back({Check::Equal, R5, int32_t(*rule.minor)});

    std::vector<bpf_insn> block;
    const int total = int(checks.size()) + 2; // the checks, then mov r0 and exit
    for (size_t i = 0; i < checks.size(); ++i) {
        const auto skip = int16_t(total - int(i) - 1);
        block.push_back(checks[i].kind == Check::Equal
                            ? jumpIfNotEqual(checks[i].reg, checks[i].imm, skip)
                            : jumpIfAnySet(checks[i].reg, checks[i].imm, skip));
    }
    block.push_back(moveImmediate(R0, rule.allow ? 1 : 0));
    block.push_back(exitProgram());
    return block;
}

long bpf(int command, bpf_attr *attr)
{
    return syscall(SYS_bpf, command, attr, sizeof(*attr));
}

} // namespace

std::vector<bpf_insn> buildDeviceFilter(const QList<spec::DeviceRule> &rules)
{
    // struct bpf_cgroup_dev_ctx { u32 access_type (access << 16 | type); u32 major; u32 minor; }
    std::vector<bpf_insn> program = {
        loadWord(R2, offsetof(bpf_cgroup_dev_ctx, access_type)),
        moveRegister(R3, R2),
        andImmediate(R2, 0xffff), // r2: BPF_DEVCG_DEV_BLOCK or _CHAR
        shiftRight(R3, 16),       // r3: BPF_DEVCG_ACC_* bits asked for
        loadWord(R4, offsetof(bpf_cgroup_dev_ctx, major)),
        loadWord(R5, offsetof(bpf_cgroup_dev_ctx, minor)),
    };
    for (auto rule = rules.crbegin(); rule != rules.crend(); ++rule) {
        const std::vector<bpf_insn> block = ruleBlock(*rule);
        program.insert(program.end(), block.begin(), block.end());
        // A rule that matches every device decides alone: the rules before it can never
        // match, and the verifier refuses code it cannot reach.
        if (block.size() == 2)
            return program;
    }
    program.push_back(moveImmediate(R0, 0));
    program.push_back(exitProgram());
    return program;
}

Expected<int> loadDeviceFilter(const std::vector<bpf_insn> &program)
{
    static char license[] = "GPL";
    char log[8192] = {};
    bpf_attr attr{};
    attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
    attr.insns = uint64_t(uintptr_t(program.data()));
    attr.insn_cnt = uint32_t(program.size());
    attr.license = uint64_t(uintptr_t(license));
    attr.log_buf = uint64_t(uintptr_t(log));
    attr.log_size = sizeof log;
    attr.log_level = 1;
    attr.prog_flags = 0;
    const long fd = bpf(BPF_PROG_LOAD, &attr);
    if (fd < 0) {
        const int error = errno;
        return Error{QStringLiteral("linux.resources.devices"),
                     QStringLiteral("the kernel refused the device filter program: %1 %2")
                         .arg(QString::fromLocal8Bit(strerror(error)),
                              QString::fromLocal8Bit(log).trimmed())};
    }
    // bpf(2) returns its fds with O_CLOEXEC already set.
    return int(fd);
}

Expected<void> attachDeviceFilter(int cgroupFd, const QList<spec::DeviceRule> &rules)
{
    const auto program = loadDeviceFilter(buildDeviceFilter(rules));
    if (!program)
        return program.error();
    bpf_attr attr{};
    attr.target_fd = uint32_t(cgroupFd);
    attr.attach_bpf_fd = uint32_t(*program);
    attr.attach_type = BPF_CGROUP_DEVICE;
    attr.attach_flags = BPF_F_ALLOW_MULTI;
    const long attached = bpf(BPF_PROG_ATTACH, &attr);
    const int error = errno;
    ::close(*program);
    if (attached < 0)
        return Error{QStringLiteral("linux.resources.devices"),
                     QStringLiteral("cannot attach the device filter to the cgroup: %1")
                         .arg(QString::fromLocal8Bit(strerror(error)))};
    return {};
}

} // namespace isolde::engine
