// store/sqlite/sqlite_call_log.h — CallLog on SQLite: a prepared INSERT per call row and pruning in small DELETE
// batches. One instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/call_log.h"

namespace payq::store {

class SqliteCallLog final : public CallLog {
 public:
  explicit SqliteCallLog(SQLite::Database& db);
  Status append(const CallRow& row) override;
  Result<int> prune(std::int64_t cutoff_ms, int batch) override;

 private:
  SQLite::Database& db_;
  SQLite::Statement insert_;
};

}  // namespace payq::store
