// store/postgres/pg_queue_stats_test.cpp — open work and per-state counts on PostgreSQL match the intents' states
// (store/queue_store_test.cpp's open-count case); nothing open once every intent is final.
#include <doctest/doctest.h>

#include "store/postgres/pg_queue_stats.h"
#include "store/postgres/pg_seed.h"

using payq::store::postgres::PgQueueStats;

TEST_SUITE("postgres.queue_stats") {
  TEST_CASE("open counts and counts by state match the states; no open work once all are final") {
    payq::testing::PgSeed db;
    PgQueueStats stats(db.session());
    auto empty = stats.has_open_work();
    REQUIRE_MESSAGE(empty.is_ok(), empty.status().to_string());
    CHECK_FALSE(*empty);

    for (const char* ref : {"R-1", "R-2", "R-3", "R-4"}) db.add(ref);
    db.exec("UPDATE payment_intents SET state = 'submitting', lease_until = 5 WHERE reference_id = 'R-2'");
    db.submit("R-3", 1'000, 2'000);
    db.fail("R-4", "refused", 1'000);
    CHECK(*stats.has_open_work());
    auto open = stats.count_open();
    REQUIRE(open.is_ok());
    CHECK(open->queued == 1);
    CHECK(open->submitting == 1);
    CHECK(open->submitted == 1);
    CHECK(*stats.count_by_state() ==
          std::map<std::string, std::int64_t>{{"queued", 1}, {"submitting", 1}, {"submitted", 1}, {"failed", 1}});

    db.cancel("R-1", 3'000);
    db.exec("UPDATE payment_intents SET state = 'on_hold', lease_until = NULL WHERE reference_id = 'R-2'");
    db.settle("R-3", "paid", 4'000);
    CHECK_FALSE(*stats.has_open_work());
    CHECK(stats.count_open()->queued == 0);
  }
}
