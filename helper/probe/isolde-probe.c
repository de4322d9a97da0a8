/* isolde-probe: prints, as one JSON object on stdout, what the process running it sees:
 * identity, id maps, namespaces, capabilities, no_new_privs, seccomp, which dangerous
 * system calls are refused, the root filesystem, masked and read-only paths, cgroup limits,
 * network interfaces, open file descriptors, and a few process attributes.
 *
 * Static, plain C, no name service calls: it runs inside any container from a file
 * descriptor of the host. Every system call it tries is chosen so that it cannot change
 * anything even when run unconfined as root on the host (see README.md for each one).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/reboot.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- a small JSON writer on stdout ---- */

static int depth;
static int first[32] = {1};

/* Before every member or element: a comma unless it is the first at this level. */
static void separate(void)
{
    if (!first[depth])
        putchar(',');
    first[depth] = 0;
}

static void string(const char *text)
{
    putchar('"');
    for (const unsigned char *c = (const unsigned char *)text; *c; ++c) {
        if (*c == '"' || *c == '\\')
            printf("\\%c", *c);
        else if (*c < 0x20 || *c == 0x7f)
            printf("\\u%04x", *c);
        else
            putchar(*c);
    }
    putchar('"');
}

/* `key` NULL: an array element. */
static void member(const char *key)
{
    separate();
    if (key) {
        string(key);
        putchar(':');
    }
}

static void open_object(const char *key)
{
    member(key);
    putchar('{');
    first[++depth] = 1;
}

static void close_object(void)
{
    putchar('}');
    --depth;
}

static void open_array(const char *key)
{
    member(key);
    putchar('[');
    first[++depth] = 1;
}

static void close_array(void)
{
    putchar(']');
    --depth;
}

static void put_string(const char *key, const char *value)
{
    member(key);
    if (value)
        string(value);
    else
        fputs("null", stdout);
}

static void put_int(const char *key, long long value)
{
    member(key);
    printf("%lld", value);
}

static void put_bool(const char *key, int value)
{
    member(key);
    fputs(value ? "true" : "false", stdout);
}

static void put_null(const char *key)
{
    member(key);
    fputs("null", stdout);
}

/* ---- small helpers ---- */

static const char *errno_name(int errnum)
{
    static char unknown[16];
    const char *name = strerrorname_np(errnum);
    if (name)
        return name;
    snprintf(unknown, sizeof unknown, "E%d", errnum);
    return unknown;
}

/* Reads at most size-1 bytes of a file into buf, NUL-terminated; -1 and errno on failure. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t used = 0;
    while (used + 1 < size) {
        ssize_t n = read(fd, buf + used, size - 1 - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    close(fd);
    buf[used] = '\0';
    return (ssize_t)used;
}

static void strip_newline(char *text)
{
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == ' '))
        text[--length] = '\0';
}

static char status_text[16384];

/* The value of "Name:" in /proc/self/status, or NULL. Returns a static copy. */
static const char *status_field(const char *name)
{
    static char value[128];
    size_t length = strlen(name);
    for (const char *line = status_text; line && *line;) {
        if (strncmp(line, name, length) == 0 && line[length] == ':') {
            const char *start = line + length + 1;
            while (*start == ' ' || *start == '\t')
                ++start;
            size_t n = strcspn(start, "\n");
            if (n >= sizeof value)
                n = sizeof value - 1;
            memcpy(value, start, n);
            value[n] = '\0';
            return value;
        }
        line = strchr(line, '\n');
        if (line)
            ++line;
    }
    return NULL;
}

/* ---- identity ---- */

static void print_identity(void)
{
    put_int("pid", getpid());
    put_int("ppid", getppid());
    struct utsname uts;
    if (uname(&uts) == 0) {
        put_string("hostname", uts.nodename);
        put_string("domainname", uts.domainname);
    } else {
        put_null("hostname");
        put_null("domainname");
    }
    put_int("uid", getuid());
    put_int("gid", getgid());
    put_int("euid", geteuid());
    put_int("egid", getegid());
    gid_t groups[256];
    int count = getgroups(256, groups);
    open_array("groups");
    for (int i = 0; i < count; ++i)
        put_int(NULL, groups[i]);
    close_array();
}

