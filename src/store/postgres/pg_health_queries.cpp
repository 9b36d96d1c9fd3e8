// store/postgres/pg_health_queries.cpp — the same figures as SQLite's, one statement each: the partial state
// indexes answer min(), api_calls_by_time the windows (newest first for the latest success), and the ambiguous
// count is a scan `payq status` can afford and the daemon never runs.
#include "store/postgres/pg_health_queries.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_values.h"

namespace payq::store::postgres {

Result<HealthFigures> PgHealthQueries::figures(std::int64_t window_start_ms) {
  try {
    pqxx::read_transaction tx(session_);
    HealthFigures f;
    const pqxx::row row = tx.exec_params1(
        "SELECT (SELECT min(created_at) FROM payment_intents WHERE state = 'queued'),"
        " (SELECT min(next_poll_at) FROM payment_intents WHERE state = 'submitted'),"
        " (SELECT started_at + latency_ms FROM api_calls WHERE outcome = 'success'"
        "   ORDER BY started_at DESC LIMIT 1),"
        " (SELECT count(*) FROM api_calls WHERE started_at >= $1),"
        " (SELECT count(*) FROM api_calls WHERE started_at >= $1 AND http_status = 429),"
        " (SELECT count(*) FROM payment_intents WHERE ambiguous = 1)",
        window_start_ms);
    f.oldest_queued_at = optional_int64(row[0]);
    f.oldest_poll_due_at = optional_int64(row[1]);
    f.last_success_at = optional_int64(row[2]);
    f.calls_in_window = row[3].as<std::int64_t>();
    f.rate_limited_in_window = row[4].as<std::int64_t>();
    f.ambiguous_intents = row[5].as<std::int64_t>();
    tx.commit();
    return f;
  } catch (const std::exception& e) {
    return to_status(e, "read the health figures");
  }
}

Result<RecentCalls> PgHealthQueries::recent_calls(std::int64_t window_start_ms, int latest,
                                                  std::int64_t minute_start_ms) {
  try {
    pqxx::read_transaction tx(session_);
    RecentCalls r;
    for (const auto& row : tx.exec_params("SELECT outcome, count(*) FROM api_calls WHERE started_at >= $1"
                                          " GROUP BY outcome",
                                          window_start_ms)) {
      r.by_outcome[row[0].as<std::string>()] = row[1].as<std::int64_t>();
    }
    for (const auto& row : tx.exec_params("SELECT outcome FROM api_calls WHERE started_at >= $1"
                                          " AND outcome <> 'rate_limited' ORDER BY started_at DESC, id DESC LIMIT $2",
                                          window_start_ms, latest)) {
      r.latest_outcomes.push_back(row[0].as<std::string>());
    }
    r.calls_last_minute =
        tx.exec_params1("SELECT count(*) FROM api_calls WHERE started_at >= $1", minute_start_ms)[0]
            .as<std::int64_t>();
    tx.commit();
    return r;
  } catch (const std::exception& e) {
    return to_status(e, "read the recent API calls");
  }
}

}  // namespace payq::store::postgres
