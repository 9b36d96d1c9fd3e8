// unit/limiter/jitter_margin_test.cpp — JitterMargin: quiet link near the floor, jitter widens it, clamps hold.
// Pure, single-threaded; RTT samples come from a seeded generator.
#include <doctest/doctest.h>

#include <random>

#include "limiter/jitter_margin.h"

using namespace std::chrono_literals;
using payq::limiter::JitterMargin;
using payq::limiter::MarginOptions;

namespace {

// 64 RTTs uniform in [low, high].
JitterMargin margin_after(std::chrono::microseconds low, std::chrono::microseconds high) {
  JitterMargin margin{MarginOptions{}};
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> rtt(low.count(), high.count());
  for (int i = 0; i < 64; ++i) margin.observe(std::chrono::microseconds(rtt(rng)));
  return margin;
}

}  // namespace

TEST_SUITE("limiter.jitter_margin") {
  TEST_CASE("before enough samples the margin is the conservative unknown-link value") {
    JitterMargin margin{MarginOptions{}};
    CHECK(margin.margin() == MarginOptions{}.ceiling);
    for (int i = 0; i < 7; ++i) margin.observe(1ms);
    CHECK(margin.margin() == MarginOptions{}.ceiling);
    margin.observe(1ms);
    CHECK(margin.margin() == MarginOptions{}.floor);
  }

  TEST_CASE("a quiet link stays at the floor") {
    CHECK(margin_after(900us, 1100us).margin() == MarginOptions{}.floor);
    CHECK(margin_after(40ms, 41ms).margin() == MarginOptions{}.floor);  // a long but steady link needs no more
  }

  TEST_CASE("the margin grows with the spread of round trips") {
    const auto small = margin_after(10ms, 50ms).margin();
    const auto large = margin_after(20ms, 150ms).margin();
    CHECK(small > MarginOptions{}.floor);
    CHECK(large > small);
    // 20..150 ms round trips: one leg spreads over about 65 ms; the margin must cover it without wasting budget.
    CHECK(large >= 60ms);
    CHECK(large <= 110ms);
  }

  TEST_CASE("the margin is clamped to the ceiling and the configured floor") {
    CHECK(margin_after(10ms, 2000ms).margin() == 250ms);
    MarginOptions options;
    options.floor = 30ms;
    JitterMargin margin{options};
    for (int i = 0; i < 64; ++i) margin.observe(1ms);
    CHECK(margin.margin() == 30ms);
  }

  TEST_CASE("old samples leave the ring") {
    JitterMargin margin = margin_after(20ms, 150ms);
    for (int i = 0; i < 64; ++i) margin.observe(5ms);
    CHECK(margin.margin() == MarginOptions{}.floor);
  }
}
