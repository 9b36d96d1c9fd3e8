// store/postgres/pg_migrator_test.cpp — the PostgreSQL migrator against a real server, each case in a fresh schema:
// applies 0001 and records it, applies nothing twice, serialises concurrent starters, refuses changed and unknown
// migrations, and check() tells an empty database to run payq migrate.
#include <doctest/doctest.h>

#include <latch>
#include <optional>
#include <thread>
#include <vector>

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "store/migration_plan.h"
#include "store/postgres/embedded_postgres_migrations.h"
#include "store/postgres/pg_migrator.h"
#include "store/postgres/pg_test_schema.h"

using payq::StatusCode;
using payq::store::postgres::embedded_postgres_migrations;
using payq::store::MigrationReport;
using payq::store::postgres::PgMigrator;

namespace {

// One value from a query in the test's schema.
std::string query_one(payq::store::postgres::PgConnection& connection, const std::string& sql) {
  pqxx::nontransaction tx(connection.session());
  const auto value = tx.exec(sql)[0][0];
  return value.is_null() ? "NULL" : value.as<std::string>();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_SUITE("postgres.migrator") {
  TEST_CASE("migrate applies 0001 and records its checksum; a second migrate applies nothing") {
    payq::testing::PgTestSchema schema;
    auto connection = schema.connect();
    // As the database's owner, as in production: no superuser, no extension.
    CHECK(query_one(*connection, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user") == "false");
    auto first = PgMigrator(*connection).migrate();
    REQUIRE_MESSAGE(first.is_ok(), first.status().to_string());
    REQUIRE(first->applied.size() == embedded_postgres_migrations().size());
    CHECK(first->applied.front() == "0001_init");
    CHECK(first->version == embedded_postgres_migrations().back().version);
    CHECK(query_one(*connection, "SELECT checksum FROM schema_migrations WHERE version = 1") ==
          payq::store::migration_checksum(embedded_postgres_migrations().front().sql));
    CHECK(query_one(*connection, "SELECT name FROM schema_migrations WHERE version = 1") == "0001_init");
    CHECK(query_one(*connection, "SELECT to_regclass('payment_intents')::text") == "payment_intents");
    CHECK(query_one(*connection, "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'") == "0");
    CHECK(query_one(*connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'payment_intents' AND "
                                 "schemaname = '" + schema.name() + "'") == "1");

    auto second = PgMigrator(*connection).migrate();
    REQUIRE(second.is_ok());
    CHECK(second->applied.empty());
    CHECK(second->version == first->version);
    CHECK(query_one(*connection, "SELECT count(*) FROM schema_migrations") ==
          std::to_string(embedded_postgres_migrations().size()));
    auto checked = PgMigrator(*connection).check();
    REQUIRE(checked.is_ok());
    CHECK(*checked == first->version);
  }

  TEST_CASE("two migrators starting together: one applies, both succeed") {
    payq::testing::PgTestSchema schema;
    auto a = schema.connect();
    auto b = schema.connect();
    std::latch start(2);
    std::optional<payq::Result<MigrationReport>> result_a;
    std::optional<payq::Result<MigrationReport>> result_b;
    {
      std::jthread thread_a([&] { start.arrive_and_wait(); result_a = PgMigrator(*a).migrate(); });
      std::jthread thread_b([&] { start.arrive_and_wait(); result_b = PgMigrator(*b).migrate(); });
    }
    REQUIRE_MESSAGE(result_a->is_ok(), result_a->status().to_string());
    REQUIRE_MESSAGE(result_b->is_ok(), result_b->status().to_string());
    const auto applied = (*result_a)->applied.size() + (*result_b)->applied.size();
    CHECK(applied == embedded_postgres_migrations().size());
    CHECK(((*result_a)->applied.empty() || (*result_b)->applied.empty()));
    CHECK((*result_a)->version == (*result_b)->version);
    CHECK(query_one(*a, "SELECT count(*) FROM schema_migrations") ==
          std::to_string(embedded_postgres_migrations().size()));
  }

  TEST_CASE("a changed checksum in schema_migrations is refused, and nothing is applied") {
    payq::testing::PgTestSchema schema;
    auto connection = schema.connect();
    REQUIRE(PgMigrator(*connection).migrate().is_ok());
    query_one(*connection, "UPDATE schema_migrations SET checksum = '0000000000000000' WHERE version = 1 "
                           "RETURNING version");
    auto migrated = PgMigrator(*connection).migrate();
    REQUIRE_FALSE(migrated.is_ok());
    CHECK(migrated.status().code() == StatusCode::kDatabase);
    CHECK(contains(migrated.status().message(), "migration 0001_init was changed after it was applied"));
    CHECK(contains(migrated.status().message(), "recorded 0000000000000000"));
    auto checked = PgMigrator(*connection).check();
    REQUIRE_FALSE(checked.is_ok());
    CHECK(contains(checked.status().message(), "0001_init was changed after it was applied"));
  }

  TEST_CASE("a recorded version newer than this payq is refused") {
    payq::testing::PgTestSchema schema;
    auto connection = schema.connect();
    REQUIRE(PgMigrator(*connection).migrate().is_ok());
    query_one(*connection, "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                           "VALUES (9999, '9999_future', 'ffffffffffffffff', 0) RETURNING version");
    auto migrated = PgMigrator(*connection).migrate();
    REQUIRE_FALSE(migrated.is_ok());
    CHECK(migrated.status().code() == StatusCode::kDatabase);
    CHECK(migrated.status().message() ==
          "schema version 9999 (9999_future) is newer than this payq knows; upgrade payq");
    CHECK(PgMigrator(*connection).check().status().message() ==
          "schema version 9999 (9999_future) is newer than this payq knows; upgrade payq");
  }

  TEST_CASE("check() on an empty database says to run payq migrate and creates nothing") {
    payq::testing::PgTestSchema schema;
    auto connection = schema.connect();
    auto checked = PgMigrator(*connection).check();
    REQUIRE_FALSE(checked.is_ok());
    CHECK(checked.status().code() == StatusCode::kDatabase);
    CHECK(contains(checked.status().message(), "database schema is at version 0, this payq expects"));
    CHECK(contains(checked.status().message(), ": run payq migrate"));
    CHECK(query_one(*connection, "SELECT to_regclass('schema_migrations')::text") == "NULL");
  }

  TEST_CASE("a failing migration leaves nothing behind, not even schema_migrations") {
    payq::testing::PgTestSchema schema;
    auto connection = schema.connect();
    const std::vector<payq::store::EmbeddedMigration> broken = {
        {1, "0001_t", "CREATE TABLE t (x BIGINT); CREATE TABLE oops ("}};
    auto migrated = PgMigrator(*connection, broken).migrate();
    REQUIRE_FALSE(migrated.is_ok());
    CHECK(contains(migrated.status().message(), "(SQLSTATE 42601)"));
    CHECK(query_one(*connection, "SELECT to_regclass('t')::text") == "NULL");
    CHECK(query_one(*connection, "SELECT to_regclass('schema_migrations')::text") == "NULL");
  }
}
