// daemon/maintenance.h — the daemon's housekeeping loop on the main thread: rescues expired leases, prunes
// old api_calls, logs a periodic summary, and ends the run when --until-idle finds nothing left to do.
#pragma once

#include <functional>
#include <stop_token>
#include <string>

#include <SQLiteCpp/Database.h>

#include "common/clock.h"
#include "daemon/daemon.h"
#include "limiter/limiter.h"
#include "store/call_log.h"
#include "store/queue_stats.h"
#include "worker/budget_scheduler.h"
#include "worker/rescuer.h"
#include "worker/worker_context.h"

namespace payq::daemon {

class Maintenance {
 public:
  Maintenance(SQLite::Database& db, Clock& clock, limiter::Limiter& limiter, worker::BudgetScheduler& scheduler,
              worker::Rescuer& rescuer, const DaemonOptions& options, const worker::WorkerSettings& settings,
              std::function<void(const std::string&)> status_hook);

  // One pass at `now`; requests stop on --until-idle completion. Returns a fatal database error, if any.
  Status run_once(std::stop_source& stop);
  // Loops run_once every kTick until stop; returns the first fatal error (ok when stopped).
  Status run(std::stop_source& stop);

  static constexpr std::chrono::milliseconds kTick{200};

 private:
  Status summarize();

  Clock& clock_;
  limiter::Limiter& limiter_;
  worker::BudgetScheduler& scheduler_;
  worker::Rescuer& rescuer_;
  const DaemonOptions& options_;
  const worker::WorkerSettings& settings_;
  std::function<void(const std::string&)> status_hook_;
  store::QueueStats stats_;
  store::CallLog calls_;
  std::chrono::steady_clock::time_point next_rescue_;
  std::chrono::steady_clock::time_point next_summary_;
};

}  // namespace payq::daemon
