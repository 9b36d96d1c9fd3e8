// worker/retry_policy.cpp — backoff_delay and should_give_up: integer millisecond math, no floating point.
// The ceiling doubles only while below the cap, so a huge attempt number never overflows.
#include "worker/retry_policy.h"

#include <algorithm>
#include <cstdint>

namespace payq::worker {

namespace {

std::chrono::milliseconds ceiling_for(int attempt, const RetryPolicy& policy) {
  const std::int64_t cap = std::max<std::int64_t>(policy.max_backoff.count(), 0);
  std::int64_t ceiling = std::clamp<std::int64_t>(policy.initial_backoff.count(), 0, cap);
  for (int doubling = 1; doubling < attempt && ceiling < cap; ++doubling) {
    ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
  }
  return std::chrono::milliseconds(ceiling);
}

}  // namespace

std::chrono::milliseconds backoff_delay(int attempt, std::optional<std::chrono::milliseconds> retry_after,
                                        std::mt19937_64& rng, const RetryPolicy& policy) {
  const std::chrono::milliseconds ceiling = ceiling_for(std::max(attempt, 1), policy);
  std::uniform_int_distribution<std::int64_t> jitter(0, ceiling.count());
  std::chrono::milliseconds delay(jitter(rng));
  if (retry_after) delay = std::max(delay, *retry_after);
  return delay;
}

std::int64_t retry_at(std::int64_t now_ms, int attempt, std::optional<std::chrono::milliseconds> retry_after,
                      std::mt19937_64& rng, const RetryPolicy& policy) {
  return now_ms + backoff_delay(attempt, retry_after, rng, policy).count();
}

bool should_give_up(int attempts, const RetryPolicy& policy) { return attempts >= policy.max_attempts; }

}  // namespace payq::worker
