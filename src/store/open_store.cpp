// store/open_store.cpp — the location decides the store: today every location is an SQLite file path (created
// when missing, unless told otherwise).
#include "store/open_store.h"

#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_database.h"

namespace payq::store {

Result<std::unique_ptr<Connection>> open_store(const OpenOptions& options) {
  auto db = open_database(options);
  if (!db) return db.status();
  return std::unique_ptr<Connection>(std::make_unique<SqliteConnection>(std::move(db).value()));
}

Result<std::unique_ptr<Connection>> open_store_read_only(const std::string& location,
                                                         std::chrono::milliseconds busy_timeout) {
  auto db = open_database_read_only({.location = location, .busy_timeout = busy_timeout});
  if (!db) return db.status();
  return std::unique_ptr<Connection>(std::make_unique<SqliteConnection>(std::move(db).value()));
}

}  // namespace payq::store
