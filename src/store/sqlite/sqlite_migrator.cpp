// store/sqlite/sqlite_migrator.cpp — applies migrations in order and records each with its checksum in
// schema_migrations; verifies what is already recorded before applying anything new.
#include "store/sqlite/sqlite_migrator.h"

#include <chrono>
#include <cstdio>
#include <map>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "common/clock.h"
#include "store/sqlite/sqlite_error.h"

namespace payq::store {
namespace {

AppliedMigrations read_applied(SQLite::Database& db) {
  AppliedMigrations applied;
  SQLite::Statement query(db, "SELECT version, name, checksum FROM schema_migrations ORDER BY version");
  while (query.executeStep()) {
    applied[query.getColumn(0).getInt()] = {query.getColumn(1).getString(), query.getColumn(2).getString()};
  }
  return applied;
}

std::int64_t now_ms() { return to_unix_ms(std::chrono::system_clock::now()); }

}  // namespace

Migrator::Migrator(SQLite::Database& db) : Migrator(db, embedded_migrations()) {}

Migrator::Migrator(SQLite::Database& db, std::span<const EmbeddedMigration> migrations)
    : db_(db), migrations_(migrations) {}

Result<MigrationReport> Migrator::migrate() {
  try {
    return migrate_in_transaction();
  } catch (const std::exception& e) {
    return to_status(e, "migrate");
  }
}

int Migrator::expected_version() const { return store::expected_version(migrations_); }

Result<int> Migrator::check() {
  try {
    AppliedMigrations applied;
    if (db_.tableExists("schema_migrations")) applied = read_applied(db_);
    auto plan = plan_migrations(migrations_, applied);
    if (!plan) return plan.status();
    return require_current(*plan, migrations_);
  } catch (const std::exception& e) {
    return to_status(e, "check schema");
  }
}

Result<MigrationReport> Migrator::migrate_in_transaction() {
  SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
  db_.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
           " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  auto plan = plan_migrations(migrations_, read_applied(db_));
  if (!plan) return plan.status();
  MigrationReport report;
  report.version = plan->version;
  for (const auto& m : plan->pending) {
    db_.exec(std::string(m.sql));
    SQLite::Statement record(db_, "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)");
    record.bind(1, m.version);
    record.bind(2, std::string(m.name));
    record.bind(3, migration_checksum(m.sql));
    record.bind(4, static_cast<std::int64_t>(now_ms()));
    record.exec();
    report.applied.emplace_back(m.name);
    report.version = m.version;
  }
  transaction.commit();
  return report;
}

}  // namespace payq::store
