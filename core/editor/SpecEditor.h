// The model behind the "Create / edit a spec" page: one OCI config.json (spec::OciSpec, which
// keeps every field it does not know), shown as the fields a person edits. Each setter writes
// its config.json member at once; after every change the validation problems (SpecValidator,
// each at its JSON path) and the previews (SpecExport: docker run, config.json, Kubernetes)
// are recomputed, and specChanged() tells QML to re-read everything.
#pragma once

#include "editor/SpecCapabilityModel.h"
#include "editor/SpecMountModel.h"
#include "editor/SpecNamespaceModel.h"
#include "editor/SpecThrottleModel.h"
#include "spec/OciSpec.h"
#include "util/Expected.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <optional>

class SpecEditor : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    // General
    Q_PROPERTY(QString image READ image WRITE setImage NOTIFY specChanged)
    Q_PROPERTY(QString command READ command WRITE setCommand NOTIFY specChanged)
    Q_PROPERTY(QStringList env READ env WRITE setEnv NOTIFY specChanged)
    Q_PROPERTY(QString cwd READ cwd WRITE setCwd NOTIFY specChanged)
    Q_PROPERTY(QString hostname READ hostname WRITE setHostname NOTIFY specChanged)
    Q_PROPERTY(qint64 uid READ uid WRITE setUid NOTIFY specChanged)
    Q_PROPERTY(qint64 gid READ gid WRITE setGid NOTIFY specChanged)
    // Resources; 0 means "not set" for every limit, as `docker run` flags do.
    Q_PROPERTY(double cpus READ cpus WRITE setCpus NOTIFY specChanged)
    Q_PROPERTY(int cpuWeight READ cpuWeight WRITE setCpuWeight NOTIFY specChanged)
    Q_PROPERTY(QString cpusetCpus READ cpusetCpus WRITE setCpusetCpus NOTIFY specChanged)
    Q_PROPERTY(qint64 memoryLimit READ memoryLimit WRITE setMemoryLimit NOTIFY specChanged)
    Q_PROPERTY(qint64 memorySwap READ memorySwap WRITE setMemorySwap NOTIFY specChanged)
    Q_PROPERTY(qint64 pidsLimit READ pidsLimit WRITE setPidsLimit NOTIFY specChanged)
    Q_PROPERTY(int ioWeight READ ioWeight WRITE setIoWeight NOTIFY specChanged)
    Q_PROPERTY(SpecThrottleModel *ioDevices READ ioDevices CONSTANT)
    Q_PROPERTY(int hostCpuCount READ hostCpuCount CONSTANT)
    Q_PROPERTY(qint64 hostMemory READ hostMemory CONSTANT)
    // Security
    Q_PROPERTY(SpecCapabilityModel *capabilities READ capabilities CONSTANT)
    Q_PROPERTY(
        bool noNewPrivileges READ noNewPrivileges WRITE setNoNewPrivileges NOTIFY specChanged)
    Q_PROPERTY(bool readonlyRootfs READ readonlyRootfs WRITE setReadonlyRootfs NOTIFY specChanged)
    // "default" (Isolde's profile), "unconfined" (no filter) or "custom" (a loaded profile:
    // use loadSeccompProfile, which sets this mode).
    Q_PROPERTY(QString seccompMode READ seccompMode WRITE setSeccompMode NOTIFY specChanged)
    Q_PROPERTY(QString seccompProfilePath READ seccompProfilePath NOTIFY specChanged)
    Q_PROPERTY(QStringList maskedPaths READ maskedPaths WRITE setMaskedPaths NOTIFY specChanged)
    // Namespaces; the user namespace maps container ids 0..size-1 to host ids from the start.
    Q_PROPERTY(SpecNamespaceModel *namespaces READ namespaces CONSTANT)
    Q_PROPERTY(bool userNamespace READ userNamespace WRITE setUserNamespace NOTIFY specChanged)
    Q_PROPERTY(qint64 usernsHostUid READ usernsHostUid WRITE setUsernsHostUid NOTIFY specChanged)
    Q_PROPERTY(qint64 usernsHostGid READ usernsHostGid WRITE setUsernsHostGid NOTIFY specChanged)
    Q_PROPERTY(qint64 usernsSize READ usernsSize WRITE setUsernsSize NOTIFY specChanged)
    // Mounts
    Q_PROPERTY(SpecMountModel *mounts READ mounts CONSTANT)
    // Previews and validation
    Q_PROPERTY(QString dockerRun READ dockerRun NOTIFY specChanged)
    Q_PROPERTY(QString configJson READ configJson NOTIFY specChanged)
    Q_PROPERTY(QString kubernetes READ kubernetes NOTIFY specChanged)
    // [{field, message}], every problem of the spec at its JSON path.
    Q_PROPERTY(QVariantList errors READ errors NOTIFY specChanged)

