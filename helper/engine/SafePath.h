// Paths from a spec or an image, resolved inside a root directory and never outside it.
//
// A rootfs or a bundle is untrusted: it may hold `etc -> /etc`, `../../..` or a symlink
// planted where a mount target is expected. Every lookup here goes through openat2(2) with
// RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS on a directory fd of the root, so the kernel itself
// treats that fd as "/" for `..` and absolute symlinks: whatever the path says, the result is
// inside the root (or an error).
//
// Two flavours:
//  - the `const char *` functions return an fd or -1 with errno set; they allocate nothing
//    and call only system calls, so the container child may use them between clone and exec;
//  - the QString functions are for the parent (Qt, may allocate) and return an Expected whose
//    error names the config.json field given by the caller.
// Every fd returned is O_CLOEXEC.
#pragma once

#include "util/Expected.h"

#include <QString>
#include <sys/types.h>

namespace isolde::engine {

// Owns one file descriptor; closes it on destruction. For the engine's parent side.
class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd)
        : m_fd(fd)
    {}
    UniqueFd(UniqueFd &&other) noexcept
        : m_fd(other.release())
    {}
    UniqueFd &operator=(UniqueFd &&other) noexcept;
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;
    ~UniqueFd();

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release();
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

// ---- Async-signal-safe (child and parent) --------------------------------------------------

// openat2(rootFd, path, flags | O_CLOEXEC, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS).
// `path` may be absolute or relative: both are taken from rootFd. `flags` may include
// O_PATH, O_DIRECTORY, O_NOFOLLOW, O_CREAT (then `mode` applies).
int openInRoot(int rootFd, const char *path, int flags, mode_t mode = 0);

// mkdir -p of `path` inside the root: each missing component is created with `mode` in its
// parent, the parent itself having been resolved in the root. Returns an O_PATH|O_DIRECTORY fd
// on the last directory. Fails with ENOTDIR when a component exists and is not a directory,
// ENAMETOOLONG beyond PATH_MAX.
int mkdirInRoot(int rootFd, const char *path, mode_t mode);

enum class MountTargetKind { Directory, File };

// The place to mount something on: an existing entry at `path`, or a new directory or empty
// regular file (0644 / 0755) with its parents created as directories. Returns an O_PATH fd
// usable with move_mount(MOVE_MOUNT_T_EMPTY_PATH). An existing entry of the other kind is
// returned as is; the mount call then fails with ENOTDIR/EISDIR, which names the problem.
int mountTargetInRoot(int rootFd, const char *path, MountTargetKind kind);

// Stricter twins for writing an image's content (layer extraction): RESOLVE_BENEATH |
// RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV, so no symlink at all is followed, not even one that
// stays inside, and `..` or an absolute path fails (EXDEV/ELOOP) instead of being clamped.
int openInTree(int rootFd, const char *path, int flags, mode_t mode = 0);
int mkdirInTree(int rootFd, const char *path, mode_t mode);

// ---- Parent side ---------------------------------------------------------------------------

// A directory on the host, opened O_PATH|O_DIRECTORY; `field` names where the path came from.
Expected<UniqueFd> openDirectory(const QString &path, const QString &field);
Expected<UniqueFd> openInRoot(int rootFd, const QString &path, int flags, const QString &field);
Expected<UniqueFd> mkdirInRoot(int rootFd, const QString &path, mode_t mode, const QString &field);

} // namespace isolde::engine
