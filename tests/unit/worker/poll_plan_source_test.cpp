// unit/worker/poll_plan_source_test.cpp — when the adaptive plan is re-learned: every refresh interval while the
// plan moves, less often (doubling, capped) while it holds still. Real SQLite file, fake clock.
#include <doctest/doctest.h>

#include "store/sqlite/sqlite_settle_history.h"
#include "worker/poll_plan_source.h"
#include "worker_fixture.h"

using payq::worker::PollPlanSource;

namespace {

// 60 requests created an hour ago: 40 paid between `paid_from` and `paid_from` + 20 s, 20 still pending at 10 min.
void history(payq::testing::WorkerFixture& f, std::int64_t paid_from_ms) {
  const std::int64_t old = payq::worker::wall_ms(f.clock) - 3'600'000;
  f.db->exec("UPDATE payment_intents SET state = 'submitted', remote_id = 'pay_' || substr(reference_id, 3),"
             " remote_status = 'pending', changed_by = 'submitter', submitted_at = " + std::to_string(old) +
             ", pending_seen_at = " + std::to_string(old + 600'000) + ", next_poll_at = " + std::to_string(old + 7'200'000));
  f.db->exec("UPDATE payment_intents SET state = 'settled', remote_status = 'paid', changed_by = 'reconciler',"
             " pending_seen_at = " + std::to_string(old + paid_from_ms) + ", settled_at = " +
             std::to_string(old + paid_from_ms + 20'000) + " WHERE CAST(substr(reference_id, 3) AS INTEGER) <= 40");
}

// An adaptive schedule over that history (customers paying from 50 s on), the source that learns from it and
// its base refresh interval.
struct PlanSourceFixture {
  payq::testing::WorkerFixture f{60};
  payq::store::SqliteSettleHistory settle_history{*f.db};
  PollPlanSource source{settle_history, f.settings.polls, f.clock};
  std::chrono::milliseconds base = PollPlanSource::refresh_interval(f.settings.polls);

  PlanSourceFixture() {
    f.settings.polls.policy = payq::config::PollPolicy::kAdaptive;
    history(f, 50'000);
  }
};

}  // namespace

TEST_SUITE("worker.poll_plan_source") {
  TEST_CASE("a plan that holds still is re-read less often; one that moves is followed at the base interval") {
    PlanSourceFixture fixture;
    auto& f = fixture.f;
    auto& source = fixture.source;
    const auto base = fixture.base;
    REQUIRE(base == std::chrono::minutes(1));

    const auto* plan = source.current();
    REQUIRE(plan != nullptr);
    const double first = plan->lag_per_poll_ms();
    f.clock.advance(base);
    REQUIRE(source.current() != nullptr);  // re-learned: the same history, the same plan (steady)
    CHECK(source.current()->lag_per_poll_ms() == doctest::Approx(first));

    // Customers now pay five minutes later: one base interval on, the steady plan is not re-read yet...
    history(f, 300'000);
    f.clock.advance(base);
    CHECK(source.current()->lag_per_poll_ms() == doctest::Approx(first));
    // ...two intervals after the last re-learning it is, and the plan follows.
    f.clock.advance(base);
    const double moved = source.current()->lag_per_poll_ms();
    CHECK(moved != doctest::Approx(first).epsilon(PollPlanSource::kSteady));

    // Having moved, the next re-learning comes after the base interval again.
    history(f, 50'000);
    f.clock.advance(base);
    CHECK(source.current()->lag_per_poll_ms() == doctest::Approx(first));
  }

  TEST_CASE("the interval stops doubling at kMaxRefreshFactor times the base") {
    PlanSourceFixture fixture;
    auto& f = fixture.f;
    auto& source = fixture.source;
    const auto base = fixture.base;
    REQUIRE(source.current() != nullptr);
    // Steady re-learnings at 1, 2, 4, 8 and then every 10 base intervals.
    for (int wait : {1, 2, 4, 8, 10}) {
      f.clock.advance(base * wait);
      REQUIRE(source.current() != nullptr);
    }
    const double steady = source.current()->lag_per_poll_ms();
    history(f, 300'000);
    f.clock.advance(base * 9);
    CHECK(source.current()->lag_per_poll_ms() == doctest::Approx(steady));
    f.clock.advance(base);
    CHECK(source.current()->lag_per_poll_ms() != doctest::Approx(steady).epsilon(PollPlanSource::kSteady));
  }
}
