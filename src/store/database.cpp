// store/database.cpp — connection set-up: pragmas that make an acknowledged write durable and let
// several producer processes and the daemon share one file without "database is locked".
#include "store/database.h"

#include <filesystem>

#include <SQLiteCpp/Statement.h>

#include "store/migrator.h"
#include "store/sqlite_error.h"

namespace payq::store {
namespace {

void apply_pragmas(SQLite::Database& db, std::chrono::milliseconds busy_timeout) {
  // busy_timeout first: switching to WAL itself may wait for another process's lock.
  db.setBusyTimeout(static_cast<int>(busy_timeout.count()));
  SQLite::Statement journal(db, "PRAGMA journal_mode=WAL");
  if (!journal.executeStep() || journal.getColumn(0).getString() != "wal") {
    throw SQLite::Exception("could not switch the database to WAL mode");
  }
  db.exec("PRAGMA synchronous=FULL");
  db.exec("PRAGMA foreign_keys=ON");
  // Statement journals (one per trigger-firing INSERT inside a long transaction) stay in memory instead
  // of a temp file per row: this alone makes an import several times faster.
  db.exec("PRAGMA temp_store=MEMORY");
}

}  // namespace

Result<std::unique_ptr<SQLite::Database>> open_database(const OpenOptions& options) {
  const std::string context = "open database " + options.path;
  if (options.path.empty()) return Status{StatusCode::kInvalidArgument, "database path is empty"};
  std::error_code ec;
  if (!options.create_if_missing && !std::filesystem::exists(options.path, ec)) {
    return Status{StatusCode::kNotFound, context + ": no such file (create it with `payq migrate`)"};
  }
  try {
    const int flags = SQLite::OPEN_READWRITE | (options.create_if_missing ? SQLite::OPEN_CREATE : 0) |
                      SQLite::OPEN_NOMUTEX;
    auto db = std::make_unique<SQLite::Database>(options.path, flags, 0, options.vfs);
    apply_pragmas(*db, options.busy_timeout);
    if (options.migrate) {
      auto migrated = Migrator(*db).migrate();
      if (!migrated) return Status{migrated.status().code(), context + ": " + migrated.status().message()};
    }
    return db;
  } catch (const std::exception& e) {
    return to_status(e, context);
  }
}

}  // namespace payq::store

namespace payq::store {

Status tune_for_bulk_load(SQLite::Database& db) {
  try {
    db.exec("PRAGMA cache_size = -" + std::to_string(kBulkLoadCacheKiB));
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "set cache size");
  }
}

}  // namespace payq::store
