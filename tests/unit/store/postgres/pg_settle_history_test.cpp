// store/postgres/pg_settle_history_test.cpp — the reconciler's history on PostgreSQL: requests settled by a poll or
// seen pending, newest first and limited; an operator's settlement left out; the load counts the last hour's polls.
#include <doctest/doctest.h>

#include "store/postgres/pg_seed.h"
#include "store/postgres/pg_settle_history.h"

using payq::store::postgres::PgSettleHistory;

TEST_SUITE("postgres.settle_history") {
  TEST_CASE("recent: settled by a poll or seen pending, newest request first; operators' settlements left out") {
    payq::testing::PgSeed db;
    for (const char* ref : {"R-1", "R-2", "R-3", "R-4"}) db.add(ref);
    db.submit("R-1", 1'000, 2'000);
    db.settle("R-1", "paid", 9'000);
    db.submit("R-2", 2'000, 3'000);
    db.exec("UPDATE payment_intents SET pending_seen_at = 5000, changed_by = 'reconciler'"
            " WHERE reference_id = 'R-2'");
    db.submit("R-3", 3'000, 4'000);  // never polled pending yet: no sighting to learn from
    db.submit("R-4", 4'000, 5'000);
    db.exec("UPDATE payment_intents SET state = 'settled', remote_status = 'paid', settled_at = 6000,"
            " changed_by = 'operator:ann' WHERE reference_id = 'R-4'");

    auto recent = PgSettleHistory(db.session()).recent(10);
    REQUIRE_MESSAGE(recent.is_ok(), recent.status().to_string());
    REQUIRE(recent->size() == 2);
    CHECK((*recent)[0].submitted_at == 2'000);
    CHECK((*recent)[0].pending_seen_at == 5'000);
    CHECK_FALSE((*recent)[0].settled_at.has_value());
    CHECK((*recent)[0].remote_status == "pending");
    CHECK((*recent)[1].submitted_at == 1'000);
    CHECK((*recent)[1].pending_seen_at == 1'000);  // submitted_at before any sighting
    CHECK((*recent)[1].settled_at == 9'000);
    CHECK((*recent)[1].remote_status == "paid");
    CHECK(PgSettleHistory(db.session()).recent(1)->size() == 1);
  }

  TEST_CASE("load: submitted intents and the polls of the last hour") {
    payq::testing::PgSeed db;
    const std::int64_t now = 10'000'000;
    const std::int64_t id = db.add("R-1");
    db.add("R-2");
    db.submit("R-1", 1'000, 2'000);
    db.call(id, "poll", now - 3'600'001, 10, 200, "success");  // just over an hour ago
    db.call(id, "poll", now - 3'600'000, 10, 200, "success");
    db.call(id, "poll", now - 1, 10, 200, "success");
    db.call(id, "create", now - 1, 10, 201, "success");
    auto load = PgSettleHistory(db.session()).load(now);
    REQUIRE_MESSAGE(load.is_ok(), load.status().to_string());
    CHECK(load->awaiting_poll == 1);
    CHECK(load->polls_last_hour == 2);
  }
}
