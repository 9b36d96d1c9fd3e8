// store/postgres/pg_health_queries.h — HealthQueries on PostgreSQL: the `payq status` figures from the partial
// indexes and api_calls_by_time, each method one read-only transaction. One instance per session, one thread.
#pragma once

#include <pqxx/connection>

#include "store/health_queries.h"

namespace payq::store::postgres {

class PgHealthQueries final : public HealthQueries {
 public:
  explicit PgHealthQueries(pqxx::connection& session) : session_(session) {}
  Result<HealthFigures> figures(std::int64_t window_start_ms) override;
  Result<RecentCalls> recent_calls(std::int64_t window_start_ms, int latest, std::int64_t minute_start_ms) override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
