// store/contract/daemon_state_contract_test.cpp — the whole-database contract on both stores: the heartbeat row and
// the standbys, the operator's pause with its audit, daemon epochs strictly increasing across connections, migrate
// idempotent, and the read commands' connection (reads the latest commits, never writes).
#include <doctest/doctest.h>

#include "store/contract/store_under_test.h"

using payq::StatusCode;
using payq::store::Heartbeat;

STORE_CONTRACT("the heartbeat is one row, replaced by every beat and read back as written") {
  auto& heartbeat = s.store().heartbeat();
  auto none = heartbeat.read();
  REQUIRE_MESSAGE(none.is_ok(), none.status().to_string());
  CHECK_FALSE(none->has_value());
  REQUIRE(heartbeat.beat({.pid = 42, .version = "0.1.0", .started_at = 1000, .beat_at = 2000, .rate = 5.0,
                          .margin_us = 20000, .problem = "database: disk full"})
              .is_ok());
  CHECK((*heartbeat.read())->problem == std::optional<std::string>("database: disk full"));
  REQUIRE(heartbeat.beat({.pid = 42, .version = "0.1.0", .started_at = 1000, .beat_at = 7000, .rate = 2.5,
                          .margin_us = 31000, .host = "billing-1", .epoch = 3, .problem = std::nullopt,
                          .poll_policy = "adaptive"})
              .is_ok());
  auto read = s.open_another()->heartbeat().read();  // as payq status, another process, reads it
  REQUIRE(read.is_ok());
  REQUIRE(read->has_value());
  const Heartbeat& h = **read;
  CHECK(h.pid == 42);
  CHECK(h.version == "0.1.0");
  CHECK(h.started_at == 1000);
  CHECK(h.beat_at == 7000);
  CHECK(h.rate == doctest::Approx(2.5));
  CHECK(h.margin_us == 31000);
  CHECK(h.host == "billing-1");
  CHECK(h.epoch == 3);
  CHECK_FALSE(h.problem.has_value());
  CHECK(h.poll_policy == "adaptive");
  CHECK_FALSE(h.stopped_at.has_value());
  CHECK(s.number("SELECT count(*) FROM daemon_heartbeat") == 1);
}

STORE_CONTRACT("mark_stopped records a clean stop of its own epoch only; the next beat clears it") {
  auto& heartbeat = s.store().heartbeat();
  REQUIRE(heartbeat.mark_stopped(3, 100).is_ok());  // no row yet: nothing to mark
  CHECK_FALSE(heartbeat.read()->has_value());
  const Heartbeat beat{.pid = 42, .version = "0.1.0", .started_at = 1000, .beat_at = 2000, .rate = 5.0,
                       .margin_us = 0, .host = "h", .epoch = 3};
  REQUIRE(heartbeat.beat(beat).is_ok());
  REQUIRE(heartbeat.mark_stopped(2, 2500).is_ok());  // another epoch's stop leaves this row alone
  CHECK_FALSE((*heartbeat.read())->stopped_at.has_value());
  REQUIRE(heartbeat.mark_stopped(3, 2600).is_ok());
  CHECK((*heartbeat.read())->stopped_at == std::optional<std::int64_t>(2600));
  REQUIRE(heartbeat.beat(beat).is_ok());
  CHECK_FALSE((*heartbeat.read())->stopped_at.has_value());
}

