// worker/store_health.cpp — the sticky "no new claims" flag (cleared by the next successful write) and the
// patient write loop. Waiting never ends the daemon: only a stop does.
#include "worker/store_health.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace payq::worker {

bool is_transient(const Status& status) { return status.code() == StatusCode::kBusy; }

bool is_durability_failure(const Status& status) {
  return status.code() == StatusCode::kDatabase || status.code() == StatusCode::kIo;
}

void StoreHealth::write_succeeded() {
  std::lock_guard lock(mutex_);
  if (!failure_.empty()) spdlog::warn("database writes succeed again: claiming resumes");
  failure_.clear();
}

void StoreHealth::write_failed(const Status& status) {
  std::lock_guard lock(mutex_);
  if (failure_.empty()) spdlog::error("database failure, no new claims until writes succeed: {}", status.message());
  failure_ = status.message();
}

bool StoreHealth::claims_allowed() {
  std::lock_guard lock(mutex_);
  return failure_.empty() && pending_ == 0;
}

std::optional<std::string> StoreHealth::problem() {
  std::lock_guard lock(mutex_);
  if (failure_.empty()) return std::nullopt;
  return "database: " + failure_;
}

void StoreHealth::note_failure(const Status& status, std::string_view what) {
  if (is_durability_failure(status)) {
    write_failed(status);
  } else if (is_transient(status)) {
    spdlog::warn("{}: {}; waiting for the lock", what, status.message());
  } else {
    spdlog::error("{}: {}", what, status.message());
  }
}

StoreHealth::PendingOutcome::PendingOutcome(StoreHealth& health) : health_(health) {
  std::lock_guard lock(health_.mutex_);
  ++health_.pending_;
}

StoreHealth::PendingOutcome::~PendingOutcome() {
  std::lock_guard lock(health_.mutex_);
  --health_.pending_;
}

Status PatientWriter::write(std::string_view what, const std::function<Status()>& attempt, const IntentFields& about) {
  std::chrono::milliseconds wait = kFirstWait;
  std::optional<std::chrono::steady_clock::time_point> waiting_since;
  std::optional<std::chrono::steady_clock::time_point> give_up_at;
  std::chrono::steady_clock::time_point next_log{};
  for (;;) {
    Status result = attempt();
    const bool retry = is_transient(result) || is_durability_failure(result);
    if (!retry) {
      if (result.is_ok() || result.code() == StatusCode::kConflict) health_.write_succeeded();
      if (waiting_since) {
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.steady_now() - *waiting_since);
        log_intent(spdlog::level::warn, about, "{}: done after waiting {} ms for the database", what, waited.count());
      }
      return result;
    }
    const auto now = clock_.steady_now();
    if (is_durability_failure(result)) health_.write_failed(result);
    if (!waiting_since) waiting_since = now;
    if (now >= next_log) {
      next_log = now + kRepeatLog;
      if (is_transient(result)) {
        log_intent(spdlog::level::warn, about, "{}: {}; waiting for the lock", what, result.message());
      } else {
        log_intent(spdlog::level::err, about, "{}: {}; keeping the outcome and retrying", what, result.message());
      }
    }
    if (stop_.stop_requested() && !give_up_at) give_up_at = now + kAfterStop;
    if (give_up_at && now >= *give_up_at) {
      log_intent(spdlog::level::err, about, "{}: stopping with the write not done: {}", what, result.message());
      return result;
    }
    // After a stop request the sleep must not end early, or the grace period would be spent in a busy loop.
    const std::stop_token sleep_stop = give_up_at ? std::stop_token{} : stop_;
    clock_.sleep_until(now + wait, sleep_stop);
    wait = std::min(wait * 2, kMaxWait);
  }
}

}  // namespace payq::worker
