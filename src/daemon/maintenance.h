// daemon/maintenance.h — the daemon's housekeeping loop on the main thread: rescues expired leases, prunes
// old api_calls, logs a periodic summary, reports STATUS and pings the watchdog (the loop's database round trips
// are the proof of progress), and ends the run when --until-idle finds nothing left to do.
#pragma once

#include <stop_token>
#include <string>

#include <SQLiteCpp/Database.h>

#include "common/clock.h"
#include "daemon/daemon.h"
#include "limiter/limiter.h"
#include "store/call_log.h"
#include "store/heartbeat_store.h"
#include "store/queue_stats.h"
#include "worker/budget_scheduler.h"
#include "worker/rescuer.h"
#include "worker/worker_context.h"

namespace payq::daemon {

class Maintenance {
 public:
  Maintenance(SQLite::Database& db, Clock& clock, limiter::Limiter& limiter, worker::BudgetScheduler& scheduler,
              worker::Rescuer& rescuer, const DaemonOptions& options, const worker::WorkerSettings& settings,
              LifecycleHooks hooks);

  // One pass at `now`; requests stop on --until-idle completion. Calls the watchdog hook when one of its queries
  // succeeded. Returns a fatal database error, if any.
  Status run_once(std::stop_source& stop);
  // Loops run_once every kTick until stop; returns the first fatal error (ok when stopped).
  Status run(std::stop_source& stop);

  static constexpr std::chrono::milliseconds kTick{200};

 private:
  Status summarize();
  Status report_status();

  Clock& clock_;
  limiter::Limiter& limiter_;
  worker::BudgetScheduler& scheduler_;
  worker::Rescuer& rescuer_;
  const DaemonOptions& options_;
  const worker::WorkerSettings& settings_;
  LifecycleHooks hooks_;
  store::QueueStats stats_;
  store::CallLog calls_;
  store::HeartbeatStore heartbeat_;
  const std::int64_t started_at_ms_;
  std::chrono::steady_clock::time_point next_rescue_;
  std::chrono::steady_clock::time_point next_summary_;
  std::chrono::steady_clock::time_point next_status_;
};

}  // namespace payq::daemon
