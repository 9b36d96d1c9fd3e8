// store/database.h — opens a payq SQLite database the one safe way: WAL, synchronous=FULL,
// foreign keys on, a busy timeout; then brings the schema up to date. One connection per thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"

namespace payq::store {

struct OpenOptions {
  std::string path;
  std::chrono::milliseconds busy_timeout{5000};
  bool create_if_missing = true;  // false: a missing file is kNotFound ("run payq migrate")
  bool migrate = true;            // apply pending migrations (refusing changed or unknown ones)
  std::string vfs{};              // SQLite VFS name; empty: the default (tests open through a fault-injecting one)
};

// The connection, configured and migrated. Errors name the path.
Result<std::unique_ptr<SQLite::Database>> open_database(const OpenOptions& options);

// For one long write transaction (payq import): a page cache large enough that the unique reference index
// stays in memory instead of spilling to the WAL mid-transaction. Bounded, so memory stays flat.
inline constexpr int kBulkLoadCacheKiB = 32 * 1024;
Status tune_for_bulk_load(SQLite::Database& db);

}  // namespace payq::store
