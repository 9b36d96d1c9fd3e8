// unit/worker/interval_estimate_test.cpp — Turnbull's estimate: innermost intervals, wide brackets resolved by
// narrow ones, censoring, the label split and degenerate brackets. Pure.
#include <doctest/doctest.h>

#include <numeric>

#include "worker/interval_estimate.h"

using payq::worker::Bracket;
using payq::worker::estimate_intervals;
using payq::worker::IntervalMass;

namespace {

double total(const std::vector<IntervalMass>& masses) {
  return std::accumulate(masses.begin(), masses.end(), 0.0,
                         [](double sum, const IntervalMass& m) { return sum + m.probability; });
}

// The probability the estimate puts inside (after, by].
double mass_within(const std::vector<IntervalMass>& masses, std::int64_t after, std::int64_t by) {
  double sum = 0;
  for (const IntervalMass& m : masses) {
    if (m.by_ms && m.after_ms >= after && *m.by_ms <= by) sum += m.probability;
  }
  return sum;
}

}  // namespace

TEST_SUITE("worker.interval_estimate") {
  TEST_CASE("no observations, no intervals") { CHECK(estimate_intervals({}, 1).empty()); }

  TEST_CASE("disjoint brackets are their own innermost intervals, weighted by count") {
    std::vector<Bracket> seen(30, Bracket{10, 20, 0});
    seen.insert(seen.end(), 10, Bracket{40, 50, 0});
    const auto masses = estimate_intervals(seen, 1);
    REQUIRE(masses.size() == 2);
    CHECK(masses[0].after_ms == 10);
    CHECK(*masses[0].by_ms == 20);
    CHECK(masses[0].probability == doctest::Approx(0.75));
    CHECK(masses[1].probability == doctest::Approx(0.25));
    CHECK(total(masses) == doctest::Approx(1.0));
  }

  TEST_CASE("wide brackets go where the narrow ones show changes, not to their own middle") {
    // Half the requests were polled at 10 s and 12 s, all changed in between; the other half were first polled
    // at 60 s (their first poll came late) and had changed by then. The late ones say only "by 60 s": the
    // maximum-likelihood answer puts them where the well-observed ones changed, not at 30 s.
    std::vector<Bracket> seen(50, Bracket{10'000, 12'000, 0});
    seen.insert(seen.end(), 50, Bracket{0, 60'000, 0});
    const auto masses = estimate_intervals(seen, 1);
    CHECK(mass_within(masses, 10'000, 12'000) == doctest::Approx(1.0).epsilon(1e-3));
    CHECK(total(masses) == doctest::Approx(1.0));
  }

  TEST_CASE("censored observations keep mass beyond their last sighting") {
    std::vector<Bracket> seen(20, Bracket{0, 1'000, 0});
    seen.insert(seen.end(), 20, Bracket{5'000, std::nullopt, 0});
    const auto masses = estimate_intervals(seen, 1);
    REQUIRE(masses.size() == 2);
    CHECK(*masses[0].by_ms == 1'000);
    CHECK(masses[0].probability == doctest::Approx(0.5));
    CHECK_FALSE(masses[1].by_ms);  // beyond 5 s: nobody has seen these change yet
    CHECK(masses[1].after_ms == 5'000);
    CHECK(masses[1].probability == doctest::Approx(0.5));
    CHECK(masses[1].label_share[0] == 0.0);
  }

  TEST_CASE("a censored request also counts towards the changes seen after its sighting") {
    // 10 pending when last seen at 5 s, 10 changed in (10 s, 20 s] and nothing is known beyond 20 s: the most
    // likely account has the censored ones change there too (no interval is left beyond).
    std::vector<Bracket> seen(10, Bracket{5'000, std::nullopt, 0});
    seen.insert(seen.end(), 10, Bracket{10'000, 20'000, 0});
    const auto masses = estimate_intervals(seen, 1);
    REQUIRE(masses.size() == 1);
    CHECK(masses[0].after_ms == 10'000);
    CHECK(masses[0].probability == doctest::Approx(1.0));
  }

  TEST_CASE("the label split follows the events observed in each interval") {
    std::vector<Bracket> seen(30, Bracket{10, 20, 0});
    seen.insert(seen.end(), 10, Bracket{10, 20, 2});
    seen.insert(seen.end(), 20, Bracket{100, 200, 1});
    const auto masses = estimate_intervals(seen, 3);
    REQUIRE(masses.size() == 2);
    CHECK(masses[0].label_share[0] == doctest::Approx(0.75));
    CHECK(masses[0].label_share[1] == doctest::Approx(0.0));
    CHECK(masses[0].label_share[2] == doctest::Approx(0.25));
    CHECK(masses[1].label_share[1] == doctest::Approx(1.0));
  }

  TEST_CASE("a bracket that closes where it opens is its last millisecond; negative ages count from zero") {
    std::vector<Bracket> seen{Bracket{500, 500, 0}, Bracket{-20, 300, 0}};
    const auto masses = estimate_intervals(seen, 1);
    REQUIRE(masses.size() == 2);
    CHECK(masses[0].after_ms == 0);
    CHECK(*masses[0].by_ms == 300);
    CHECK(masses[1].after_ms == 499);
    CHECK(*masses[1].by_ms == 500);
    CHECK(total(masses) == doctest::Approx(1.0));
  }
}
