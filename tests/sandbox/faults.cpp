// sandbox/faults.cpp — seeded fault rolls and delays. Each roll draws once, so a probability of 0 never
// fires and 1 always does.
#include "faults.h"

#include <algorithm>

namespace payq::sandbox {

Faults::Faults(const Options& options, std::chrono::steady_clock::time_point start)
    : options_(options), start_(start), rng_(options.seed * 7919 + 17) {}

bool Faults::roll(double probability) {
  if (probability <= 0) return false;
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < probability;
}

CreateFault Faults::roll_create() {
  std::lock_guard lock(mutex_);
  if (roll(options_.fail_before_create)) return CreateFault::kFailBefore;
  if (roll(options_.fail_after_create)) return CreateFault::kFailAfter;
  if (roll(options_.drop_after_create)) return CreateFault::kDropAfter;
  if (roll(options_.truncate)) return CreateFault::kTruncate;
  return CreateFault::kNone;
}

bool Faults::roll_slow() {
  std::lock_guard lock(mutex_);
  return roll(options_.slow);
}

bool Faults::in_outage(std::chrono::steady_clock::time_point now) const {
  if (!options_.outage_at) return false;
  const auto begin = start_ + *options_.outage_at;
  return now >= begin && now < begin + options_.outage_for;
}

std::chrono::milliseconds Faults::one_way_delay() {
  if (options_.latency.count() == 0 && options_.jitter.count() == 0) return std::chrono::milliseconds(0);
  std::lock_guard lock(mutex_);
  const double half_jitter = static_cast<double>(options_.jitter.count()) / 2.0;
  const double spread = std::uniform_real_distribution<double>(-half_jitter, half_jitter)(rng_);
  const double delay = static_cast<double>(options_.latency.count()) / 2.0 + spread;
  return std::chrono::milliseconds(static_cast<long long>(std::max(0.0, delay)));
}

}  // namespace payq::sandbox
