// sandbox/rate_limiter.h — the partner's strict limit: per client, at most N accepted requests in any
// rolling one-second window, counted on arrival. Also measures the busiest window seen. Thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace payq::sandbox {

class RateLimiter {
 public:
  explicit RateLimiter(int limit) : limit_(limit) {}

  // true: accepted and counted; false: over the limit (answer 429; not counted).
  bool admit(const std::string& client, std::chrono::steady_clock::time_point arrival);

  int max_accepted_in_window() const;  // busiest rolling second of accepted requests, any client
  int max_arrived_in_window() const;   // same, counting rejected requests too

 private:
  static void expire(std::deque<std::chrono::steady_clock::time_point>& window,
                     std::chrono::steady_clock::time_point now);

  const int limit_;  // 0: unlimited
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> accepted_;  // guarded by mutex_
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> arrived_;   // guarded by mutex_
  int max_accepted_ = 0;                                                              // guarded by mutex_
  int max_arrived_ = 0;                                                               // guarded by mutex_
};

}  // namespace payq::sandbox