static void print_id_map(const char *key, const char *path)
{
    char text[4096];
    if (read_file(path, text, sizeof text) < 0) {
        put_null(key);
        return;
    }
    open_array(key);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long long inside, outside, count;
        if (sscanf(line, "%llu %llu %llu", &inside, &outside, &count) != 3)
            continue;
        open_object(NULL);
        put_int("inside", (long long)inside);
        put_int("outside", (long long)outside);
        put_int("count", (long long)count);
        close_object();
    }
    close_array();
}

static void print_namespaces(void)
{
    static const char *const names[] = {
        "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "time_for_children",
        "user",   "uts"};
    open_object("namespaces");
    for (size_t i = 0; i < sizeof names / sizeof *names; ++i) {
        char path[64], target[128];
        snprintf(path, sizeof path, "/proc/self/ns/%s", names[i]);
        ssize_t n = readlink(path, target, sizeof target - 1);
        unsigned long long inode;
        const char *bracket = n > 0 ? (target[n] = '\0', strchr(target, '[')) : NULL;
        if (bracket && sscanf(bracket, "[%llu]", &inode) == 1)
            put_int(names[i], (long long)inode);
        else
            put_null(names[i]);
    }
    close_object();
}

/* ---- capabilities, no_new_privs, seccomp ---- */

/* In kernel number order: the index is the capability number. */
static const char *const capability_names[] = {
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
};

static void print_capability_set(const char *key, const char *status_name)
{
    const char *hex = status_field(status_name);
    if (!hex) {
        put_null(key);
        return;
    }
    uint64_t mask = strtoull(hex, NULL, 16);
    open_object(key);
    put_string("hex", hex);
    open_array("names");
    for (unsigned bit = 0; bit < 64; ++bit) {
        if (!(mask & ((uint64_t)1 << bit)))
            continue;
        char unnamed[16];
        snprintf(unnamed, sizeof unnamed, "CAP_%u", bit);
        put_string(NULL, bit < sizeof capability_names / sizeof *capability_names
                             ? capability_names[bit]
                             : unnamed);
    }
    close_array();
    close_object();
}

static void print_security(void)
{
    open_object("capabilities");
    print_capability_set("inheritable", "CapInh");
    print_capability_set("permitted", "CapPrm");
    print_capability_set("effective", "CapEff");
    print_capability_set("bounding", "CapBnd");
    print_capability_set("ambient", "CapAmb");
    close_object();

    const char *nnp = status_field("NoNewPrivs");
    if (nnp)
        put_bool("noNewPrivs", atoi(nnp) == 1);
    else
        put_null("noNewPrivs");

    open_object("seccomp");
    const char *mode = status_field("Seccomp");
    if (mode) {
        static const char *const modes[] = {"disabled", "strict", "filter"};
        int number = atoi(mode);
        put_int("mode", number);
        put_string("modeName", number >= 0 && number <= 2 ? modes[number] : NULL);
    } else {
        put_null("mode");
        put_null("modeName");
    }
    const char *filters = status_field("Seccomp_filters");
    if (filters)
        put_int("filters", atoi(filters));
    else
        put_null("filters");
    close_object();
}

/* ---- dangerous system calls, with arguments that make them fail harmlessly ---- */

#define NOWHERE "/nonexistent-isolde-probe"

