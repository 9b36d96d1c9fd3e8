// store/sqlite/sqlite_migrator.h — brings a database to the schema this binary knows, in one IMMEDIATE transaction
// so concurrent starters never race. Refuses a changed applied migration and a newer, unknown schema;
// check() says the same without writing (read-only connections: an older schema is reported, not upgraded).
#pragma once

#include <span>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"
#include "store/connection.h"
#include "store/embedded_migrations.h"
#include "store/migration_plan.h"

namespace payq::store {

class Migrator {
 public:
  // Uses the migrations compiled into the binary unless a test passes its own.
  explicit Migrator(SQLite::Database& db);
  Migrator(SQLite::Database& db, std::span<const EmbeddedMigration> migrations);

  Result<MigrationReport> migrate();

  // Without writing: the schema version when it is exactly the one this binary knows. kDatabase when it is
  // older ("… run payq migrate"), newer, or an applied migration was changed.
  Result<int> check();

  // The version this binary brings a database to.
  int expected_version() const;

 private:
  Result<MigrationReport> migrate_in_transaction();

  SQLite::Database& db_;
  std::span<const EmbeddedMigration> migrations_;
};

}  // namespace payq::store
