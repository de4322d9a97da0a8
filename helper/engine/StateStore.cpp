#include "StateStore.h"

#include "util/AsciiText.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace isolde::engine {

static constexpr auto StateFile = "state.json";
static constexpr auto SpecFile = "config.json";

static QString errnoText(int errnum)
{
    return QString::fromLocal8Bit(strerror(errnum));
}

QByteArray ContainerState::toOciJson() const
{
    QJsonObject annotationObject;
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it)
        annotationObject.insert(it.key(), it.value());
    QJsonObject object{{"ociVersion", ociVersion},
                       {"id", id},
                       {"status", status},
                       {"pid", static_cast<qint64>(pid)},
                       {"bundle", bundle}};
    if (!annotationObject.isEmpty())
        object.insert("annotations", annotationObject);
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

static QJsonObject toStoredJson(const ContainerState &state)
{
    QJsonObject object = QJsonDocument::fromJson(state.toOciJson()).object();
    object.insert("pidStartTime", QString::number(state.pidStartTime));
    object.insert("created", state.created.toString(Qt::ISODateWithMs));
    object.insert("owner", static_cast<qint64>(state.owner));
    object.insert("cgroupsPath", state.cgroupsPath);
    object.insert("started", state.started);
    return object;
}

static ContainerState fromStoredJson(const QJsonObject &object)
{
    ContainerState state;
    state.ociVersion = object.value("ociVersion").toString();
    state.id = object.value("id").toString();
    state.status = object.value("status").toString();
    state.pid = static_cast<pid_t>(object.value("pid").toInteger());
    state.bundle = object.value("bundle").toString();
    const QJsonObject annotations = object.value("annotations").toObject();
    for (auto it = annotations.begin(); it != annotations.end(); ++it)
        state.annotations.insert(it.key(), it.value().toString());
    state.pidStartTime = object.value("pidStartTime").toString().toULongLong();
    state.created = QDateTime::fromString(object.value("created").toString(), Qt::ISODateWithMs);
    state.owner = static_cast<uid_t>(object.value("owner").toInteger());
    state.cgroupsPath = object.value("cgroupsPath").toString();
    state.started = object.value("started").toBool();
    return state;
}

ContainerLock::ContainerLock(ContainerLock &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{}

ContainerLock &ContainerLock::operator=(ContainerLock &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

ContainerLock::~ContainerLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // closing the last descriptor drops the flock
}

StateStore::StateStore(QString root)
    : m_root(QDir::cleanPath(std::move(root)))
{}

QString StateStore::containerDir(const QString &id) const
{
    return m_root + QLatin1Char('/') + id;
}

QString StateStore::execFifoPath(const QString &id) const
{
    return containerDir(id) + QStringLiteral("/exec.fifo");
}

QString StateStore::specPath(const QString &id) const
{
    return containerDir(id) + QLatin1Char('/') + QLatin1String(SpecFile);
}

QString StateStore::seccompCacheDir() const
{
    return m_root + QStringLiteral("/.seccomp-cache");
}

Expected<void> StateStore::checkId(const QString &id)
{
    const auto allowed = [](QChar c) {
        return ascii::isLetterOrDigit(c) || c == u'_' || c == u'-' || c == u'.';
    };
    const bool valid = !id.isEmpty() && id.size() <= 128 && id.front() != u'.' &&
                       std::all_of(id.cbegin(), id.cend(), allowed);
    if (!valid)
        return Error{QStringLiteral("id"),
                     QStringLiteral("\"%1\" is not a container id: use 1 to 128 letters, digits, "
                                    "'_', '-' or '.', not starting with '.'")
                         .arg(id)};
    return {};
}

static Expected<ContainerLock> lockDir(const QString &dir, const QString &id)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return Error{QStringLiteral("id"),
                         QStringLiteral("container \"%1\" does not exist").arg(id)};
        return Error{
            QStringLiteral("id"),
            QStringLiteral("cannot open the state of \"%1\": %2").arg(id, errnoText(errno))};
    }
    ContainerLock lock(fd);
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR)
            return Error{
                QStringLiteral("id"),
                QStringLiteral("cannot lock the state of \"%1\": %2").arg(id, errnoText(errno))};
    }
    // The directory may have been removed while we waited for the lock.
    struct stat st
    {};
    if (::fstat(fd, &st) != 0 || st.st_nlink == 0)
        return Error{QStringLiteral("id"),
                     QStringLiteral("container \"%1\" does not exist").arg(id)};
    return lock;
}

Expected<ContainerLock> StateStore::createContainerDir(const QString &id) const
{
    if (auto valid = checkId(id); !valid)
        return valid.error();
    if (!QDir().mkpath(m_root))
        return Error{QStringLiteral("--root"),
                     QStringLiteral("cannot create the state directory %1").arg(m_root)};
    const QString dir = containerDir(id);
    if (::mkdir(QFile::encodeName(dir).constData(), 0711) != 0) {
        if (errno == EEXIST)
            return Error{QStringLiteral("id"),
                         QStringLiteral("a container named \"%1\" already exists").arg(id)};
        return Error{QStringLiteral("id"),
                     QStringLiteral("cannot create %1: %2").arg(dir, errnoText(errno))};
    }
    return lockDir(dir, id);
}

