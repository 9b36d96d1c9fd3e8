// limiter/aimd_rate.cpp — AimdRate: multiplicative decrease on a throttle, additive increase over time.
// Linear growth in elapsed seconds keeps the rate a pure function of now between decreases.
#include "limiter/aimd_rate.h"

#include <algorithm>

namespace payq::limiter {

AimdRate::AimdRate(AimdOptions options) : options_(options) {
  // A configured rate below the usual floor (0.5) is the floor itself: a decrease never goes above it.
  options_.configured = std::max(options_.configured, 1e-3);
  options_.floor = std::clamp(options_.floor, 1e-3, options_.configured);
  base_rate_ = options_.configured;
}

double AimdRate::rate_at(Time now) const {
  if (!decreased_) return options_.configured;
  const double seconds = std::chrono::duration<double>(std::max(now - base_time_, Time::duration::zero())).count();
  return std::min(options_.configured, base_rate_ + options_.increase_per_second * seconds);
}

bool AimdRate::on_throttled(Time now, Time resume) {
  if (decreased_ && now - last_decrease_ < options_.same_event) {
    if (resume > now) base_time_ = std::max(base_time_, resume);
    return false;
  }
  base_rate_ = std::max(options_.floor, rate_at(now) / 2.0);
  base_time_ = std::max(now, resume);
  last_decrease_ = now;
  decreased_ = true;
  return true;
}

}  // namespace payq::limiter
