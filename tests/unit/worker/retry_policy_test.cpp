// unit/worker/retry_policy_test.cpp — backoff_delay/retry_at: full-jitter bounds, cap, Retry-After floor, overflow.
// Pure and seeded: the same seed gives the same delays.
#include <doctest/doctest.h>

#include <climits>
#include <random>

#include "worker/retry_policy.h"

using namespace std::chrono_literals;
using payq::worker::backoff_delay;
using payq::worker::retry_at;
using payq::worker::RetryPolicy;
using payq::worker::retry_policy_from;
using payq::worker::should_give_up;

namespace {

struct Range {
  std::chrono::milliseconds low{std::chrono::milliseconds::max()};
  std::chrono::milliseconds high{0};
};

Range sample(int attempt, std::optional<std::chrono::milliseconds> retry_after, const RetryPolicy& policy) {
  std::mt19937_64 rng(42);
  Range range;
  for (int i = 0; i < 2000; ++i) {
    const auto delay = backoff_delay(attempt, retry_after, rng, policy);
    range.low = std::min(range.low, delay);
    range.high = std::max(range.high, delay);
  }
  return range;
}

}  // namespace

TEST_SUITE("worker.retry_policy") {
  const RetryPolicy policy{1s, 5min, 12};

  TEST_CASE("full jitter: uniform between zero and initial * 2^(attempt-1)") {
    for (int attempt = 1; attempt <= 6; ++attempt) {
      const std::chrono::milliseconds ceiling = 1s * (1 << (attempt - 1));
      const Range range = sample(attempt, std::nullopt, policy);
      INFO("attempt " << attempt);
      CHECK(range.low >= 0ms);
      CHECK(range.high <= ceiling);
      CHECK(range.low < ceiling / 10);   // reaches near zero...
      CHECK(range.high > ceiling * 9 / 10);  // ...and near the ceiling
    }
  }

  TEST_CASE("the ceiling is capped at max_backoff") {
    const Range range = sample(12, std::nullopt, policy);
    CHECK(range.high <= 5min);
    CHECK(range.high > 4min);
  }

  TEST_CASE("Retry-After is a floor, never shortened, even past the cap") {
    const Range range = sample(1, 30s, policy);
    CHECK(range.low == 30s);
    CHECK(sample(3, 10min, policy).high == 10min);
    CHECK(sample(3, 2s, policy).low == 2s);
  }

  TEST_CASE("huge and nonsensical attempt numbers neither overflow nor exceed the cap") {
    for (const int attempt : {63, 64, 65, 1000, INT_MAX, 0, -5}) {
      const Range range = sample(attempt, std::nullopt, policy);
      INFO("attempt " << attempt);
      CHECK(range.low >= 0ms);
      CHECK(range.high <= 5min);
    }
    const RetryPolicy huge{std::chrono::milliseconds::max() / 2, std::chrono::milliseconds::max(), 3};
    CHECK(sample(1000, std::nullopt, huge).low >= 0ms);
  }

  TEST_CASE("retry_at adds the delay to now (UTC ms), deterministically per seed") {
    std::mt19937_64 first(9);
    std::mt19937_64 second(9);
    const std::int64_t now = 1'800'000'000'000;
    const std::int64_t at = retry_at(now, 4, std::nullopt, first, policy);
    CHECK(at >= now);
    CHECK(at <= now + 8000);
    CHECK(at - now == backoff_delay(4, std::nullopt, second, policy).count());
    std::mt19937_64 third(9);
    CHECK(retry_at(now, 4, 20s, third, policy) == now + 20000);  // Retry-After is a floor
  }

  TEST_CASE("should_give_up once the counted attempts reach max_attempts") {
    CHECK_FALSE(should_give_up(0, policy));
    CHECK_FALSE(should_give_up(11, policy));
    CHECK(should_give_up(12, policy));
    CHECK(should_give_up(13, policy));
  }

  TEST_CASE("the policy comes from the retry section of the config") {
    payq::config::RetryConfig retry;
    retry.initial_backoff = 250ms;
    retry.max_attempts = 3;
    const RetryPolicy from = retry_policy_from(retry);
    CHECK(from.initial_backoff == 250ms);
    CHECK(from.max_backoff == 5min);
    CHECK(from.max_attempts == 3);
  }
}
