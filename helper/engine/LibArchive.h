// libarchive, loaded on first use instead of linked. Only importing an image layer and
// writing the default image touch a tar file; linked, libarchive and the libraries it needs
// (nettle, acl, lzma, lz4, bz2, xml2) would load on every isolde-runtime start, 2 ms of a
// `run` of 30 (bench/run-runtime-bench).
#pragma once

#include "util/Expected.h"

#include <archive.h>
#include <archive_entry.h>

namespace isolde::engine {

// The functions Isolde calls, each a member named like the C function.
#define ISOLDE_LIBARCHIVE_FUNCTIONS(X)                                                             \
    X(archive_error_string)                                                                        \
    X(archive_read_new)                                                                            \
    X(archive_read_support_format_tar)                                                             \
    X(archive_read_support_filter_all)                                                             \
    X(archive_read_open_filename)                                                                  \
    X(archive_read_next_header)                                                                    \
    X(archive_read_data_block)                                                                     \
    X(archive_read_free)                                                                           \
    X(archive_write_new)                                                                           \
    X(archive_write_set_format_ustar)                                                              \
    X(archive_write_open)                                                                          \
    X(archive_write_header)                                                                        \
    X(archive_write_data)                                                                          \
    X(archive_write_close)                                                                         \
    X(archive_write_free)                                                                          \
    X(archive_entry_new)                                                                           \
    X(archive_entry_free)                                                                          \
    X(archive_entry_clear)                                                                         \
    X(archive_entry_pathname)                                                                      \
    X(archive_entry_filetype)                                                                      \
    X(archive_entry_hardlink)                                                                      \
    X(archive_entry_symlink)                                                                       \
    X(archive_entry_size)                                                                          \
    X(archive_entry_uid)                                                                           \
    X(archive_entry_gid)                                                                           \
    X(archive_entry_perm)                                                                          \
    X(archive_entry_mtime)                                                                         \
    X(archive_entry_set_pathname)                                                                  \
    X(archive_entry_set_filetype)                                                                  \
    X(archive_entry_set_perm)                                                                      \
    X(archive_entry_set_uid)                                                                       \
    X(archive_entry_set_gid)                                                                       \
    X(archive_entry_set_mtime)                                                                     \
    X(archive_entry_set_size)                                                                      \
    X(archive_entry_set_symlink)

struct LibArchive
{
#define ISOLDE_LIBARCHIVE_MEMBER(name) decltype(&::name) name = nullptr;
    ISOLDE_LIBARCHIVE_FUNCTIONS(ISOLDE_LIBARCHIVE_MEMBER)
#undef ISOLDE_LIBARCHIVE_MEMBER
};

// The library, loaded by the first call (thread-safe); an error naming what is missing when
// the host has no usable libarchive.
Expected<const LibArchive *> libArchive();

} // namespace isolde::engine
