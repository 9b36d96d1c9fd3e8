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

std::map<int, MigrationRecord> read_applied(SQLite::Database& db) {
  std::map<int, MigrationRecord> applied;
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

std::string Migrator::checksum(std::string_view sql) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : sql) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

Result<MigrationReport> Migrator::migrate() {
  try {
    return migrate_in_transaction();
  } catch (const std::exception& e) {
    return to_status(e, "migrate");
  }
}

// The version the recorded migrations add up to, after checking each is one this binary knows, unchanged.
Result<int> Migrator::verify_applied(const std::map<int, MigrationRecord>& applied) const {
  std::map<int, const EmbeddedMigration*> known;
  for (const auto& m : migrations_) known[m.version] = &m;
  int version = 0;
  for (const auto& [recorded, row] : applied) {
    auto it = known.find(recorded);
    if (it == known.end()) {
      return Status{StatusCode::kDatabase, "schema version " + std::to_string(recorded) + " (" + row.name +
                                               ") is newer than this payq knows; upgrade payq"};
    }
    if (checksum(it->second->sql) != row.checksum) {
      return Status{StatusCode::kDatabase, "migration " + row.name + " was changed after it was applied (checksum " +
                                               checksum(it->second->sql) + ", recorded " + row.checksum +
                                               "); restore the original file"};
    }
    version = recorded;
  }
  return version;
}

int Migrator::expected_version() const { return migrations_.empty() ? 0 : migrations_.back().version; }

Result<int> Migrator::check() {
  try {
    std::map<int, MigrationRecord> applied;
    if (db_.tableExists("schema_migrations")) applied = read_applied(db_);
    auto version = verify_applied(applied);
    if (!version) return version;
    if (applied.size() < migrations_.size()) {
      return Status{StatusCode::kDatabase, "database schema is at version " + std::to_string(*version) +
                                               ", this payq expects " + std::to_string(expected_version()) +
                                               ": run payq migrate"};
    }
    return version;
  } catch (const std::exception& e) {
    return to_status(e, "check schema");
  }
}

Result<MigrationReport> Migrator::migrate_in_transaction() {
  SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
  db_.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
           " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  const auto applied = read_applied(db_);
  auto verified = verify_applied(applied);
  if (!verified) return verified.status();
  MigrationReport report;
  report.version = *verified;
  for (const auto& m : migrations_) {
    if (applied.contains(m.version)) continue;
    db_.exec(std::string(m.sql));
    SQLite::Statement record(db_, "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)");
    record.bind(1, m.version);
    record.bind(2, std::string(m.name));
    record.bind(3, checksum(m.sql));
    record.bind(4, static_cast<std::int64_t>(now_ms()));
    record.exec();
    report.applied.emplace_back(m.name);
    report.version = m.version;
  }
  transaction.commit();
  return report;
}

}  // namespace payq::store
