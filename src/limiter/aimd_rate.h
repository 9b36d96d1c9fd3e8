// limiter/aimd_rate.h — the current request rate: halved on a throttle, climbing back linearly (pure: takes now).
// Not thread-safe on its own: Limiter guards it. Knows nothing about windows or logs.
#pragma once

#include <chrono>

namespace payq::limiter {

struct AimdOptions {
  double configured = 5.0;          // requests per second: the ceiling the rate climbs back to
  double floor = 0.5;               // a decrease never goes below this
  double increase_per_second = 0.5;  // additive increase per second of throttle-free sending
  // Throttles closer together than this after a decrease are the same congestion event (requests already
  // in flight when the first 429 came back) and do not halve again.
  std::chrono::steady_clock::duration same_event{std::chrono::seconds(1)};
};

class AimdRate {
 public:
  using Time = std::chrono::steady_clock::time_point;

  explicit AimdRate(AimdOptions options);

  // Rate in force at `now`: configured, or the last decreased rate plus the increase earned since.
  double rate_at(Time now) const;

  // A 429 at `now`. Halves the rate (not below the floor) unless it belongs to the last decrease's event.
  // Growth restarts at `resume` (the end of a Retry-After pause), so a long pause does not earn a climb.
  // Returns true when the rate was decreased.
  bool on_throttled(Time now, Time resume);

 private:
  AimdOptions options_;
  bool decreased_ = false;
  double base_rate_;
  Time base_time_{};       // growth is counted from here
  Time last_decrease_{};
};

}  // namespace payq::limiter
