// store/sqlite/sqlite_settle_history.h — SettleHistory on SQLite: the latest polled requests by index range, and the
// reconciler's load. Read-only; one instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/settle_history.h"

namespace payq::store {

class SqliteSettleHistory final : public SettleHistory {
 public:
  explicit SqliteSettleHistory(SQLite::Database& db) : db_(db) {}
  Result<std::vector<SettleRecord>> recent(int limit) override;
  Result<ReconcilerLoad> load(std::int64_t now_ms) override;

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
