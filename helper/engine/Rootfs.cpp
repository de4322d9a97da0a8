#include "Rootfs.h"

#include "CgroupHierarchy.h"
#include "Overlay.h"
#include "SafePath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <vector>

namespace isolde::engine {

namespace {

// One fsconfig() call: a key with a value, or a bare flag.
struct FsOption
{
    std::string key;
    std::string value;
    bool flag = false;
};

// A cgroup hierarchy shown under a cgroup mount on a v1 or hybrid host.
struct CgroupHierarchyStep
{
    std::string name;     // sub-directory: "memory", "systemd", "unified"
    std::string type;     // "cgroup" or "cgroup2"
    std::string hostPath; // fallback bind source when the type cannot be mounted here
    std::vector<FsOption> options;
};

struct MountStep
{
    std::string destination;
    std::string source;
    std::string type;
    std::vector<FsOption> options;
    bool bind = false;
    bool recursive = false; // rbind, or an "r" option (rro, rnosuid, ...)
    MountTargetKind targetKind = MountTargetKind::Directory;
    uint64_t attrSet = 0;
    uint64_t attrClear = 0;
    uint64_t propagation = 0;
    // type "cgroup" on a v1/hybrid host: a read-only tmpfs holding one mount per hierarchy.
    std::vector<CgroupHierarchyStep> cgroupHierarchies;
    std::string destinationField; // "mounts[3].destination"
    std::string sourceField;
    std::string optionsField;
};

struct DeviceStep
{
    std::string path;     // inside the root
    std::string parent;   // its directory
    std::string name;     // its last component
    std::string hostPath; // bind source when mknod is not allowed (user namespace); may be empty
    mode_t mode = 0;      // S_IFCHR/S_IFBLK/S_IFIFO | permissions
    dev_t device = 0;
    uid_t uid = uid_t(-1);
    gid_t gid = gid_t(-1);
    std::string field;
};

struct SymlinkStep
{
    std::string name; // in /dev
    std::string target;
};

struct PathStep
{
    std::string path;
    std::string field;
};

struct SysctlStep
{
    std::string path; // "proc/sys/net/ipv4/ip_forward", inside the root
    std::string value;
    std::string field;
};

} // namespace

struct RootfsPlan
{
    std::string rootPath; // absolute host path of the container's root
    std::optional<OverlayPlan> overlay;
    unsigned long hostPropagation = MS_REC | MS_PRIVATE; // on "/" before anything
    uint64_t rootPropagation = 0;                        // on the new "/" after pivot_root
    bool rootPropagationRecursive = false;
    std::vector<MountStep> mounts;
    std::vector<DeviceStep> devices;
    std::vector<SymlinkStep> devSymlinks;
    bool console = false;
    int consoleFd = -1;
    std::vector<SysctlStep> sysctls;
    std::vector<PathStep> maskedPaths;
    std::vector<PathStep> readonlyPaths;
    bool readonlyRoot = false;
};

void RootfsPlanDeleter::operator()(RootfsPlan *plan) const
{
    delete plan;
}

void setRootfsConsole(RootfsPlan &plan, int ptyReplicaFd)
{
    plan.consoleFd = ptyReplicaFd;
}

// ---- Parent: planning -------------------------------------------------------------------------

namespace {

std::string toStd(const QString &text)
{
    return QFile::encodeName(text).toStdString();
}

struct AttrOption
{
    const char *name;
    uint64_t set;
    uint64_t clear;
};

// Mount flags in the words of mount(8), as mount_setattr()/fsmount() attributes.
constexpr AttrOption attrOptions[] = {
    {"ro", MOUNT_ATTR_RDONLY, 0},
    {"rw", 0, MOUNT_ATTR_RDONLY},
    {"nosuid", MOUNT_ATTR_NOSUID, 0},
    {"suid", 0, MOUNT_ATTR_NOSUID},
    {"nodev", MOUNT_ATTR_NODEV, 0},
    {"dev", 0, MOUNT_ATTR_NODEV},
    {"noexec", MOUNT_ATTR_NOEXEC, 0},
    {"exec", 0, MOUNT_ATTR_NOEXEC},
    {"nodiratime", MOUNT_ATTR_NODIRATIME, 0},
    {"diratime", 0, MOUNT_ATTR_NODIRATIME},
    {"nosymfollow", MOUNT_ATTR_NOSYMFOLLOW, 0},
    {"symfollow", 0, MOUNT_ATTR_NOSYMFOLLOW},
};

struct AtimeOption
{
    const char *name;
    uint64_t value;
};

constexpr AtimeOption atimeOptions[] = {
    {"noatime", MOUNT_ATTR_NOATIME},
    {"relatime", MOUNT_ATTR_RELATIME},
    {"strictatime", MOUNT_ATTR_STRICTATIME},
};

struct PropagationOption
{
    const char *name;
    uint64_t value;
};

constexpr PropagationOption propagationOptions[] = {
    {"private", MS_PRIVATE},
    {"shared", MS_SHARED},
    {"slave", MS_SLAVE},
    {"unbindable", MS_UNBINDABLE},
};

// "private"/"rprivate"/... -> MS_* and whether it is recursive; false when not a propagation.
bool parsePropagation(const QString &option, uint64_t &value, bool &recursive)
{
    const bool r = option.startsWith(QLatin1Char('r'));
    for (const PropagationOption &p : propagationOptions) {
        if (option == QLatin1String(p.name) || (r && option.mid(1) == QLatin1String(p.name))) {
            value = p.value;
            recursive = r;
            return true;
        }
    }
    return false;
}

// Applies one flag-like option (ro, nosuid, relatime, rro, ...); false when it is not one.
bool applyAttrOption(const QString &option, MountStep &step)
{
    // "rro", "rnosuid", ...: the same attribute, applied to every mount of a recursive bind.
    for (const bool recursive : {false, true}) {
        const QString name = recursive ? option.mid(1) : option;
        if (recursive && !option.startsWith(QLatin1Char('r')))
            return false;
        for (const AttrOption &a : attrOptions) {
            if (name == QLatin1String(a.name)) {
                step.attrSet = (step.attrSet & ~a.clear) | a.set;
                step.attrClear = (step.attrClear & ~a.set) | a.clear;
                step.recursive = step.recursive || recursive;
                return true;
            }
        }
        for (const AtimeOption &a : atimeOptions) {
            if (name == QLatin1String(a.name)) {
                step.attrSet = (step.attrSet & ~MOUNT_ATTR__ATIME) | a.value;
                step.attrClear |= MOUNT_ATTR__ATIME;
                step.recursive = step.recursive || recursive;
                return true;
            }
        }
    }
    return false;
}

FsOption fsOption(const QString &option)
{
    const qsizetype eq = option.indexOf(QLatin1Char('='));
    if (eq < 0)
        return FsOption{toStd(option), std::string(), true};
    return FsOption{toStd(option.left(eq)), toStd(option.mid(eq + 1)), false};
}

Expected<void> parseMountOptions(const spec::Mount &mount, const QString &field, MountStep &step)
{
    step.bind = mount.type == QLatin1String("bind");
    for (const QString &option : mount.options) {
        if (option == QLatin1String("bind") || option == QLatin1String("rbind")) {
            step.bind = true;
            step.recursive = step.recursive || option == QLatin1String("rbind");
        }
    }
    for (int i = 0; i < mount.options.size(); ++i) {
        const QString &option = mount.options.at(i);
        bool recursive = false;
        if (option == QLatin1String("bind") || option == QLatin1String("rbind") ||
            option == QLatin1String("defaults") || option == QLatin1String("async"))
            continue;
        if (parsePropagation(option, step.propagation, recursive)) {
            step.recursive = step.recursive || recursive;
            continue;
        }
        if (applyAttrOption(option, step))
            continue;
        if (option.isEmpty() || option.contains(QChar(0)))
            return Error{field + QStringLiteral(".options[%1]").arg(i),
                         QStringLiteral("empty mount option")};
        if (step.bind)
            return Error{field + QStringLiteral(".options[%1]").arg(i),
                         QStringLiteral("\"%1\" is not a mount flag, and a bind mount takes no "
                                        "filesystem options")
                             .arg(option)};
        step.options.push_back(fsOption(option));
    }
    return {};
}

QStringList knownFilesystems()
{
    QFile file(QStringLiteral("/proc/filesystems"));
    QStringList names;
    if (!file.open(QIODevice::ReadOnly))
        return names;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> words = line.simplified().split(' ');
        if (!words.last().isEmpty())
            names.append(QString::fromLatin1(words.last()));
    }
    return names;
}

// The container's view of its cgroups. On a pure v2 host that is a cgroup2 mount (with a
// cgroup namespace, rooted at the container's cgroup). On v1 and hybrid hosts, a tmpfs with
// one mount per hierarchy, as on the host.
Expected<void> planCgroupMount(MountStep &step, const QString &field)
{
    auto host = detectCgroupHost();
    if (!host)
        return Error{field, QStringLiteral("cannot read this host's cgroup hierarchies: ") +
                                host.error().toString()};
    if (host->mode == CgroupMode::Unified) {
        step.type = "cgroup2";
        return {};
    }
    step.type = "tmpfs";
    step.options = {FsOption{"mode", "755", false}};
    for (const CgroupMount &mount : host->mounts) {
        CgroupHierarchyStep hierarchy;
        hierarchy.name = toStd(QFileInfo(mount.mountPoint).fileName());
        hierarchy.hostPath = toStd(mount.mountPoint);
        hierarchy.type = mount.unified ? "cgroup2" : "cgroup";
        if (!mount.unified) {
            for (const QString &controller : mount.controllers)
                hierarchy.options.push_back(fsOption(controller));
        }
        step.cgroupHierarchies.push_back(std::move(hierarchy));
    }
    return {};
}

Expected<void> planMount(const spec::Mount &mount, int index, const QString &bundleDir,
                         const QStringList &filesystems, MountStep &step)
{
    const QString field = QStringLiteral("mounts[%1]").arg(index);
    step.destinationField = toStd(field + QStringLiteral(".destination"));
    step.sourceField = toStd(field + QStringLiteral(".source"));
    step.optionsField = toStd(field + QStringLiteral(".options"));
    if (mount.destination.isEmpty())
        return Error{field + QStringLiteral(".destination"), QStringLiteral("is empty")};
    step.destination = toStd(mount.destination);
    if (auto parsed = parseMountOptions(mount, field, step); !parsed)
        return parsed;

    if (step.bind) {
        if (mount.source.isEmpty())
            return Error{field + QStringLiteral(".source"),
                         QStringLiteral("a bind mount needs a source")};
        // A relative bind source is relative to the bundle (runtime-spec, config.md#mounts).
        const QString source = QDir(bundleDir).absoluteFilePath(mount.source);
        const QFileInfo info(source);
        if (!info.exists())
            return Error{field + QStringLiteral(".source"),
                         QStringLiteral("\"%1\" does not exist").arg(source)};
        step.source = toStd(source);
        step.targetKind = info.isDir() ? MountTargetKind::Directory : MountTargetKind::File;
        return {};
    }

    if (mount.type.isEmpty())
        return Error{field + QStringLiteral(".type"),
                     QStringLiteral("is empty and the options do not say bind")};
    step.source = toStd(mount.source.isEmpty() ? mount.type : mount.source);
    if (mount.type == QLatin1String("cgroup") || mount.type == QLatin1String("cgroup2"))
        return planCgroupMount(step, field + QStringLiteral(".type"));
    if (!filesystems.contains(mount.type))
        return Error{field + QStringLiteral(".type"),
                     QStringLiteral("\"%1\" is not a filesystem this kernel knows (see "
                                    "/proc/filesystems)")
                         .arg(mount.type)};
    step.type = toStd(mount.type);
    return {};
}

// The devices every OCI container gets (runtime-spec, config-linux.md#default-devices). Made
// with mknod like any other; in a user namespace, where mknod is refused, the host's node is
// bound instead.
constexpr struct
{
    const char *name;
    unsigned major, minor;
} defaultDevices[] = {{"null", 1, 3},   {"zero", 1, 5},    {"full", 1, 7},
                      {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};

Expected<void> planDevices(const spec::OciSpec &spec, RootfsPlan &plan)
{
    const QList<spec::Device> devices = spec.linux().devices;
    QStringList specPaths;
    for (int i = 0; i < devices.size(); ++i) {
        const spec::Device &device = devices.at(i);
        const QString field = QStringLiteral("linux.devices[%1]").arg(i);
        const QString path = QDir::cleanPath(device.path);
        if (!QDir::isAbsolutePath(path) || path == QLatin1String("/"))
            return Error{field + QStringLiteral(".path"),
                         QStringLiteral("\"%1\" is not an absolute file path").arg(device.path)};
        DeviceStep step;
        if (device.type == QLatin1String("c") || device.type == QLatin1String("u"))
            step.mode = S_IFCHR;
        else if (device.type == QLatin1String("b"))
            step.mode = S_IFBLK;
        else if (device.type == QLatin1String("p"))
            step.mode = S_IFIFO;
        else
            return Error{field + QStringLiteral(".type"),
                         QStringLiteral("\"%1\" is not one of c, u, b, p").arg(device.type)};
        step.mode |= device.fileMode.value_or(0666) & 07777;
        step.device =
            makedev(static_cast<unsigned>(device.major), static_cast<unsigned>(device.minor));
        step.uid = device.uid ? *device.uid : uid_t(-1);
        step.gid = device.gid ? *device.gid : gid_t(-1);
        step.path = toStd(path);
        step.parent = toStd(QFileInfo(path).path());
        step.name = toStd(QFileInfo(path).fileName());
        step.field = toStd(field + QStringLiteral(".path"));
        // The host's node at the same path can stand in when mknod is refused, if it is the
        // same device.
        struct stat st = {};
        if (::stat(step.path.c_str(), &st) == 0 && (st.st_mode & S_IFMT) == (step.mode & S_IFMT) &&
            st.st_rdev == step.device)
            step.hostPath = step.path;
        plan.devices.push_back(std::move(step));
        specPaths.append(path);
    }
    for (const auto &device : defaultDevices) {
        const QString path = QStringLiteral("/dev/") + QLatin1String(device.name);
        if (specPaths.contains(path))
            continue;
        DeviceStep step;
        step.path = toStd(path);
        step.parent = "/dev";
        step.name = device.name;
        step.hostPath = step.path;
        step.mode = S_IFCHR | 0666;
        step.device = makedev(device.major, device.minor);
        step.field = "linux.devices";
        plan.devices.push_back(std::move(step));
    }
    plan.devSymlinks = {{"ptmx", "pts/ptmx"},
                        {"fd", "/proc/self/fd"},
                        {"stdin", "/proc/self/fd/0"},
                        {"stdout", "/proc/self/fd/1"},
                        {"stderr", "/proc/self/fd/2"}};
    plan.console = spec.process().terminal;
    return {};
}

Expected<void> planSysctls(const QMap<QString, QString> &sysctl, RootfsPlan &plan)
{
    for (auto it = sysctl.cbegin(); it != sysctl.cend(); ++it) {
        const QString field = QStringLiteral("linux.sysctl.") + it.key();
        // A key names a file under /proc/sys by its dotted name: a '/' or '..' in it could
        // point the write elsewhere.
        if (it.key().isEmpty() || it.key().contains(QLatin1Char('/')) ||
            it.key().contains(QLatin1String("..")) || it.key().startsWith(QLatin1Char('.')) ||
            it.key().endsWith(QLatin1Char('.')))
            return Error{field, QStringLiteral("\"%1\" is not a sysctl name").arg(it.key())};
        QString path = it.key();
        path.replace(QLatin1Char('.'), QLatin1Char('/'));
        plan.sysctls.push_back(
            SysctlStep{toStd(QStringLiteral("proc/sys/") + path), toStd(it.value()), toStd(field)});
    }
    return {};
}

Expected<void> planPropagation(const QString &propagation, RootfsPlan &plan)
{
    if (propagation.isEmpty())
        return {};
    uint64_t value = 0;
    bool recursive = false;
    if (!parsePropagation(propagation, value, recursive))
        return Error{QStringLiteral("linux.rootfsPropagation"),
                     QStringLiteral("\"%1\" is not one of private, rprivate, shared, rshared, "
                                    "slave, rslave, unbindable, runbindable")
                         .arg(propagation)};
    // The host's mounts are first cut off from the container (private, or slave: receive but
    // never send); shared and unbindable apply to the container's own tree after pivot_root.
    if (value == MS_SLAVE)
        plan.hostPropagation = MS_REC | MS_SLAVE;
    else if (value != MS_PRIVATE)
        plan.rootPropagation = value;
    plan.rootPropagationRecursive = recursive;
    return {};
}

std::vector<PathStep> planPaths(const QStringList &paths, const QString &fieldName)
{
    std::vector<PathStep> steps;
    for (int i = 0; i < paths.size(); ++i)
        steps.push_back(
            PathStep{toStd(paths.at(i)), toStd(QStringLiteral("%1[%2]").arg(fieldName).arg(i))});
    return steps;
}

Expected<QString> resolveRootPath(const spec::Root &root, const QString &bundleDir)
{
    const QString field = QStringLiteral("root.path");
    if (root.path.isEmpty())
        return Error{field, QStringLiteral("is empty")};
    const QString path = QDir(bundleDir).absoluteFilePath(root.path);
    const QFileInfo info(path);
    if (!info.exists())
        return Error{field, QStringLiteral("\"%1\" does not exist").arg(path)};
    if (!info.isDir())
        return Error{field, QStringLiteral("\"%1\" is not a directory").arg(path)};
    const QString canonical = info.canonicalFilePath();
    if (canonical == QLatin1String("/"))
        return Error{field, QStringLiteral("the host's root cannot be a container's root")};
    return canonical;
}

} // namespace

Expected<RootfsPlanPtr> planRootfs(const spec::OciSpec &spec, const QString &bundleDir)
{
    RootfsPlanPtr plan(new RootfsPlan);
    auto rootPath = resolveRootPath(spec.root(), bundleDir);
    if (!rootPath)
        return rootPath.error();
    plan->rootPath = toStd(*rootPath);
    plan->readonlyRoot = spec.root().readonly;

    auto overlay = planOverlay(spec, bundleDir, *rootPath);
    if (!overlay)
        return overlay.error();
    plan->overlay = std::move(*overlay);

    const QList<spec::Mount> mounts = spec.mounts();
    const QStringList filesystems = knownFilesystems();
    for (int i = 0; i < mounts.size(); ++i) {
        MountStep step;
        if (auto planned = planMount(mounts.at(i), i, bundleDir, filesystems, step); !planned)
            return planned.error();
        plan->mounts.push_back(std::move(step));
    }

    const spec::Linux linux = spec.linux();
    if (auto planned = planDevices(spec, *plan); !planned)
        return planned.error();
    if (auto planned = planSysctls(linux.sysctl, *plan); !planned)
        return planned.error();
    if (auto planned = planPropagation(linux.rootfsPropagation, *plan); !planned)
        return planned.error();
    plan->maskedPaths = planPaths(linux.maskedPaths, QStringLiteral("linux.maskedPaths"));
    plan->readonlyPaths = planPaths(linux.readonlyPaths, QStringLiteral("linux.readonlyPaths"));
    return plan;
}

// ---- Child: executing the plan (async-signal-safe from here on) ------------------------------

namespace {

// Closes an fd at scope exit, keeping errno.
class ChildFd
{
public:
    explicit ChildFd(int fd)
        : m_fd(fd)
    {}
    ~ChildFd()
    {
        if (m_fd >= 0) {
            const int saved = errno;
            ::close(m_fd);
            errno = saved;
        }
    }
    ChildFd(const ChildFd &) = delete;
    ChildFd &operator=(const ChildFd &) = delete;
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd;
};

bool fail(ChildFailure &failure, const char *step, const char *field, const char *detail)
{
    setChildFailure(failure, step, field, detail, errno);
    return false;
}

// Planned field names; a literal goes to the overload above, so nothing is allocated here.
bool fail(ChildFailure &failure, const char *step, const std::string &field, const char *detail)
{
    return fail(failure, step, field.c_str(), detail);
}

bool setAttributes(int mountFd, uint64_t set, uint64_t clear, uint64_t propagation, bool recursive)
{
    if (!set && !clear && !propagation)
        return true;
    mount_attr attr = {};
    attr.attr_set = set;
    attr.attr_clr = clear;
    attr.propagation = propagation;
    const unsigned flags = AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0);
    return ::mount_setattr(mountFd, "", flags, &attr, sizeof attr) == 0;
}

bool attach(int mountFd, int targetFd)
{
    return ::move_mount(mountFd, "", targetFd, "",
                        MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) == 0;
}

// A detached copy of the tree at dirfd/path (path "" = dirfd itself).
int cloneTree(int dirFd, const char *path, bool recursive)
{
    return ::open_tree(dirFd, path,
                       OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (path[0] ? 0 : AT_EMPTY_PATH) |
                           (recursive ? AT_RECURSIVE : 0));
}

// A new detached filesystem mount; -1 with `failedStep` set.
int newFilesystem(const char *type, const char *source, const FsOption *options,
                  std::size_t optionCount, uint64_t attrs, const char *&failedStep)
{
    failedStep = "fsopen";
    const ChildFd fs(::fsopen(type, FSOPEN_CLOEXEC));
    if (!fs.valid())
        return -1;
    failedStep = "fsconfig source";
    if (source && source[0] && ::fsconfig(fs.get(), FSCONFIG_SET_STRING, "source", source, 0) != 0)
        return -1;
    failedStep = "fsconfig option";
    for (std::size_t i = 0; i < optionCount; ++i) {
        const FsOption &option = options[i];
        const int rc = option.flag
                           ? ::fsconfig(fs.get(), FSCONFIG_SET_FLAG, option.key.c_str(), nullptr, 0)
                           : ::fsconfig(fs.get(), FSCONFIG_SET_STRING, option.key.c_str(),
                                        option.value.c_str(), 0);
        if (rc != 0)
            return -1;
    }
    failedStep = "fsconfig create";
    if (::fsconfig(fs.get(), FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) != 0)
        return -1;
    failedStep = "fsmount";
    // Propagation is not a fsmount attribute; the rest are.
    return ::fsmount(fs.get(), FSMOUNT_CLOEXEC, static_cast<unsigned>(attrs));
}

constexpr uint64_t cgroupAttrs =
    MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;

// One v1/v2 hierarchy under the cgroup tmpfs. Where that type cannot be mounted (cgroup v1 in
// a user namespace), the host's hierarchy is bound read-only instead, as rootless runc does.
bool mountCgroupHierarchy(int tmpfsFd, const CgroupHierarchyStep &hierarchy, const MountStep &step,
                          ChildFailure &failure)
{
    if (::mkdirat(tmpfsFd, hierarchy.name.c_str(), 0755) != 0 && errno != EEXIST)
        return fail(failure, "mkdir cgroup hierarchy", step.destinationField,
                    hierarchy.name.c_str());
    const ChildFd target(
        ::openat(tmpfsFd, hierarchy.name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!target.valid())
        return fail(failure, "open cgroup hierarchy", step.destinationField,
                    hierarchy.name.c_str());
    const char *failedStep = nullptr;
    int mountFd = newFilesystem(hierarchy.type.c_str(), "cgroup", hierarchy.options.data(),
                                hierarchy.options.size(), cgroupAttrs, failedStep);
    if (mountFd < 0 && errno == EPERM) {
        failedStep = "bind cgroup hierarchy";
        mountFd = cloneTree(AT_FDCWD, hierarchy.hostPath.c_str(), true);
        if (mountFd >= 0 && !setAttributes(mountFd, cgroupAttrs, 0, 0, true)) {
            ::close(mountFd);
            mountFd = -1;
        }
    }
    const ChildFd mounted(mountFd);
    if (!mounted.valid())
        return fail(failure, failedStep, step.optionsField, hierarchy.name.c_str());
    if (!attach(mounted.get(), target.get()))
        return fail(failure, "move_mount cgroup hierarchy", step.destinationField,
                    hierarchy.name.c_str());
    return true;
}

bool runMount(int rootFd, const MountStep &step, ChildFailure &failure)
{
    // Resolved now, inside the root as earlier mounts left it.
    const ChildFd target(mountTargetInRoot(rootFd, step.destination.c_str(), step.targetKind));
    if (!target.valid())
        return fail(failure, "mount target", step.destinationField, step.destination.c_str());

    const bool cgroupTree = !step.cgroupHierarchies.empty();
    int mountFd = -1;
    const char *failedStep = "open_tree";
    if (step.bind) {
        mountFd = cloneTree(AT_FDCWD, step.source.c_str(), step.recursive);
        if (mountFd < 0)
            return fail(failure, failedStep, step.sourceField, step.source.c_str());
    } else {
        // The cgroup tmpfs is made read-only only once its hierarchies are in.
        const uint64_t attrs = cgroupTree ? 0 : step.attrSet;
        mountFd = newFilesystem(step.type.c_str(), step.source.c_str(), step.options.data(),
                                step.options.size(), attrs, failedStep);
        if (mountFd < 0)
            return fail(failure, failedStep, step.optionsField, step.destination.c_str());
    }
    const ChildFd mounted(mountFd);
    if (step.bind && !setAttributes(mounted.get(), step.attrSet, step.attrClear, 0, step.recursive))
        return fail(failure, "mount_setattr", step.optionsField, step.destination.c_str());
    if (!attach(mounted.get(), target.get()))
        return fail(failure, "move_mount", step.destinationField, step.destination.c_str());
    if (!setAttributes(mounted.get(), 0, 0, step.propagation, step.recursive))
        return fail(failure, "mount propagation", step.optionsField, step.destination.c_str());
    if (cgroupTree) {
        for (const CgroupHierarchyStep &hierarchy : step.cgroupHierarchies) {
            if (!mountCgroupHierarchy(mounted.get(), hierarchy, step, failure))
                return false;
        }
        if (!setAttributes(mounted.get(), cgroupAttrs, 0, 0, false))
            return fail(failure, "mount_setattr", step.optionsField, step.destination.c_str());
    }
    return true;
}

bool bindOnto(int sourceDirFd, const char *sourcePath, int targetFd)
{
    const ChildFd tree(cloneTree(sourceDirFd, sourcePath, false));
    return tree.valid() && attach(tree.get(), targetFd);
}

bool makeDevice(int rootFd, const DeviceStep &device, ChildFailure &failure)
{
    const ChildFd parent(mkdirInRoot(rootFd, device.parent.c_str(), 0755));
    if (!parent.valid())
        return fail(failure, "mkdir device dir", device.field, device.parent.c_str());
    // A node made on a nodev mount could not be opened: bind the host's there instead.
    struct statfs parentFs = {};
    const bool nodev = ::fstatfs(parent.get(), &parentFs) != 0 || (parentFs.f_flags & ST_NODEV);
    if (!nodev && ::mknodat(parent.get(), device.name.c_str(), device.mode, device.device) == 0) {
        if ((device.uid != uid_t(-1) || device.gid != gid_t(-1)) &&
            ::fchownat(parent.get(), device.name.c_str(), device.uid, device.gid,
                       AT_SYMLINK_NOFOLLOW) != 0)
            return fail(failure, "chown device", device.field, device.path.c_str());
        // mknod applied the umask; the spec's fileMode is meant as is.
        if (::fchmodat(parent.get(), device.name.c_str(), device.mode & 07777, 0) != 0)
            return fail(failure, "chmod device", device.field, device.path.c_str());
        return true;
    }
    // mknod refused (user namespace), on a nodev mount, or the node exists already: bind the
    // host's over it.
    if (!nodev && errno != EPERM && errno != EEXIST)
        return fail(failure, "mknod", device.field, device.path.c_str());
    if (device.hostPath.empty()) {
        // No host node to bind: say why no node could be made.
        if (nodev)
            errno = EACCES;
        return fail(failure, nodev ? "mknod on a nodev mount" : "mknod", device.field,
                    device.path.c_str());
    }
    const ChildFd target(mountTargetInRoot(rootFd, device.path.c_str(), MountTargetKind::File));
    if (!target.valid())
        return fail(failure, "device target", device.field, device.path.c_str());
    if (!bindOnto(AT_FDCWD, device.hostPath.c_str(), target.get()))
        return fail(failure, "bind device", device.field, device.path.c_str());
    return true;
}

bool populateDev(int rootFd, const RootfsPlan &plan, ChildFailure &failure)
{
    for (const DeviceStep &device : plan.devices) {
        if (!makeDevice(rootFd, device, failure))
            return false;
    }
    const ChildFd dev(mkdirInRoot(rootFd, "/dev", 0755));
    if (!dev.valid())
        return fail(failure, "mkdir /dev", nullptr, "/dev");
    for (const SymlinkStep &link : plan.devSymlinks) {
        if (::symlinkat(link.target.c_str(), dev.get(), link.name.c_str()) != 0 && errno != EEXIST)
            return fail(failure, "symlink in /dev", nullptr, link.name.c_str());
    }
    if (!plan.console)
        return true;
    const ChildFd console(mountTargetInRoot(rootFd, "/dev/console", MountTargetKind::File));
    if (!console.valid())
        return fail(failure, "console target", "process.terminal", "/dev/console");
    if (plan.consoleFd >= 0 && !attach(plan.consoleFd, console.get()))
        return fail(failure, "bind console", "process.terminal", "/dev/console");
    return true;
}

bool writeSysctls(int rootFd, const RootfsPlan &plan, ChildFailure &failure)
{
    for (const SysctlStep &sysctl : plan.sysctls) {
        const ChildFd file(openInRoot(rootFd, sysctl.path.c_str(), O_WRONLY | O_TRUNC));
        if (!file.valid())
            return fail(failure, "open sysctl", sysctl.field, sysctl.path.c_str());
        const ssize_t written = ::write(file.get(), sysctl.value.data(), sysctl.value.size());
        if (written != static_cast<ssize_t>(sysctl.value.size()))
            return fail(failure, "write sysctl", sysctl.field, sysctl.value.c_str());
    }
    return true;
}

// A masked directory gets an empty read-only tmpfs, a masked file the host's /dev/null (the
// child has not pivoted yet, so "/dev/null" is still the host's). Missing paths are skipped.
bool maskPaths(int rootFd, const RootfsPlan &plan, ChildFailure &failure)
{
    for (const PathStep &path : plan.maskedPaths) {
        const ChildFd target(openInRoot(rootFd, path.path.c_str(), O_PATH));
        if (!target.valid() && errno == ENOENT)
            continue;
        if (!target.valid())
            return fail(failure, "open masked path", path.field, path.path.c_str());
        struct stat st = {};
        if (::fstat(target.get(), &st) != 0)
            return fail(failure, "stat masked path", path.field, path.path.c_str());
        if (!S_ISDIR(st.st_mode)) {
            if (!bindOnto(AT_FDCWD, "/dev/null", target.get()))
                return fail(failure, "mask with /dev/null", path.field, path.path.c_str());
            continue;
        }
        const char *failedStep = nullptr;
        const ChildFd empty(newFilesystem("tmpfs", "tmpfs", nullptr, 0,
                                          MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
                                              MOUNT_ATTR_NOEXEC,
                                          failedStep));
        if (!empty.valid())
            return fail(failure, failedStep, path.field, path.path.c_str());
        if (!attach(empty.get(), target.get()))
            return fail(failure, "mask with tmpfs", path.field, path.path.c_str());
    }
    return true;
}

bool readonlyPaths(int rootFd, const RootfsPlan &plan, ChildFailure &failure)
{
    constexpr uint64_t attrs =
        MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;
    for (const PathStep &path : plan.readonlyPaths) {
        const ChildFd target(openInRoot(rootFd, path.path.c_str(), O_PATH));
        if (!target.valid() && errno == ENOENT)
            continue;
        if (!target.valid())
            return fail(failure, "open read-only path", path.field, path.path.c_str());
        const ChildFd tree(cloneTree(target.get(), "", true));
        if (!tree.valid() || !setAttributes(tree.get(), attrs, 0, 0, true) ||
            !attach(tree.get(), target.get()))
            return fail(failure, "bind read-only", path.field, path.path.c_str());
    }
    return true;
}

// The container's root as a mount of its own (pivot_root needs one): the overlay, or the
// bundle's directory bound onto itself.
int mountRoot(const RootfsPlan &plan, ChildFailure &failure)
{
    if (plan.overlay) {
        if (!mountOverlay(*plan.overlay)) {
            fail(failure, "attach overlay", "root.path", plan.rootPath.c_str());
            return -1;
        }
    } else {
        const ChildFd tree(cloneTree(AT_FDCWD, plan.rootPath.c_str(), true));
        if (!tree.valid() || ::move_mount(tree.get(), "", AT_FDCWD, plan.rootPath.c_str(),
                                          MOVE_MOUNT_F_EMPTY_PATH) != 0) {
            fail(failure, "bind root", "root.path", plan.rootPath.c_str());
            return -1;
        }
    }
    // Opened after the mount, so the fd is on the new mount, not the directory under it.
    const int rootFd = ::open(plan.rootPath.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (rootFd < 0)
        fail(failure, "open root", "root.path", plan.rootPath.c_str());
    return rootFd;
}

bool pivotInto(int rootFd, ChildFailure &failure)
{
    if (::fchdir(rootFd) != 0)
        return fail(failure, "chdir root", "root.path", nullptr);
    // pivot_root(".", ".") stacks the old root on top of the new one; detaching "." then
    // removes it, with no directory for it needed in the image (as runc and crun do).
    if (::syscall(SYS_pivot_root, ".", ".") != 0)
        return fail(failure, "pivot_root", "root.path", nullptr);
    if (::umount2(".", MNT_DETACH) != 0)
        return fail(failure, "umount old root", "root.path", nullptr);
    if (::chdir("/") != 0)
        return fail(failure, "chdir /", "root.path", nullptr);
    return true;
}

bool finishRoot(const RootfsPlan &plan, ChildFailure &failure)
{
    const ChildFd root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root.valid())
        return fail(failure, "open /", "root.path", nullptr);
    if (!setAttributes(root.get(), 0, 0, plan.rootPropagation, plan.rootPropagationRecursive))
        return fail(failure, "root propagation", "linux.rootfsPropagation", nullptr);
    // Only the root mount itself: /proc, /dev and the spec's mounts keep their own flags.
    if (plan.readonlyRoot && !setAttributes(root.get(), MOUNT_ATTR_RDONLY, 0, 0, false))
        return fail(failure, "read-only root", "root.readonly", nullptr);
    return true;
}

} // namespace

bool setupRootfs(const RootfsPlan &plan, ChildFailure &failure)
{
    // Nothing mounted from here on may propagate back to the host.
    if (::mount(nullptr, "/", nullptr, plan.hostPropagation, nullptr) != 0)
        return fail(failure, "make / private", "linux.rootfsPropagation", nullptr);
    const ChildFd root(mountRoot(plan, failure));
    if (!root.valid())
        return false;
    for (const MountStep &step : plan.mounts) {
        if (!runMount(root.get(), step, failure))
            return false;
    }
    // sysctl before the read-only paths, which usually include /proc/sys.
    if (!populateDev(root.get(), plan, failure) || !writeSysctls(root.get(), plan, failure) ||
        !maskPaths(root.get(), plan, failure) || !readonlyPaths(root.get(), plan, failure))
        return false;
    if (!pivotInto(root.get(), failure))
        return false;
    return finishRoot(plan, failure);
}

} // namespace isolde::engine
