/* isolde-logger: writes a container's output to a log file the way Docker's json-file driver
 * does, one JSON object per line:
 *
 *   {"time":"2026-11-29T17:00:00.123456789Z","stream":"stdout","line":"text"}
 *
 *   isolde-logger --max-size BYTES --max-files N LOGFILE
 *
 * The container's stdout arrives on fd 3 and its stderr on fd 4 (pipes the helper made and
 * put on the container's 1 and 2, and on every exec'd process's). It is a separate process,
 * not a thread of the helper, so that logging goes on while the helper is restarted: it starts
 * its own session and ignores the signals that come with a dying parent or terminal, and exits
 * once both pipes are at end-of-file, that is when the container and every process exec'd into
 * it have closed them.
 *
 * A line is what ends in '\n' (the '\n' is not kept); a line longer than 16 KiB is split into
 * records of at most 16 KiB (at a UTF-8 character boundary), and a last line without '\n' is
 * written at end-of-file. Bytes that are not UTF-8 become U+FFFD, one per maximal invalid
 * sequence, so every record is valid JSON.
 *
 * Rotation: when a record would take LOGFILE past BYTES, LOGFILE.(N-2) becomes LOGFILE.(N-1),
 * ..., LOGFILE becomes LOGFILE.1, and a new LOGFILE is started (a new inode, so that a reader
 * can finish the old file). With N = 1 the old content is dropped.
 *
 * Static, plain C, no Qt: like isolde-probe, it runs beside the helper with nothing loaded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    MaxLine = 16 * 1024,
    /* Worst case per input byte: "\u00XX" (6 bytes); plus time, stream and punctuation. */
    MaxRecord = MaxLine * 6 + 128,
};

struct stream
{
    int fd;
    const char *name;
    char pending[MaxLine]; /* the line read so far, without its '\n' */
    size_t length;
    int open;
};

struct log
{
    const char *path;
    long long maxSize;
    int maxFiles;
    int fd;
    long long size;
};

static char record[MaxRecord];

static void complain(const char *what, const char *path)
{
    fprintf(stderr, "isolde-logger: %s %s: %s\n", what, path, strerror(errno));
}

static int openLog(struct log *log)
{
    log->fd = open(log->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (log->fd < 0) {
        complain("cannot open", log->path);
        return -1;
    }
    struct stat st;
    log->size = fstat(log->fd, &st) == 0 ? st.st_size : 0;
    return 0;
}

/* LOGFILE.(i) -> LOGFILE.(i+1) from the oldest kept down, LOGFILE -> LOGFILE.1, new LOGFILE.
 * A failed rename is reported and the log goes on in the file it has. */
static void rotate(struct log *log)
{
    char from[PATH_MAX];
    char to[PATH_MAX];
    for (int i = log->maxFiles - 2; i >= 1; --i) {
        snprintf(from, sizeof from, "%s.%d", log->path, i);
        snprintf(to, sizeof to, "%s.%d", log->path, i + 1);
        if (rename(from, to) != 0 && errno != ENOENT)
            complain("cannot rotate", from);
    }
    /* A log removed by someone else is simply started anew. */
    if (log->maxFiles > 1) {
        snprintf(to, sizeof to, "%s.1", log->path);
        if (rename(log->path, to) != 0 && errno != ENOENT) {
            complain("cannot rotate", log->path);
            return;
        }
    } else if (unlink(log->path) != 0 && errno != ENOENT) {
        complain("cannot remove", log->path);
        return;
    }
    close(log->fd);
    if (openLog(log) != 0)
        log->fd = -1;
}

static void writeRecord(struct log *log, const char *data, size_t length)
{
    if (log->size > 0 && log->size + (long long)length > log->maxSize)
        rotate(log);
    if (log->fd < 0)
        return; /* the pipes are still drained, so the container never blocks on a full one */
    /* One write per record: O_APPEND keeps records whole for a concurrent reader. */
    while (length > 0) {
        const ssize_t n = write(log->fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            complain("cannot write", log->path);
            return;
        }
        log->size += n;
        data += n;
        length -= (size_t)n;
    }
}

/* The length of the valid UTF-8 sequence at `s` (1..4), or 0 when it is not one; `*invalid`
 * then holds the length of its maximal invalid prefix (at least 1), which becomes one U+FFFD. */
static size_t utf8Sequence(const unsigned char *s, size_t available, size_t *invalid)
{
    const unsigned char c = s[0];
    size_t need;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        if (c == 0xe0)
            low = 0xa0; /* overlong */
        else if (c == 0xed)
            high = 0x9f; /* surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        if (c == 0xf0)
            low = 0x90; /* overlong */
        else if (c == 0xf4)
            high = 0x8f; /* above U+10FFFF */
    } else {
        *invalid = 1;
        return 0;
    }
    size_t i = 1;
    for (; i < need && i < available; ++i) {
        const unsigned char lo = i == 1 ? low : 0x80;
        const unsigned char hi = i == 1 ? high : 0xbf;
        if (s[i] < lo || s[i] > hi)
            break;
    }
    if (i == need)
        return need;
    *invalid = i;
    return 0;
}

