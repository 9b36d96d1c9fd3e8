// sandbox/sandbox_clock.h — the sandbox's notion of time for token expiry and settle schedules: real
// steady time plus an offset tests can move (/_admin/advance). The rate limiter uses real time. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>

namespace payq::sandbox {

class SandboxClock {
 public:
  std::chrono::steady_clock::time_point now() const {
    return std::chrono::steady_clock::now() + std::chrono::milliseconds(offset_ms_.load());
  }
  std::chrono::system_clock::time_point wall_now() const {
    return std::chrono::system_clock::now() + std::chrono::milliseconds(offset_ms_.load());
  }
  void advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }

 private:
  std::atomic<long long> offset_ms_{0};
};

}  // namespace payq::sandbox
