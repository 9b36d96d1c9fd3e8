// unit/limiter/limiter_test.cpp — Limiter on a FakeClock: conservative start, release, AIMD, Retry-After, margin.
// Single-threaded; blocking acquire() returns at once because the fake clock jumps to each deadline.
#include <doctest/doctest.h>

#include <random>
#include <variant>
#include <vector>

#include "limiter/limiter.h"
#include "support/fake_clock.h"
#include "support/start_window.h"

using namespace std::chrono_literals;
using payq::limiter::Limiter;
using payq::limiter::LimiterOptions;
using payq::limiter::Permit;
using payq::limiter::RequestKind;
using payq::limiter::SteadyTime;
using payq::testing::FakeClock;
using payq::testing::max_starts_in_window;

namespace {

LimiterOptions options_with_rate(double rate) {
  LimiterOptions options;
  options.requests_per_second = rate;
  return options;
}

std::vector<SteadyTime> acquire_n(Limiter& limiter, int n) {
  std::vector<SteadyTime> starts;
  for (int i = 0; i < n; ++i) {
    auto permit = limiter.acquire(RequestKind::kCreate, std::stop_token{});
    REQUIRE(permit);
    starts.push_back(permit->start);
  }
  return starts;
}

}  // namespace

TEST_SUITE("limiter.limiter") {
  TEST_CASE("start is conservative: the second before construction counts as full") {
    FakeClock clock;
    const SteadyTime t0 = clock.steady_now();
    Limiter limiter(clock, options_with_rate(5));
    auto attempt = limiter.try_acquire(RequestKind::kToken);
    REQUIRE(std::holds_alternative<SteadyTime>(attempt));
    CHECK(std::get<SteadyTime>(attempt) >= t0 + 1s);
    const auto starts = acquire_n(limiter, 1);
    CHECK(starts.front() >= t0 + 1s + 2ms);
  }

  TEST_CASE("sustained demand gets the full rate and never more than R in a rolling second") {
    FakeClock clock;
    Limiter limiter(clock, options_with_rate(5));
    for (int i = 0; i < 64; ++i) limiter.observe_rtt(1ms);  // quiet link: margin at its floor
    const auto starts = acquire_n(limiter, 100);
    CHECK(max_starts_in_window(starts, 1s + 2ms) <= 5);
    const auto span = std::chrono::duration<double>(starts.back() - starts.front()).count();
    CHECK(99.0 / span >= 5.0 * 0.98);  // utilisation on a quiet link
  }

  TEST_CASE("release_unused gives the budget back") {
    FakeClock clock;
    LimiterOptions options = options_with_rate(2);
    options.pacing = 0.0;
    Limiter limiter(clock, options);
    clock.advance(2s);
    auto first = limiter.try_acquire(RequestKind::kCreate);
    auto second = limiter.try_acquire(RequestKind::kCreate);
    REQUIRE(std::holds_alternative<Permit>(first));
    REQUIRE(std::holds_alternative<Permit>(second));
    REQUIRE(std::holds_alternative<SteadyTime>(limiter.try_acquire(RequestKind::kCreate)));
    CHECK(limiter.starts_in_last_window() == 2);
    limiter.release_unused(std::get<Permit>(first));
    CHECK(limiter.starts_in_last_window() == 1);
    CHECK(std::holds_alternative<Permit>(limiter.try_acquire(RequestKind::kPoll)));
    limiter.release_unused(std::get<Permit>(first));  // twice is harmless
    CHECK(std::holds_alternative<SteadyTime>(limiter.try_acquire(RequestKind::kCreate)));
  }

  TEST_CASE("a throttle halves the rate, the limiter slows at once and climbs back") {
    FakeClock clock;
    LimiterOptions options = options_with_rate(5);
    options.aimd.increase_per_second = 0.1;  // slow climb, so the halved rate is seen for a while
    Limiter limiter(clock, options);
    for (int i = 0; i < 64; ++i) limiter.observe_rtt(1ms);
    acquire_n(limiter, 10);
    limiter.on_throttled(std::nullopt);
    CHECK(limiter.current_rate() == doctest::Approx(2.5));
    const auto slow = acquire_n(limiter, 4);  // capacity 2 while the rate is below 3
    CHECK(max_starts_in_window(slow, 1s + 2ms) <= 2);
    clock.advance(30s);
    CHECK(limiter.current_rate() == doctest::Approx(5.0));
    const auto fast = acquire_n(limiter, 20);
    CHECK(max_starts_in_window(fast, 1s) == 5);
  }

  TEST_CASE("the rate never drops below 0.5 req/s and then means one start per 2 s") {
    FakeClock clock;
    Limiter limiter(clock, options_with_rate(5));
    for (int i = 0; i < 64; ++i) limiter.observe_rtt(1ms);
    for (int i = 0; i < 8; ++i) {
      limiter.on_throttled(std::nullopt);
      clock.advance(500ms);
      limiter.on_throttled(std::nullopt);  // same congestion event: ignored
      clock.advance(500ms);
    }
    CHECK(limiter.current_rate() >= 0.5);
    limiter.on_throttled(std::nullopt);
    CHECK(limiter.current_rate() < 0.6);
    const auto starts = acquire_n(limiter, 3);
    CHECK(starts[1] - starts[0] >= 1700ms);  // about 1 / rate apart (rate climbs while waiting)
  }

  TEST_CASE("a configured rate below 1 req/s spaces starts by 1/R, and a throttle cannot raise it") {
    FakeClock clock;
    Limiter limiter(clock, options_with_rate(0.2));
    CHECK(limiter.current_rate() == doctest::Approx(0.2));
    limiter.on_throttled(std::nullopt);
    CHECK(limiter.current_rate() == doctest::Approx(0.2));
    const auto starts = acquire_n(limiter, 4);
    for (std::size_t i = 1; i < starts.size(); ++i) CHECK(starts[i] - starts[i - 1] >= 5s);
  }

  TEST_CASE("Retry-After pauses every caller until it has passed") {
    FakeClock clock;
    Limiter limiter(clock, options_with_rate(5));
    clock.advance(5s);
    const SteadyTime throttled_at = clock.steady_now();
    limiter.on_throttled(3s);
    CHECK(limiter.paused_until() == throttled_at + 3s);
    auto attempt = limiter.try_acquire(RequestKind::kPoll);
    REQUIRE(std::holds_alternative<SteadyTime>(attempt));
    CHECK(std::get<SteadyTime>(attempt) == throttled_at + 3s);
    const auto starts = acquire_n(limiter, 3);
    CHECK(starts.front() >= throttled_at + 3s);
    limiter.on_throttled(1s);  // a shorter Retry-After never shortens the pause
    CHECK(limiter.paused_until() >= throttled_at + 3s);
  }

  TEST_CASE("the learned margin widens the window") {
    FakeClock clock;
    Limiter limiter(clock, options_with_rate(5));
    std::mt19937_64 rng(3);
    std::uniform_int_distribution<int> rtt_ms(20, 150);
    for (int i = 0; i < 64; ++i) limiter.observe_rtt(std::chrono::milliseconds(rtt_ms(rng)));
    const auto margin = limiter.current_margin();
    CHECK(margin >= 60ms);
    const auto starts = acquire_n(limiter, 30);
    CHECK(max_starts_in_window(starts, 1s + margin) <= 5);
  }

  TEST_CASE("stop wakes a blocked acquire") {
    FakeClock clock;
    Limiter limiter(clock, options_with_rate(5));
    std::stop_source stop;
    stop.request_stop();
    CHECK_FALSE(limiter.acquire(RequestKind::kCreate, stop.get_token()));
  }

  TEST_CASE("options come from the rate_limit section of the config") {
    payq::config::RateLimitConfig rate_limit;
    rate_limit.requests_per_second = 3;
    FakeClock clock;
    Limiter limiter(clock, payq::limiter::limiter_options_from(rate_limit));
    CHECK(limiter.current_rate() == doctest::Approx(3.0));
  }
}
