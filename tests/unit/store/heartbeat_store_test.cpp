// store/heartbeat_store_test.cpp — the daemon's heartbeat is one row, replaced on every beat, read back as written.
#include <doctest/doctest.h>

#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_heartbeat_store.h"
#include "support/temp_dir.h"

TEST_CASE("the heartbeat is one row, replaced on every beat") {
  payq::testing::TempDir dir;
  auto db = std::move(payq::store::open_database({.location = dir.file("q.db")})).value();
  payq::store::SqliteHeartbeatStore heartbeat(*db);
  CHECK_FALSE(heartbeat.read()->has_value());
  REQUIRE(heartbeat.beat({.pid = 42, .version = "0.1.0", .started_at = 1000, .beat_at = 2000, .rate = 5.0,
                          .margin_us = 20000}).is_ok());
  REQUIRE(heartbeat.beat({.pid = 42, .version = "0.1.0", .started_at = 1000, .beat_at = 7000, .rate = 2.5,
                          .margin_us = 31000, .host = "billing-1", .epoch = 3,
                          .problem = "database: disk full"}).is_ok());
  auto read = heartbeat.read();
  REQUIRE(read.is_ok());
  REQUIRE(read->has_value());
  CHECK((*read)->pid == 42);
  CHECK((*read)->beat_at == 7000);
  CHECK((*read)->rate == doctest::Approx(2.5));
  CHECK((*read)->margin_us == 31000);
  CHECK((*read)->host == "billing-1");
  CHECK((*read)->epoch == 3);
  CHECK((*read)->problem == std::optional<std::string>("database: disk full"));
  CHECK(db->execAndGet("SELECT count(*) FROM daemon_heartbeat").getInt() == 1);
}
