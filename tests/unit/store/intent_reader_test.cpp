// store/intent_reader_test.cpp — reading intents through the read commands' connection: read-only, never
// migrated (an older schema is reported), never waiting for a writer; and the mode of files a writer creates.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <span>
#include <string>

#include "payq/producer.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_intent_reader.h"
#include "store/sqlite/sqlite_migrator.h"
#include "support/temp_dir.h"

using payq::StatusCode;
using payq::store::open_database;
using payq::store::open_database_read_only;

namespace {

unsigned file_mode(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

void enqueue(const std::string& path, const std::string& ref) {
  auto producer = payq::Producer::open(path);
  REQUIRE(producer.is_ok());
  REQUIRE((*producer)->enqueue({ref, "10.00", "EUR", "https://shop.example/back", std::nullopt}).is_ok());
}

}  // namespace

TEST_CASE("a read-only open reports an older schema instead of upgrading it") {
  payq::testing::TempDir dir;
  const auto all = payq::store::embedded_migrations();
  REQUIRE(all.size() >= 2);
  {
    auto db = open_database({.location = dir.file("q.db"), .migrate = false});
    REQUIRE(db.is_ok());
    REQUIRE(payq::store::Migrator(**db, std::span(all).first(1)).migrate().is_ok());
  }
  auto ro = open_database_read_only({.location = dir.file("q.db")});
  REQUIRE_FALSE(ro.is_ok());
  CHECK(ro.status().code() == StatusCode::kDatabase);
  CHECK(ro.status().message().find("database schema is at version 1, this payq expects " +
                                   std::to_string(all.back().version) + ": run payq migrate") != std::string::npos);
  auto db = open_database({.location = dir.file("q.db"), .migrate = false});
  REQUIRE(db.is_ok());
  CHECK((*db)->execAndGet("SELECT count(*) FROM schema_migrations").getInt() == 1);
}

TEST_CASE("a read-only connection reads while another holds the write lock, and cannot write") {
  payq::testing::TempDir dir;
  enqueue(dir.file("q.db"), "R-1");
  auto writer = open_database({.location = dir.file("q.db")});
  REQUIRE(writer.is_ok());
  (*writer)->exec("BEGIN IMMEDIATE");
  (*writer)->exec("UPDATE payment_intents SET batch = 'uncommitted'");
  // No busy timeout: if the open or the read needed the lock, they would fail at once with SQLITE_BUSY.
  auto ro = open_database_read_only({.location = dir.file("q.db"), .busy_timeout = std::chrono::milliseconds(0)});
  REQUIRE(ro.is_ok());
  CHECK_FALSE(ro->is_snapshot());
  auto intent = payq::store::SqliteIntentReader(**ro).find("R-1");
  REQUIRE(intent.is_ok());
  REQUIRE(intent->has_value());
  CHECK_FALSE((*intent)->batch.has_value());
  CHECK_THROWS((**ro).exec("UPDATE payment_intents SET batch = 'x'"));
  (*writer)->exec("COMMIT");
}

TEST_CASE("a read-only open of a missing database says how to create it") {
  payq::testing::TempDir dir;
  auto ro = open_database_read_only({.location = dir.file("missing.db")});
  REQUIRE_FALSE(ro.is_ok());
  CHECK(ro.status().code() == StatusCode::kNotFound);
  CHECK(ro.status().message().find("payq migrate") != std::string::npos);
}

TEST_CASE("a database created by any command is 0640, and so are its -wal and -shm files") {
  payq::testing::TempDir dir;
  const mode_t previous = ::umask(022);
  auto db = open_database({.location = dir.file("q.db")});
  ::umask(previous);
  REQUIRE(db.is_ok());
  CHECK(file_mode(dir.file("q.db")) == 0640);
  CHECK(file_mode(dir.file("q.db-wal")) == 0640);
  CHECK(file_mode(dir.file("q.db-shm")) == 0640);
}
