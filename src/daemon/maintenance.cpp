// daemon/maintenance.cpp — each duty runs on its own cadence inside one 200 ms tick, so --until-idle notices
// the end of a batch promptly while rescue, retention, STATUS and summaries stay cheap.
#include "daemon/maintenance.h"

#include <unistd.h>

#include <cstdio>

#include <spdlog/spdlog.h>

namespace payq::daemon {
namespace {

constexpr int kPruneBatch = 500;

}  // namespace

Maintenance::Maintenance(SQLite::Database& db, Clock& clock, limiter::Limiter& limiter,
                         worker::BudgetScheduler& scheduler, worker::Rescuer& rescuer, const DaemonOptions& options,
                         const worker::WorkerSettings& settings, LifecycleHooks hooks)
    : clock_(clock),
      limiter_(limiter),
      scheduler_(scheduler),
      rescuer_(rescuer),
      options_(options),
      settings_(settings),
      hooks_(std::move(hooks)),
      stats_(db),
      calls_(db),
      heartbeat_(db),
      started_at_ms_(worker::wall_ms(clock)),
      next_rescue_(clock.steady_now()),
      next_summary_(clock.steady_now() + options.summary_every),
      next_status_(clock.steady_now()) {}

Status Maintenance::run_once(std::stop_source& stop) {
  const auto now = clock_.steady_now();
  const std::int64_t wall = worker::wall_ms(clock_);
  bool queried = false;  // a database round trip of this tick succeeded: the watchdog's proof of progress
  if (now >= next_rescue_) {
    next_rescue_ = now + settings_.lease / 4;
    auto rescued = rescuer_.recover(wall, wall);
    if (!rescued) return rescued.status();
    auto pruned = calls_.prune(wall - options_.retention.count(), kPruneBatch);
    if (!pruned) return pruned.status();
    queried = true;
  }
  if (now >= next_summary_) {
    next_summary_ = now + options_.summary_every;
    if (Status s = summarize(); !s) return s;
    queried = true;
  }
  if (now >= next_status_) {
    next_status_ = now + options_.status_every;
    if (Status s = report_status(); !s) return s;
    queried = true;
  }
  if (options_.until_idle) {
    auto open = stats_.has_open_work();
    if (!open) return open.status();
    queried = true;
    if (!*open) {
      spdlog::info("nothing queued, submitting or awaiting a poll: done");
      stop.request_stop();
    }
  }
  if (queried && hooks_.watchdog) hooks_.watchdog();
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
  return Status::ok();
}

// The heartbeat row for `payq status`, and one line for `systemctl status`:
// "queued 12, in flight 4, awaiting poll 30, rate 5.00 req/s".
Status Maintenance::report_status() {
  const double rate = limiter_.current_rate();
  if (Status beat = heartbeat_.beat({.pid = ::getpid(),
                                     .version = PAYQ_VERSION,
                                     .started_at = started_at_ms_,
                                     .beat_at = worker::wall_ms(clock_),
                                     .rate = rate,
                                     .margin_us = limiter_.current_margin().count()});
      !beat) {
    return beat;
  }
  if (!hooks_.status) return Status::ok();
  auto open = stats_.count_open();
  if (!open) return open.status();
  char line[160];
  std::snprintf(line, sizeof line, "queued %lld, in flight %lld, awaiting poll %lld, rate %.2f req/s",
                static_cast<long long>(open->queued), static_cast<long long>(open->submitting),
                static_cast<long long>(open->submitted), rate);
  hooks_.status(line);
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
