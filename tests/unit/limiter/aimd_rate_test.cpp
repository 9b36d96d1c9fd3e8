// unit/limiter/aimd_rate_test.cpp — AimdRate: halving with a floor, one decrease per event, linear climb.
// Pure, single-threaded; time points are built by hand.
#include <doctest/doctest.h>

#include "limiter/aimd_rate.h"

using namespace std::chrono_literals;
using payq::limiter::AimdOptions;
using payq::limiter::AimdRate;

TEST_SUITE("limiter.aimd_rate") {
  const AimdRate::Time t0{1000s};

  TEST_CASE("a throttle halves the rate and it climbs back by 0.5 per second") {
    AimdRate rate{AimdOptions{}};
    CHECK(rate.rate_at(t0) == doctest::Approx(5.0));
    CHECK(rate.on_throttled(t0, t0));
    CHECK(rate.rate_at(t0) == doctest::Approx(2.5));
    CHECK(rate.rate_at(t0 + 2s) == doctest::Approx(3.5));
    CHECK(rate.rate_at(t0 + 5s) == doctest::Approx(5.0));
    CHECK(rate.rate_at(t0 + 60s) == doctest::Approx(5.0));
  }

  TEST_CASE("repeated throttles stop at the floor") {
    AimdOptions options;
    options.increase_per_second = 0.0;
    AimdRate rate{options};
    const double expected[] = {2.5, 1.25, 0.625, 0.5, 0.5};
    for (int i = 0; i < 5; ++i) {
      rate.on_throttled(t0 + i * 2s, t0 + i * 2s);
      CHECK(rate.rate_at(t0 + i * 2s) == doctest::Approx(expected[i]));
    }
  }

  TEST_CASE("throttles of one congestion event decrease once") {
    AimdRate rate{AimdOptions{}};
    CHECK(rate.on_throttled(t0, t0));
    CHECK_FALSE(rate.on_throttled(t0 + 100ms, t0 + 100ms));
    CHECK_FALSE(rate.on_throttled(t0 + 900ms, t0 + 900ms));
    CHECK(rate.rate_at(t0 + 900ms) == doctest::Approx(2.5 + 0.45));
    CHECK(rate.on_throttled(t0 + 1s, t0 + 1s));
    CHECK(rate.rate_at(t0 + 1s) == doctest::Approx(1.5));
  }

  TEST_CASE("growth waits for the end of a Retry-After pause") {
    AimdRate rate{AimdOptions{}};
    rate.on_throttled(t0, t0 + 10s);
    CHECK(rate.rate_at(t0 + 10s) == doctest::Approx(2.5));
    CHECK(rate.rate_at(t0 + 12s) == doctest::Approx(3.5));
  }
}
