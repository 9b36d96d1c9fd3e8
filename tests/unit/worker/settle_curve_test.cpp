// unit/worker/settle_curve_test.cpp — the learned curve: events at the middle of their innermost interval, expiries
// at their sighting, censoring, late first polls, the horizon and its constant-hazard tail, the lag integral. Pure.
#include <doctest/doctest.h>

#include <cmath>

#include "worker/settle_curve.h"

using payq::worker::settle_outcome_of;
using payq::worker::SettleCurve;
using payq::worker::SettleOutcome;
using payq::worker::SettleSighting;

TEST_SUITE("worker.settle_curve") {
  TEST_CASE("terminal remote statuses are the outcomes; anything else is still pending") {
    CHECK(settle_outcome_of("paid") == SettleOutcome::kPaid);
    CHECK(settle_outcome_of("cancelled") == SettleOutcome::kCancelled);
    CHECK(settle_outcome_of("expired") == SettleOutcome::kExpired);
    CHECK(settle_outcome_of("pending") == SettleOutcome::kPending);
    CHECK(settle_outcome_of("authorised") == SettleOutcome::kPending);
  }

  TEST_CASE("censored requests count as at risk until their last pending sighting, not as settled") {
    // 40 paid between 10 s and 30 s (counted at 20 s), 40 still pending when last seen at 60 s.
    std::vector<SettleSighting> sightings(40, SettleSighting{10'000, 30'000, SettleOutcome::kPaid});
    sightings.insert(sightings.end(), 40, SettleSighting{60'000, std::nullopt, SettleOutcome::kPending});
    const SettleCurve curve = SettleCurve::learn(sightings);
    CHECK(curve.events() == 40);
    CHECK(curve.paid_events() == 40);
    CHECK(curve.survival(19'999) == 1.0);
    CHECK(curve.survival(20'000) == doctest::Approx(0.5));
    CHECK(curve.horizon_ms() == 60'000);
    CHECK(*curve.median_time_to_payment_ms() == doctest::Approx(20'000));
    // No change between 20 s and 60 s: the tail beyond the horizon has no hazard, the curve stays flat.
    CHECK(curve.survival(600'000) == doctest::Approx(0.5));
  }

  TEST_CASE("requests first polled late do not move the changes the well-polled ones show") {
    // 100 requests polled every second paid between 10 s and 20 s; 100 more, whose first poll came at 120 s
    // (their creates waited for a long batch), were paid by then. Counting those at the middle of (0, 120 s]
    // would put half of all payments at 60 s; the curve puts them where the well-polled ones paid.
    std::vector<SettleSighting> sightings;
    for (int i = 0; i < 100; ++i) {
      const std::int64_t before = 10'000 + i * 100;
      sightings.push_back({before, before + 1'000, SettleOutcome::kPaid});
    }
    sightings.insert(sightings.end(), 100, SettleSighting{0, 120'000, SettleOutcome::kPaid});
    sightings.insert(sightings.end(), 50, SettleSighting{600'000, std::nullopt, SettleOutcome::kPending});
    const SettleCurve curve = SettleCurve::learn(sightings);
    CHECK(curve.events() == 200);
    CHECK(curve.survival(9'000) == 1.0);
    CHECK(curve.survival(25'000) == doctest::Approx(0.2).epsilon(0.01));  // the 50 pending of 250
    CHECK(*curve.median_time_to_payment_ms() < 21'000);
  }

  TEST_CASE("expiries count at their sighting; a thin tail (fewer than kMinAtRisk) ends the horizon") {
    std::vector<SettleSighting> sightings(30, SettleSighting{3'500'000, 3'601'000, SettleOutcome::kExpired});
    sightings.insert(sightings.end(), 10, SettleSighting{9'000'000, std::nullopt, SettleOutcome::kPending});
    const SettleCurve curve = SettleCurve::learn(sightings);
    CHECK(curve.survival(3'600'999) == 1.0);
    CHECK(curve.survival(3'601'000) == doctest::Approx(0.25));
    CHECK(curve.horizon_ms() == 3'601'000);  // only 10 left at risk beyond
    CHECK_FALSE(curve.median_time_to_payment_ms());
  }

  TEST_CASE("beyond the horizon the hazard of its second half continues") {
    // 1,000 at risk; 10 settle every 10 s up to 200 s, the rest are still pending at 200 s.
    std::vector<SettleSighting> sightings;
    for (int i = 1; i <= 200; ++i) {
      const std::int64_t age = i * 1000;
      if (i % 10 == 0) {
        for (int k = 0; k < 10; ++k) sightings.push_back({age, age, SettleOutcome::kPaid});
      }
    }
    sightings.insert(sightings.end(), 800, SettleSighting{200'000, std::nullopt, SettleOutcome::kPending});
    const SettleCurve curve = SettleCurve::learn(sightings);
    const double at_horizon = curve.survival(200'000);
    const double hazard = std::log(curve.survival(100'000) / at_horizon) / 100'000;
    CHECK(curve.survival(300'000) == doctest::Approx(at_horizon * std::exp(-hazard * 100'000)));
    CHECK(curve.survival(300'000) < at_horizon);
  }

  TEST_CASE("the lag integral: reached sooner where changes are dense, capped at the limit where there are none") {
    std::vector<SettleSighting> sightings;
    for (int i = 0; i < 100; ++i) sightings.push_back({i * 1000, i * 1000 + 2, SettleOutcome::kPaid});  // 0..99 s
    sightings.insert(sightings.end(), 100, SettleSighting{10'000'000, std::nullopt, SettleOutcome::kPending});
    const SettleCurve curve = SettleCurve::learn(sightings);
    const double dense = curve.age_when_lag_reaches(10'000, 2'000, 1e9) - 10'000;
    // One change per second among ~189 at risk: sqrt(2 * lag / hazard) = sqrt(2 * 2 s * 189 s) = 27.5 s.
    CHECK(dense == doctest::Approx(27'500).epsilon(0.03));
    // lag_built_up is the same integral read the other way.
    CHECK(curve.lag_built_up(10'000, 10'000 + dense) == doctest::Approx(2'000).epsilon(0.01));
    CHECK(curve.lag_built_up(10'000, 10'000) == 0);
    // From 200 s on nothing ever changed: wait until the limit.
    CHECK(curve.age_when_lag_reaches(200'000, 2'000, 3'800'000) == 3'800'000);
  }
}