static long call_reboot(void)
{
    return syscall(SYS_reboot, 0L, 0L, 0L, NULL);
}
/* Two propagation types at once: after the permission check, always EINVAL, no change. */
static long call_mount(void)
{
    return syscall(SYS_mount, NULL, "/", NULL, (long)(MS_SHARED | MS_PRIVATE), NULL);
}
static long call_umount2(void)
{
    return syscall(SYS_umount2, NOWHERE, 0L);
}
static long call_pivot_root(void)
{
    return syscall(SYS_pivot_root, NOWHERE, NOWHERE);
}
static long call_chroot(void)
{
    return syscall(SYS_chroot, NOWHERE);
}
static long call_ptrace(void)
{
    return syscall(SYS_ptrace, (long)PTRACE_PEEKUSER, 1L, 0L, 0L);
}
static long call_process_vm_readv(void)
{
    return syscall(SYS_process_vm_readv, 1L, NULL, 0L, NULL, 0L, 1L /* no such flag */);
}
/* 1000 segments (the limit is 16) and an undefined flag: EINVAL, never an unload. */
static long call_kexec_load(void)
{
    return syscall(SYS_kexec_load, 0L, 1000L, NULL, 0x8000L);
}
static long call_kexec_file_load(void)
{
    return syscall(SYS_kexec_file_load, -1L, -1L, 0L, NULL, 1L << 30 /* no such flag */);
}
static long call_init_module(void)
{
    return syscall(SYS_init_module, NULL, 0L, "");
}
static long call_finit_module(void)
{
    return syscall(SYS_finit_module, -1L, "", 0L);
}
static long call_keyctl(void)
{
    return syscall(SYS_keyctl, 17L /* KEYCTL_GET_SECURITY */, -1L, NULL, 0L);
}
static long call_add_key(void)
{
    return syscall(SYS_add_key, NULL, NULL, NULL, 0L, 0L);
}
static long call_request_key(void)
{
    return syscall(SYS_request_key, NULL, NULL, NULL, 0L);
}
static long call_unshare(void)
{
    return syscall(SYS_unshare, 0L);
}
static long call_setns(void)
{
    return syscall(SYS_setns, -1L, 0L);
}
static long call_clone3(void)
{
    return syscall(SYS_clone3, NULL, 0L);
}
static long call_bpf(void)
{
    return syscall(SYS_bpf, 0x7fffffffL, NULL, 0L);
}
static long call_perf_event_open(void)
{
    return syscall(SYS_perf_event_open, NULL, 0L, -1L, -1L, 0L);
}
static long call_userfaultfd(void)
{
    return syscall(SYS_userfaultfd, 0xffffffffL);
}
static long call_io_uring_setup(void)
{
    return syscall(SYS_io_uring_setup, 0L, NULL);
}
static long call_swapon(void)
{
    return syscall(SYS_swapon, NOWHERE, 0L);
}
static long call_swapoff(void)
{
    return syscall(SYS_swapoff, NOWHERE);
}
static long call_settimeofday(void)
{
    return syscall(SYS_settimeofday, NULL, NULL);
}
static long call_open_by_handle_at(void)
{
    return syscall(SYS_open_by_handle_at, -1L, NULL, 0L);
}
static long call_acct(void)
{
    return syscall(SYS_acct, NOWHERE);
}
static long call_syslog(void)
{
    return syscall(SYS_syslog, 3L /* READ_ALL */, NULL, 0L);
}
static long call_sethostname(void)
{
    return syscall(SYS_sethostname, NULL, -1L);
}
static long call_setdomainname(void)
{
    return syscall(SYS_setdomainname, NULL, -1L);
}
static long call_fsopen(void)
{
    return syscall(SYS_fsopen, NULL, 0L);
}
static long call_move_mount(void)
{
    return syscall(SYS_move_mount, -1L, NULL, -1L, NULL, 0L);
}
static long call_open_tree(void)
{
    return syscall(SYS_open_tree, -1L, NULL, 1L /* CLONE */);
}
#ifdef SYS_iopl
static long call_iopl(void)
{
    return syscall(SYS_iopl, 4L);
}
#endif

struct syscall_probe
{
    const char *name;
    long (*call)(void);
};

