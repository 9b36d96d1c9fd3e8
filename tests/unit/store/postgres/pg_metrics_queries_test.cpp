// store/postgres/pg_metrics_queries_test.cpp — the metrics figures on PostgreSQL: state transitions tallied from a
// cursor that never skips a transition whose transaction was still open at the read (two sessions) and is not held
// back by open transactions that write no transition, the oldest queued intent, API calls by kind and outcome.
#include <doctest/doctest.h>

#include <algorithm>

#include "store/postgres/pg_metrics_queries.h"
#include "store/postgres/pg_seed.h"

using payq::store::TransitionsSince;
using payq::store::TransitionTally;
using payq::store::postgres::PgMetricsQueries;

namespace {

std::int64_t tally(const TransitionsSince& t, const std::string& from, const std::string& to) {
  const auto found = std::find_if(t.tallies.begin(), t.tallies.end(),
                                  [&](const TransitionTally& x) { return x.from == from && x.to == to; });
  return found == t.tallies.end() ? 0 : found->count;
}

}  // namespace

TEST_SUITE("postgres.metrics_queries") {
  TEST_CASE("state transitions are tallied by (from, to) from the cursor on; remote status changes are not") {
    payq::testing::PgSeed db;
    auto reader = db.schema().connect();
    PgMetricsQueries metrics(reader->session());
    auto none = metrics.state_transitions_after(0);
    REQUIRE_MESSAGE(none.is_ok(), none.status().to_string());
    CHECK(none->tallies.empty());
    CHECK(none->last_id == 0);

    db.add("R-1");
    db.add("R-2");
    db.submit("R-1", 1'000, 2'000);
    auto first = *metrics.state_transitions_after(0);
    CHECK(first.tallies.size() == 3);
    CHECK(tally(first, "", "queued") == 2);
    CHECK(tally(first, "queued", "submitting") == 1);
    CHECK(tally(first, "submitting", "submitted") == 1);
    CHECK(std::to_string(first.last_id) == db.one("SELECT max(id) FROM status_transitions WHERE field = 'state'"));

    auto nothing_new = *metrics.state_transitions_after(first.last_id);
    CHECK(nothing_new.tallies.empty());
    CHECK(nothing_new.last_id == first.last_id);

    db.settle("R-1", "paid", 3'000);  // a state and a remote_status transition
    auto later = *metrics.state_transitions_after(first.last_id);
    CHECK(later.tallies.size() == 1);
    CHECK(tally(later, "submitted", "settled") == 1);
    CHECK(later.last_id > first.last_id);
  }

  TEST_CASE("a transition taken by a transaction still open is not skipped by a cursor read made meanwhile") {
    payq::testing::PgSeed db;
    auto reader = db.schema().connect();
    PgMetricsQueries metrics(reader->session());
    auto writer = db.schema().connect();
    pqxx::work open(writer->session());
    // The open transaction takes the lower transition id; another commits a higher one after it.
    open.exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, created_at)"
              " VALUES ('A-1', '1.00', 'USD', 'https://s.example/r', 1)");
    const std::int64_t open_id =
        open.exec("SELECT id FROM status_transitions ORDER BY id DESC LIMIT 1")[0][0].as<std::int64_t>();
    db.add("B-1");
    REQUIRE(std::stoll(db.one("SELECT max(id) FROM status_transitions")) > open_id);

    auto meanwhile = metrics.state_transitions_after(0);
    REQUIRE_MESSAGE(meanwhile.is_ok(), meanwhile.status().to_string());
    CHECK(meanwhile->last_id < open_id);  // B-1's committed row may wait; A-1's id must not be passed
    std::int64_t queued = tally(*meanwhile, "", "queued");

    open.commit();
    std::int64_t cursor = meanwhile->last_id;
    for (int read = 0; read < 2; ++read) {  // the fence taken meanwhile settles at the next read
      auto after = *metrics.state_transitions_after(cursor);
      queued += tally(after, "", "queued");
      cursor = after.last_id;
    }
    CHECK(queued == 2);  // A-1 and B-1, each once
    CHECK(cursor == std::stoll(db.one("SELECT max(id) FROM status_transitions")));
  }

  TEST_CASE("an open transaction that writes no transition (even one reading them) does not hold the cursor back") {
    payq::testing::PgSeed db;
    auto reader = db.schema().connect();
    PgMetricsQueries metrics(reader->session());
    auto writer = db.schema().connect();
    pqxx::work open(writer->session());
    // Holds an xid, as a daemon's call-log or heartbeat write does, but no lock on status_transitions.
    open.exec("INSERT INTO api_calls (kind, started_at, latency_ms, outcome) VALUES ('token', 1, 1, 'success')");
    open.exec("SELECT count(*) FROM status_transitions");  // reading the table inserts nothing into it
    db.add("B-1");
    db.add("B-2");
    auto read = metrics.state_transitions_after(0);
    REQUIRE_MESSAGE(read.is_ok(), read.status().to_string());
    CHECK(tally(*read, "", "queued") == 2);
    CHECK(read->last_id == std::stoll(db.one("SELECT max(id) FROM status_transitions")));
    open.commit();
  }

  TEST_CASE("the oldest queued intent and API calls by kind and outcome") {
    payq::testing::PgSeed db;
    PgMetricsQueries metrics(db.session());
    CHECK_FALSE(metrics.oldest_queued_created_at()->has_value());
    const std::int64_t id = db.add("R-1", "1.00", "USD", std::nullopt, 5'000);
    db.add("R-2", "1.00", "USD", std::nullopt, 7'000);
    db.submit("R-1", 8'000, 9'000);
    CHECK(*metrics.oldest_queued_created_at() == 7'000);

    db.call(id, "create", 999, 10, 201, "success");  // before the window
    db.call(id, "create", 1'000, 10, 201, "success");
    db.call(id, "create", 1'001, 10, 429, "rate_limited");
    db.call(id, "create", 1'002, 10, 429, "rate_limited");
    db.call(id, "create", 1'003, 10, std::nullopt, "ambiguous", true);
    db.call(std::nullopt, "token", 1'004, 10, 200, "success");
    auto calls = metrics.calls_since(1'000);
    REQUIRE_MESSAGE(calls.is_ok(), calls.status().to_string());
    std::map<std::pair<std::string, std::string>, std::tuple<std::int64_t, std::int64_t, std::int64_t>> got;
    for (const auto& c : *calls) got[{c.kind, c.outcome}] = {c.count, c.rate_limited, c.ambiguous};
    using Tally = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
    CHECK(got.size() == 4);
    CHECK(got[{"create", "success"}] == Tally{1, 0, 0});
    CHECK(got[{"create", "rate_limited"}] == Tally{2, 2, 0});
    CHECK(got[{"create", "ambiguous"}] == Tally{1, 0, 1});
    CHECK(got[{"token", "success"}] == Tally{1, 0, 0});
  }
}
