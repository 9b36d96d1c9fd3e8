// limiter/limiter.h — the one process-wide request budget (token, create, poll), over an injected Clock.
// Thread-safe; knows nothing about HTTP or SQLite. Rate changes (AIMD, Retry-After) come in via on_throttled().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>
#include <variant>

#include "common/clock.h"
#include "config/config.h"
#include "limiter/aimd_rate.h"
#include "limiter/jitter_margin.h"
#include "limiter/send_log.h"

namespace payq::limiter {

enum class RequestKind { kToken, kCreate, kPoll };

// One permitted request start. `start` is the clock's time when the start was recorded.
struct Permit {
  std::uint64_t id = 0;
  SteadyTime start{};
  RequestKind kind = RequestKind::kCreate;
};

struct LimiterOptions {
  double requests_per_second = 5.0;  // rate_limit.requests_per_second: the partner's limit
  SteadyDuration window{std::chrono::seconds(1)};  // the partner's rolling window
  MarginOptions margin;              // margin.floor is the configurable safety-margin floor
  AimdOptions aimd;                  // aimd.configured is overwritten with requests_per_second
  // Consecutive starts are at least pacing * (window + margin) / capacity apart: starts spread over the window
  // instead of bursting (so one reconciler thread and a few submitters can take turns), with 20% slack so a
  // slot a late thread missed can be caught up; the sliding log alone carries the guarantee.
  double pacing = 0.8;
};

inline LimiterOptions limiter_options_from(const config::RateLimitConfig& rate_limit) {
  LimiterOptions options;
  options.requests_per_second = rate_limit.requests_per_second;
  return options;
}

// The guarantee, for the rate r in force (configured, or lowered by AIMD):
//   r >= 1: at most floor(r) starts in any window of (window + margin), i.e. never more than r in any rolling
//           second, even at arrival with the learned jitter; a fractional part is rounded down (safe side);
//   r <  1: consecutive starts at least (window / r + margin) apart.
// Implemented as a sliding log: a start is permitted only when the start `capacity` places back is at least
// that long ago. A token bucket would let a full bucket plus a refill (9-10) into one rolling second.
// Released permits are erased from the log, so a start that never happened costs nothing.
//
// Conservative start: construction records `capacity` starts at the construction time (the second before a
// crash may have been full), so the first request goes out one window + margin later.
class Limiter {
 public:
  Limiter(Clock& clock, LimiterOptions options = {});

  // Blocks (clock.sleep_until) until a start is permitted, records it and returns it; nullopt once stop is
  // requested. Wakes early when a permit is released; a throttle only moves deadlines later, so sleepers
  // simply re-check when they wake.
  [[nodiscard]] std::optional<Permit> acquire(RequestKind kind, std::stop_token stop);
  // Like acquire(), but gives up (nullopt) as soon as the earliest possible start lies after `deadline`, e.g. a
  // Retry-After pause that a caller holding a claim must not sit through.
  [[nodiscard]] std::optional<Permit> acquire_by(RequestKind kind, SteadyTime deadline, std::stop_token stop);

  // Non-blocking: a recorded permit, or the earliest time one may be possible (not a promise: other threads
  // compete). Reads the clock itself, under the lock, so a recorded start is never stamped with a stale time.
  [[nodiscard]] std::variant<Permit, SteadyTime> try_acquire(RequestKind kind);

  // The permit was not used (e.g. nothing to claim): erase its start so the budget is not wasted. Must only be
  // called when no request was started with it.
  void release_unused(const Permit& permit);

  // A 429 came back. Halves the rate (floor 0.5 req/s; throttles within one second of a decrease count once)
  // and, with Retry-After, pauses every caller until now + retry_after.
  void on_throttled(std::optional<SteadyDuration> retry_after);

  // A measured round trip (permit to response), feeding the learned safety margin.
  void observe_rtt(SteadyDuration rtt);

  // The clock it sleeps on; whoever waits for this limiter's sleepers waits through it too.
  Clock& clock() const { return clock_; }

  // For status reporting.
  double current_rate();
  std::chrono::microseconds current_margin();
  SteadyTime paused_until();
  std::size_t starts_in_last_window();

 private:
  WindowRule rule_locked(SteadyTime now) const;
  std::variant<Permit, SteadyTime> try_acquire_locked(RequestKind kind);
  bool sleep_until(SteadyTime deadline, std::stop_token stop, const std::stop_source& wake);

  Clock& clock_;
  const LimiterOptions options_;
  const SteadyDuration horizon_;  // how long a start can still matter: the longest window + largest margin
  std::mutex mutex_;
  SendLog log_;                   // guarded by mutex_
  JitterMargin margin_;           // guarded by mutex_
  AimdRate rate_;                 // guarded by mutex_
  SteadyTime paused_until_{};     // guarded by mutex_
  std::uint64_t next_id_ = 0;     // guarded by mutex_
  std::stop_source wake_;         // guarded by mutex_; stopped (and replaced) to wake sleepers
};

// Starts allowed per window at rate r: floor(r), at least 1.
std::size_t capacity_for(double rate);

// The base window at rate r: `window` for r >= 1, window / r below.
SteadyDuration window_for(double rate, SteadyDuration window);

}  // namespace payq::limiter