Expected<ContainerLock> StateStore::lock(const QString &id) const
{
    if (auto valid = checkId(id); !valid)
        return valid.error();
    return lockDir(containerDir(id), id);
}

Expected<ContainerState> StateStore::load(const QString &id) const
{
    if (auto valid = checkId(id); !valid)
        return valid.error();
    QFile file(containerDir(id) + QLatin1Char('/') + QLatin1String(StateFile));
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("id"),
                     QStringLiteral("container \"%1\" does not exist").arg(id)};
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return Error{
            QStringLiteral("id"),
            QStringLiteral("the state of \"%1\" is damaged: %2").arg(id, parseError.errorString())};
    return fromStoredJson(document.object());
}

Expected<void> StateStore::save(const ContainerState &state) const
{
    return replaceFile(state.id, StateFile,
                       QJsonDocument(toStoredJson(state)).toJson(QJsonDocument::Compact));
}

Expected<void> StateStore::saveSpec(const QString &id, const QByteArray &json) const
{
    return replaceFile(id, SpecFile, json);
}

Expected<void> StateStore::replaceFile(const QString &id, const char *name,
                                       const QByteArray &contents) const
{
    const QByteArray dir = QFile::encodeName(containerDir(id));
    const QByteArray temporary = dir + "/." + name + ".tmp";
    const QByteArray final = dir + '/' + name;
    const int fd =
        ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return Error{QStringLiteral("id"), QStringLiteral("cannot write %1 of \"%2\": %3")
                                               .arg(QLatin1String(name), id, errnoText(errno))};
    const bool written = ::write(fd, contents.constData(), contents.size()) == contents.size();
    const int writeErrno = errno;
    ::close(fd);
    if (!written || ::rename(temporary.constData(), final.constData()) != 0) {
        const int errnum = written ? errno : writeErrno;
        ::unlink(temporary.constData());
        return Error{QStringLiteral("id"), QStringLiteral("cannot write %1 of \"%2\": %3")
                                               .arg(QLatin1String(name), id, errnoText(errnum))};
    }
    return {};
}

Expected<void> StateStore::remove(const QString &id) const
{
    if (auto valid = checkId(id); !valid)
        return valid.error();
    // Only files live here (state.json, config.json, the exec fifo): unlink each, then the
    // directory.
    const QByteArray dir = QFile::encodeName(containerDir(id));
    if (DIR *entries = ::opendir(dir.constData())) {
        while (const dirent *entry = ::readdir(entries)) {
            if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
                ::unlinkat(::dirfd(entries), entry->d_name, 0);
        }
        ::closedir(entries);
    }
    if (::rmdir(dir.constData()) != 0 && errno != ENOENT)
        return Error{QStringLiteral("id"),
                     QStringLiteral("cannot remove the state directory %1: %2")
                         .arg(containerDir(id), errnoText(errno))};
    return {};
}

QStringList StateStore::ids() const
{
    QStringList result;
    const QStringList entries =
        QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &entry : entries) {
        if (QFile::exists(containerDir(entry) + QLatin1Char('/') + QLatin1String(StateFile)))
            result.append(entry);
    }
    return result;
}

// Fields of /proc/<pid>/stat after "(comm)": state is the 3rd field, starttime the 22nd.
// Read with plain calls: `run` and the helper's supervision ask this for every container.
static bool readStat(pid_t pid, char &stateChar, uint64_t &startTime)
{
    if (pid <= 0)
        return false;
    char path[32];
    std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char text[1024];
    const ssize_t length = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (length <= 0)
        return false;
    text[length] = '\0';
    // comm may hold spaces and parentheses: the fields start after the last ')'.
    const char *field = std::strrchr(text, ')');
    if (!field || field[1] != ' ' || field[2] == '\0')
        return false;
    field += 2;
    stateChar = *field;
    for (int skipped = 0; skipped < 19; ++skipped) {
        field = std::strchr(field, ' ');
        if (!field)
            return false;
        ++field;
    }
    char *end = nullptr;
    startTime = std::strtoull(field, &end, 10);
    return end != field;
}

uint64_t processStartTime(pid_t pid)
{
    char stateChar = 0;
    uint64_t startTime = 0;
    return readStat(pid, stateChar, startTime) ? startTime : 0;
}

bool isProcessAlive(const ContainerState &state)
{
    char stateChar = 0;
    uint64_t startTime = 0;
    if (!readStat(state.pid, stateChar, startTime))
        return false;
    return startTime == state.pidStartTime && stateChar != 'Z' && stateChar != 'X';
}

} // namespace isolde::engine
