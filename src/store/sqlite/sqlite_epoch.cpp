// store/sqlite/sqlite_epoch.cpp — one INSERT into daemon_epochs; AUTOINCREMENT keeps numbers strictly increasing even
// if rows were ever removed by hand.
#include "store/sqlite/sqlite_epoch.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {

Result<std::int64_t> begin_epoch(SQLite::Database& db, std::int64_t pid, const std::string& host,
                                 std::int64_t now_ms) {
  try {
    SQLite::Statement q(db, "INSERT INTO daemon_epochs (pid, host, started_at) VALUES (?, ?, ?) RETURNING epoch");
    q.bind(1, pid);
    q.bind(2, host);
    q.bind(3, now_ms);
    if (!q.executeStep()) return Status{StatusCode::kInternal, "daemon_epochs: no epoch returned"};
    const std::int64_t epoch = q.getColumn(0).getInt64();
    q.reset();
    return epoch;
  } catch (const std::exception& e) {
    return to_status(e, "begin a daemon epoch");
  }
}

}  // namespace payq::store
