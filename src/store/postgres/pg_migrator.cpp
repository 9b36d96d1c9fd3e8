// store/postgres/pg_migrator.cpp — applies migrations/postgres in order inside one transaction that first takes
// pg_advisory_xact_lock, records each with its checksum in schema_migrations, and checks what is recorded first.
#include "store/postgres/pg_migrator.h"

#include <chrono>

#include <pqxx/result>
#include <pqxx/transaction>

#include "common/clock.h"
#include "store/migration_plan.h"
#include "store/postgres/embedded_postgres_migrations.h"
#include "store/postgres/pg_error.h"

namespace payq::store::postgres {
namespace {

AppliedMigrations read_applied(pqxx::transaction_base& tx) {
  AppliedMigrations applied;
  for (const auto& row : tx.exec("SELECT version, name, checksum FROM schema_migrations ORDER BY version")) {
    applied[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
  }
  return applied;
}

// Whether schema_migrations exists in the session's schema (search_path), without creating it.
bool has_migrations_table(pqxx::transaction_base& tx) {
  return !tx.exec("SELECT to_regclass('schema_migrations')")[0][0].is_null();
}

}  // namespace

PgMigrator::PgMigrator(PgConnection& connection) : PgMigrator(connection, embedded_postgres_migrations()) {}

PgMigrator::PgMigrator(PgConnection& connection, std::span<const EmbeddedMigration> migrations)
    : connection_(connection), migrations_(migrations) {}

Result<MigrationReport> PgMigrator::migrate() {
  try {
    pqxx::work tx(connection_.session());
    // Held until commit or rollback: a second starter waits here, then sees this one's work as applied.
    tx.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
    tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL,"
            " checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    auto plan = plan_migrations(migrations_, read_applied(tx));
    if (!plan) return plan.status();
    MigrationReport report{{}, plan->version};
    for (const auto& m : plan->pending) {
      tx.exec(std::string(m.sql));
      tx.exec_params("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
                     m.version, std::string(m.name), migration_checksum(m.sql),
                     to_unix_ms(std::chrono::system_clock::now()));
      report.applied.emplace_back(m.name);
      report.version = m.version;
    }
    tx.commit();
    return report;
  } catch (const std::exception& e) {
    return to_status(e, "migrate PostgreSQL at " + connection_.display_url());
  }
}

Result<int> PgMigrator::check() {
  try {
    pqxx::read_transaction tx(connection_.session());
    AppliedMigrations applied;
    if (has_migrations_table(tx)) applied = read_applied(tx);
    auto plan = plan_migrations(migrations_, applied);
    if (!plan) return plan.status();
    return require_current(*plan, migrations_);
  } catch (const std::exception& e) {
    return to_status(e, "check the schema of PostgreSQL at " + connection_.display_url());
  }
}

}  // namespace payq::store::postgres
