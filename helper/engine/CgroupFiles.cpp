#include "CgroupFiles.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace isolde::engine::cgroupfs {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}

// Why the kernel said no, in words that point at the usual cause.
QString refusalHint(int error, const char *file)
{
    if (error == EBUSY && std::strstr(file, "memory"))
        return QStringLiteral(" (the new limit is below what the container already uses)");
    if (error == EINVAL && std::strstr(file, "memsw"))
        return QStringLiteral(" (memory+swap must be at least the memory limit)");
    if (error == ENOENT)
        return QStringLiteral(" (this kernel or cgroup has no such control file)");
    return {};
}

} // namespace

int openDirectory(const QString &path)
{
    return ::open(path.toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

bool exists(int dirFd, const char *file)
{
    return faccessat(dirFd, file, F_OK, 0) == 0;
}

Expected<QByteArray> read(int dirFd, const char *file)
{
    const int fd = openat(dirFd, file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{{},
                     QStringLiteral("cannot open cgroup file %1: %2")
                         .arg(QLatin1String(file), errnoText(errno))};
    QByteArray content;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return Error{{},
                         QStringLiteral("cannot read cgroup file %1: %2")
                             .arg(QLatin1String(file), errnoText(error))};
        }
        if (n == 0)
            break;
        content.append(buffer, n);
    }
    ::close(fd);
    return content;
}

std::optional<QByteArray> keyedValue(const QByteArray &content, const QByteArray &key)
{
    for (const QByteArray &line : content.split('\n')) {
        const qsizetype space = line.indexOf(' ');
        if (space == key.size() && line.startsWith(key))
            return line.mid(space + 1).trimmed();
    }
    return std::nullopt;
}

QByteArray lineStartingWith(const QByteArray &content, const QByteArray &key)
{
    for (const QByteArray &line : content.split('\n')) {
        if (line.startsWith(key + ' '))
            return line;
    }
    return {};
}

Expected<void> write(int dirFd, const char *file, const QByteArray &value, const QString &field)
{
    // O_TRUNC as runc does: cgroupfs ignores it, a plain file (the unit tests) holds the new value.
    const int fd = openat(dirFd, file, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return Error{field,
                     QStringLiteral("cannot open cgroup file %1: %2%3")
                         .arg(QLatin1String(file), errnoText(error), refusalHint(error, file))};
    }
    ssize_t n;
    do {
        n = ::write(fd, value.constData(), size_t(value.size()));
    } while (n < 0 && errno == EINTR);
    const int error = errno;
    ::close(fd);
    if (n < 0)
        return Error{field, QStringLiteral("the kernel refused \"%1\" in %2: %3%4")
                                .arg(QString::fromUtf8(value), QLatin1String(file),
                                     errnoText(error), refusalHint(error, file))};
    return {};
}

Expected<void> WriteLog::write(int dirFd, const char *file, const QByteArray &value,
                               const QString &field)
{
    const auto old = read(dirFd, file);
    if (!old)
        return Error{field, old.error().reason};
    if (auto written = cgroupfs::write(dirFd, file, value, field); !written)
        return written;
    m_undo.append({dirFd, file, old->trimmed()});
    return {};
}

Expected<void> WriteLog::writeKeyed(int dirFd, const char *file, const QByteArray &key,
                                    const QByteArray &value, const QByteArray &unset,
                                    const QString &field)
{
    const auto old = read(dirFd, file);
    if (!old)
        return Error{field, old.error().reason};
    if (auto written = cgroupfs::write(dirFd, file, value, field); !written)
        return written;
    QByteArray previous = lineStartingWith(*old, key).trimmed();
    m_undo.append({dirFd, file, previous.isEmpty() ? key + ' ' + unset : previous});
    return {};
}

void WriteLog::rollback()
{
    for (auto it = m_undo.crbegin(); it != m_undo.crend(); ++it)
        (void)cgroupfs::write(it->dirFd, it->file.constData(), it->value, {});
    m_undo.clear();
}

} // namespace isolde::engine::cgroupfs

namespace isolde::engine::cgroupfs {

Expected<void> makeDirectories(const QString &mountPoint, const QString &path, QStringList &created)
{
    QString current = mountPoint;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        current += QLatin1Char('/') + part;
        if (::mkdir(current.toLocal8Bit().constData(), 0755) == 0) {
            created.append(current);
            continue;
        }
        if (errno != EEXIST)
            return Error{QStringLiteral("linux.cgroupsPath"),
                         QStringLiteral("cannot create cgroup directory %1: %2")
                             .arg(current, errnoText(errno))};
    }
    return {};
}

Expected<void> removeTree(const QString &directory)
{
    const QByteArray path = directory.toLocal8Bit();
    if (DIR *dir = opendir(path.constData())) {
        while (const dirent *entry = readdir(dir)) {
            if (entry->d_type == DT_DIR && std::strcmp(entry->d_name, ".") &&
                std::strcmp(entry->d_name, "..")) {
                if (auto removed = removeTree(directory + QLatin1Char('/') +
                                              QString::fromLocal8Bit(entry->d_name));
                    !removed) {
                    closedir(dir);
                    return removed;
                }
            }
        }
        closedir(dir);
    }
    for (int attempt = 0;; ++attempt) {
        if (::rmdir(path.constData()) == 0 || errno == ENOENT)
            return {};
        if (errno != EBUSY || attempt == 200)
            return Error{QStringLiteral("linux.cgroupsPath"),
                         QStringLiteral("cannot remove cgroup directory %1: %2")
                             .arg(directory, errnoText(errno))};
        usleep(10'000);
    }
}

QList<pid_t> parsePids(const QByteArray &procs)
{
    QList<pid_t> pids;
    for (const QByteArray &line : procs.split('\n')) {
        bool ok = false;
        const pid_t pid = line.trimmed().toInt(&ok);
        if (ok)
            pids.append(pid);
    }
    return pids;
}

QList<pid_t> processesInTree(const QString &directory)
{
    const QByteArray path = directory.toLocal8Bit();
    QList<pid_t> pids;
    DIR *dir = opendir(path.constData());
    if (!dir)
        return pids;
    if (auto procs = read(dirfd(dir), "cgroup.procs"))
        pids = parsePids(*procs);
    while (const dirent *entry = readdir(dir)) {
        if (entry->d_type == DT_DIR && std::strcmp(entry->d_name, ".") &&
            std::strcmp(entry->d_name, ".."))
            pids += processesInTree(directory + QLatin1Char('/') +
                                    QString::fromLocal8Bit(entry->d_name));
    }
    closedir(dir);
    return pids;
}

} // namespace isolde::engine::cgroupfs
