// daemon/process_guard.cpp — prctl and setrlimit for the daemon, and the secret file's mode. Logs through
// spdlog, so it runs after logging is configured; it changes process attributes only, no threads.
#include "daemon/process_guard.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

#include "config/secret.h"

namespace payq::daemon {

void guard_process(const config::ApiConfig& api) {
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    spdlog::warn("cannot turn off core dumps (PR_SET_DUMPABLE): {}", std::strerror(errno));
  }
  // With fs.suid_dumpable=2 a non-dumpable process still dumps (root-only); a zero limit stops that too.
  // Under systemd LimitCORE=0 has set it already, and the unit's syscall filter refuses setrlimit.
  rlimit core{};
  const bool already_zero = ::getrlimit(RLIMIT_CORE, &core) == 0 && core.rlim_max == 0;
  const rlimit no_core{0, 0};
  if (!already_zero && ::setrlimit(RLIMIT_CORE, &no_core) != 0) {
    spdlog::warn("cannot set the core size limit to 0: {}", std::strerror(errno));
  }
  if (!api.client_secret_file) return;
  if (std::optional<std::string> exposed = config::secret_file_exposure(*api.client_secret_file)) {
    spdlog::warn("{}", *exposed);
  }
}

}  // namespace payq::daemon
