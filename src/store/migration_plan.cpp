// store/migration_plan.cpp — the checksum and the applied-versus-known check every store's migrator shares, so a
// changed or unknown migration is refused with the same words on SQLite and PostgreSQL.
#include "store/migration_plan.h"

#include <cstdint>
#include <cstdio>

namespace payq::store {

std::string migration_checksum(std::string_view sql) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : sql) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

int expected_version(std::span<const EmbeddedMigration> known) { return known.empty() ? 0 : known.back().version; }

Result<MigrationPlan> plan_migrations(std::span<const EmbeddedMigration> known, const AppliedMigrations& applied) {
  std::map<int, const EmbeddedMigration*> by_version;
  for (const auto& m : known) by_version[m.version] = &m;
  MigrationPlan plan;
  for (const auto& [recorded, row] : applied) {
    auto it = by_version.find(recorded);
    if (it == by_version.end()) {
      return Status{StatusCode::kDatabase, "schema version " + std::to_string(recorded) + " (" + row.name +
                                               ") is newer than this payq knows; upgrade payq"};
    }
    const std::string expected = migration_checksum(it->second->sql);
    if (expected != row.checksum) {
      return Status{StatusCode::kDatabase, "migration " + row.name + " was changed after it was applied (checksum " +
                                               expected + ", recorded " + row.checksum +
                                               "); restore the original file"};
    }
    plan.version = recorded;
  }
  for (const auto& m : known) {
    if (!applied.contains(m.version)) plan.pending.push_back(m);
  }
  return plan;
}

Result<int> require_current(const MigrationPlan& plan, std::span<const EmbeddedMigration> known) {
  if (!plan.pending.empty()) {
    return Status{StatusCode::kDatabase, "database schema is at version " + std::to_string(plan.version) +
                                             ", this payq expects " + std::to_string(expected_version(known)) +
                                             ": run payq migrate"};
  }
  return plan.version;
}

}  // namespace payq::store
