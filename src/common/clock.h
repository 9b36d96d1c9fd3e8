// common/clock.h — the one door to time: steady time for windows, backoff, leases and deadlines;
// wall time only where a timestamp is stored. Built once in daemon/, passed by reference; thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>

namespace payq {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::steady_clock::time_point steady_now() = 0;
  virtual std::chrono::system_clock::time_point wall_now() = 0;
  // Sleeps until t or until stop is requested; returns false when woken by stop.
  virtual bool sleep_until(std::chrono::steady_clock::time_point t, std::stop_token stop) = 0;

  // Every wait of a worker thread on another thread, and every wake of such a wait, goes through the clock, so a
  // virtual clock (tests/bench/sim) knows which threads can run. wait() blocks on `cv` (lock held on entry and on
  // return) until ready() holds or stop is requested, and returns ready(); notify_all() wakes the waiters of `cv`.
  // The defaults are the plain condition variable calls.
  virtual bool wait(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock, std::stop_token stop,
                    const std::function<bool()>& ready) {
    return cv.wait(lock, std::move(stop), ready);
  }
  virtual void notify_all(std::condition_variable_any& cv) { cv.notify_all(); }
};

// The real clock: std::chrono clocks, sleeps on a condition variable that stop wakes.
class SystemClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point steady_now() override;
  std::chrono::system_clock::time_point wall_now() override;
  bool sleep_until(std::chrono::steady_clock::time_point t, std::stop_token stop) override;
};

// Stored timestamps are UTC milliseconds since the Unix epoch.
inline std::int64_t to_unix_ms(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace payq
