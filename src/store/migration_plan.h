// store/migration_plan.h — what a migrator must do, decided without a database: the checksum recorded per applied
// file, the check of what is recorded against the migrations this binary knows, and what is left to apply. Pure.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "payq/status.h"
#include "store/embedded_migrations.h"

namespace payq::store {

// One row of schema_migrations, keyed by its version in AppliedMigrations.
struct AppliedMigration {
  std::string name;
  std::string checksum;
};
using AppliedMigrations = std::map<int, AppliedMigration>;

struct MigrationPlan {
  int version = 0;                         // the schema version the recorded migrations add up to
  std::vector<EmbeddedMigration> pending;  // known migrations not recorded yet, in version order
};

// Checksum recorded per applied file: FNV-1a 64 of its text, 16 lowercase hex digits. Detects edits, not attacks.
std::string migration_checksum(std::string_view sql);

// The version this binary brings a database to: the last known migration's, 0 when there is none.
int expected_version(std::span<const EmbeddedMigration> known);

// Checks every recorded migration is one of `known` (sorted by version) with its checksum unchanged, and lists what
// is left to apply. kDatabase when a recorded version is newer than any known ("… upgrade payq") or an applied
// file was changed ("… restore the original file").
Result<MigrationPlan> plan_migrations(std::span<const EmbeddedMigration> known, const AppliedMigrations& applied);

// What check() answers for a plan: its version when nothing is pending, else kDatabase "database schema is at
// version N, this payq expects M: run payq migrate".
Result<int> require_current(const MigrationPlan& plan, std::span<const EmbeddedMigration> known);

}  // namespace payq::store
