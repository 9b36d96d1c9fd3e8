// store/migration_plan_test.cpp — the checksum both stores' migrators record, and the applied-versus-known
// check refuses a changed or unknown migration with the migrator's words and lists what is left, without a database.
#include <doctest/doctest.h>

#include <vector>

#include "store/migration_plan.h"

using payq::StatusCode;
using payq::store::AppliedMigrations;
using payq::store::EmbeddedMigration;
using payq::store::migration_checksum;
using payq::store::plan_migrations;
using payq::store::require_current;

namespace {

const std::vector<EmbeddedMigration> kKnown = {
    {1, "0001_t", "CREATE TABLE t (x);"}, {2, "0002_u", "CREATE TABLE u (x);"}, {3, "0003_v", "CREATE TABLE v (x);"}};

AppliedMigrations applied_up_to(int version) {
  AppliedMigrations applied;
  for (const auto& m : kKnown) {
    if (m.version <= version) applied[m.version] = {std::string(m.name), migration_checksum(m.sql)};
  }
  return applied;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the checksum is FNV-1a 64 in 16 lowercase hex digits, as the SQLite migrator records it") {
  CHECK(migration_checksum("") == "cbf29ce484222325");  // the FNV-1a 64 offset basis
  CHECK(migration_checksum("a") == "af63dc4c8601ec8c");
  CHECK(migration_checksum("foobar") == "85944171f73967e8");
}

TEST_CASE("an empty database has every known migration pending, in order") {
  auto plan = plan_migrations(kKnown, {});
  REQUIRE(plan.is_ok());
  CHECK(plan->version == 0);
  REQUIRE(plan->pending.size() == 3);
  CHECK(plan->pending[0].name == "0001_t");
  CHECK(plan->pending[2].name == "0003_v");
  auto current = require_current(*plan, kKnown);
  REQUIRE_FALSE(current.is_ok());
  CHECK(current.status().code() == StatusCode::kDatabase);
  CHECK(current.status().message() == "database schema is at version 0, this payq expects 3: run payq migrate");
}

TEST_CASE("a partly migrated database has the rest pending and is not current") {
  auto plan = plan_migrations(kKnown, applied_up_to(1));
  REQUIRE(plan.is_ok());
  CHECK(plan->version == 1);
  REQUIRE(plan->pending.size() == 2);
  CHECK(plan->pending[0].version == 2);
  CHECK(require_current(*plan, kKnown).status().message() ==
        "database schema is at version 1, this payq expects 3: run payq migrate");
}

TEST_CASE("a fully migrated database has nothing pending and is current") {
  auto plan = plan_migrations(kKnown, applied_up_to(3));
  REQUIRE(plan.is_ok());
  CHECK(plan->version == 3);
  CHECK(plan->pending.empty());
  auto current = require_current(*plan, kKnown);
  REQUIRE(current.is_ok());
  CHECK(*current == 3);
}

TEST_CASE("a changed applied migration is refused with both checksums") {
  auto applied = applied_up_to(2);
  applied[2].checksum = "0000000000000000";
  auto plan = plan_migrations(kKnown, applied);
  REQUIRE_FALSE(plan.is_ok());
  CHECK(plan.status().code() == StatusCode::kDatabase);
  CHECK(plan.status().message() == "migration 0002_u was changed after it was applied (checksum " +
                                       migration_checksum(kKnown[1].sql) +
                                       ", recorded 0000000000000000); restore the original file");
}

TEST_CASE("a recorded version this binary does not know is refused as newer") {
  auto applied = applied_up_to(3);
  applied[4] = {"0004_w", "1234567890abcdef"};
  auto plan = plan_migrations(kKnown, applied);
  REQUIRE_FALSE(plan.is_ok());
  CHECK(plan.status().code() == StatusCode::kDatabase);
  CHECK(plan.status().message() == "schema version 4 (0004_w) is newer than this payq knows; upgrade payq");
}

TEST_CASE("no known migrations: version 0 is current") {
  auto plan = plan_migrations({}, {});
  REQUIRE(plan.is_ok());
  CHECK(payq::store::expected_version({}) == 0);
  CHECK(require_current(*plan, {}).is_ok());
  CHECK(contains(plan_migrations({}, applied_up_to(1)).status().message(), "newer than this payq knows"));
}
