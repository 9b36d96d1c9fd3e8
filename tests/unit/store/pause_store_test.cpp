// store/pause_store_test.cpp — the pause row and its audit: a pause and a resume each change the state once and
// append one audit row; repeating either changes nothing; the audit is append-only. And a clean stop in the
// heartbeat, cleared by the next beat.
#include <doctest/doctest.h>

#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_heartbeat_store.h"
#include "store/sqlite/sqlite_pause_store.h"
#include "support/temp_dir.h"

using PauseStore = payq::store::SqlitePauseStore;

TEST_CASE("pause and resume change the state once each and record who, when and why") {
  payq::testing::TempDir dir;
  auto db = std::move(payq::store::open_database({.location = dir.file("q.db")})).value();
  PauseStore pauses(*db);
  CHECK_FALSE(pauses.read()->has_value());

  auto paused = pauses.pause("alice", "partner maintenance", 1000);
  REQUIRE(paused.is_ok());
  CHECK(paused->changed);
  CHECK_FALSE(paused->before.has_value());
  auto state = pauses.read();
  REQUIRE(state->has_value());
  CHECK((*state)->paused_by == "alice");
  CHECK((*state)->paused_at == 1000);
  CHECK((*state)->reason == "partner maintenance");

  auto again = pauses.pause("bob", "other", 2000);
  REQUIRE(again.is_ok());
  CHECK_FALSE(again->changed);
  CHECK(again->before->paused_by == "alice");
  CHECK((*pauses.read())->paused_at == 1000);

  auto resumed = pauses.resume("carol", "", 3000);
  REQUIRE(resumed.is_ok());
  CHECK(resumed->changed);
  CHECK(resumed->before->paused_by == "alice");
  CHECK_FALSE(pauses.read()->has_value());
  auto not_paused = pauses.resume("carol", "", 4000);
  REQUIRE(not_paused.is_ok());
  CHECK_FALSE(not_paused->changed);

  auto history = pauses.history(10);
  REQUIRE(history.is_ok());
  REQUIRE(history->size() == 2);
  CHECK((*history)[0].action == "resume");
  CHECK((*history)[0].actor == "carol");
  CHECK((*history)[0].at == 3000);
  CHECK((*history)[1].action == "pause");
  CHECK((*history)[1].actor == "alice");
  CHECK((*history)[1].reason == "partner maintenance");
}

TEST_CASE("the pause audit is append-only") {
  payq::testing::TempDir dir;
  auto db = std::move(payq::store::open_database({.location = dir.file("q.db")})).value();
  REQUIRE(PauseStore(*db).pause("alice", "", 1000).is_ok());
  CHECK_THROWS(db->exec("UPDATE pause_events SET actor = 'mallory'"));
  CHECK_THROWS(db->exec("DELETE FROM pause_events"));
  CHECK_THROWS(db->exec("INSERT INTO submission_pause (id, paused_at, paused_by) VALUES (2, 1, 'x')"));
}

TEST_CASE("a clean stop is recorded for its own epoch and cleared by the next beat") {
  payq::testing::TempDir dir;
  auto db = std::move(payq::store::open_database({.location = dir.file("q.db")})).value();
  payq::store::SqliteHeartbeatStore heartbeat(*db);
  const payq::store::Heartbeat beat{.pid = 42, .version = "0.1.0", .started_at = 1000, .beat_at = 2000,
                                    .rate = 5.0, .margin_us = 0, .host = "h", .epoch = 3};
  REQUIRE(heartbeat.beat(beat).is_ok());
  CHECK_FALSE((*heartbeat.read())->stopped_at.has_value());
  REQUIRE(heartbeat.mark_stopped(2, 2500).is_ok());  // another epoch's stop leaves this row alone
  CHECK_FALSE((*heartbeat.read())->stopped_at.has_value());
  REQUIRE(heartbeat.mark_stopped(3, 2600).is_ok());
  CHECK((*heartbeat.read())->stopped_at == std::optional<std::int64_t>(2600));
  REQUIRE(heartbeat.beat(beat).is_ok());
  CHECK_FALSE((*heartbeat.read())->stopped_at.has_value());
}
