// store/migrator.cpp — applies migrations in order and records each with its checksum in
// schema_migrations; verifies what is already recorded before applying anything new.
#include "store/migrator.h"

#include <chrono>
#include <cstdio>
#include <map>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "common/clock.h"
#include "store/sqlite_error.h"

namespace payq::store {
namespace {

struct Applied {
  std::string name;
  std::string checksum;
};

std::map<int, Applied> read_applied(SQLite::Database& db) {
  std::map<int, Applied> applied;
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

Result<MigrationReport> Migrator::migrate_in_transaction() {
  SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
  db_.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
           " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  const auto applied = read_applied(db_);
  MigrationReport report;
  std::map<int, const EmbeddedMigration*> known;
  for (const auto& m : migrations_) known[m.version] = &m;
  for (const auto& [version, row] : applied) {
    auto it = known.find(version);
    if (it == known.end()) {
      return Status{StatusCode::kDatabase, "schema version " + std::to_string(version) + " (" + row.name +
                                               ") is newer than this payq knows; upgrade payq"};
    }
    if (checksum(it->second->sql) != row.checksum) {
      return Status{StatusCode::kDatabase, "migration " + row.name + " was changed after it was applied (checksum " +
                                               checksum(it->second->sql) + ", recorded " + row.checksum +
                                               "); restore the original file"};
    }
    report.version = version;
  }
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
