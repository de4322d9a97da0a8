// Spec validation: every bad input is reported with its JSON path and a reason, all problems
// at once, and the specs Docker, crun and runc make pass clean.
#include "RuntimeSpecs.h"
#include "spec/OciSpec.h"
#include "spec/SpecDefaults.h"
#include "spec/SpecValidator.h"

#include <QJsonDocument>
#include <QTest>

using namespace isolde::spec;

namespace {

// A valid spec that uses most fields, so that each bad input below changes one thing.
const char *const BaseSpec = R"({
    "ociVersion": "1.0.2",
    "process": {
        "terminal": false,
        "user": {"uid": 0, "gid": 0, "umask": 18, "additionalGids": [10]},
        "args": ["sh", "-c", "true"],
        "env": ["PATH=/usr/bin:/bin", "TERM=xterm"],
        "cwd": "/",
        "capabilities": {"bounding": ["CAP_CHOWN", "CAP_KILL"],
                         "effective": ["CAP_CHOWN", "CAP_KILL"],
                         "permitted": ["CAP_CHOWN", "CAP_KILL"]},
        "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
        "noNewPrivileges": true,
        "oomScoreAdj": 0
    },
    "root": {"path": "rootfs", "readonly": true},
    "hostname": "box",
    "mounts": [
        {"destination": "/proc", "type": "proc", "source": "proc"},
        {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid"]},
        {"destination": "/data", "type": "bind", "source": "/srv/data", "options": ["rbind"]}
    ],
    "linux": {
        "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
                       {"type": "mount"}],
        "sysctl": {"net.ipv4.ip_forward": "1", "kernel.shmmax": "65536"},
        "resources": {
            "devices": [{"allow": false, "access": "rwm"},
                        {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rw"}],
            "memory": {"limit": 268435456, "reservation": 134217728, "swap": 536870912},
            "cpu": {"shares": 512, "quota": 50000, "period": 100000, "cpus": "0-1", "mems": "0"},
            "pids": {"limit": 100},
            "blockIO": {"weight": 500,
                        "weightDevice": [{"major": 8, "minor": 0, "weight": 200}],
                        "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}]}
        },
        "seccomp": {
            "defaultAction": "SCMP_ACT_ERRNO",
            "defaultErrnoRet": 1,
            "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
            "syscalls": [
                {"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]}
            ]
        },
        "maskedPaths": ["/proc/kcore"],
        "readonlyPaths": ["/proc/sys"]
    },
    "annotations": {"org.isolde.name": "test"}
})";

const char *const UserNamespaces = R"([{"type": "pid"}, {"type": "network"}, {"type": "ipc"},
    {"type": "uts"}, {"type": "mount"}, {"type": "user"}])";

// RFC 7386 JSON merge patch: objects merge, null removes, anything else replaces.
QJsonValue mergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.toObject();
    const QJsonObject changes = patch.toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it->isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), mergePatch(result.value(it.key()), it.value()));
    }
    return result;
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test JSON (%s): %s", qPrintable(error.errorString()), json.constData());
    return document.object();
}

OciSpec patchedSpec(const QByteArray &patch)
{
    return OciSpec(mergePatch(parseObject(BaseSpec), parseObject(patch)).toObject());
}

QString describe(const QList<isolde::Error> &problems)
{
    QStringList lines;
    for (const isolde::Error &problem : problems)
        lines << problem.toString();
    return lines.isEmpty() ? QStringLiteral("(no problems)") : lines.join(u'\n');
}

// "mem" -> {"linux": {"resources": {"memory": ...}}}, to keep the rows short.
QByteArray resources(const QByteArray &json)
{
    return R"({"linux": {"resources": )" + json + "}}";
}

QByteArray seccomp(const QByteArray &json)
{
    return R"({"linux": {"seccomp": )" + json + "}}";
}

QByteArray syscalls(const QByteArray &json)
{
    return seccomp(R"({"syscalls": )" + json + "}");
}

} // namespace

class TestSpecValidator : public QObject
{
    Q_OBJECT

private slots:
    void baseSpecIsValid()
    {
        const auto problems = validateSpec(patchedSpec("{}"));
        QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    }