static const struct syscall_probe syscall_probes[] = {
    {"reboot", call_reboot},
    {"mount", call_mount},
    {"umount2", call_umount2},
    {"pivot_root", call_pivot_root},
    {"chroot", call_chroot},
    {"ptrace", call_ptrace},
    {"process_vm_readv", call_process_vm_readv},
    {"kexec_load", call_kexec_load},
    {"kexec_file_load", call_kexec_file_load},
    {"init_module", call_init_module},
    {"finit_module", call_finit_module},
    {"keyctl", call_keyctl},
    {"add_key", call_add_key},
    {"request_key", call_request_key},
    {"unshare", call_unshare},
    {"setns", call_setns},
    {"clone3", call_clone3},
    {"bpf", call_bpf},
    {"perf_event_open", call_perf_event_open},
    {"userfaultfd", call_userfaultfd},
    {"io_uring_setup", call_io_uring_setup},
    {"swapon", call_swapon},
    {"swapoff", call_swapoff},
    {"settimeofday", call_settimeofday},
    {"open_by_handle_at", call_open_by_handle_at},
    {"acct", call_acct},
    {"syslog", call_syslog},
    {"sethostname", call_sethostname},
    {"setdomainname", call_setdomainname},
    {"fsopen", call_fsopen},
    {"move_mount", call_move_mount},
    {"open_tree", call_open_tree},
#ifdef SYS_iopl
    {"iopl", call_iopl},
#endif
};

/* Each call runs in a child of its own, so that a filter that kills (SCMP_ACT_KILL*) or
 * traps only ends that child; the result is "OK", an errno name, or a signal name. vfork:
 * the child makes one system call and exits, and costs a fraction of a fork. */
static const char *probe_syscall(const struct syscall_probe *probe)
{
    static char result[32];
    pid_t pid = vfork();
    if (pid == 0) {
        long rc = probe->call();
        _exit(rc == -1 ? (errno > 0 && errno < 256 ? errno : 255) : 0);
    }
    if (pid < 0) {
        /* No child (refused by the filter?): call here, at the risk of being killed. */
        return probe->call() == -1 ? errno_name(errno) : "OK";
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status)) {
        const char *name = sigabbrev_np(WTERMSIG(status));
        snprintf(result, sizeof result, "SIG%s", name ? name : "?");
        return result;
    }
    int code = WEXITSTATUS(status);
    return code == 0 ? "OK" : errno_name(code);
}

/* ---- filesystem: root, masked and read-only paths ---- */

static void print_rootfs(void)
{
    open_object("rootfs");
    struct statvfs vfs;
    if (statvfs("/", &vfs) == 0)
        put_bool("readOnly", (vfs.f_flag & ST_RDONLY) != 0);
    else
        put_null("readOnly");
    char path[64];
    snprintf(path, sizeof path, "/.isolde-probe-%ld", (long)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        close(fd);
        unlink(path);
        put_string("createFile", "OK");
    } else {
        put_string("createFile", errno_name(errno));
    }
    close_object();
}

static const char *const docker_masked_paths[] = {
    "/proc/asound",
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/devices/virtual/powercap",
};

static const char *const docker_readonly_paths[] = {
    "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
};

/* readable: some content came out (a byte of a file, an entry of a directory). */
static void print_masked_path(const char *path)
{
    open_object(path);
    struct stat st;
    if (lstat(path, &st) != 0) {
        put_bool("exists", 0);
        put_bool("readable", 0);
        put_string("error", errno_name(errno));
        close_object();
        return;
    }
    put_bool("exists", 1);
    int readable = 0;
    const char *error = NULL;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        if (!dir) {
            error = errno_name(errno);
        } else {
            struct dirent *entry;
            while ((entry = readdir(dir))) {
                if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
                    readable = 1;
            }
            closedir(dir);
        }
    } else {
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        char byte;
        ssize_t n = fd >= 0 ? read(fd, &byte, 1) : -1;
        if (n < 0)
            error = errno_name(errno);
        readable = n > 0;
        if (fd >= 0)
            close(fd);
    }
    put_bool("readable", readable);
    put_string("error", error);
    close_object();
}