STORE_CONTRACT("standbys: one row each, rewritten while they wait, listed by recency, removed when they stop") {
  auto& heartbeat = s.store().heartbeat();
  REQUIRE(heartbeat.beat_standby({.pid = 7, .host = "b", .since = 1000, .beat_at = 1000}).is_ok());
  REQUIRE(heartbeat.beat_standby({.pid = 9, .host = "a", .since = 1500, .beat_at = 1500}).is_ok());
  REQUIRE(heartbeat.beat_standby({.pid = 7, .host = "b", .since = 1000, .beat_at = 4000}).is_ok());  // waits on
  auto others = s.open_another();  // payq status, another process
  auto all = others->heartbeat().standbys(0);
  REQUIRE_MESSAGE(all.is_ok(), all.status().to_string());
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].pid == 7);  // the longest waiting first
  CHECK((*all)[0].host == "b");
  CHECK((*all)[0].since == 1000);
  CHECK((*all)[0].beat_at == 4000);
  CHECK((*all)[1].pid == 9);
  auto recent = others->heartbeat().standbys(2000);  // pid 9 has not said it waits since 1500: gone
  REQUIRE(recent.is_ok());
  REQUIRE(recent->size() == 1);
  CHECK((*recent)[0].pid == 7);
  REQUIRE(heartbeat.remove_standby(7, "b").is_ok());
  REQUIRE(heartbeat.remove_standby(7, "b").is_ok());  // already gone: nothing to do
  CHECK(others->heartbeat().standbys(0)->size() == 1);
  CHECK(s.number("SELECT count(*) FROM daemon_standbys") == 1);
}

STORE_CONTRACT("pause and resume change the state once each, idempotently, with an audit row per change") {
  auto& pauses = s.store().pause();
  CHECK_FALSE(pauses.read()->has_value());
  auto paused = pauses.pause("alice", "partner maintenance", 1000);
  REQUIRE_MESSAGE(paused.is_ok(), paused.status().to_string());
  CHECK(paused->changed);
  CHECK_FALSE(paused->before.has_value());
  auto state = s.open_another()->pause().read();  // the daemon, another connection, sees it
  REQUIRE(state.is_ok());
  REQUIRE(state->has_value());
  CHECK((*state)->paused_by == "alice");
  CHECK((*state)->paused_at == 1000);
  CHECK((*state)->reason == "partner maintenance");

  auto again = s.open_another()->pause().pause("bob", "other", 2000);  // another operator, another connection
  REQUIRE(again.is_ok());
  CHECK_FALSE(again->changed);
  REQUIRE(again->before.has_value());
  CHECK(again->before->paused_by == "alice");
  CHECK((*pauses.read())->paused_at == 1000);

  auto resumed = pauses.resume("carol", "", 3000);
  REQUIRE(resumed.is_ok());
  CHECK(resumed->changed);
  REQUIRE(resumed->before.has_value());
  CHECK(resumed->before->paused_by == "alice");
  CHECK_FALSE(pauses.read()->has_value());
  auto not_paused = pauses.resume("carol", "", 4000);
  REQUIRE(not_paused.is_ok());
  CHECK_FALSE(not_paused->changed);
  CHECK_FALSE(not_paused->before.has_value());

  auto history = pauses.history(10);
  REQUIRE(history.is_ok());
  REQUIRE(history->size() == 2);
  CHECK((*history)[0].action == "resume");
  CHECK((*history)[0].actor == "carol");
  CHECK((*history)[0].at == 3000);
  CHECK((*history)[0].reason.empty());
  CHECK((*history)[1].action == "pause");
  CHECK((*history)[1].actor == "alice");
  CHECK((*history)[1].reason == "partner maintenance");
  CHECK(pauses.history(1)->size() == 1);
}

STORE_CONTRACT("the pause audit is append-only and there is at most one pause in force") {
  REQUIRE(s.store().pause().pause("alice", "", 1000).is_ok());
  CHECK_FALSE(s.error_of("UPDATE pause_events SET actor = 'mallory'").empty());
  CHECK_FALSE(s.error_of("DELETE FROM pause_events").empty());
  CHECK_FALSE(s.error_of("INSERT INTO submission_pause (id, paused_at, paused_by) VALUES (2, 1, 'x')").empty());
  CHECK(s.text("SELECT actor FROM pause_events") == "alice");
}

