// worker/retry_policy.h — when a failed attempt is retried: capped exponential backoff with full jitter.
// Pure functions (now and the random source are passed in); thread-safe as long as each thread owns its rng.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

#include "config/config.h"

namespace payq::worker {

struct RetryPolicy {
  std::chrono::milliseconds initial_backoff{std::chrono::seconds(1)};
  std::chrono::milliseconds max_backoff{std::chrono::minutes(5)};
  int max_attempts = 12;  // attempts that count (429s do not), then the intent fails
};

inline RetryPolicy retry_policy_from(const config::RetryConfig& retry) {
  return RetryPolicy{retry.initial_backoff, retry.max_backoff, retry.max_attempts};
}

// The wait after failed attempt number `attempt` (1 = the first try failed): uniform in
// [0, min(max_backoff, initial_backoff * 2^(attempt-1))] (full jitter: retries of many intents that failed
// together spread out instead of coming back in lockstep), then raised to `retry_after` when the partner sent
// one (a floor, never shortened). Saturates instead of overflowing for any attempt number.
std::chrono::milliseconds backoff_delay(int attempt, std::optional<std::chrono::milliseconds> retry_after,
                                        std::mt19937_64& rng, const RetryPolicy& policy);

// The time (UTC ms) to retry at: now_ms + backoff_delay(...). The one retry schedule production calls.
std::int64_t retry_at(std::int64_t now_ms, int attempt, std::optional<std::chrono::milliseconds> retry_after,
                      std::mt19937_64& rng, const RetryPolicy& policy);

// True once `attempts` counted attempts have used up the policy: the intent goes to `failed`.
bool should_give_up(int attempts, const RetryPolicy& policy);

}  // namespace payq::worker