static void print_readonly_path(const char *path)
{
    open_object(path);
    struct statvfs vfs;
    if (statvfs(path, &vfs) != 0) {
        put_bool("exists", 0);
        put_null("readOnly");
    } else {
        put_bool("exists", 1);
        put_bool("readOnly", (vfs.f_flag & ST_RDONLY) != 0);
    }
    close_object();
}

static void print_paths(const char *key, const char *const *paths, size_t count,
                        void (*print)(const char *))
{
    open_object(key);
    for (size_t i = 0; i < count; ++i)
        print(paths[i]);
    close_object();
}

/* ---- cgroup ---- */

struct cgroup_mount
{
    char root[512];
    char point[512];
    char options[260]; /* super options: the v1 controllers ("rw,cpu,cpuacct") */
    int v2;
};

static struct cgroup_mount cgroup_mounts[32];
static int cgroup_mount_count;

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static void unescape(char *text)
{
    char *out = text;
    for (char *in = text; *in; ++in) {
        if (in[0] == '\\' && in[1] >= '0' && in[1] <= '7' && in[2] && in[3]) {
            *out++ = (char)(((in[1] - '0') << 6) | ((in[2] - '0') << 3) | (in[3] - '0'));
            in += 3;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
}

static void find_cgroup_mounts(void)
{
    FILE *file = fopen("/proc/self/mountinfo", "re");
    if (!file)
        return;
    char line[4096];
    while (fgets(line, sizeof line, file) && cgroup_mount_count < 32) {
        char root[512], point[512], type[64], source[256], options[256];
        const char *dash = strstr(line, " - ");
        if (!dash || sscanf(line, "%*s %*s %*s %511s %511s", root, point) != 2 ||
            sscanf(dash + 3, "%63s %255s %255s", type, source, options) != 3)
            continue;
        int v2 = strcmp(type, "cgroup2") == 0;
        if (!v2 && strcmp(type, "cgroup") != 0)
            continue;
        struct cgroup_mount *mount = &cgroup_mounts[cgroup_mount_count++];
        unescape(root);
        unescape(point);
        snprintf(mount->root, sizeof mount->root, "%s", root);
        snprintf(mount->point, sizeof mount->point, "%s", point);
        snprintf(mount->options, sizeof mount->options, ",%s,", options);
        mount->v2 = v2;
    }
    fclose(file);
}

static char self_cgroup[8192];

/* This process's cgroup in the hierarchy of `controller` (NULL: the v2 one), as a
 * directory under a mount of it, in `dir`. */
static int cgroup_dir(const char *controller, char *dir, size_t size)
{
    char copy[sizeof self_cgroup];
    snprintf(copy, sizeof copy, "%s", self_cgroup);
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *controllers = strchr(line, ':');
        char *path = controllers ? strchr(controllers + 1, ':') : NULL;
        if (!path)
            continue;
        *path++ = '\0';
        ++controllers;
        char wanted[64];
        snprintf(wanted, sizeof wanted, ",%s,", controller ? controller : "");
        char listed[256];
        snprintf(listed, sizeof listed, ",%s,", controllers);
        if (controller ? !strstr(listed, wanted) : controllers[0] != '\0')
            continue;
        for (int i = 0; i < cgroup_mount_count; ++i) {
            const struct cgroup_mount *mount = &cgroup_mounts[i];
            if (controller ? (mount->v2 || !strstr(mount->options, wanted)) : !mount->v2)
                continue;
            size_t root_length = strcmp(mount->root, "/") == 0 ? 0 : strlen(mount->root);
            const char *below = path;
            if (root_length && strncmp(path, mount->root, root_length) == 0)
                below = path + root_length;
            else if (root_length)
                continue; /* this mount shows another part of the hierarchy */
            if (strcmp(below, "/") == 0)
                below = "";
            snprintf(dir, size, "%s%s", mount->point, below);
            if (access(dir, F_OK) == 0)
                return 1;
        }
    }
    return 0;
}

/* A limit file: v2's name in the v2 hierarchy, else v1's in the controller's hierarchy. */
static int read_limit(const char *v2_file, const char *controller, const char *v1_file, char *file,
                      size_t file_size, char *value, size_t value_size)
{
    char dir[1024];
    if (v2_file && cgroup_dir(NULL, dir, sizeof dir)) {
        snprintf(file, file_size, "%s/%s", dir, v2_file);
        if (read_file(file, value, value_size) >= 0) {
            strip_newline(value);
            return 1;
        }
    }
    if (v1_file && cgroup_dir(controller, dir, sizeof dir)) {
        snprintf(file, file_size, "%s/%s", dir, v1_file);
        if (read_file(file, value, value_size) >= 0) {
            strip_newline(value);
            return 1;
        }
    }
    return 0;
}

static void print_limit(const char *key, const char *v2_file, const char *controller,
                        const char *v1_file)
{
    char file[1200], value[128];
    if (!read_limit(v2_file, controller, v1_file, file, sizeof file, value, sizeof value)) {
        put_null(key);
        return;
    }
    open_object(key);
    put_string("file", file);
    put_string("value", value);
    close_object();
}

/* cpu: v2's cpu.max ("max 100000"), or v1's quota and period in the same form. */
static void print_cpu_limit(void)
{
    char file[1200], value[128];
    if (read_limit("cpu.max", NULL, NULL, file, sizeof file, value, sizeof value)) {
        open_object("cpu");
        put_string("file", file);
        put_string("value", value);
        close_object();
        return;
    }
    char quota_file[1200], quota[64], period_file[1200], period[64];
    if (!read_limit(NULL, "cpu", "cpu.cfs_quota_us", quota_file, sizeof quota_file, quota,
                    sizeof quota) ||
        !read_limit(NULL, "cpu", "cpu.cfs_period_us", period_file, sizeof period_file, period,
                    sizeof period)) {
        put_null("cpu");
        return;
    }
    snprintf(value, sizeof value, "%s %s", atoll(quota) < 0 ? "max" : quota, period);
    open_object("cpu");
    put_string("file", quota_file);
    put_string("value", value);
    close_object();
}

static void print_cgroup(void)
{
    open_object("cgroup");
    if (read_file("/proc/self/cgroup", self_cgroup, sizeof self_cgroup) < 0)
        self_cgroup[0] = '\0';
    find_cgroup_mounts();
    open_array("memberships");
    char copy[sizeof self_cgroup];
    snprintf(copy, sizeof copy, "%s", self_cgroup);
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *controllers = strchr(line, ':');
        char *path = controllers ? strchr(controllers + 1, ':') : NULL;
        if (!path)
            continue;
        *controllers++ = '\0';
        *path++ = '\0';
        open_object(NULL);
        put_int("hierarchy", atoi(line));
        put_string("controllers", controllers);
        put_string("path", path);
        close_object();
    }
    close_array();
    open_object("limits");
    print_limit("memory", "memory.max", "memory", "memory.limit_in_bytes");
    print_limit("pids", "pids.max", "pids", "pids.max");
    print_cpu_limit();
    close_object();
    close_object();
}

