// daemon/maintenance.h — the daemon's housekeeping loop on the main thread: recovers claims of earlier epochs,
// prunes old api_calls, logs a periodic summary, writes the heartbeat (with what is wrong, if anything), reports
// STATUS and pings the watchdog (a database read that succeeded is the proof of progress), applies a credentials
// reload, reads the operator's pause every tick (worker/submission_pause.h), records a clean stop, samples the
// database-derived metrics when /metrics is served, and ends the run when --until-idle finds nothing left to do.
// Database trouble is never fatal here.
#pragma once

#include <atomic>
#include <optional>
#include <stop_token>
#include <string>

#include "api/token_cache.h"
#include "common/clock.h"
#include "daemon/daemon.h"
#include "limiter/limiter.h"
#include "metrics/database_figures.h"
#include "store/connection.h"
#include "worker/budget_scheduler.h"
#include "worker/rescuer.h"
#include "worker/worker_context.h"

namespace payq::daemon {

// Who this daemon is, for the heartbeat.
struct DaemonIdentity {
  std::int64_t pid = 0;
  std::string host;
  std::int64_t epoch = 0;
};

class Maintenance {
 public:
  Maintenance(store::Connection& db, const worker::WorkerContext& context, worker::Rescuer& rescuer,
              const DaemonOptions& options, DaemonIdentity identity, LifecycleHooks hooks,
              std::atomic<bool>& reload_requested, bool sample_metrics = false);

  // One pass; requests stop on --until-idle completion. Calls the watchdog hook when one of its queries succeeded.
  void run_once(std::stop_source& stop);
  // Loops run_once every kTick until stop.
  void run(std::stop_source& stop);
  // After every worker thread has joined: marks the heartbeat stopped, so `payq status` says "stopped at".
  void record_stop();
  // Copies the database figures and the limiter's gauges into the metrics registry (also a duty of run_once
  // when sampling was asked for); false when the database could not be read.
  bool sample_metrics();

  static constexpr std::chrono::milliseconds kTick{200};
  // How often the database-derived metrics are re-read when /metrics is served (scrapes only read the copy).
  static constexpr std::chrono::milliseconds kMetricsEvery{2000};

 private:
  bool rescue_and_prune(std::int64_t wall);
  bool summarize();
  bool report_status();
  bool refresh_pause();
  void reload_credentials();
  std::optional<std::string> problem();

  const worker::WorkerContext& context_;
  worker::Rescuer& rescuer_;
  const DaemonOptions& options_;
  const DaemonIdentity identity_;
  LifecycleHooks hooks_;
  store::QueueStats& stats_;
  store::CallLog& calls_;
  store::HeartbeatStore& heartbeat_;
  store::PauseStore& pause_store_;
  const std::int64_t started_at_ms_;
  std::atomic<bool>& reload_requested_;  // set by a reload request: re-read the secret, let the breaker probe
  std::chrono::steady_clock::time_point next_rescue_;
  std::chrono::steady_clock::time_point next_summary_;
  std::chrono::steady_clock::time_point next_status_;
  const bool sample_metrics_;
  store::MetricsQueries& metrics_queries_;
  metrics::DatabaseFigures figures_;
  std::chrono::steady_clock::time_point next_metrics_;
};

}  // namespace payq::daemon
