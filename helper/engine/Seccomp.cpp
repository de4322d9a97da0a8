#include "Seccomp.h"

#include "spec/SpecValidator.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <array>
#include <cerrno>
#include <cstring>
#include <linux/seccomp.h>
#include <memory>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace isolde::engine {

namespace {

struct ContextDeleter
{
    void operator()(void *context) const { seccomp_release(context); }
};
using Context = std::unique_ptr<void, ContextDeleter>;

struct FdCloser
{
    int fd;
    ~FdCloser()
    {
        if (fd >= 0)
            close(fd);
    }
};

QString libseccompReason(int rc)
{
    return QString::fromLocal8Bit(std::strerror(-rc));
}

constexpr uint32_t MaxErrno = 0xffff; // SECCOMP_RET_DATA: the errno is the low 16 bits

// An OCI action name (with its errnoRet) as a libseccomp action. `field` names the action,
// `errnoField` its errnoRet.
Expected<uint32_t> action(const QString &name, std::optional<uint32_t> errnoRet,
                          const QString &field, const QString &errnoField)
{
    const bool takesErrno =
        name == QLatin1String("SCMP_ACT_ERRNO") || name == QLatin1String("SCMP_ACT_TRACE");
    if (errnoRet && !takesErrno)
        return Error{errnoField, QStringLiteral("only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take an "
                                                "errno, not %1")
                                     .arg(name)};
    if (errnoRet && *errnoRet > MaxErrno)
        return Error{
            errnoField,
            QStringLiteral("%1 does not fit the filter's 16-bit return value").arg(*errnoRet)};
    const uint32_t data = errnoRet.value_or(EPERM);

    if (name == QLatin1String("SCMP_ACT_ALLOW"))
        return SCMP_ACT_ALLOW;
    if (name == QLatin1String("SCMP_ACT_ERRNO"))
        return SCMP_ACT_ERRNO(data);
    if (name == QLatin1String("SCMP_ACT_KILL") || name == QLatin1String("SCMP_ACT_KILL_THREAD"))
        return SCMP_ACT_KILL_THREAD;
    if (name == QLatin1String("SCMP_ACT_KILL_PROCESS"))
        return SCMP_ACT_KILL_PROCESS;
    if (name == QLatin1String("SCMP_ACT_TRAP"))
        return SCMP_ACT_TRAP;
    if (name == QLatin1String("SCMP_ACT_TRACE"))
        return SCMP_ACT_TRACE(data);
    if (name == QLatin1String("SCMP_ACT_LOG"))
        return SCMP_ACT_LOG;
    if (name == QLatin1String("SCMP_ACT_NOTIFY"))
        return Error{field, QStringLiteral("SCMP_ACT_NOTIFY hands system calls to a listener "
                                           "process, which isolde does not support yet")};
    if (name.isEmpty())
        return Error{field, QStringLiteral("missing; it must be an SCMP_ACT_* action")};
    return Error{field, QStringLiteral("unknown action \"%1\"").arg(name)};
}

// "SCMP_ARCH_X86_64" -> libseccomp's token for "x86_64"; 0 when unknown.
uint32_t architectureToken(const QString &name)
{
    static const QLatin1String prefix("SCMP_ARCH_");
    if (!name.startsWith(prefix))
        return 0;
    return seccomp_arch_resolve_name(name.mid(prefix.size()).toLower().toLatin1().constData());
}

Expected<void> addArchitectures(scmp_filter_ctx context, const QStringList &architectures)
{
    bool nativeListed = architectures.isEmpty();
    for (qsizetype i = 0; i < architectures.size(); ++i) {
        const uint32_t token = architectureToken(architectures[i]);
        const QString field = QStringLiteral("linux.seccomp.architectures[%1]").arg(i);
        if (token == 0)
            return Error{field,
                         QStringLiteral("unknown architecture \"%1\"").arg(architectures[i])};
        if (token == seccomp_arch_native()) {
            nativeListed = true;
            continue;
        }
        const int rc = seccomp_arch_add(context, token);
        if (rc != 0 && rc != -EEXIST)
            return Error{field, libseccompReason(rc)};
    }
    // The context starts with the native architecture; a profile that does not list it
    // filters only the others (its native calls then meet the bad-architecture action).
    if (!nativeListed) {
        const int rc = seccomp_arch_remove(context, SCMP_ARCH_NATIVE);
        if (rc != 0)
            return Error{QStringLiteral("linux.seccomp.architectures"), libseccompReason(rc)};
    }
    return {};
}

struct FlagName
{
    const char *name;
    unsigned int flag;
};

// What the OCI spec lets a config.json ask for. SECCOMP_FILTER_FLAG_NEW_LISTENER belongs to
// the runtime (it goes with SCMP_ACT_NOTIFY), so it is not among them.
constexpr std::array<FlagName, 4> FlagNames{{
    {"SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC},
    {"SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG},
    {"SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW},
    {"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV},
}};

Expected<unsigned int> filterFlags(const QStringList &flags)
{
    unsigned int result = 0;
    for (qsizetype i = 0; i < flags.size(); ++i) {
        const FlagName *known = nullptr;
        for (const FlagName &entry : FlagNames) {
            if (flags[i] == QLatin1String(entry.name))
                known = &entry;
        }
        if (!known)
            return Error{QStringLiteral("linux.seccomp.flags[%1]").arg(i),
                         QStringLiteral("unknown flag \"%1\"").arg(flags[i])};
        result |= known->flag;
    }
    return result;
}

struct OperatorName
{
    const char *name;
    scmp_compare op;
};

constexpr std::array<OperatorName, 7> Operators{{
    {"SCMP_CMP_NE", SCMP_CMP_NE},
    {"SCMP_CMP_LT", SCMP_CMP_LT},
    {"SCMP_CMP_LE", SCMP_CMP_LE},
    {"SCMP_CMP_EQ", SCMP_CMP_EQ},
    {"SCMP_CMP_GE", SCMP_CMP_GE},
    {"SCMP_CMP_GT", SCMP_CMP_GT},
    {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
}};

constexpr uint32_t SyscallArguments = 6;

// The argument conditions of linux.seccomp.syscalls[i]. For SCMP_CMP_MASKED_EQ `value` is the
// mask and `valueTwo` the datum, as in the OCI spec and libseccomp's datum_a/datum_b.
Expected<std::vector<scmp_arg_cmp>> conditions(const QList<spec::SeccompArg> &args,
                                               const QString &ruleField)
{
    std::vector<scmp_arg_cmp> result;
    for (qsizetype k = 0; k < args.size(); ++k) {
        const spec::SeccompArg &arg = args[k];
        const QString field = ruleField + QStringLiteral(".args[%1]").arg(k);
        if (arg.index >= SyscallArguments)
            return Error{field + QStringLiteral(".index"),
                         QStringLiteral("%1 is out of range; system calls have arguments 0 to 5")
                             .arg(arg.index)};
        const OperatorName *known = nullptr;
        for (const OperatorName &entry : Operators) {
            if (arg.op == QLatin1String(entry.name))
                known = &entry;
        }
        if (!known)
            return Error{field + QStringLiteral(".op"),
                         QStringLiteral("unknown comparison \"%1\"").arg(arg.op)};
        result.push_back(scmp_arg_cmp{arg.index, known->op, arg.value, arg.valueTwo});
    }
    return result;
}

bool repeatsAnIndex(const std::vector<scmp_arg_cmp> &conds)
{
    for (std::size_t a = 0; a < conds.size(); ++a) {
        for (std::size_t b = a + 1; b < conds.size(); ++b) {
            if (conds[a].arg == conds[b].arg)
                return true;
        }
    }
    return false;
}

// One name of a rule. Conditions on distinct arguments are ANDed in one rule. libseccomp
// cannot AND two conditions on the same argument; as runc and crun do, each such condition
// then becomes a rule of its own, so existing profiles keep the meaning they have there.
int addRule(scmp_filter_ctx context, uint32_t ruleAction, int syscall,
            const std::vector<scmp_arg_cmp> &conds)
{
    if (!repeatsAnIndex(conds))
        return seccomp_rule_add_array(context, ruleAction, syscall,
                                      static_cast<unsigned int>(conds.size()), conds.data());
    for (const scmp_arg_cmp &cond : conds) {
        if (const int rc = seccomp_rule_add_array(context, ruleAction, syscall, 1, &cond); rc != 0)
            return rc;
    }
    return 0;
}

Expected<void> addSyscalls(scmp_filter_ctx context, const QList<spec::SeccompSyscall> &syscalls,
                           uint32_t defaultAction)
{
    for (qsizetype i = 0; i < syscalls.size(); ++i) {
        const spec::SeccompSyscall &rule = syscalls[i];
        const QString ruleField = QStringLiteral("linux.seccomp.syscalls[%1]").arg(i);
        const auto ruleAction =
            action(rule.action, rule.errnoRet, ruleField + QStringLiteral(".action"),
                   ruleField + QStringLiteral(".errnoRet"));
        if (!ruleAction)
            return ruleAction.error();
        const auto conds = conditions(rule.args, ruleField);
        if (!conds)
            return conds.error();
        for (qsizetype j = 0; j < rule.names.size(); ++j) {
            const QString field = ruleField + QStringLiteral(".names[%1]").arg(j);
            // Names of calls that only other architectures have resolve to libseccomp's
            // pseudo numbers, which it leaves out of the filter where they do not exist.
            const int syscall = seccomp_syscall_resolve_name(rule.names[j].toLatin1().constData());
            if (syscall == __NR_SCMP_ERROR && spec::isSyscallNewerThanLibseccomp(rule.names[j]))
                continue;
            if (syscall == __NR_SCMP_ERROR)
                return Error{field,
                             QStringLiteral("unknown system call \"%1\"").arg(rule.names[j])};
            // The default already does this; libseccomp refuses such a rule as redundant.
            if (*ruleAction == defaultAction)
                continue;
            if (const int rc = addRule(context, *ruleAction, syscall, *conds); rc != 0)
                return Error{field, libseccompReason(rc)};
        }
    }
    return {};
}

// libseccomp 2.5 writes the BPF program only to a file descriptor; a memfd keeps it in memory.
Expected<std::vector<sock_filter>> exportProgram(scmp_filter_ctx context)
{
    const Error failure{QStringLiteral("linux.seccomp"),
                        QStringLiteral("cannot export the compiled filter: %1")};
    FdCloser memfd{memfd_create("isolde-seccomp", MFD_CLOEXEC)};
    if (memfd.fd < 0)
        return Error{failure.field, failure.reason.arg(QString::fromLocal8Bit(strerror(errno)))};
    if (const int rc = seccomp_export_bpf(context, memfd.fd); rc != 0)
        return Error{failure.field, failure.reason.arg(libseccompReason(rc))};
    struct stat status = {};
    if (fstat(memfd.fd, &status) != 0 || status.st_size % sizeof(sock_filter) != 0)
        return Error{failure.field, failure.reason.arg(QStringLiteral("bad program size"))};
    std::vector<sock_filter> program(static_cast<std::size_t>(status.st_size) /
                                     sizeof(sock_filter));
    const auto bytes = static_cast<ssize_t>(program.size() * sizeof(sock_filter));
    if (pread(memfd.fd, program.data(), static_cast<std::size_t>(bytes), 0) != bytes)
        return Error{failure.field, failure.reason.arg(QStringLiteral("short read"))};
    if (program.size() > BPF_MAXINSNS)
        return Error{failure.field,
                     QStringLiteral("the compiled filter has %1 instructions; the kernel takes "
                                    "at most %2")
                         .arg(program.size())
                         .arg(BPF_MAXINSNS)};
    return program;
}

// --- the cache of compiled programs ---

// A hash of everything the compiled program depends on, serialized unambiguously.
QByteArray cacheKey(const spec::Seccomp &seccomp)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    const scmp_version *version = seccomp_version();
    out << quint32(version->major) << quint32(version->minor) << quint32(version->micro)
        << quint32(seccomp_api_get()) << quint32(seccomp_arch_native());
    out << seccomp.defaultAction << seccomp.defaultErrnoRet.has_value()
        << seccomp.defaultErrnoRet.value_or(0) << seccomp.architectures << seccomp.flags
        << seccomp.listenerPath << seccomp.listenerMetadata << qint64(seccomp.syscalls.size());
    for (const spec::SeccompSyscall &rule : seccomp.syscalls) {
        out << rule.names << rule.action << rule.errnoRet.has_value() << rule.errnoRet.value_or(0)
            << qint64(rule.args.size());
        for (const spec::SeccompArg &arg : rule.args)
            out << arg.index << quint64(arg.value) << quint64(arg.valueTwo) << arg.op;
    }
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// The file: this header, then `count` sock_filter instructions.
struct CacheHeader
{
    char magic[8] = {'I', 'S', 'O', 'L', 'B', 'P', 'F', '1'};
    uint32_t flags = 0;
    uint32_t count = 0;
};

// Only an entry this user owns and nobody else may write is trusted: it is the container's
// whole system call policy.
std::optional<SeccompPlan> readCached(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    struct stat status = {};
    if (fstat(file.handle(), &status) != 0 || status.st_uid != geteuid() ||
        (status.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        return std::nullopt;
    const QByteArray bytes = file.readAll();
    CacheHeader header;
    const CacheHeader expected;
    if (bytes.size() < qsizetype(sizeof header))
        return std::nullopt;
    std::memcpy(&header, bytes.constData(), sizeof header);
    const std::size_t body = std::size_t(bytes.size()) - sizeof header;
    if (std::memcmp(header.magic, expected.magic, sizeof header.magic) != 0 || header.count == 0 ||
        header.count > BPF_MAXINSNS || body != header.count * sizeof(sock_filter))
        return std::nullopt;
    SeccompPlan plan;
    plan.enabled = true;
    plan.flags = header.flags;
    plan.program.resize(header.count);
    std::memcpy(plan.program.data(), bytes.constData() + sizeof header, body);
    return plan;
}

void writeCached(const QString &cacheDir, const QString &path, const SeccompPlan &plan)
{
    if (!QDir().mkpath(cacheDir) ||
        !QFile::setPermissions(cacheDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
        return;
    CacheHeader header;
    header.flags = plan.flags;
    header.count = static_cast<uint32_t>(plan.program.size());
    // Written whole under another name and renamed: a reader never sees half a program.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(reinterpret_cast<const char *>(&header), sizeof header);
    file.write(reinterpret_cast<const char *>(plan.program.data()),
               qint64(plan.program.size() * sizeof(sock_filter)));
    file.commit();
}

} // namespace

Expected<SeccompPlan> compileSeccomp(const std::optional<spec::Seccomp> &seccomp,
                                     const QString &cacheDir)
{
    if (!seccomp)
        return SeccompPlan{};
    const QString path = cacheDir + QLatin1Char('/') + QString::fromLatin1(cacheKey(*seccomp)) +
                         QStringLiteral(".bpf");
    if (auto cached = readCached(path))
        return std::move(*cached);
    auto plan = compileSeccomp(seccomp);
    if (plan)
        writeCached(cacheDir, path, *plan);
    return plan;
}

Expected<SeccompPlan> compileSeccomp(const std::optional<spec::Seccomp> &seccomp)
{
    SeccompPlan plan;
    if (!seccomp)
        return plan;

    const auto defaultAction = action(seccomp->defaultAction, seccomp->defaultErrnoRet,
                                      QStringLiteral("linux.seccomp.defaultAction"),
                                      QStringLiteral("linux.seccomp.defaultErrnoRet"));
    if (!defaultAction)
        return defaultAction.error();
    const auto flags = filterFlags(seccomp->flags);
    if (!flags)
        return flags.error();

    Context context(seccomp_init(*defaultAction));
    if (!context)
        return Error{QStringLiteral("linux.seccomp.defaultAction"),
                     QStringLiteral("libseccomp cannot start a filter with this action")};
    // A binary tree of syscall numbers instead of a linear list: long allow-lists (the
    // default profile has some 350 names) cost far fewer instructions per system call.
    seccomp_attr_set(context.get(), SCMP_FLTATR_CTL_OPTIMIZE, 2);

    if (auto added = addArchitectures(context.get(), seccomp->architectures); !added)
        return added.error();
    if (auto added = addSyscalls(context.get(), seccomp->syscalls, *defaultAction); !added)
        return added.error();
    auto program = exportProgram(context.get());
    if (!program)
        return program.error();

    plan.enabled = true;
    plan.program = std::move(*program);
    plan.flags = *flags;
    return plan;
}

bool loadSeccomp(const SeccompPlan &plan, ChildFailure &failure)
{
    if (!plan.enabled)
        return true;
    sock_fprog prog{static_cast<unsigned short>(plan.program.size()),
                    const_cast<sock_filter *>(plan.program.data())};
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, plan.flags, &prog) != 0) {
        setChildFailure(failure, "seccomp(SECCOMP_SET_MODE_FILTER)", "linux.seccomp",
                        "cannot load the filter (loading needs no_new_privs or CAP_SYS_ADMIN)",
                        errno);
        return false;
    }
    return true;
}

} // namespace isolde::engine