/* ---- network, fds, process attributes ---- */

static void print_network(void)
{
    open_object("network");
    /* /proc/self/net follows this process's network namespace, whoever mounted /sys. */
    FILE *file = fopen("/proc/self/net/dev", "re");
    put_string("source", file ? "/proc/self/net/dev" : NULL);
    open_array("interfaces");
    if (file) {
        char line[512];
        while (fgets(line, sizeof line, file)) {
            char *colon = strchr(line, ':');
            if (!colon)
                continue; /* the two header lines */
            *colon = '\0';
            char *name = line;
            while (*name == ' ')
                ++name;
            put_string(NULL, name);
        }
        fclose(file);
    }
    close_array();
    close_object();
}

static void print_fds(void)
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) {
        put_null("fds");
        return;
    }
    open_array("fds");
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (entry->d_name[0] == '.')
            continue;
        int fd = atoi(entry->d_name);
        if (fd == dirfd(dir))
            continue;
        char path[64], target[512];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(path, target, sizeof target - 1);
        open_object(NULL);
        put_int("fd", fd);
        if (n >= 0) {
            target[n] = '\0';
            put_string("target", target);
        } else {
            put_null("target");
        }
        close_object();
    }
    close_array();
    closedir(dir);
}

static void print_process(void)
{
    struct rlimit nofile;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        open_object("rlimitNofile");
        put_int("soft", nofile.rlim_cur == RLIM_INFINITY ? -1 : (long long)nofile.rlim_cur);
        put_int("hard", nofile.rlim_max == RLIM_INFINITY ? -1 : (long long)nofile.rlim_max);
        close_object();
    } else {
        put_null("rlimitNofile");
    }

    const char *mask = status_field("Umask");
    char octal[8];
    if (!mask) {
        mode_t current = umask(0);
        umask(current);
        snprintf(octal, sizeof octal, "%04o", (unsigned)current);
        mask = octal;
    }
    put_string("umask", mask);

    char cwd[4096];
    put_string("cwd", getcwd(cwd, sizeof cwd));

    char adj[32];
    if (read_file("/proc/self/oom_score_adj", adj, sizeof adj) >= 0)
        put_int("oomScoreAdj", atoi(adj));
    else
        put_null("oomScoreAdj");
}

