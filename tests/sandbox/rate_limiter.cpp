// sandbox/rate_limiter.cpp — sliding-log limiter: each client keeps the arrival times of the last second,
// so no window position can ever hold more than the limit (unlike fixed one-second buckets).
#include "rate_limiter.h"

#include <algorithm>

namespace payq::sandbox {

void RateLimiter::expire(std::deque<std::chrono::steady_clock::time_point>& window,
                         std::chrono::steady_clock::time_point now) {
  // A request at t is inside every window (t', t' + 1 s] with t' < t; it leaves once 1 s has passed.
  while (!window.empty() && now - window.front() >= std::chrono::seconds(1)) window.pop_front();
}

bool RateLimiter::admit(const std::string& client, std::chrono::steady_clock::time_point arrival) {
  std::lock_guard lock(mutex_);
  auto& arrived = arrived_[client];
  expire(arrived, arrival);
  arrived.push_back(arrival);
  max_arrived_ = std::max(max_arrived_, static_cast<int>(arrived.size()));
  auto& accepted = accepted_[client];
  expire(accepted, arrival);
  if (limit_ > 0 && static_cast<int>(accepted.size()) >= limit_) return false;
  accepted.push_back(arrival);
  max_accepted_ = std::max(max_accepted_, static_cast<int>(accepted.size()));
  return true;
}

int RateLimiter::max_accepted_in_window() const {
  std::lock_guard lock(mutex_);
  return max_accepted_;
}

int RateLimiter::max_arrived_in_window() const {
  std::lock_guard lock(mutex_);
  return max_arrived_;
}

}  // namespace payq::sandbox
