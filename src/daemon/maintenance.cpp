// daemon/maintenance.cpp — each duty runs on its own cadence inside one 200 ms tick, so --until-idle notices
// the end of a batch promptly while rescue, retention, STATUS and summaries stay cheap. A failed duty is logged
// and tried again on its next turn: the loop itself never stops the daemon.
#include "daemon/maintenance.h"

#include <cstdio>

#include <spdlog/spdlog.h>

#include "worker/throttle_report.h"

namespace payq::daemon {
namespace {

constexpr int kPruneBatch = 500;

}  // namespace

Maintenance::Maintenance(store::Connection& db, const worker::WorkerContext& context, worker::Rescuer& rescuer,
                         const DaemonOptions& options, DaemonIdentity identity, LifecycleHooks hooks,
                         std::atomic<bool>& reload_requested, bool sample_metrics)
    : context_(context),
      rescuer_(rescuer),
      options_(options),
      identity_(std::move(identity)),
      hooks_(std::move(hooks)),
      stats_(db.queue_stats()),
      calls_(db.call_log()),
      heartbeat_(db.heartbeat()),
      pause_store_(db.pause()),
      started_at_ms_(worker::wall_ms(context.clock)),
      reload_requested_(reload_requested),
      next_rescue_(context.clock.steady_now()),
      next_summary_(context.clock.steady_now() + options.summary_every),
      next_status_(context.clock.steady_now()),
      sample_metrics_(sample_metrics),
      metrics_queries_(db.metrics()),
      next_metrics_(context.clock.steady_now()) {}

void Maintenance::run_once(std::stop_source& stop) {
  const auto now = context_.clock.steady_now();
  const std::int64_t wall = worker::wall_ms(context_.clock);
  bool queried = false;  // a database round trip of this tick succeeded: the watchdog's proof of progress
  if (reload_requested_.exchange(false)) reload_credentials();
  context_.rate_limited.tick(worker::limiter_state(context_.limiter));  // a 429 summary due, or their end
  queried = refresh_pause() || queried;
  if (now >= next_rescue_) {
    next_rescue_ = now + context_.settings.lease / 4;
    queried = rescue_and_prune(wall) || queried;
  }
  if (now >= next_summary_) {
    next_summary_ = now + options_.summary_every;
    queried = summarize() || queried;
  }
  if (now >= next_status_) {
    next_status_ = now + options_.status_every;
    queried = report_status() || queried;
  }
  if (sample_metrics_ && now >= next_metrics_) {
    next_metrics_ = now + kMetricsEvery;
    queried = sample_metrics() || queried;
  }
  if (options_.until_idle) {
    auto open = stats_.has_open_work();
    if (!open) {
      context_.store_health.note_failure(open.status(), "maintenance");
    } else {
      queried = true;
      if (!*open) {
        spdlog::info("nothing queued, submitting or awaiting a poll: done");
        stop.request_stop();
      }
    }
  }
  if (queried && hooks_.watchdog) hooks_.watchdog();
}

// Every tick: `payq pause` is seen within kTick (see worker/submission_pause.h for why here and not per claim).
// A failed read keeps the flag as it was: a daemon started paused stays paused until it can read.
bool Maintenance::refresh_pause() {
  auto state = pause_store_.read();
  if (!state) {
    context_.store_health.note_failure(state.status(), "read the submission pause");
    return false;
  }
  if (context_.pause.update(*state)) next_status_ = {};  // due now: STATUS= says so in this tick
  return true;
}

void Maintenance::record_stop() {
  const Status marked = heartbeat_.mark_stopped(identity_.epoch, worker::wall_ms(context_.clock));
  if (!marked) spdlog::warn("the clean stop is not recorded in the heartbeat: {}", marked.message());
}

bool Maintenance::rescue_and_prune(std::int64_t wall) {
  auto rescued = rescuer_.recover(wall, wall);
  if (!rescued) {
    context_.store_health.note_failure(rescued.status(), "maintenance");
    return false;
  }
  auto pruned = calls_.prune(wall - options_.retention.count(), kPruneBatch);
  if (!pruned) context_.store_health.note_failure(pruned.status(), "maintenance");
  return true;
}

bool Maintenance::summarize() {
  auto counts = stats_.count_by_state();
  if (!counts) {
    context_.store_health.note_failure(counts.status(), "maintenance");
    return false;
  }
  std::string line;
  for (const auto& [state, n] : *counts) line += (line.empty() ? "" : ", ") + state + " " + std::to_string(n);
  const auto granted = context_.scheduler.granted();
  char rate[160];
  std::snprintf(rate, sizeof rate, "; rate %.2f req/s, margin %lld us; permits: %llu creates, %llu polls",
                context_.limiter.current_rate(), static_cast<long long>(context_.limiter.current_margin().count()),
                static_cast<unsigned long long>(granted.submit), static_cast<unsigned long long>(granted.poll));
  spdlog::info("intents: {}{}", line.empty() ? "none" : line, rate);
  if (auto wrong = problem()) spdlog::error("not healthy: {}", *wrong);
  return true;
}

std::optional<std::string> Maintenance::problem() {
  auto database = context_.store_health.problem();
  auto partner = context_.partner.problem();
  if (database && partner) return *database + "; " + *partner;
  return database ? database : partner;
}

// The heartbeat row for `payq status`, and one line for `systemctl status`:
// "queued 12, in flight 4, awaiting poll 30, rate 5.00 req/s[; submissions paused by …][; <problem>]". The
// heartbeat is a write: when it succeeds after a durability failure, claiming resumes.
bool Maintenance::report_status() {
  const double rate = context_.limiter.current_rate();
  const std::optional<std::string> wrong = problem();
  const Status beat = heartbeat_.beat({.pid = identity_.pid,
                                       .version = PAYQ_VERSION,
                                       .started_at = started_at_ms_,
                                       .beat_at = worker::wall_ms(context_.clock),
                                       .rate = rate,
                                       .margin_us = context_.limiter.current_margin().count(),
                                       .host = identity_.host,
                                       .epoch = identity_.epoch,
                                       .problem = wrong,
                                       .poll_policy = std::string(config::to_string(context_.settings.polls.policy))});
  if (beat.is_ok()) {
    context_.store_health.write_succeeded();
  } else {
    context_.store_health.note_failure(beat, "maintenance");
  }
  auto open = stats_.count_open();
  if (!open) {
    context_.store_health.note_failure(open.status(), "maintenance");
    return false;
  }
  if (!hooks_.status) return true;
  char line[160];
  std::snprintf(line, sizeof line, "queued %lld, in flight %lld, awaiting poll %lld, rate %.2f req/s",
                static_cast<long long>(open->queued), static_cast<long long>(open->submitting),
                static_cast<long long>(open->submitted), rate);
  std::string status = line;
  if (auto paused = context_.pause.describe()) status += "; " + *paused;
  if (auto now_wrong = problem()) status += "; " + *now_wrong;
  hooks_.status(status);
  return true;
}

// The database figures and the limiter's gauges, copied into the registry for the scrapes until the next sample.
bool Maintenance::sample_metrics() {
  if (Status read = figures_.refresh(metrics_queries_, pause_store_, worker::wall_ms(context_.clock)); !read) {
    context_.store_health.note_failure(read, "maintenance");
    return false;
  }
  std::vector<metrics::Family> sampled = figures_.families();
  for (metrics::Family& family : metrics::limiter_families(context_.limiter.current_rate(),
                                                           context_.limiter.current_margin().count())) {
    sampled.push_back(std::move(family));
  }
  sampled.push_back(metrics::gauge("payq_leader", "1 while this daemon is the one submitting for its database", 1));
  context_.metrics.set_sampled(std::move(sampled));
  return true;
}

void Maintenance::reload_credentials() {
  if (!options_.read_client_secret) return;
  auto secret = options_.read_client_secret();
  if (!secret) return spdlog::error("reload: client secret not re-read: {}", secret.status().message());
  context_.tokens.replace_client_secret(*secret);
  context_.partner.credentials_reloaded();
  spdlog::info("reload: client secret re-read");
}

void Maintenance::run(std::stop_source& stop) {
  while (!stop.stop_requested()) {
    run_once(stop);
    context_.clock.sleep_until(context_.clock.steady_now() + kTick, stop.get_token());
  }
}

}  // namespace payq::daemon