/* ---- main ---- */

static void usage(FILE *to)
{
    fputs("usage: isolde-probe [--masked PATH]... [--readonly PATH]...\n"
          "Prints what this process sees, as one JSON object (see README.md).\n"
          "--masked/--readonly replace Docker's default lists of paths to check.\n",
          to);
}

int main(int argc, char **argv)
{
    const char *masked[64], *readonly[64];
    size_t masked_count = 0, readonly_count = 0;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        int is_masked = strcmp(argv[i], "--masked") == 0;
        if ((!is_masked && strcmp(argv[i], "--readonly") != 0) || i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        if (is_masked && masked_count < 64)
            masked[masked_count++] = argv[++i];
        else if (!is_masked && readonly_count < 64)
            readonly[readonly_count++] = argv[++i];
        else
            ++i;
    }
    const char *const *masked_paths = masked_count ? masked : docker_masked_paths;
    if (!masked_count)
        masked_count = sizeof docker_masked_paths / sizeof *docker_masked_paths;
    const char *const *readonly_paths = readonly_count ? readonly : docker_readonly_paths;
    if (!readonly_count)
        readonly_count = sizeof docker_readonly_paths / sizeof *docker_readonly_paths;

    if (read_file("/proc/self/status", status_text, sizeof status_text) < 0)
        status_text[0] = '\0';

    /* The syscall children must not inherit unflushed output: probe before printing. */
    const char *results[sizeof syscall_probes / sizeof *syscall_probes];
    char stored[sizeof syscall_probes / sizeof *syscall_probes][32];
    for (size_t i = 0; i < sizeof syscall_probes / sizeof *syscall_probes; ++i) {
        snprintf(stored[i], sizeof stored[i], "%s", probe_syscall(&syscall_probes[i]));
        results[i] = stored[i];
    }

    open_object(NULL);
    put_int("probeVersion", 1);
    print_identity();
    print_id_map("uidMap", "/proc/self/uid_map");
    print_id_map("gidMap", "/proc/self/gid_map");
    print_namespaces();
    print_security();
    open_object("syscalls");
    for (size_t i = 0; i < sizeof syscall_probes / sizeof *syscall_probes; ++i)
        put_string(syscall_probes[i].name, results[i]);
    close_object();
    print_rootfs();
    print_paths("maskedPaths", masked_paths, masked_count, print_masked_path);
    print_paths("readonlyPaths", readonly_paths, readonly_count, print_readonly_path);
    print_cgroup();
    print_network();
    print_fds();
    print_process();
    close_object();
    putchar('\n');
    return fflush(stdout) == 0 ? 0 : 1;
}
