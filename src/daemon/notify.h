// daemon/notify.h — Notifier: tells systemd (Type=notify) that payq is ready, what it is doing, that it is
// stopping, and that it is alive (watchdog). Every call is a no-op when $NOTIFY_SOCKET is unset; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "payq/status.h"

namespace payq::daemon {

class Notifier {
 public:
  Status ready();                         // READY=1: the lock is held, migrations ran, workers started
  Status stopping();                      // STOPPING=1: a stop was requested; in-flight work is finishing
  Status status(std::string_view text);   // STATUS=…: one line shown by `systemctl status`
  Status watchdog();                      // WATCHDOG=1: call at least twice per watchdog_interval()
  // Extends the stop (or start) timeout by `extra` from now: for a graceful stop that is still committing.
  Status extend_timeout(std::chrono::microseconds extra);

  // The unit's WatchdogSec for this process, or nullopt when the watchdog is off.
  std::optional<std::chrono::microseconds> watchdog_interval() const;

 private:
  Status send(const std::string& state);
};

}  // namespace payq::daemon