    // What the checks written by hand accept: semantic versions with pre-release and build
    // parts, host names with inner dashes and digits, any order of r, w and m.
    void acceptsWellFormedNames()
    {
        const auto problems = validateSpec(patchedSpec(R"({
            "ociVersion": "1.1.0-rc.1+dev-2",
            "hostname": "box-1.example-2.org",
            "linux": {"resources": {"devices": [{"allow": true, "type": "c", "access": "mwr"}],
                                    "cpu": {"cpus": "0-1,3"}}}})"));
        QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const auto row = [](const char *name, const QByteArray &patch, const char *field,
                            const char *reason) {
            QTest::newRow(name) << patch << QString::fromUtf8(field) << QString::fromUtf8(reason);
        };

        // Version.
        row("ociVersion missing", R"({"ociVersion": null})", "ociVersion", "is required");
        row("ociVersion empty", R"({"ociVersion": ""})", "ociVersion", "must not be empty");
        row("ociVersion 2.x", R"({"ociVersion": "2.0.0"})", "ociVersion",
            "runtime-spec 2.0.0 is not supported");
        row("ociVersion not semver", R"({"ociVersion": "one"})", "ociVersion",
            "is not a version like 1.0.2");
        row("ociVersion number", R"({"ociVersion": 1})", "ociVersion", "must be a string");
        row("ociVersion two numbers", R"({"ociVersion": "1.0"})", "ociVersion",
            "is not a version like 1.0.2");
        row("ociVersion empty pre-release", R"({"ociVersion": "1.0.2-"})", "ociVersion",
            "is not a version like 1.0.2");
        row("ociVersion space in build", R"({"ociVersion": "1.0.2+a b"})", "ociVersion",
            "is not a version like 1.0.2");
        row("ociVersion major 01", R"({"ociVersion": "01.0.0"})", "ociVersion",
            "runtime-spec 01.0.0 is not supported");

        // Process.
        row("process missing", R"({"process": null})", "process", "is required");
        row("args missing", R"({"process": {"args": null}})", "process.args", "is required");
        row("args empty", R"({"process": {"args": []}})", "process.args",
            "must name the program to run");
        row("args not an array", R"({"process": {"args": "sh -c true"}})", "process.args",
            "must be an array");
        row("args element not a string", R"({"process": {"args": ["sh", 1]}})", "process.args[1]",
            "must be a string");
        row("program empty", R"({"process": {"args": [""]}})", "process.args[0]",
            "the program to run must not be empty");
        row("cwd missing", R"({"process": {"cwd": null}})", "process.cwd", "is required");
        row("cwd relative", R"({"process": {"cwd": "tmp"}})", "process.cwd",
            "must be an absolute path (got \"tmp\")");
        row("env without =", R"({"process": {"env": ["PATH=/bin", "FOO"]}})", "process.env[1]",
            "must have the form NAME=value");
        row("env empty name", R"({"process": {"env": ["=x"]}})", "process.env[0]",
            "name before '=' must not be empty");
        row("terminal not a bool", R"({"process": {"terminal": "yes"}})", "process.terminal",
            "must be true or false");
        row("unknown capability", R"({"process": {"capabilities": {"bounding": ["CAP_FOO"]}}})",
            "process.capabilities.bounding[0]", "unknown capability \"CAP_FOO\"");
        row("unknown ambient capability",
            R"({"process": {"capabilities": {"ambient": ["CAP_KILL", "CAP_BAR"]}}})",
            "process.capabilities.ambient[1]", "unknown capability \"CAP_BAR\"");
        row("capability spelled lowercase",
            R"({"process": {"capabilities": {"effective": ["chown"]}}})",
            "process.capabilities.effective[0]", "as the kernel names it: CAP_CHOWN");
        row("user missing", R"({"process": {"user": null}})", "process.user", "is required");
        row("uid negative", R"({"process": {"user": {"uid": -1}}})", "process.user.uid",
            "must be an integer from 0 to 4294967295");
        row("uid is (uid_t)-1", R"({"process": {"user": {"uid": 4294967295}}})", "process.user.uid",
            "(uid_t)-1");
        row("umask above 0777", R"({"process": {"user": {"umask": 512}}})", "process.user.umask",
            "the largest is 0777");
        row("additionalGids repeated", R"({"process": {"user": {"additionalGids": [10, 10]}}})",
            "process.user.additionalGids[1]", "group 10 is listed twice");
        row("additionalGids (gid_t)-1",
            R"({"process": {"user": {"additionalGids": [4294967295]}}})",
            "process.user.additionalGids[0]", "(gid_t)-1");
        row("additionalGids not integers",
            R"({"process": {"user": {"additionalGids": ["wheel"]}}})",
            "process.user.additionalGids[0]", "must be an integer");
        row("uid not mapped",
            R"({"process": {"user": {"uid": 5000}}, "linux": {"namespaces": )" +
                QByteArray(UserNamespaces) +
                R"(, "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000}],
                "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000}]}})",
            "process.user.uid", "uid 5000 is not mapped by linux.uidMappings");
        row("additional gid not mapped",
            R"({"process": {"user": {"additionalGids": [2000]}}, "linux": {"namespaces": )" +
                QByteArray(UserNamespaces) +
                R"(, "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000}],
                "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000}]}})",
            "process.user.additionalGids[0]", "gid 2000 is not mapped by linux.gidMappings");
        row("rlimit unknown type",
            R"({"process": {"rlimits": [{"type": "RLIMIT_FOO", "hard": 1, "soft": 1}]}})",
            "process.rlimits[0].type", "unknown resource limit \"RLIMIT_FOO\"");
        row("rlimit soft above hard",
            R"({"process": {"rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 4096}]}})",
            "process.rlimits[0].soft", "soft limit 4096 is above the hard limit 1024");
        row("rlimit twice",
            R"({"process": {"rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1, "soft": 1},
                                        {"type": "RLIMIT_NOFILE", "hard": 2, "soft": 2}]}})",
            "process.rlimits[1].type", "RLIMIT_NOFILE is set twice");
        row("rlimit without hard",
            R"({"process": {"rlimits": [{"type": "RLIMIT_NOFILE", "soft": 0}]}})",
            "process.rlimits[0].hard", "is required");
        row("oomScoreAdj too high", R"({"process": {"oomScoreAdj": 1001}})", "process.oomScoreAdj",
            "1001 is outside the kernel's range -1000..1000");
        row("oomScoreAdj too low", R"({"process": {"oomScoreAdj": -1001}})", "process.oomScoreAdj",
            "outside the kernel's range");

        // Root, host name.
        row("root missing", R"({"root": null})", "root", "is required");
        row("root.path missing", R"({"root": {"path": null}})", "root.path", "is required");
        row("root.path empty", R"({"root": {"path": ""}})", "root.path",
            "must name the root filesystem directory");
        row("hostname without uts namespace",
            R"({"linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"},
                                          {"type": "mount"}]}})",
            "hostname", "needs a uts namespace");
        row("hostname too long", "{\"hostname\": \"" + QByteArray(65, 'a') + "\"}", "hostname",
            "65 characters is longer than the 64 the kernel allows");
        row("hostname with underscore", R"({"hostname": "my_box"})", "hostname",
            "\"my_box\" is not a valid name");
        row("hostname starting with -", R"({"hostname": "-box"})", "hostname",
            "is not a valid name");
        row("hostname with empty label", R"({"hostname": "box..example"})", "hostname",
            "is not a valid name");
        row("hostname ending with -", R"({"hostname": "box-.example"})", "hostname",
            "is not a valid name");
        row("hostname ending with .", R"({"hostname": "box."})", "hostname", "is not a valid name");
        row("domainname without uts namespace",
            R"({"hostname": null, "domainname": "example.org",
                "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"},
                                         {"type": "mount"}]}})",
            "domainname", "needs a uts namespace");

        // Mounts.
        row("mounts not an array", R"({"mounts": {}})", "mounts", "must be an array");
        row("mount not an object", R"({"mounts": [5]})", "mounts[0]", "must be an object");
        row("mount without destination", R"({"mounts": [{"type": "proc", "source": "proc"}]})",
            "mounts[0].destination", "is required");
        row("mount destination relative",
            R"({"mounts": [{"destination": "proc", "type": "proc", "source": "proc"}]})",
            "mounts[0].destination", "must be an absolute path (got \"proc\")");
        row("mount destination with ..",
            R"({"mounts": [{"destination": "/../../etc", "type": "tmpfs", "source": "tmpfs"}]})",
            "mounts[0].destination", "must not contain \"..\"");
        row("masked path with ..", R"({"linux": {"maskedPaths": ["/proc/../etc/shadow"]}})",
            "linux.maskedPaths[0]", "must not contain \"..\"");
        row("mount destination empty",
            R"({"mounts": [{"destination": "", "type": "proc", "source": "proc"}]})",
            "mounts[0].destination", "must not be empty");
        row("bind mount without source",
            R"({"mounts": [{"destination": "/data", "type": "bind", "options": ["rbind"]}]})",
            "mounts[0].source", "a bind mount needs a source");
        row("bind option without source",
            R"({"mounts": [{"destination": "/data", "type": "none", "options": ["bind"]}]})",
            "mounts[0].source", "a bind mount needs a source");
        row("mount without type", R"({"mounts": [{"destination": "/x", "source": "x"}]})",
            "mounts[0].type", "is required unless the mount is a bind mount");
        row("tmpfs that binds",
            R"({"mounts": [{"destination": "/x", "type": "tmpfs", "source": "/x",
                            "options": ["bind"]}]})",
            "mounts[0].type", "a tmpfs mount cannot also be a bind mount");
        row("mount options not strings",
            R"({"mounts": [{"destination": "/x", "type": "tmpfs", "options": [true]}]})",
            "mounts[0].options[0]", "must be a string");
        row("mount id mapping of size 0",
            R"({"mounts": [{"destination": "/data", "type": "bind", "source": "/srv",
                            "options": ["rbind", "idmap"],
                            "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 0}]}]})",
            "mounts[0].uidMappings[0].size", "must be at least 1");

        // Namespaces and id mappings.
        const QByteArray withUser = R"({"linux": {"namespaces": )" + QByteArray(UserNamespaces);
        row("namespace type unknown",
            R"({"linux": {"namespaces": [{"type": "pid"}, {"type": "uts"}, {"type": "network"},
                                         {"type": "ipc"}, {"type": "foo"}]}})",
            "linux.namespaces[4].type", "unknown namespace type \"foo\"");
        row("namespace type twice",
            R"({"linux": {"namespaces": [{"type": "pid"}, {"type": "uts"}, {"type": "network"},
                                         {"type": "ipc"}, {"type": "pid"}]}})",
            "linux.namespaces[4].type", "namespace type \"pid\" is listed twice");
        row("namespace without type",
            R"({"linux": {"namespaces": [{"type": "uts"}, {"type": "network"}, {"type": "ipc"},
                                         {"path": "/proc/1/ns/pid"}]}})",
            "linux.namespaces[3].type", "is required");
        row("namespace path relative",
            R"({"linux": {"namespaces": [{"type": "uts"}, {"type": "network",
                "path": "proc/1/ns/net"}, {"type": "ipc"}]}})",
            "linux.namespaces[1].path", "must be an absolute path such as /proc/1234/ns/network");
        row("uid mappings without user namespace",
            R"({"linux": {"uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}})",
            "linux.uidMappings", "uid mappings need a user namespace");
        row("gid mappings without user namespace",
            R"({"linux": {"gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}})",
            "linux.gidMappings", "gid mappings need a user namespace");
        row("uid mapping of size 0",
            withUser + R"(, "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536},
                {"containerID": 70000, "hostID": 300000, "size": 0}]}})",
            "linux.uidMappings[1].size", "must be at least 1");
        row("uid mappings overlap inside",
            withUser + R"(, "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000},
                {"containerID": 500, "hostID": 300000, "size": 1000}]}})",
            "linux.uidMappings[1]", "its container uids overlap those of linux.uidMappings[0]");
        row("gid mappings overlap on the host",
            withUser + R"(, "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000},
                {"containerID": 2000, "hostID": 100500, "size": 10}]}})",
            "linux.gidMappings[1]", "its host gids overlap those of linux.gidMappings[0]");
        row("uid mapping past the last id",
            withUser + R"(, "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000},
                {"containerID": 4294967000, "hostID": 0, "size": 1000}]}})",
            "linux.uidMappings[1].size", "the range runs past the largest uid");
        row("uid mapping without size",
            withUser + R"(, "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536},
                {"containerID": 70000, "hostID": 300000}]}})",
            "linux.uidMappings[1].size", "is required");

        // Sysctl, paths, devices, propagation.
        row("sysctl not namespaced", R"({"linux": {"sysctl": {"kernel.panic": "1"}}})",
            "linux.sysctl[\"kernel.panic\"]", "is not namespaced");
        row("sysctl vm not namespaced", R"({"linux": {"sysctl": {"vm/swappiness": "10"}}})",
            "linux.sysctl[\"vm/swappiness\"]", "is not namespaced");
        row("net sysctl without network namespace",
            R"({"linux": {"namespaces": [{"type": "uts"}, {"type": "ipc"}]}})",
            "linux.sysctl[\"net.ipv4.ip_forward\"]", "needs its own network namespace");
        row("ipc sysctl without ipc namespace",
            R"({"linux": {"namespaces": [{"type": "uts"}, {"type": "network"}]}})",
            "linux.sysctl[\"kernel.shmmax\"]", "needs its own ipc namespace");
        row("mqueue sysctl without ipc namespace",
            R"({"linux": {"namespaces": [{"type": "uts"}, {"type": "network"}],
                          "sysctl": {"fs.mqueue.msg_max": "10", "kernel.shmmax": null}}})",
            "linux.sysctl[\"fs.mqueue.msg_max\"]", "needs its own ipc namespace");
        row("sysctl hostname", R"({"linux": {"sysctl": {"kernel.hostname": "x"}}})",
            "linux.sysctl[\"kernel.hostname\"]", "hostname field");
        row("sysctl value not a string", R"({"linux": {"sysctl": {"kernel.sem": 5}}})",
            "linux.sysctl[\"kernel.sem\"]", "must be a string");
        row("masked path relative", R"({"linux": {"maskedPaths": ["/proc/kcore", "proc/keys"]}})",
            "linux.maskedPaths[1]", "must be an absolute path");
        row("readonly path relative", R"({"linux": {"readonlyPaths": ["sys"]}})",
            "linux.readonlyPaths[0]", "must be an absolute path");
        row("device type unknown",
            R"({"linux": {"devices": [{"path": "/dev/x", "type": "x", "major": 1, "minor": 1}]}})",
            "linux.devices[0].type", "unknown device type \"x\"");
        row("device path relative",
            R"({"linux": {"devices": [{"path": "dev/x", "type": "c", "major": 1, "minor": 1}]}})",
            "linux.devices[0].path", "must be an absolute path");
        row("device file mode too large",
            R"({"linux": {"devices": [{"path": "/dev/x", "type": "c", "major": 1, "minor": 1,
                                       "fileMode": 8192}]}})",
            "linux.devices[0].fileMode", "the largest is 07777");
        row("rootfs propagation unknown", R"({"linux": {"rootfsPropagation": "sideways"}})",
            "linux.rootfsPropagation", "unknown mount propagation \"sideways\"");
        row("cgroupsPath escapes", R"({"linux": {"cgroupsPath": "/isolde/../../system"}})",
            "linux.cgroupsPath", "must not contain \"..\"");

        // Resources: memory.
        row("memory below 6 MiB",
            resources(R"({"memory": {"limit": 4096, "reservation": null, "swap": null}})"),
            "linux.resources.memory.limit", "4096 bytes is below the 6 MiB minimum");
        row("memory limit negative",
            resources(R"({"memory": {"limit": -5, "reservation": null, "swap": null}})"),
            "linux.resources.memory.limit", "must be a number of bytes, or -1 for no limit");
        row("memory limit as text", resources(R"({"memory": {"limit": "1g", "swap": null}})"),
            "linux.resources.memory.limit", "must be an integer");
        row("reservation above limit", resources(R"({"memory": {"reservation": 536870912}})"),
            "linux.resources.memory.reservation", "512 MiB is above the memory limit of 256 MiB");
        row("swap below limit", resources(R"({"memory": {"swap": 134217728}})"),
            "linux.resources.memory.swap",
            "swap limit 128 MiB is below the memory limit of 256 MiB");
        row("swap without limit", resources(R"({"memory": {"limit": null, "reservation": null}})"),
            "linux.resources.memory.swap", "a swap limit needs a memory limit");
        row("swappiness above 100", resources(R"({"memory": {"swappiness": 101}})"),
            "linux.resources.memory.swappiness", "101 is outside 0..100");

        // Resources: cpu.
        row("quota without period", resources(R"({"cpu": {"period": null}})"),
            "linux.resources.cpu.quota", "a cpu quota needs a period");
        row("period too short", resources(R"({"cpu": {"period": 500, "quota": null}})"),
            "linux.resources.cpu.period", "500 us is outside 1000..1000000 us");
        row("period too long", resources(R"({"cpu": {"period": 2000000}})"),
            "linux.resources.cpu.period", "2000000 us is outside 1000..1000000 us");
        row("quota below 1 ms", resources(R"({"cpu": {"quota": 500}})"),
            "linux.resources.cpu.quota", "500 us is below the 1000 us minimum");
        row("quota negative", resources(R"({"cpu": {"quota": -5}})"), "linux.resources.cpu.quota",
            "-5 is not a quota");
        row("shares 0", resources(R"({"cpu": {"shares": 0}})"), "linux.resources.cpu.shares",
            "0 is outside 2..262144");
        row("shares too large", resources(R"({"cpu": {"shares": 300000}})"),
            "linux.resources.cpu.shares", "300000 is outside 2..262144");
        row("cpus range without end", resources(R"({"cpu": {"cpus": "0-"}})"),
            "linux.resources.cpu.cpus", "\"0-\" is not a list like 0-3,5: range \"0-\" has no end");
        row("cpus not a number", resources(R"({"cpu": {"cpus": "a"}})"), "linux.resources.cpu.cpus",
            "\"a\" is not a number or a range");
        row("cpus range backwards", resources(R"({"cpu": {"cpus": "3-1"}})"),
            "linux.resources.cpu.cpus", "range \"3-1\" runs backwards");
        row("cpus empty entry", resources(R"({"cpu": {"cpus": "0,,2"}})"),
            "linux.resources.cpu.cpus", "it has an empty entry");
        row("mems not a list", resources(R"({"cpu": {"mems": "-1"}})"), "linux.resources.cpu.mems",
            "is not a list like 0-3,5");
        row("realtime runtime above period",
            resources(R"({"cpu": {"realtimeRuntime": 2000, "realtimePeriod": 1000}})"),
            "linux.resources.cpu.realtimeRuntime", "longer than the realtime period");

        // Resources: pids, block I/O, devices, unified.
        row("pids limit 0", resources(R"({"pids": {"limit": 0}})"), "linux.resources.pids.limit",
            "0 is not a limit");
        row("pids limit below -1", resources(R"({"pids": {"limit": -2}})"),
            "linux.resources.pids.limit", "-2 is not a limit");
        row("pids without limit", resources(R"({"pids": {"limit": null}})"),
            "linux.resources.pids.limit", "is required");
        row("blkio weight too small", resources(R"({"blockIO": {"weight": 5}})"),
            "linux.resources.blockIO.weight", "5 is outside 10..1000");
        row("blkio weight too large", resources(R"({"blockIO": {"weight": 1001}})"),
            "linux.resources.blockIO.weight", "1001 is outside 10..1000");
        row("blkio device weight too small",
            resources(R"({"blockIO": {"weightDevice": [{"major": 8, "minor": 0, "weight": 1}]}})"),
            "linux.resources.blockIO.weightDevice[0].weight", "1 is outside 10..1000");
        row("throttle device negative major", resources(R"({"blockIO": {"throttleWriteIOPSDevice": [
                {"major": -8, "minor": 0, "rate": 100}]}})"),
            "linux.resources.blockIO.throttleWriteIOPSDevice[0].major", "must not be negative");
        row("throttle device without rate",
            resources(R"({"blockIO": {"throttleReadBpsDevice": [{"major": 8, "minor": 0}]}})"),
            "linux.resources.blockIO.throttleReadBpsDevice[0].rate", "is required");
        row("device rule bad type",
            resources(R"({"devices": [{"allow": true, "type": "x", "access": "rw"}]})"),
            "linux.resources.devices[0].type", "unknown device type \"x\"");
        row("device rule bad access",
            resources(R"({"devices": [{"allow": true, "type": "c", "access": "rwx"}]})"),
            "linux.resources.devices[0].access", "may contain only r (read), w (write) and m");
        row("device rule repeated access",
            resources(R"({"devices": [{"allow": true, "type": "c", "access": "rr"}]})"),
            "linux.resources.devices[0].access", "each once");
        row("device rule without allow", resources(R"({"devices": [{"access": "rwm"}]})"),
            "linux.resources.devices[0].allow", "is required");
        row("unified key not a file name", resources(R"({"unified": {"../memory.max": "1G"}})"),
            "linux.resources.unified[\"../memory.max\"]", "must be a cgroup file name");

        // Seccomp.
        row("seccomp unknown syscall",
            syscalls(R"([{"names": ["read", "frobnicate"], "action": "SCMP_ACT_ALLOW"}])"),
            "linux.seccomp.syscalls[0].names[1]", "unknown syscall \"frobnicate\"");
        row("seccomp without names", syscalls(R"([{"names": [], "action": "SCMP_ACT_ALLOW"}])"),
            "linux.seccomp.syscalls[0].names", "must name at least one syscall");
        row("seccomp unknown action",
            syscalls(R"([{"names": ["read"], "action": "SCMP_ACT_MAYBE"}])"),
            "linux.seccomp.syscalls[0].action", "unknown action \"SCMP_ACT_MAYBE\"");
        row("seccomp unknown default action", seccomp(R"({"defaultAction": "ALLOW"})"),
            "linux.seccomp.defaultAction", "unknown action \"ALLOW\"");
        row("seccomp default action missing", seccomp(R"({"defaultAction": null})"),
            "linux.seccomp.defaultAction", "is required");
        row("seccomp notify by default",
            seccomp(R"({"defaultAction": "SCMP_ACT_NOTIFY", "defaultErrnoRet": null,
                        "listenerPath": "/run/notify.sock"})"),
            "linux.seccomp.defaultAction", "cannot be the default action");
        row("seccomp unknown architecture",
            seccomp(R"({"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_Z80"]})"),
            "linux.seccomp.architectures[1]", "unknown architecture \"SCMP_ARCH_Z80\"");
        row("seccomp architecture without prefix", seccomp(R"({"architectures": ["x86_64"]})"),
            "linux.seccomp.architectures[0]", "unknown architecture \"x86_64\"");
        row("seccomp unknown operator",
            syscalls(R"([{"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                          "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_ABOUT"}]}])"),
            "linux.seccomp.syscalls[0].args[0].op", "unknown operator \"SCMP_CMP_ABOUT\"");
        row("seccomp argument index 6",
            syscalls(R"([{"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                          "args": [{"index": 6, "value": 8, "op": "SCMP_CMP_EQ"}]}])"),
            "linux.seccomp.syscalls[0].args[0].index", "6 is out of range");
        row("seccomp errnoRet on allow",
            syscalls(R"([{"names": ["read"], "action": "SCMP_ACT_ALLOW", "errnoRet": 1}])"),
            "linux.seccomp.syscalls[0].errnoRet", "only SCMP_ACT_ERRNO and SCMP_ACT_TRACE");
        row("seccomp defaultErrnoRet on kill",
            seccomp(R"({"defaultAction": "SCMP_ACT_KILL_PROCESS"})"),
            "linux.seccomp.defaultErrnoRet", "the action here is SCMP_ACT_KILL_PROCESS");
        row("seccomp unknown flag", seccomp(R"({"flags": ["SECCOMP_FILTER_FLAG_FAST"]})"),
            "linux.seccomp.flags[0]", "unknown flag \"SECCOMP_FILTER_FLAG_FAST\"");
        row("seccomp notify without listener",
            syscalls(R"([{"names": ["mount"], "action": "SCMP_ACT_NOTIFY"}])"),
            "linux.seccomp.listenerPath", "SCMP_ACT_NOTIFY needs a listener path");
        row("seccomp argument value negative",
            syscalls(R"([{"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                          "args": [{"index": 0, "value": -1, "op": "SCMP_CMP_EQ"}]}])"),
            "linux.seccomp.syscalls[0].args[0].value", "must be an integer from 0");

        // Annotations.
        row("annotation key empty", R"({"annotations": {"": "x"}})", "annotations",
            "has an empty key");
        row("annotation value not a string", R"({"annotations": {"org.isolde.name": 3}})",
            "annotations[\"org.isolde.name\"]", "must be a string");
    }

    void badInput()
    {
        QFETCH(QByteArray, patch);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const auto problems = validateSpec(patchedSpec(patch));
        // Exactly one problem: each row is one distinct mistake, reported once.
        QVERIFY2(problems.size() == 1, qPrintable(describe(problems)));
        QCOMPARE(problems.first().field, field);
        QVERIFY2(problems.first().reason.contains(reason), qPrintable(describe(problems)));
    }

    void reportsEveryProblemAtOnce()
    {
        const OciSpec spec = patchedSpec(R"({
            "ociVersion": "3.1.0",
            "process": {"cwd": "work", "env": ["NOPE"],
                        "capabilities": {"bounding": ["CAP_FOO", "CAP_KILL"]}},
            "hostname": "bad_name",
            "mounts": [{"destination": "relative", "type": "proc", "source": "proc"}],
            "linux": {"namespaces": [{"type": "pid"}, {"type": "pid"}, {"type": "uts"},
                                     {"type": "network"}, {"type": "ipc"}],
                      "resources": {"memory": {"limit": 4096, "reservation": null, "swap": null},
                                    "cpu": {"cpus": "3-1"}, "pids": {"limit": 0}},
                      "seccomp": {"syscalls": [{"names": ["nosuchcall"],
                                                "action": "SCMP_ACT_ALLOW"}]},
                      "maskedPaths": ["proc/kcore"]}
        })");
        const auto problems = validateSpec(spec);
        QStringList fields;
        for (const isolde::Error &problem : problems)
            fields << problem.field;
        const QStringList expected = {
            QStringLiteral("ociVersion"),
            QStringLiteral("process.env[0]"),
            QStringLiteral("process.cwd"),
            QStringLiteral("process.capabilities.bounding[0]"),
            QStringLiteral("hostname"),
            QStringLiteral("mounts[0].destination"),
            QStringLiteral("linux.namespaces[1].type"),
            QStringLiteral("linux.resources.cpu.cpus"),
            QStringLiteral("linux.resources.memory.limit"),
            QStringLiteral("linux.resources.pids.limit"),
            QStringLiteral("linux.seccomp.syscalls[0].names[0]"),
            QStringLiteral("linux.maskedPaths[0]"),
        };
        QCOMPARE(fields, expected);
        for (const isolde::Error &problem : problems)
            QVERIFY2(!problem.reason.isEmpty(), qPrintable(problem.field));
    }

    void typeProblemReportedOnce()
    {
        // The wrong type is the problem; the empty list the model reads instead is not another.
        const auto problems = validateSpec(patchedSpec(R"({"process": {"args": {"0": "sh"}},
            "linux": {"resources": {"cpu": "lots"}}})"));
        QCOMPARE(problems.size(), 2);
        QCOMPARE(problems.at(0).field, QStringLiteral("process.args"));
        QCOMPARE(problems.at(1).field, QStringLiteral("linux.resources.cpu"));
    }

    void validateResourcesUsesPrefix()
    {
        Resources resources;
        resources.memory = MemoryResources();
        resources.memory->limit = 1024 * 1024;
        resources.memory->swap = 512 * 1024;
        resources.pidsLimit = -1;
        resources.cpu = CpuResources();
        resources.cpu->quota = -1;
        resources.cpu->cpus = QStringLiteral("0-");
        const auto problems = validateResources(resources, QStringLiteral("update"));
        QStringList lines;
        for (const isolde::Error &problem : problems)
            lines << problem.toString();
        QCOMPARE(lines, (QStringList{
                            QStringLiteral("update.cpu.cpus: \"0-\" is not a list like 0-3,5: "
                                           "range \"0-\" has no end"),
                            QStringLiteral("update.memory.limit: 1 MiB is below the 6 MiB minimum"),
                            QStringLiteral("update.memory.swap: swap limit 524288 bytes is below "
                                           "the memory limit of 1 MiB; the swap limit counts "
                                           "memory plus swap")}));
        QVERIFY(validateResources(Resources()).isEmpty());
        // -1 is "no limit" everywhere.
        Resources unlimited;
        unlimited.memory = MemoryResources();
        unlimited.memory->limit = -1;
        unlimited.memory->reservation = -1;
        unlimited.memory->swap = -1;
        unlimited.cpu = CpuResources();
        unlimited.cpu->quota = -1;
        unlimited.cpu->period = 100000;
        unlimited.pidsLimit = -1;
        QVERIFY2(validateResources(unlimited).isEmpty(),
                 qPrintable(describe(validateResources(unlimited))));
    }

    void validateSeccompUsesPrefix()
    {
        Seccomp profile;
        profile.defaultAction = QStringLiteral("SCMP_ACT_ALLOW");
        profile.syscalls = {SeccompSyscall{
            {QStringLiteral("_llseek"), QStringLiteral("mseal"), QStringLiteral("nope")},
            QStringLiteral("SCMP_ACT_ERRNO"),
            1,
            {}}};
        const auto problems = validateSeccomp(profile, QStringLiteral("profile"));
        QCOMPARE(problems.size(), 1);
        // _llseek exists on 32-bit architectures only, mseal on kernels newer than this
        // libseccomp: names, not typos.
        QCOMPARE(problems.first().field, QStringLiteral("profile.syscalls[0].names[2]"));
    }

    void emptyDocumentNeedsTheRequiredSections()
    {
        QStringList fields;
        for (const isolde::Error &problem : validateSpec(OciSpec()))
            fields << problem.field;
        QCOMPARE(fields, (QStringList{QStringLiteral("ociVersion"), QStringLiteral("process"),
                                      QStringLiteral("root")}));
    }

    void everySeccompArchitectureIsKnown()
    {
        // The architectures of Docker's archMap, as OCI names them.
        Seccomp profile;
        profile.defaultAction = QStringLiteral("SCMP_ACT_ERRNO");
        for (const char *arch : {"X86_64", "X86", "X32", "AARCH64", "ARM", "MIPS", "MIPS64",
                                 "MIPS64N32", "MIPSEL", "MIPSEL64", "MIPSEL64N32", "PPC", "PPC64",
                                 "PPC64LE", "S390", "S390X", "RISCV64", "PARISC", "PARISC64"})
            profile.architectures << QStringLiteral("SCMP_ARCH_") + QLatin1String(arch);
        const auto problems = validateSeccomp(profile);
        QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    }

    void dockerDefaultSpecIsValid()
    {
        const auto problems = validateSpec(defaultSpec());
        QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    }

    void runtimeSpecsAreValid_data() { isolde::test::addRuntimeSpecRows(); }
    void runtimeSpecsAreValid()
    {
        QFETCH(QString, runtime);
        QFETCH(bool, rootless);
        QString error;
        const QByteArray json = isolde::test::generateRuntimeSpec(runtime, rootless, &error);
        QVERIFY2(!json.isEmpty(), qPrintable(error));
        const auto spec = OciSpec::fromJson(json);
        QVERIFY(spec.ok());
        const auto problems = validateSpec(*spec);
        QVERIFY2(problems.isEmpty(), qPrintable(describe(problems)));
    }
};

QTEST_GUILESS_MAIN(TestSpecValidator)
#include "tst_specvalidator.moc"
