// unit/worker/poll_schedule_test.cpp — next_poll_at: first poll after creation, backoff's geometric growth and cap,
// the adaptive plan's spacing and bounds, and the change likelihood that orders due polls. Pure; times in UTC ms.
#include <doctest/doctest.h>

#include <random>

#include "worker/adaptive_plan.h"
#include "worker/poll_schedule.h"

using namespace std::chrono_literals;
using payq::config::PollPolicy;
using payq::worker::AdaptivePlan;
using payq::worker::poll_urgency;
using payq::worker::next_poll_at;
using payq::worker::poll_interval;
using payq::worker::PollHistory;
using payq::worker::PollSchedule;
using payq::worker::poll_schedule_from;
using payq::worker::SettleCurve;
using payq::worker::SettleOutcome;
using payq::worker::SettleSighting;

namespace {

const std::int64_t created = 1'800'000'000'000;

PollSchedule backoff_schedule() {
  PollSchedule schedule{5s, 15min, 2.0, 1s};
  schedule.policy = PollPolicy::kBackoff;
  return schedule;
}

// 1,000 requests: 600 paid at ages spread over 1..10 min (seen within 10 s), 400 expired at 2 h (seen at 2 h 1 s).
SettleCurve two_phase_history() {
  std::vector<SettleSighting> sightings;
  for (int i = 0; i < 600; ++i) {
    const std::int64_t paid = 60'000 + i * 900;
    sightings.push_back({paid - 5'000, paid + 5'000, SettleOutcome::kPaid});
  }
  for (int i = 0; i < 400; ++i) sightings.push_back({7'000'000, 7'201'000, SettleOutcome::kExpired});
  return SettleCurve::learn(sightings);
}

}  // namespace

