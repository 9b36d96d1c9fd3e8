// store/sqlite/sqlite_database.cpp — connection set-up: pragmas that make an acknowledged write durable and let
// several producer processes and the daemon share one file without "database is locked"; read-only opens.
#include "store/sqlite/sqlite_database.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include "store/sqlite/sqlite_migrator.h"
#include "store/sqlite/sqlite_error.h"

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

// Creates a missing database file with kDatabaseFileMode, so SQLite (which would use 0644 less the umask) finds
// it and gives -wal and -shm the same mode. O_EXCL: a concurrent creator wins, and nothing is truncated.
Status create_database_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kDatabaseFileMode);
  if (fd >= 0) {
    ::close(fd);
    return Status::ok();
  }
  if (errno == EEXIST) return Status::ok();
  return {StatusCode::kIo, "create database " + path + ": " + std::strerror(errno)};
}

// Whether the database file is there: kNotFound when it is not, kIo naming the cause when it cannot even be
// looked at (a directory the user may not search: the reporting user outside the service's group).
Status check_exists(const std::string& path, const std::string& context) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return Status::ok();
  if (!ec || ec == std::errc::no_such_file_or_directory) {
    return Status{StatusCode::kNotFound, context + ": no such file (create it with `payq migrate`)"};
  }
  return Status{StatusCode::kIo, context + ": " + ec.message() +
                                     (ec == std::errc::permission_denied ? " (is this user in the database's group?)" : "")};
}

}  // namespace

Result<std::unique_ptr<SQLite::Database>> open_database(const OpenOptions& options) {
  const std::string context = "open database " + options.location;
  if (options.location.empty()) return Status{StatusCode::kInvalidArgument, "database path is empty"};
  if (Status there = check_exists(options.location, context); !there) {
    if (!options.create_if_missing || there.code() != StatusCode::kNotFound) return there;
    if (Status created = create_database_file(options.location); !created) return created;
  }
  try {
    const int flags = SQLite::OPEN_READWRITE | (options.create_if_missing ? SQLite::OPEN_CREATE : 0) |
                      SQLite::OPEN_NOMUTEX;
    auto db = std::make_unique<SQLite::Database>(options.location, flags, 0, options.vfs);
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

namespace payq::store {
namespace {

// SQLite's SHARED lock on a database file: a read lock on these bytes of the lock-byte page (file format §1.3).
constexpr off_t kSharedFirst = 0x40000000 + 2;
constexpr off_t kSharedSize = 510;

bool wal_file_exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path + "-wal", ec) || ec;  // unknown counts as present: no snapshot then
}

// What a read-only connection reports when it cannot create or initialise the -shm file beside the database.
bool cannot_use_shared_memory(const SQLite::Exception& e) {
  const int primary = e.getErrorCode() & 0xff;
  return primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN;
}

std::string immutable_uri(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file://";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return uri + "?mode=ro&immutable=1";
}

std::unique_ptr<SQLite::Database> open_connection(const std::string& name, int flags,
                                                  std::chrono::milliseconds busy_timeout) {
  auto db = std::make_unique<SQLite::Database>(name, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX | flags);
  db->setBusyTimeout(static_cast<int>(busy_timeout.count()));
  db->execAndGet("SELECT count(*) FROM sqlite_master");  // the first read opens the WAL and its -shm
  return db;
}

// Changes wait in the -wal file, but this user cannot create the -shm file SQLite needs to read them.
Status unreadable_wal(const SQLite::Exception& e, const std::string& path, const std::string& context) {
  return {StatusCode::kDatabase, to_status(e, context).message() + ": " + path +
                                     "-wal holds changes and this user cannot create " + path +
                                     "-shm beside it; read it while the daemon runs, or as the database's owner"};
}

Result<ReadOnlyDatabase> schema_checked(ReadOnlyDatabase db, const std::string& context) {
  auto version = Migrator(*db).check();
  if (!version) return Status{version.status().code(), context + ": " + version.status().message()};
  return db;
}

// The shared lock of a snapshot read, or -1 with why not.
Result<int> lock_for_snapshot(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status{StatusCode::kIo, "open " + path + ": " + std::strerror(errno)};
  struct flock lock {};
  lock.l_type = F_RDLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = kSharedFirst;
  lock.l_len = kSharedSize;
  if (::fcntl(fd, F_SETLK, &lock) != 0) {
    const int error = errno;
    ::close(fd);
    return Status{StatusCode::kBusy, "lock " + path + " for a snapshot: " + std::strerror(error)};
  }
  return fd;
}

}  // namespace

ReadOnlyDatabase::ReadOnlyDatabase(std::unique_ptr<SQLite::Database> db, int snapshot_lock_fd)
    : db_(std::move(db)), snapshot_lock_fd_(snapshot_lock_fd) {}

ReadOnlyDatabase::ReadOnlyDatabase(ReadOnlyDatabase&& other) noexcept
    : db_(std::move(other.db_)), snapshot_lock_fd_(std::exchange(other.snapshot_lock_fd_, -1)) {}

ReadOnlyDatabase& ReadOnlyDatabase::operator=(ReadOnlyDatabase&& other) noexcept {
  if (this != &other) {
    release();
    db_ = std::move(other.db_);
    snapshot_lock_fd_ = std::exchange(other.snapshot_lock_fd_, -1);
  }
  return *this;
}

ReadOnlyDatabase::~ReadOnlyDatabase() { release(); }

void ReadOnlyDatabase::release() {
  db_.reset();  // first: the lock keeps the file still while the snapshot connection reads it
  if (snapshot_lock_fd_ >= 0) ::close(snapshot_lock_fd_);
  snapshot_lock_fd_ = -1;
}

Result<ReadOnlyDatabase> open_database_read_only(const ReadOnlyOptions& options) {
  const std::string context = "open database " + options.location + " read-only";
  if (options.location.empty()) return Status{StatusCode::kInvalidArgument, "database path is empty"};
  if (Status there = check_exists(options.location, "open database " + options.location); !there) return there;
  try {
    // A connection opened between the -wal check and the lock leaves a -wal: then the live open works.
    for (int round = 0; round < 3; ++round) {
      try {
        return schema_checked(ReadOnlyDatabase(open_connection(options.location, 0, options.busy_timeout), -1), context);
      } catch (const SQLite::Exception& e) {
        if (!cannot_use_shared_memory(e)) throw;
        if (wal_file_exists(options.location)) return unreadable_wal(e, options.location, context);
      }
      auto lock = lock_for_snapshot(options.location);
      if (!lock) return Status{lock.status().code(), context + ": " + lock.status().message()};
      std::unique_ptr<SQLite::Database> db;
      try {
        if (!wal_file_exists(options.location)) db = open_connection(immutable_uri(options.location), SQLite::OPEN_URI,
                                                                 options.busy_timeout);
      } catch (...) {
        ::close(*lock);
        throw;
      }
      if (!db) {
        ::close(*lock);
        continue;
      }
      return schema_checked(ReadOnlyDatabase(std::move(db), *lock), context);
    }
    return Status{StatusCode::kBusy, context + ": the database keeps being opened and closed; try again"};
  } catch (const std::exception& e) {
    return to_status(e, context);
  }
}

}  // namespace payq::store