static size_t appendText(char *out, const char *text)
{
    const size_t length = strlen(text);
    memcpy(out, text, length);
    return length;
}

/* `line` as the body of a JSON string. */
static size_t escape(char *out, const unsigned char *line, size_t length)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    size_t i = 0;
    while (i < length) {
        const unsigned char c = line[i];
        size_t invalid = 0;
        const size_t valid = utf8Sequence(line + i, length - i, &invalid);
        if (valid == 0) {
            o += appendText(out + o, "\xef\xbf\xbd"); /* U+FFFD */
            i += invalid;
            continue;
        }
        if (valid > 1) {
            memcpy(out + o, line + i, valid);
            o += valid;
            i += valid;
            continue;
        }
        switch (c) {
        case '"':
            o += appendText(out + o, "\\\"");
            break;
        case '\\':
            o += appendText(out + o, "\\\\");
            break;
        case '\n':
            o += appendText(out + o, "\\n");
            break;
        case '\r':
            o += appendText(out + o, "\\r");
            break;
        case '\t':
            o += appendText(out + o, "\\t");
            break;
        case '\b':
            o += appendText(out + o, "\\b");
            break;
        case '\f':
            o += appendText(out + o, "\\f");
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                o += appendText(out + o, "\\u00");
                out[o++] = hex[c >> 4];
                out[o++] = hex[c & 0xf];
            } else {
                out[o++] = (char)c;
            }
        }
        ++i;
    }
    return o;
}

static void writeLine(struct log *log, const struct stream *stream, const struct timespec *now,
                      const char *line, size_t length)
{
    struct tm utc;
    gmtime_r(&now->tv_sec, &utc);
    size_t o = strftime(record, 64, "{\"time\":\"%Y-%m-%dT%H:%M:%S", &utc);
    o += (size_t)snprintf(record + o, 64, ".%09ldZ\",\"stream\":\"%s\",\"line\":\"", now->tv_nsec,
                          stream->name);
    o += escape(record + o, (const unsigned char *)line, length);
    o += appendText(record + o, "\"}\n");
    writeRecord(log, record, o);
}

/* Where to cut a full buffer: before a UTF-8 sequence that the cut would split. */
static size_t splitPoint(const struct stream *stream)
{
    const unsigned char *s = (const unsigned char *)stream->pending;
    const size_t length = stream->length;
    for (size_t back = 1; back <= 3 && back < length; ++back) {
        const unsigned char c = s[length - back];
        if ((c & 0xc0) != 0x80) {
            /* A lead byte: split before it when its sequence does not fit. */
            size_t invalid = 0;
            if (c >= 0xc2 && c <= 0xf4 && utf8Sequence(s + length - back, back, &invalid) == 0 &&
                invalid == back)
                return length - back;
            break;
        }
    }
    return length;
}

