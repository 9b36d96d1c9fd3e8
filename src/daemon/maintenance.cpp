// daemon/maintenance.cpp — each duty runs on its own cadence inside one 200 ms tick, so --until-idle notices
// the end of a batch promptly while rescue, retention and summaries stay cheap.
#include "daemon/maintenance.h"

#include <spdlog/spdlog.h>

namespace payq::daemon {
namespace {

constexpr int kPruneBatch = 500;

}  // namespace

Maintenance::Maintenance(SQLite::Database& db, Clock& clock, limiter::Limiter& limiter,
                         worker::BudgetScheduler& scheduler, worker::Rescuer& rescuer, const DaemonOptions& options,
                         const worker::WorkerSettings& settings, std::function<void(const std::string&)> status_hook)
    : clock_(clock),
      limiter_(limiter),
      scheduler_(scheduler),
      rescuer_(rescuer),
      options_(options),
      settings_(settings),
      status_hook_(std::move(status_hook)),
      stats_(db),
      calls_(db),
      next_rescue_(clock.steady_now()),
      next_summary_(clock.steady_now() + options.summary_every) {}

Status Maintenance::run_once(std::stop_source& stop) {
  const auto now = clock_.steady_now();
  const std::int64_t wall = worker::wall_ms(clock_);
  if (now >= next_rescue_) {
    next_rescue_ = now + settings_.lease / 4;
    auto rescued = rescuer_.recover(wall, wall);
    if (!rescued) return rescued.status();
    auto pruned = calls_.prune(wall - options_.retention.count(), kPruneBatch);
    if (!pruned) return pruned.status();
  }
  if (now >= next_summary_) {
    next_summary_ = now + options_.summary_every;
    if (Status s = summarize(); !s) return s;
  }
  if (options_.until_idle) {
    auto open = stats_.has_open_work();
    if (!open) return open.status();
    if (!*open) {
      spdlog::info("nothing queued, submitting or awaiting a poll: done");
      stop.request_stop();
    }
  }
  return Status::ok();
}

Status Maintenance::summarize() {
  auto counts = stats_.count_by_state();
  if (!counts) return counts.status();
  std::string line;
  for (const auto& [state, n] : *counts) line += (line.empty() ? "" : ", ") + state + " " + std::to_string(n);
  const auto granted = scheduler_.granted();
  char rate[160];
  std::snprintf(rate, sizeof rate, "; rate %.2f req/s, margin %lld us; permits: %llu creates, %llu polls",
                limiter_.current_rate(), static_cast<long long>(limiter_.current_margin().count()),
                static_cast<unsigned long long>(granted.submit), static_cast<unsigned long long>(granted.poll));
  spdlog::info("intents: {}{}", line.empty() ? "none" : line, rate);
  if (status_hook_) status_hook_(line);
  return Status::ok();
}

Status Maintenance::run(std::stop_source& stop) {
  while (!stop.stop_requested()) {
    if (Status s = run_once(stop); !s) return s;
    clock_.sleep_until(clock_.steady_now() + kTick, stop.get_token());
  }
  return Status::ok();
}

}  // namespace payq::daemon
