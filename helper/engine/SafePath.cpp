#include "SafePath.h"

#include <QFile>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace isolde::engine {

UniqueFd &UniqueFd::operator=(UniqueFd &&other) noexcept
{
    if (this != &other)
        reset(other.release());
    return *this;
}

UniqueFd::~UniqueFd()
{
    reset();
}

int UniqueFd::release()
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

void UniqueFd::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

// ---- Async-signal-safe ----------------------------------------------------------------------

constexpr uint64_t inRoot = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
constexpr uint64_t inTree = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV;

static int resolveAt(int rootFd, const char *path, int flags, mode_t mode, uint64_t resolve)
{
    open_how how = {};
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    // The kernel rejects a mode without O_CREAT/O_TMPFILE.
    how.mode = (flags & (O_CREAT | __O_TMPFILE)) ? mode : 0;
    how.resolve = resolve;
    for (;;) {
        const long fd = ::syscall(SYS_openat2, rootFd, path, &how, sizeof how);
        // EAGAIN: a concurrent rename inside the root made the kernel unsure; try again.
        if (fd < 0 && errno == EAGAIN)
            continue;
        return static_cast<int>(fd);
    }
}

int openInRoot(int rootFd, const char *path, int flags, mode_t mode)
{
    return resolveAt(rootFd, path, flags, mode, inRoot);
}

int openInTree(int rootFd, const char *path, int flags, mode_t mode)
{
    return resolveAt(rootFd, path, flags, mode, inTree);
}

// Copies `path` into `buffer` without its trailing slashes; false (ENAMETOOLONG) when too long.
static bool copyPath(char (&buffer)[PATH_MAX], const char *path)
{
    std::size_t length = 0;
    for (; path[length]; ++length) {
        if (length + 1 >= sizeof buffer) {
            errno = ENAMETOOLONG;
            return false;
        }
        buffer[length] = path[length];
    }
    while (length > 1 && buffer[length - 1] == '/')
        --length;
    buffer[length] = '\0';
    return true;
}

static int mkdirWith(int rootFd, const char *path, mode_t mode, uint64_t resolve)
{
    char prefix[PATH_MAX];
    if (!copyPath(prefix, path))
        return -1;
    // The root itself (""): O_PATH on "." resolves to rootFd's directory.
    int parentFd = resolveAt(rootFd, ".", O_PATH | O_DIRECTORY, 0, resolve);
    std::size_t i = 0;
    while (parentFd >= 0 && prefix[i]) {
        while (prefix[i] == '/')
            ++i;
        if (!prefix[i])
            break;
        const std::size_t start = i;
        while (prefix[i] && prefix[i] != '/')
            ++i;
        const char saved = prefix[i];
        prefix[i] = '\0';
        // The whole prefix is resolved from the root each time, so a symlink met on the way
        // is followed the way the container will see it, never out of the root.
        int fd = resolveAt(rootFd, prefix, O_PATH | O_DIRECTORY, 0, resolve);
        if (fd < 0 && errno == ENOENT) {
            if (::mkdirat(parentFd, prefix + start, mode) == 0 || errno == EEXIST)
                fd = resolveAt(rootFd, prefix, O_PATH | O_DIRECTORY, 0, resolve);
        }
        const int savedErrno = errno;
        ::close(parentFd);
        errno = savedErrno;
        parentFd = fd;
        prefix[i] = saved;
    }
    return parentFd;
}

int mkdirInRoot(int rootFd, const char *path, mode_t mode)
{
    return mkdirWith(rootFd, path, mode, inRoot);
}

int mkdirInTree(int rootFd, const char *path, mode_t mode)
{
    return mkdirWith(rootFd, path, mode, inTree);
}

// Splits `path` at its last '/' into `parent` (may be "") and returns the last component's
// offset in `parent`'s buffer, or -1 (ENAMETOOLONG / EINVAL for an empty last component).
static long splitLast(char (&parent)[PATH_MAX], const char *path)
{
    if (!copyPath(parent, path))
        return -1;
    long slash = -1;
    for (long i = 0; parent[i]; ++i) {
        if (parent[i] == '/')
            slash = i;
    }
    if (parent[slash + 1] == '\0') {
        errno = EINVAL;
        return -1;
    }
    if (slash >= 0)
        parent[slash] = '\0';
    return slash + 1;
}

int mountTargetInRoot(int rootFd, const char *path, MountTargetKind kind)
{
    const int existing = openInRoot(rootFd, path, O_PATH);
    if (existing >= 0 || errno != ENOENT)
        return existing;
    if (kind == MountTargetKind::Directory) {
        const int fd = mkdirInRoot(rootFd, path, 0755);
        return fd;
    }
    char parent[PATH_MAX];
    const long name = splitLast(parent, path);
    if (name < 0)
        return -1;
    const int parentFd = mkdirInRoot(rootFd, name > 0 ? parent : "/", 0755);
    if (parentFd < 0)
        return -1;
    // O_EXCL never follows a symlink in the last component, and the name has no '/', so the
    // file is created in the directory that was resolved inside the root.
    const int created =
        ::openat(parentFd, parent + name,
                 O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW, 0644);
    const int savedErrno = errno;
    ::close(parentFd);
    if (created < 0 && savedErrno != EEXIST) {
        errno = savedErrno;
        return -1;
    }
    if (created >= 0)
        ::close(created);
    return openInRoot(rootFd, path, O_PATH);
}

// ---- Parent side -----------------------------------------------------------------------------

static Error systemError(const QString &field, const QString &what, const QString &path)
{
    return Error{
        field,
        QStringLiteral("%1 \"%2\": %3").arg(what, path, QString::fromLocal8Bit(strerror(errno)))};
}

Expected<UniqueFd> openDirectory(const QString &path, const QString &field)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return systemError(field, QStringLiteral("cannot open directory"), path);
    return UniqueFd(fd);
}

Expected<UniqueFd> openInRoot(int rootFd, const QString &path, int flags, const QString &field)
{
    const int fd = openInRoot(rootFd, QFile::encodeName(path).constData(), flags, 0);
    if (fd < 0)
        return systemError(field, QStringLiteral("cannot open inside the root"), path);
    return UniqueFd(fd);
}

Expected<UniqueFd> mkdirInRoot(int rootFd, const QString &path, mode_t mode, const QString &field)
{
    const int fd = mkdirInRoot(rootFd, QFile::encodeName(path).constData(), mode);
    if (fd < 0)
        return systemError(field, QStringLiteral("cannot create directory inside the root"), path);
    return UniqueFd(fd);
}

} // namespace isolde::engine