/* Writes every complete line of `stream`, and at end-of-file (or when a line fills the
 * buffer) what is left. */
static void drain(struct log *log, struct stream *stream, int atEof)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    size_t start = 0;
    for (;;) {
        char *newline = memchr(stream->pending + start, '\n', stream->length - start);
        if (!newline)
            break;
        const size_t end = (size_t)(newline - stream->pending);
        writeLine(log, stream, &now, stream->pending + start, end - start);
        start = end + 1;
    }
    memmove(stream->pending, stream->pending + start, stream->length - start);
    stream->length -= start;
    if (stream->length == sizeof stream->pending) {
        const size_t cut = splitPoint(stream);
        writeLine(log, stream, &now, stream->pending, cut);
        memmove(stream->pending, stream->pending + cut, stream->length - cut);
        stream->length -= cut;
    }
    if (atEof && stream->length > 0) {
        writeLine(log, stream, &now, stream->pending, stream->length);
        stream->length = 0;
    }
}

static void readStream(struct log *log, struct stream *stream)
{
    const ssize_t n =
        read(stream->fd, stream->pending + stream->length, sizeof stream->pending - stream->length);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        drain(log, stream, 1);
        close(stream->fd);
        stream->open = 0;
        return;
    }
    stream->length += (size_t)n;
    drain(log, stream, 0);
}

static int parseNumber(const char *text, long long min, long long *value)
{
    char *end = NULL;
    errno = 0;
    const long long parsed = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || parsed < min)
        return -1;
    *value = parsed;
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: isolde-logger --max-size BYTES --max-files N LOGFILE\n"
                    "  reads stdout on fd 3 and stderr on fd 4 until both are at end-of-file\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct log log = {.path = NULL, .maxSize = 10 * 1024 * 1024, .maxFiles = 3, .fd = -1};
    for (int i = 1; i < argc; ++i) {
        long long value = 0;
        if (strcmp(argv[i], "--max-size") == 0 && i + 1 < argc) {
            if (parseNumber(argv[++i], 1, &value) != 0) {
                fprintf(stderr,
                        "isolde-logger: --max-size: \"%s\" is not a positive number of "
                        "bytes\n",
                        argv[i]);
                return 2;
            }
            log.maxSize = value;
        } else if (strcmp(argv[i], "--max-files") == 0 && i + 1 < argc) {
            if (parseNumber(argv[++i], 1, &value) != 0 || value > 1000) {
                fprintf(stderr,
                        "isolde-logger: --max-files: \"%s\" is not a number from 1 to "
                        "1000\n",
                        argv[i]);
                return 2;
            }
            log.maxFiles = (int)value;
        } else if (argv[i][0] == '-' || log.path) {
            return usage();
        } else {
            log.path = argv[i];
        }
    }
    if (!log.path)
        return usage();

    /* Outlive the helper: a session of our own, and deaf to what its death or a terminal's
     * hang-up would send. SIGKILL still ends us. */
    setsid();
    signal(SIGHUP, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    /* startLogger blocks them until here; one already pending is dropped by SIG_IGN. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    /* Checked before the log is opened, which could otherwise take a free 3 or 4. */
    static struct stream streams[2] = {{.fd = 3, .name = "stdout"}, {.fd = 4, .name = "stderr"}};
    for (int i = 0; i < 2; ++i)
        streams[i].open = fcntl(streams[i].fd, F_GETFD) >= 0;
    if (openLog(&log) != 0)
        return 1;

    while (streams[0].open || streams[1].open) {
        struct pollfd fds[2];
        for (int i = 0; i < 2; ++i)
            fds[i] = (struct pollfd){streams[i].open ? streams[i].fd : -1, POLLIN, 0};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            complain("cannot poll the pipes of", log.path);
            return 1;
        }
        for (int i = 0; i < 2; ++i) {
            if (streams[i].open && (fds[i].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)))
                readStream(&log, &streams[i]);
        }
    }
    return 0;
}
