// store/sqlite/sqlite_health_queries.h — HealthQueries on SQLite: the `payq status` figures from the partial indexes
// and api_calls_by_time. Read-only; one instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/health_queries.h"

namespace payq::store {

class SqliteHealthQueries final : public HealthQueries {
 public:
  explicit SqliteHealthQueries(SQLite::Database& db) : db_(db) {}
  Result<HealthFigures> figures(std::int64_t window_start_ms) override;
  Result<RecentCalls> recent_calls(std::int64_t window_start_ms, int latest, std::int64_t minute_start_ms) override;

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
