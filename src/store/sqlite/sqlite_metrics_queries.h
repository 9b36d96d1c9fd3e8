// store/sqlite/sqlite_metrics_queries.h — MetricsQueries on SQLite: transition tallies from an id cursor, the oldest
// queued intent, recent calls. Read-only; one instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/metrics_queries.h"

namespace payq::store {

class SqliteMetricsQueries final : public MetricsQueries {
 public:
  explicit SqliteMetricsQueries(SQLite::Database& db) : db_(db) {}
  Result<TransitionsSince> state_transitions_after(std::int64_t after_id) override;
  Result<std::optional<std::int64_t>> oldest_queued_created_at() override;
  Result<std::vector<CallTally>> calls_since(std::int64_t since_ms) override;

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
