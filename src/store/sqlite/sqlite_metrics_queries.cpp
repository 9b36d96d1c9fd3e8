// store/sqlite/sqlite_metrics_queries.cpp — each query is a range scan: status_transitions by its primary key from
// the cursor, queued intents through their partial index, api_calls through api_calls_by_time.
#include "store/sqlite/sqlite_metrics_queries.h"

#include <algorithm>

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {

Result<TransitionsSince> SqliteMetricsQueries::state_transitions_after(std::int64_t after_id) {
  try {
    SQLite::Statement q(db_, "SELECT coalesce(old_value, ''), coalesce(new_value, ''), count(*), max(id)"
                             " FROM status_transitions WHERE id > ? AND field = 'state' GROUP BY 1, 2");
    q.bind(1, after_id);
    TransitionsSince out;
    out.last_id = after_id;
    while (q.executeStep()) {
      out.tallies.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64()});
      out.last_id = std::max(out.last_id, q.getColumn(3).getInt64());
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "tally state transitions");
  }
}

Result<std::optional<std::int64_t>> SqliteMetricsQueries::oldest_queued_created_at() {
  try {
    SQLite::Statement q(db_, "SELECT min(created_at) FROM payment_intents WHERE state = 'queued'");
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(q.getColumn(0).getInt64());
  } catch (const std::exception& e) {
    return to_status(e, "find the oldest queued intent");
  }
}

Result<std::vector<CallTally>> SqliteMetricsQueries::calls_since(std::int64_t since_ms) {
  try {
    SQLite::Statement q(db_, "SELECT kind, outcome, count(*), coalesce(sum(http_status = 429), 0), sum(ambiguous)"
                             " FROM api_calls WHERE started_at >= ? GROUP BY kind, outcome");
    q.bind(1, since_ms);
    std::vector<CallTally> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getInt64(), q.getColumn(4).getInt64()});
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "tally recent API calls");
  }
}

}  // namespace payq::store
