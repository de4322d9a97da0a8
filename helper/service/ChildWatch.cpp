#include "ChildWatch.h"

#include <sys/wait.h>
// glibc 2.36 declares these without extern "C".
extern "C" {
#include <sys/pidfd.h>
}

namespace isolde::service {

int reapChild(int pidfd)
{
    siginfo_t info = {};
    int result = 0;
    while ((result = ::waitid(static_cast<idtype_t>(P_PIDFD), pidfd, &info, WEXITED)) != 0 &&
           errno == EINTR) {
    }
    if (result != 0)
        return -1;
    return info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
}

ChildWatch::ChildWatch(pid_t pid, engine::UniqueFd pidfd, QObject *parent)
    : QObject(parent)
    , m_pid(pid)
    , m_pidfd(std::move(pidfd))
    , m_notifier(std::make_unique<QSocketNotifier>(m_pidfd.get(), QSocketNotifier::Read))
{
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &ChildWatch::onReadable);
}

ChildWatch::~ChildWatch() = default;

void ChildWatch::kill(int signal) const
{
    if (m_pidfd.valid())
        ::pidfd_send_signal(m_pidfd.get(), signal, nullptr, 0);
}

void ChildWatch::onReadable()
{
    m_notifier->setEnabled(false);
    const int status = reapChild(m_pidfd.get());
    m_pidfd.reset();
    // The callback may deleteLater() this watch: nothing of it is used afterwards.
    const auto exited = std::move(m_exited);
    if (exited)
        exited(status);
}

} // namespace isolde::service