STORE_CONTRACT("begin_epoch hands out strictly increasing epochs, across connections, recording each start") {
  auto first = s.store().begin_epoch(100, "host-a", 1000);
  REQUIRE_MESSAGE(first.is_ok(), first.status().to_string());
  CHECK(*first > 0);
  auto second = s.open_another()->begin_epoch(200, "host-b", 2000);
  REQUIRE(second.is_ok());
  CHECK(*second > *first);
  auto third = s.store().begin_epoch(300, "host-a", 3000);
  REQUIRE(third.is_ok());
  CHECK(*third > *second);
  CHECK(s.text("SELECT pid || ' ' || host || ' ' || started_at FROM daemon_epochs WHERE epoch = " +
               std::to_string(*second)) == "200 host-b 2000");
  // Even when the latest rows are removed by hand, a number is never handed out twice.
  s.exec("DELETE FROM daemon_epochs WHERE epoch = " + std::to_string(*third));
  CHECK(*s.store().begin_epoch(400, "host-a", 4000) > *third);
}

STORE_CONTRACT("migrate on a current database applies nothing and reports the version it is at") {
  auto again = s.store().migrate();
  REQUIRE_MESSAGE(again.is_ok(), again.status().to_string());
  CHECK(again->applied.empty());
  CHECK(again->version == s.number("SELECT max(version) FROM schema_migrations"));
  const std::int64_t recorded = s.number("SELECT count(*) FROM schema_migrations");
  auto other = s.open_another();  // opening migrates too: nothing more
  auto third = other->migrate();
  REQUIRE(third.is_ok());
  CHECK(third->applied.empty());
  CHECK(third->version == again->version);
  CHECK(s.number("SELECT count(*) FROM schema_migrations") == recorded);
}

// A database no payq has migrated yet: the fixture's own cases, on a store opened without migrating.
static void never_migrated(payq::testing::StoreKind kind) {
  payq::testing::StoreUnderTest s(kind, payq::testing::Schema::kEmpty);
  auto refused = s.try_open_read_only();
  REQUIRE_FALSE(refused.is_ok());
  CHECK(refused.status().code() == StatusCode::kDatabase);
  CHECK(refused.status().message().find("database schema is at version 0, this payq expects ") != std::string::npos);
  CHECK(refused.status().message().find(": run payq migrate") != std::string::npos);
  auto first = s.store().migrate();
  REQUIRE_MESSAGE(first.is_ok(), first.status().to_string());
  CHECK_FALSE(first->applied.empty());
  CHECK(first->version == s.number("SELECT max(version) FROM schema_migrations"));
  CHECK(s.number("SELECT count(*) FROM schema_migrations") == static_cast<std::int64_t>(first->applied.size()));
  auto second = s.store().migrate();
  REQUIRE(second.is_ok());
  CHECK(second->applied.empty());
  CHECK(second->version == first->version);
  CHECK_FALSE(s.open_read_only()->intent_reader().find("R-1")->has_value());  // now it opens
}

TEST_CASE("sqlite: a read-only open of a database never migrated says to migrate; migrate applies all once" *
          doctest::test_suite("store.contract")) {
  never_migrated(payq::testing::StoreKind::kSqlite);
}

TEST_CASE("postgres: a read-only open of a database never migrated says to migrate; migrate applies all once" *
          doctest::test_suite("postgres.contract")) {
  never_migrated(payq::testing::StoreKind::kPostgres);
}

STORE_CONTRACT("the read commands' connection sees the latest commits and cannot write") {
  s.enqueue("R-1", 1000);
  auto ro = s.open_read_only();
  // Neither store gives a snapshot here: the SQLite file is writable and has a -wal beside it (is_snapshot is
  // only for a reader who may not write the directory); a PostgreSQL session always reads the latest commits.
  CHECK_FALSE(ro->is_snapshot());
  CHECK_FALSE(s.store().is_snapshot());
  CHECK(ro->intent_reader().find("R-1")->has_value());
  s.enqueue("R-2", 2000);
  CHECK(ro->intent_reader().find("R-2")->has_value());
  auto write = ro->pause().pause("alice", "", 3000);
  CHECK_FALSE(write.is_ok());
  CHECK_FALSE(s.store().pause().read()->has_value());
  auto insert = ro->intent_writer().insert(*payq::validate_intent({"R-3", "1.00", "USD", "https://s.example",
                                                                    std::nullopt}),
                                           4000);
  CHECK_FALSE(insert.is_ok());
  CHECK(s.number("SELECT count(*) FROM payment_intents") == 2);
}
