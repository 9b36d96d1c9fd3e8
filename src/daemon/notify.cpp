// daemon/notify.cpp — Notifier over libsystemd's sd_notify / sd_watchdog_enabled.
// The environment is left in place (unset_environment = 0) so every call sees the same NOTIFY_SOCKET.
#include "daemon/notify.h"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstring>

namespace payq::daemon {

Status Notifier::ready() { return send("READY=1"); }

Status Notifier::stopping() { return send("STOPPING=1"); }

Status Notifier::status(std::string_view text) {
  // The notify protocol is newline-separated assignments: a newline would end STATUS and start another field.
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return send("STATUS=" + line);
}

Status Notifier::watchdog() { return send("WATCHDOG=1"); }

Status Notifier::extend_timeout(std::chrono::microseconds extra) {
  return send("EXTEND_TIMEOUT_USEC=" + std::to_string(extra.count()));
}

std::optional<std::chrono::microseconds> Notifier::watchdog_interval() const {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(usec));
}

Status Notifier::send(const std::string& state) {
  const int result = sd_notify(0, state.c_str());
  if (result < 0) {
    return {StatusCode::kIo, "sd_notify " + state.substr(0, state.find('=')) + ": " + std::strerror(-result)};
  }
  return Status::ok();
}

}  // namespace payq::daemon
