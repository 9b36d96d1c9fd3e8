// store/postgres/pg_metrics_queries_test.cpp — the transitions cursor under PostgreSQL's concurrent writers: it never
// skips a transition whose transaction was still open at the read, and open transactions that write none do not
// hold it back (two sessions). The tallies themselves, the oldest queued intent and calls: ../contract.
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
}
