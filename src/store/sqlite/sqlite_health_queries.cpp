// store/sqlite/sqlite_health_queries.cpp — each figure is one small query answered from an index (the partial state
// indexes, api_calls_by_time; the recent-call queries read a few minutes of it) except the ambiguous count, a scan
// that `payq status` can afford and the daemon never runs.
#include "store/sqlite/sqlite_health_queries.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {
namespace {

std::optional<std::int64_t> optional_int64(SQLite::Database& db, const char* sql) {
  SQLite::Statement q(db, sql);
  if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

}  // namespace

Result<HealthFigures> SqliteHealthQueries::figures(std::int64_t window_start_ms) {
  try {
    HealthFigures f;
    f.oldest_queued_at = optional_int64(db_, "SELECT min(created_at) FROM payment_intents WHERE state = 'queued'");
    f.oldest_poll_due_at =
        optional_int64(db_, "SELECT min(next_poll_at) FROM payment_intents WHERE state = 'submitted'");
    // Newest first through api_calls_by_time: stops at the first success instead of scanning every call.
    f.last_success_at = optional_int64(db_,
                                       "SELECT started_at + latency_ms FROM api_calls WHERE outcome = 'success'"
                                       " ORDER BY started_at DESC LIMIT 1");
    SQLite::Statement calls(db_,
                            "SELECT count(*), coalesce(sum(http_status = 429), 0) FROM api_calls"
                            " WHERE started_at >= ?");
    calls.bind(1, window_start_ms);
    calls.executeStep();
    f.calls_in_window = calls.getColumn(0).getInt64();
    f.rate_limited_in_window = calls.getColumn(1).getInt64();
    f.ambiguous_intents = db_.execAndGet("SELECT count(*) FROM payment_intents WHERE ambiguous = 1").getInt64();
    return f;
  } catch (const std::exception& e) {
    return to_status(e, "read the health figures");
  }
}

Result<RecentCalls> SqliteHealthQueries::recent_calls(std::int64_t window_start_ms, int latest,
                                                std::int64_t minute_start_ms) {
  try {
    RecentCalls r;
    SQLite::Statement by_outcome(db_, "SELECT outcome, count(*) FROM api_calls WHERE started_at >= ? GROUP BY outcome");
    by_outcome.bind(1, window_start_ms);
    while (by_outcome.executeStep()) {
      r.by_outcome[by_outcome.getColumn(0).getString()] = by_outcome.getColumn(1).getInt64();
    }
    SQLite::Statement newest(db_,
                             "SELECT outcome FROM api_calls WHERE started_at >= ? AND outcome <> 'rate_limited'"
                             " ORDER BY started_at DESC, id DESC LIMIT ?");
    newest.bind(1, window_start_ms);
    newest.bind(2, latest);
    while (newest.executeStep()) r.latest_outcomes.push_back(newest.getColumn(0).getString());
    SQLite::Statement minute(db_, "SELECT count(*) FROM api_calls WHERE started_at >= ?");
    minute.bind(1, minute_start_ms);
    minute.executeStep();
    r.calls_last_minute = minute.getColumn(0).getInt64();
    return r;
  } catch (const std::exception& e) {
    return to_status(e, "read the recent API calls");
  }
}

}  // namespace payq::store
