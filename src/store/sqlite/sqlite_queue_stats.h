// store/sqlite/sqlite_queue_stats.h — QueueStats on SQLite: open work counted from the partial indexes, per-state
// counts by a scan. Read-only; one instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/queue_stats.h"

namespace payq::store {

class SqliteQueueStats final : public QueueStats {
 public:
  explicit SqliteQueueStats(SQLite::Database& db) : db_(db) {}
  Result<bool> has_open_work() override;
  Result<OpenCounts> count_open() override;
  Result<std::map<std::string, std::int64_t>> count_by_state() override;

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
