// store/postgres/pg_migrator.h — brings a PostgreSQL database to the schema this binary knows, in one transaction
// serialised by a transaction-level advisory lock so concurrent starters never race; refuses a changed applied
// migration and a newer, unknown schema; check() says the same without writing. Runs as the database's owner.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "payq/status.h"
#include "store/connection.h"
#include "store/embedded_migrations.h"
#include "store/postgres/pg_connection.h"

namespace payq::store::postgres {

// The advisory lock key every payq migrator takes ("payq" in ASCII, then 1 for migrations). Advisory locks are per
// database, so migrators of different databases on one server never wait for each other.
inline constexpr std::int64_t kMigrationLockKey = 0x7061797100000001;

class PgMigrator {
 public:
  // Uses the PostgreSQL migrations compiled into the binary unless a test passes its own.
  explicit PgMigrator(PgConnection& connection);
  PgMigrator(PgConnection& connection, std::span<const EmbeddedMigration> migrations);

  // Waits for the migration lock (up to the session's lock_timeout, then kBusy), verifies what is recorded and
  // applies the rest; all or nothing.
  Result<MigrationReport> migrate();

  // Without writing: the schema version when it is exactly the one this binary knows. kDatabase when it is older
  // ("… run payq migrate"), newer, or an applied migration was changed.
  Result<int> check();

 private:
  PgConnection& connection_;
  std::span<const EmbeddedMigration> migrations_;
};

}  // namespace payq::store::postgres