TEST_SUITE("worker.poll_schedule") {
  TEST_CASE("the first poll is first_poll_after the creation under both policies, even when overdue") {
    for (PollPolicy policy : {PollPolicy::kBackoff, PollPolicy::kAdaptive}) {
      PollSchedule schedule = backoff_schedule();
      schedule.policy = policy;
      const auto plan = AdaptivePlan::make(two_phase_history(), schedule);
      REQUIRE(plan);
      CHECK(next_poll_at(created, {created, created, 0}, schedule, &*plan) == created + 5000);
      CHECK(next_poll_at(created + 3'600'000, {created, created, 0}, schedule, &*plan) == created + 5000);
    }
  }

  TEST_CASE("backoff: later polls back off geometrically from the poll just made") {
    const PollSchedule schedule = backoff_schedule();
    CHECK(poll_interval(1, schedule) == 10s);
    CHECK(poll_interval(2, schedule) == 20s);
    CHECK(poll_interval(3, schedule) == 40s);
    const std::int64_t polled = created + 37'000;
    CHECK(next_poll_at(polled, {created, polled, 3}, schedule, nullptr) == polled + 40'000);
    const PollSchedule gentle{5s, 15min, 1.5, 1s};
    CHECK(poll_interval(2, gentle) == 11250ms);
  }

  TEST_CASE("backoff: intervals stop growing at max_poll_interval, without overflow") {
    const PollSchedule schedule = backoff_schedule();
    CHECK(poll_interval(8, schedule) == 15min);  // 5 s * 256 = 21 min 20 s, capped
    CHECK(poll_interval(10000, schedule) == 15min);
    const PollSchedule wild{5s, 15min, 1e300, 1s};
    CHECK(poll_interval(50, wild) == 15min);
  }

  TEST_CASE("a zero first_poll_after still spaces later polls by min_interval") {
    const PollSchedule eager{0ms, 15min, 2.0, 1s};
    CHECK(next_poll_at(created, {created, created, 0}, eager, nullptr) == created);
    CHECK(poll_interval(1, eager) == 2s);
    const PollSchedule flat{5s, 15min, 0.5, 1s};  // growth below 1 is treated as 1
    CHECK(poll_interval(6, flat) == 5s);
  }

  TEST_CASE("the schedule comes from the reconciler section of the config") {
    payq::config::ReconcilerConfig reconciler;
    reconciler.first_poll_after = 2s;
    reconciler.max_poll_interval = 1min;
    reconciler.max_poll_gap = 20min;
    const PollSchedule from = poll_schedule_from(reconciler);
    CHECK(from.policy == PollPolicy::kAdaptive);
    CHECK(from.max_poll_gap == 20min);
    CHECK(next_poll_at(created, {created, created, 0}, from, nullptr) == created + 2000);
    CHECK(poll_interval(20, from) == 1min);
  }

  TEST_CASE("adaptive without a plan (too little history) is backoff") {
    PollSchedule schedule = backoff_schedule();
    schedule.policy = PollPolicy::kAdaptive;
    std::vector<SettleSighting> few(20, SettleSighting{1000, 2000, SettleOutcome::kPaid});
    CHECK_FALSE(AdaptivePlan::make(SettleCurve::learn(few), schedule));
    const std::int64_t polled = created + 37'000;
    CHECK(next_poll_at(polled, {created, polled, 3}, schedule, nullptr) == polled + 40'000);
    CHECK(poll_urgency(polled, {created, created, 1}, nullptr) == 0);
  }

  TEST_CASE("adaptive: frequent where changes are likely, quiet before a learned expiry, one poll just after it") {
    PollSchedule schedule = backoff_schedule();
    schedule.policy = PollPolicy::kAdaptive;
    const auto plan = AdaptivePlan::make(two_phase_history(), schedule);
    REQUIRE(plan);
    const auto next_after = [&](std::int64_t age) {
      return next_poll_at(created + age, {created, created + age, 4}, schedule, &*plan) - created;
    };
    const std::int64_t in_payments = next_after(3 * 60'000) - 3 * 60'000;
    CHECK(in_payments >= 1000);
    CHECK(in_payments <= 5 * 60'000);
    // After the payments, nothing changes until the expiry: the next poll waits, but at most max_poll_gap (1 h).
    CHECK(next_after(20 * 60'000) == 20 * 60'000 + 3'600'000);
    // An hour before the expiry: the next poll comes just after the learned expiry age, not before it.
    const std::int64_t near_expiry = next_after(6'700'000);
    CHECK(near_expiry >= 7'201'000);
    CHECK(near_expiry <= 7'260'000);
  }

  TEST_CASE("adaptive: bounds hold for any history — first_poll_after, min_interval, max_poll_gap") {
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> delay(std::log(600'000.0), 1.5);
    std::vector<SettleSighting> sightings;
    for (int i = 0; i < 2000; ++i) {
      const auto paid = static_cast<std::int64_t>(delay(rng));
      if (i % 3 == 0) {
        sightings.push_back({paid / 2, std::nullopt, SettleOutcome::kPending});
      } else {
        sightings.push_back({paid * 9 / 10, paid, i % 5 == 0 ? SettleOutcome::kCancelled : SettleOutcome::kPaid});
      }
    }
    PollSchedule schedule = backoff_schedule();
    schedule.policy = PollPolicy::kAdaptive;
    schedule.max_poll_gap = 30min;
    const auto plan = AdaptivePlan::make(SettleCurve::learn(sightings), schedule);
    REQUIRE(plan);
    CHECK(plan->lag_per_poll_ms() > 0);
    for (std::int64_t age = 0; age < 48LL * 3'600'000; age += 611'111) {
      CAPTURE(age);
      const std::int64_t next = next_poll_at(created + age, {created, created + age, 2}, schedule, &*plan) - created;
      CHECK(next >= age + 1000);
      CHECK(next >= 5000);
      CHECK(next <= age + 30 * 60'000);
    }
  }

  TEST_CASE("adaptive: urgency orders due polls; it grows with the time since the last look and with the odds") {
    PollSchedule schedule = backoff_schedule();
    schedule.policy = PollPolicy::kAdaptive;
    const auto plan = AdaptivePlan::make(two_phase_history(), schedule);
    REQUIRE(plan);
    const std::int64_t now = created + 4 * 60'000;
    const double recent = poll_urgency(now, {created, now - 10'000, 3}, &*plan);
    const double stale = poll_urgency(now, {created, now - 120'000, 3}, &*plan);
    CHECK(recent > 0);
    CHECK(stale > recent);
    CHECK(plan->change_likelihood(120'000, 240'000) > plan->change_likelihood(230'000, 240'000));
    // A request in the quiet hour before its expiry has built up no lag: it waits behind the others.
    const std::int64_t quiet = created + 3'000'000;
    CHECK(poll_urgency(quiet, {created, quiet - 600'000, 5}, &*plan) < recent);
  }
}
