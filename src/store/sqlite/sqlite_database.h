// store/sqlite/sqlite_database.h — opens a payq SQLite database the one safe way: WAL, synchronous=FULL, foreign
// keys on, a busy timeout, the schema brought up to date; or read-only for the read commands. One connection per
// thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"
#include "store/open_store.h"

namespace payq::store {

// The connection, configured and migrated. Errors name the path. A database file this creates is 0640 (less
// if the umask says so); SQLite gives its -wal and -shm files the database's mode.
Result<std::unique_ptr<SQLite::Database>> open_database(const OpenOptions& options);  // location: the file path

inline constexpr unsigned kDatabaseFileMode = 0640;

struct ReadOnlyOptions {
  std::string location;  // the file path
  std::chrono::milliseconds busy_timeout{5000};
};

// A connection that never writes, so it never waits for a writer (WAL readers do not) and needs no write access
// to the file. A WAL database needs its -shm file beside it, which a user who may not write the directory cannot
// create: then, if no -wal file exists (every open connection, the daemon's included, keeps one, so nobody has
// the database open and the file holds every commit), the file is read as an immutable snapshot instead. Meanwhile
// a shared lock on the file (SQLite's own SHARED byte range) keeps a writer that starts and stops from
// checkpointing into it, so the snapshot stays consistent; it does not show what is committed after the open.
class ReadOnlyDatabase {
 public:
  ReadOnlyDatabase(std::unique_ptr<SQLite::Database> db, int snapshot_lock_fd);
  ReadOnlyDatabase(ReadOnlyDatabase&& other) noexcept;
  ReadOnlyDatabase& operator=(ReadOnlyDatabase&& other) noexcept;
  ReadOnlyDatabase(const ReadOnlyDatabase&) = delete;
  ReadOnlyDatabase& operator=(const ReadOnlyDatabase&) = delete;
  ~ReadOnlyDatabase();

  SQLite::Database& operator*() const { return *db_; }
  SQLite::Database* operator->() const { return db_.get(); }
  // True when this reads an immutable snapshot of the file (see above).
  bool is_snapshot() const { return snapshot_lock_fd_ >= 0; }

 private:
  void release();

  std::unique_ptr<SQLite::Database> db_;
  int snapshot_lock_fd_ = -1;  // closed after the connection: it holds the shared lock
};

// Opens without migrating; a schema older than this binary is kDatabase "… run payq migrate", a newer or changed
// one is refused as by migrate(). A missing file is kNotFound.
Result<ReadOnlyDatabase> open_database_read_only(const ReadOnlyOptions& options);

// For one long write transaction (payq import): a page cache large enough that the unique reference index
// stays in memory instead of spilling to the WAL mid-transaction. Bounded, so memory stays flat.
inline constexpr int kBulkLoadCacheKiB = 32 * 1024;
Status tune_for_bulk_load(SQLite::Database& db);

}  // namespace payq::store
