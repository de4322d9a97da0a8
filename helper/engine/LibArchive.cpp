#include "LibArchive.h"

#include <dlfcn.h>

namespace isolde::engine {

// The soname of libarchive 3.x, the API archive.h declares.
static_assert(ARCHIVE_VERSION_NUMBER >= 3000000 && ARCHIVE_VERSION_NUMBER < 4000000);
static constexpr auto Soname = "libarchive.so.13";

static Expected<LibArchive> load()
{
    // Never unloaded: the functions stay valid for the life of the process.
    void *handle = ::dlopen(Soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!handle)
        return Error{QStringLiteral("image"),
                     QStringLiteral("cannot load %1 to read or write tar files: %2")
                         .arg(QLatin1String(Soname), QString::fromLocal8Bit(::dlerror()))};
    LibArchive library;
#define ISOLDE_LIBARCHIVE_RESOLVE(name)                                                            \
    library.name = reinterpret_cast<decltype(library.name)>(::dlsym(handle, #name));               \
    if (!library.name)                                                                             \
        return Error{                                                                              \
            QStringLiteral("image"),                                                               \
            QStringLiteral("%1 has no %2").arg(QLatin1String(Soname), QLatin1String(#name))};
    ISOLDE_LIBARCHIVE_FUNCTIONS(ISOLDE_LIBARCHIVE_RESOLVE)
#undef ISOLDE_LIBARCHIVE_RESOLVE
    return library;
}

Expected<const LibArchive *> libArchive()
{
    static const Expected<LibArchive> library = load();
    if (!library)
        return library.error();
    return &library.value();
}

} // namespace isolde::engine
