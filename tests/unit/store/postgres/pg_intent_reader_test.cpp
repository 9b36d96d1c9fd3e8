// store/postgres/pg_intent_reader_test.cpp — list/show/wait reads on PostgreSQL: list filters and limits applied in
// the query (store/intent_reader_test.cpp's cases), paging past one page in id order with nothing twice, stopping
// early; find returns every column; transitions come oldest first.
#include <doctest/doctest.h>

#include <vector>

#include "store/postgres/pg_intent_reader.h"
#include "store/postgres/pg_seed.h"

using payq::store::IntentRecord;
using payq::store::ListQuery;
using payq::store::postgres::PgIntentReader;
using Refs = std::vector<std::string>;

namespace {

Refs listed(pqxx::connection& session, const ListQuery& query) {
  Refs refs;
  const auto status = PgIntentReader(session).for_each(query, [&](const IntentRecord& r) {
    refs.push_back(r.reference_id);
    return true;
  });
  REQUIRE_MESSAGE(status.is_ok(), status.to_string());
  return refs;
}

ListQuery query(auto&& set) {
  ListQuery q;
  set(q);
  return q;
}

}  // namespace

TEST_SUITE("postgres.intent_reader") {
  TEST_CASE("list filters: remote status (or none), a created_at window and a limit, all in the query") {
    payq::testing::PgSeed db;
    for (int i = 1; i <= 4; ++i) db.add("R-" + std::to_string(i), "10.00", "EUR", std::nullopt, 1000 * i);
    db.exec("UPDATE payment_intents SET remote_status = 'paid' WHERE reference_id IN ('R-2', 'R-4')");
    db.exec("UPDATE payment_intents SET remote_status = 'pending' WHERE reference_id = 'R-3'");
    auto& s = db.session();
    CHECK(listed(s, ListQuery{}) == Refs{"R-1", "R-2", "R-3", "R-4"});
    CHECK(listed(s, query([](ListQuery& q) { q.remote_status = "paid"; })) == Refs{"R-2", "R-4"});
    CHECK(listed(s, query([](ListQuery& q) { q.without_remote_status = true; })) == Refs{"R-1"});
    CHECK(listed(s, query([](ListQuery& q) { q.since_ms = 2000, q.until_ms = 3000; })) == Refs{"R-2", "R-3"});
    CHECK(listed(s, query([](ListQuery& q) { q.since_ms = 2000, q.limit = 1; })) == Refs{"R-2"});
    CHECK(listed(s, query([](ListQuery& q) { q.remote_status = "paid", q.since_ms = 3000; })) == Refs{"R-4"});
    CHECK(listed(s, query([](ListQuery& q) { q.filter.state = "queued", q.limit = 3; })) == Refs{"R-1", "R-2", "R-3"});
    CHECK(listed(s, query([](ListQuery& q) { q.filter.state = "settled"; })).empty());
    CHECK(listed(s, query([](ListQuery& q) { q.until_ms = 999; })).empty());
  }

  TEST_CASE("list pages through more rows than one page, in id order, each once; a limit and a stop end it") {
    payq::testing::PgSeed db;
    db.exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch)"
            " SELECT 'P-' || n, '1.00', 'USD', 'https://s.example/r', CASE WHEN n % 2 = 0 THEN 'even' END"
            " FROM generate_series(1, 2500) AS n");
    std::vector<std::int64_t> ids;
    REQUIRE(PgIntentReader(db.session()).for_each({}, [&](const IntentRecord& r) {
      ids.push_back(r.id);
      return true;
    }).is_ok());
    REQUIRE(ids.size() == 2500);
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());

    auto evens = listed(db.session(), query([](ListQuery& q) { q.filter.batch = "even", q.limit = 1001; }));
    REQUIRE(evens.size() == 1001);
    CHECK(evens.front() == "P-2");
    CHECK(evens.back() == "P-2002");

    int seen = 0;
    REQUIRE(PgIntentReader(db.session()).for_each({}, [&](const IntentRecord&) { return ++seen < 1500; }).is_ok());
    CHECK(seen == 1500);
  }

  TEST_CASE("find returns every column of an intent, nullopt for an unknown reference; transitions oldest first") {
    payq::testing::PgSeed db;
    const std::int64_t id = db.add("R-1", "12.50", "EUR", "nov", 1'000);
    db.add("R-2", "1.00", "USD", std::nullopt, 2'000);
    db.exec("UPDATE payment_intents SET next_attempt_at = 4000 WHERE reference_id = 'R-2'");
    db.submit("R-1", 2'000, 7'000);
    db.exec("UPDATE payment_intents SET payment_url = 'https://pay.example/pr_R-1', remote_payload = '{}',"
            " throttled = 2, ambiguous = 1, last_error = '503' WHERE reference_id = 'R-1'");
    PgIntentReader reader(db.session());

    auto found = reader.find("R-1");
    REQUIRE_MESSAGE(found.is_ok(), found.status().to_string());
    REQUIRE(found->has_value());
    const IntentRecord& r = **found;
    CHECK(r.id == id);
    CHECK(r.state == "submitted");
    CHECK(r.amount == "12.50");
    CHECK(r.amount_minor == 1250);
    CHECK(r.currency == "EUR");
    CHECK(r.redirect_url == "https://s.example/r");
    CHECK(r.batch == "nov");
    CHECK(r.remote_id == "pr_R-1");
    CHECK(r.remote_status == "pending");
    CHECK(r.remote_payload == "{}");
    CHECK(r.attempts == 1);
    CHECK(r.throttled == 2);
    CHECK(r.polls == 0);
    CHECK(r.ambiguous);
    CHECK(r.last_error == "503");
    CHECK(r.created_at == 1'000);
    CHECK(r.updated_at == 2'001);
    CHECK_FALSE(r.next_attempt_at.has_value());  // only while queued
    CHECK(r.next_poll_at == 7'000);
    CHECK_FALSE(r.settled_at.has_value());
    CHECK(r.payment_url == "https://pay.example/pr_R-1");

    auto queued = *reader.find("R-2");
    REQUIRE(queued.has_value());
    CHECK(queued->next_attempt_at == 4'000);
    CHECK_FALSE(queued->batch.has_value());
    CHECK_FALSE(queued->ambiguous);
    CHECK_FALSE(reader.find("nope")->has_value());

    auto history = reader.transitions(id);
    REQUIRE_MESSAGE(history.is_ok(), history.status().to_string());
    REQUIRE(history->size() == 4);
    CHECK((*history)[0].field == "state");
    CHECK_FALSE((*history)[0].old_value.has_value());
    CHECK((*history)[0].new_value == "queued");
    CHECK((*history)[0].at == 1'000);
    CHECK((*history)[0].observed_by == "producer");
    CHECK((*history)[1].new_value == "submitting");
    // One UPDATE changed both: the remote status is recorded before the state, as on SQLite.
    CHECK((*history)[2].field == "remote_status");
    CHECK_FALSE((*history)[2].old_value.has_value());
    CHECK((*history)[2].new_value == "pending");
    CHECK((*history)[3].field == "state");
    CHECK((*history)[3].old_value == "submitting");
    CHECK((*history)[3].new_value == "submitted");
    CHECK((*history)[3].at == 2'001);
    CHECK((*history)[3].observed_by == "submitter");
    CHECK(reader.transitions(id + 100)->empty());
  }
}