public:
    explicit SpecEditor(QObject *parent = nullptr);
    ~SpecEditor() override;

    QString image() const;
    void setImage(const QString &image);
    QString command() const { return m_commandText; }
    void setCommand(const QString &command);
    QStringList env() const;
    void setEnv(const QStringList &env);
    QString cwd() const;
    void setCwd(const QString &cwd);
    QString hostname() const;
    void setHostname(const QString &hostname);
    qint64 uid() const;
    void setUid(qint64 uid);
    qint64 gid() const;
    void setGid(qint64 gid);

    double cpus() const;
    void setCpus(double cpus);
    int cpuWeight() const;
    void setCpuWeight(int weight);
    QString cpusetCpus() const;
    void setCpusetCpus(const QString &cpus);
    qint64 memoryLimit() const;
    void setMemoryLimit(qint64 bytes);
    qint64 memorySwap() const;
    void setMemorySwap(qint64 bytes);
    qint64 pidsLimit() const;
    void setPidsLimit(qint64 limit);
    int ioWeight() const;
    void setIoWeight(int weight);
    SpecThrottleModel *ioDevices() const { return m_ioDevices; }
    int hostCpuCount() const;
    qint64 hostMemory() const;
    // The core picker: whether cpu is in linux.resources.cpu.cpus ("0-3,5"), and adding or
    // removing one (the list is rewritten in its shortest form, ranges for runs).
    Q_INVOKABLE bool isCpuInSet(int cpu) const;
    Q_INVOKABLE void setCpuInSet(int cpu, bool inSet);

    SpecCapabilityModel *capabilities() const { return m_capabilities; }
    bool noNewPrivileges() const;
    void setNoNewPrivileges(bool on);
    bool readonlyRootfs() const;
    void setReadonlyRootfs(bool on);
    QString seccompMode() const;
    void setSeccompMode(const QString &mode);
    QString seccompProfilePath() const;
    QStringList maskedPaths() const;
    void setMaskedPaths(const QStringList &paths);

    SpecNamespaceModel *namespaces() const { return m_namespaces; }
    bool userNamespace() const;
    void setUserNamespace(bool on);
    qint64 usernsHostUid() const;
    void setUsernsHostUid(qint64 id);
    qint64 usernsHostGid() const;
    void setUsernsHostGid(qint64 id);
    qint64 usernsSize() const;
    void setUsernsSize(qint64 size);

    SpecMountModel *mounts() const { return m_mounts; }

    QString dockerRun() const { return m_dockerRun; }
    QString configJson() const { return m_configJson; }
    QString kubernetes() const { return m_kubernetes; }
    QVariantList errors() const;

    // The messages of every problem at `field` or inside it ("mounts[7]" also gives
    // "mounts[7].destination"), one per line; "" when there is none.
    Q_INVOKABLE QString errorFor(const QString &field) const;
    // Replaces the spec with a config.json (to edit an existing container's, e.g. from
    // Inspect). Returns "" or why the text is not a spec; a failed load changes nothing.
    Q_INVOKABLE QString loadJson(const QString &text);
    // Back to Docker's defaults with the default image.
    Q_INVOKABLE void reset();
    // A Docker or OCI seccomp profile, as a path or a file: URL (what a FileDialog gives).
    // On failure the mode stays and the reason shows at linux.seccomp.
    Q_INVOKABLE bool loadSeccompProfile(const QString &pathOrUrl);

    // Hands the spec to the helper (Helper.create, with the image field); the outcome arrives
    // as Helper's containerCreated or errorOccurred.
    Q_INVOKABLE void createContainer(const QString &name, bool startNow);

    const isolde::spec::OciSpec &spec() const { return m_spec; }
    // The child models edit through this: the whole spec, then one recomputation.
    void setSpec(const isolde::spec::OciSpec &spec);

signals:
    void specChanged();

private:
    template<class F>
    void editProcess(F &&edit);
    template<class F>
    void editLinux(F &&edit);
    template<class F>
    void editResources(F &&edit);
    void setUsernsMapping(std::optional<uint32_t> hostUid, std::optional<uint32_t> hostGid,
                          std::optional<uint32_t> size);
    // The seccomp filter follows the capabilities, as Docker resolves its profile against
    // them; called by the capability model after each change.
    friend class SpecCapabilityModel;
    void setCapabilities(const QStringList &bounding);
    void recompute();

    isolde::spec::OciSpec m_spec;
    QString m_commandText;
    std::optional<isolde::Error> m_commandError;
    std::optional<isolde::Error> m_seccompError;
    QList<isolde::Error> m_errors;
    QString m_dockerRun;
    QString m_configJson;
    QString m_kubernetes;
    SpecCapabilityModel *m_capabilities;
    SpecNamespaceModel *m_namespaces;
    SpecMountModel *m_mounts;
    SpecThrottleModel *m_ioDevices;
};
