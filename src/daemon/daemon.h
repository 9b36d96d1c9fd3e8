// daemon/daemon.h — `payq run`: wires the clock, the one limiter, the budget scheduler, the token cache, the
// submitter pool, the reconciler and the maintenance loop (lease rescue, retention, summaries, --until-idle),
// and stops them softly. The only place that builds long-lived shared objects.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <stop_token>

#include "api/http_transport.h"
#include "common/clock.h"
#include "config/config.h"
#include "payq/status.h"

namespace payq::daemon {

struct DaemonOptions {
  bool until_idle = false;  // stop with success once nothing is queued, submitting or awaiting a poll
  std::chrono::milliseconds summary_every{std::chrono::seconds(60)};
  std::chrono::milliseconds status_every{std::chrono::seconds(5)};  // the one-line STATUS= (and a DB round trip)
  std::chrono::milliseconds retention{std::chrono::hours(24 * 90)};  // api_calls older than this are pruned
  // Re-reads the client secret on reload (SIGHUP) after the partner rejected our credentials; empty: no reload.
  std::function<Result<std::string>()> read_client_secret;
};

// Makes one thread's HTTP transport (libcurl in production, a scripted fake in tests); once `abort` is
// requested, the transport cuts off a call in flight.
using TransportFactory = std::function<std::unique_ptr<api::HttpTransport>(std::stop_token abort)>;

// How long a soft stop waits for calls in flight before aborting them (docs/design.md §4: exit within a few seconds).
inline constexpr std::chrono::seconds kSoftStopGrace{3};

// Hooks the daemon calls as it runs (sd_notify in production); all optional. `status` gets one line every
// DaemonOptions::status_every; `watchdog` is called from the maintenance loop after one of its database queries
// succeeded, so it stops when that loop or the database hangs (a timer thread would ping regardless).
struct LifecycleHooks {
  std::function<void()> ready;
  std::function<void(const std::string&)> status;
  std::function<void()> stopping;
  std::function<void()> watchdog;
};

class Daemon {
 public:
  Daemon(const config::Config& config, DaemonOptions options, Clock& clock, TransportFactory transports,
         LifecycleHooks hooks = {});

  // Runs until `stop` is requested or --until-idle finds nothing left. Database trouble (a held write lock, a
  // full disk) and partner outages are waited out, never fatal; the returned Status is an error only when the
  // daemon could not start (kConflict: another daemon's heartbeat is fresh). Stopping is soft: no new claims,
  // calls in flight finish and are recorded; after kSoftStopGrace, or when `abort` is requested (a second
  // signal), calls in flight are cut off and recorded as maybe sent. Expects the instance lock to be held.
  Status run(std::stop_source& stop, std::stop_source& abort);
  // Thread-safe (the signal watcher calls it): re-read the client secret and probe the partner again.
  void reload() { reload_requested_.store(true); }

 private:
  std::atomic<bool> reload_requested_{false};
  const config::Config& config_;
  const DaemonOptions options_;
  Clock& clock_;
  TransportFactory transports_;
  LifecycleHooks hooks_;
};

}  // namespace payq::daemon
