// store/migrator_test.cpp — migrations apply on an empty database, are idempotent, refuse a changed
// applied file and a schema newer than the binary, and the seeded currency table matches the C++ one.
#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include "payq/currency.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_migrator.h"
#include "support/temp_dir.h"

using payq::store::EmbeddedMigration;
using payq::store::Migrator;

namespace {

std::unique_ptr<SQLite::Database> open_raw(const std::string& path) {
  auto db = payq::store::open_database({.location = path, .migrate = false});
  REQUIRE(db.is_ok());
  return std::move(db).value();
}

}  // namespace

TEST_CASE("migrations apply on an empty database and are idempotent") {
  payq::testing::TempDir dir;
  auto db = open_raw(dir.file("q.db"));
  auto first = Migrator(*db).migrate();
  REQUIRE(first.is_ok());
  CHECK(first->applied.size() == payq::store::embedded_migrations().size());
  CHECK(first->version == payq::store::embedded_migrations().back().version);
  auto second = Migrator(*db).migrate();
  REQUIRE(second.is_ok());
  CHECK(second->applied.empty());
  CHECK(second->version == first->version);
  CHECK(db->execAndGet("SELECT count(*) FROM schema_migrations").getInt() ==
        static_cast<int>(payq::store::embedded_migrations().size()));
}

TEST_CASE("a changed, already applied migration is refused with a clear error") {
  payq::testing::TempDir dir;
  auto db = open_raw(dir.file("q.db"));
  const std::vector<EmbeddedMigration> original = {{1, "0001_t", "CREATE TABLE t (x INTEGER);"}};
  REQUIRE(Migrator(*db, original).migrate().is_ok());
  const std::vector<EmbeddedMigration> tampered = {{1, "0001_t", "CREATE TABLE t (x INTEGER, y TEXT);"}};
  auto result = Migrator(*db, tampered).migrate();
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.status().message().find("0001_t was changed after it was applied") != std::string::npos);
}

TEST_CASE("a database newer than the binary is refused") {
  payq::testing::TempDir dir;
  auto db = open_raw(dir.file("q.db"));
  const std::vector<EmbeddedMigration> newer = {{1, "0001_t", "CREATE TABLE t (x);"}, {2, "0002_u", "CREATE TABLE u (x);"}};
  REQUIRE(Migrator(*db, newer).migrate().is_ok());
  const std::vector<EmbeddedMigration> older = {{1, "0001_t", "CREATE TABLE t (x);"}};
  auto result = Migrator(*db, older).migrate();
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.status().message().find("newer than this payq") != std::string::npos);
}

TEST_CASE("a failing migration leaves nothing behind") {
  payq::testing::TempDir dir;
  auto db = open_raw(dir.file("q.db"));
  const std::vector<EmbeddedMigration> broken = {{1, "0001_t", "CREATE TABLE t (x); CREATE TABLE oops ("}};
  CHECK_FALSE(Migrator(*db, broken).migrate().is_ok());
  CHECK_FALSE(db->tableExists("t"));
}

TEST_CASE("the database opens in WAL mode with full sync and foreign keys") {
  payq::testing::TempDir dir;
  auto db = payq::store::open_database({.location = dir.file("q.db")});
  REQUIRE(db.is_ok());
  CHECK((*db)->execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK((*db)->execAndGet("PRAGMA synchronous").getInt() == 2);
  CHECK((*db)->execAndGet("PRAGMA foreign_keys").getInt() == 1);
}

TEST_CASE("opening a missing database without create says how to create it") {
  payq::testing::TempDir dir;
  auto db = payq::store::open_database({.location = dir.file("missing.db"), .create_if_missing = false});
  REQUIRE_FALSE(db.is_ok());
  CHECK(db.status().code() == payq::StatusCode::kNotFound);
  CHECK(db.status().message().find("payq migrate") != std::string::npos);
}

TEST_CASE("the schema's currency table equals the C++ table") {
  payq::testing::TempDir dir;
  auto db = payq::store::open_database({.location = dir.file("q.db")});
  REQUIRE(db.is_ok());
  SQLite::Statement q(**db, "SELECT code, minor_digits FROM currencies ORDER BY code");
  std::size_t i = 0;
  const auto table = payq::known_currencies();
  while (q.executeStep()) {
    REQUIRE(i < table.size());
    CHECK(q.getColumn(0).getString() == table[i].code);
    CHECK(q.getColumn(1).getInt() == table[i].minor_digits);
    ++i;
  }
  CHECK(i == table.size());
}

TEST_CASE("check reads the schema version without writing: current, older, newer") {
  payq::testing::TempDir dir;
  auto db = open_raw(dir.file("q.db"));
  const std::vector<EmbeddedMigration> two = {{1, "0001_t", "CREATE TABLE t (x);"},
                                              {2, "0002_u", "CREATE TABLE u (x);"}};
  const std::vector<EmbeddedMigration> one = {two[0]};
  auto empty = Migrator(*db, two).check();
  REQUIRE_FALSE(empty.is_ok());
  CHECK(empty.status().message() == "database schema is at version 0, this payq expects 2: run payq migrate");
  CHECK_FALSE(db->tableExists("schema_migrations"));
  REQUIRE(Migrator(*db, one).migrate().is_ok());
  auto older = Migrator(*db, two).check();
  REQUIRE_FALSE(older.is_ok());
  CHECK(older.status().message() == "database schema is at version 1, this payq expects 2: run payq migrate");
  CHECK_FALSE(db->tableExists("u"));
  REQUIRE(Migrator(*db, two).migrate().is_ok());
  auto current = Migrator(*db, two).check();
  REQUIRE(current.is_ok());
  CHECK(*current == 2);
  auto newer = Migrator(*db, one).check();
  REQUIRE_FALSE(newer.is_ok());
  CHECK(newer.status().message().find("newer than this payq") != std::string::npos);
}
