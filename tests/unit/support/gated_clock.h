// support/gated_clock.h — a fake Clock whose sleeps jump time only once a test-supplied gate says "everyone is
// parked", so virtual time passes the way real time would for threads that need no time to run. Thread-safe.
#pragma once

#include <functional>
#include <thread>
#include <utility>

#include "support/fake_clock.h"

namespace payq::testing {

class GatedClock final : public Clock {
 public:
  explicit GatedClock(std::function<bool()> gate) : gate_(std::move(gate)) {}

  std::chrono::steady_clock::time_point steady_now() override { return time_.steady_now(); }
  std::chrono::system_clock::time_point wall_now() override { return time_.wall_now(); }

  template <typename Duration>
  void advance(Duration d) {
    time_.advance(d);
  }

  // Waits (yielding, bounded) until the gate opens or stop is requested, then jumps to t like FakeClock.
  bool sleep_until(std::chrono::steady_clock::time_point t, std::stop_token stop) override {
    for (long spin = 0; spin < kMaxSpins && !stop.stop_requested() && !gate_(); ++spin) std::this_thread::yield();
    return time_.sleep_until(t, stop);
  }

 private:
  static constexpr long kMaxSpins = 10'000'000;  // a broken gate fails the test instead of hanging it
  std::function<bool()> gate_;
  FakeClock time_;
};

}  // namespace payq::testing
