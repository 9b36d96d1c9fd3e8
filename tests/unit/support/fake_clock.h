// support/fake_clock.h — a Clock whose time moves only when a test (or a sleeper) moves it.
// sleep_until jumps time forward to the deadline, so code under test never really waits. Thread-safe.
#pragma once

#include <mutex>

#include "common/clock.h"

namespace payq::testing {

class FakeClock final : public Clock {
 public:
  FakeClock() : steady_(std::chrono::steady_clock::time_point{} + std::chrono::hours(1000)),
                wall_(std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 365 * 56)) {}

  std::chrono::steady_clock::time_point steady_now() override {
    std::lock_guard lock(mutex_);
    return steady_;
  }
  std::chrono::system_clock::time_point wall_now() override {
    std::lock_guard lock(mutex_);
    return wall_;
  }
  bool sleep_until(std::chrono::steady_clock::time_point t, std::stop_token stop) override {
    if (stop.stop_requested()) return false;
    std::lock_guard lock(mutex_);
    if (t > steady_) {
      wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(t - steady_);
      steady_ = t;
    }
    return true;
  }
  // Moves wall time only (e.g. to "now" after a producer stored intents with the real clock).
  void set_wall(std::chrono::system_clock::time_point wall) {
    std::lock_guard lock(mutex_);
    wall_ = wall;
  }
  template <typename Duration>
  void advance(Duration d) {
    std::lock_guard lock(mutex_);
    steady_ += d;
    wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
  }

 private:
  std::mutex mutex_;
  std::chrono::steady_clock::time_point steady_;  // guarded by mutex_
  std::chrono::system_clock::time_point wall_;    // guarded by mutex_
};

}  // namespace payq::testing
