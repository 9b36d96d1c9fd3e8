// store/health_queries.cpp — each figure is one small query answered from an index (the partial state indexes,
// api_calls_by_time) except the ambiguous count, a scan that `payq status` can afford and the daemon never runs.
#include "store/health_queries.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite_error.h"

namespace payq::store {
namespace {

std::optional<std::int64_t> optional_int64(SQLite::Database& db, const char* sql) {
  SQLite::Statement q(db, sql);
  if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

}  // namespace

Result<HealthFigures> HealthQueries::figures(std::int64_t window_start_ms) {
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

}  // namespace payq::store
