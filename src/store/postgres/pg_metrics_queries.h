// store/postgres/pg_metrics_queries.h — MetricsQueries on PostgreSQL. Identity values are not handed out in commit
// order here, so the transition cursor only moves past ids no open transaction can still commit (see the .cpp);
// it remembers one fence between calls. One instance per session, one thread.
#pragma once

#include <optional>
#include <string>

#include <pqxx/connection>

#include "store/metrics_queries.h"

namespace payq::store::postgres {

class PgMetricsQueries final : public MetricsQueries {
 public:
  // What bounds the cursor (see the .cpp): the ids handed out, read before the xids (an xid[] literal) of the
  // transactions then holding a lock on status_transitions. Every id up to last_value is settled in any snapshot
  // in which none of those writers is open.
  struct Fence {
    std::int64_t last_value = 0;
    std::string writers;
  };

  explicit PgMetricsQueries(pqxx::connection& session) : session_(session) {}
  // Tallies the transitions with after_id < id <= a bound below which every id is settled: each row up to it is
  // committed and visible, or will never exist. A transition whose transaction is still open is therefore
  // tallied by a later call, never skipped; while a transaction that writes transitions stays open (an import),
  // last_id stops below its ids. Keeps one fence between calls: use one instance for the whole cursor.
  Result<TransitionsSince> state_transitions_after(std::int64_t after_id) override;
  Result<std::optional<std::int64_t>> oldest_queued_created_at() override;
  Result<std::vector<CallTally>> calls_since(std::int64_t since_ms) override;

 private:
  pqxx::connection& session_;
  std::optional<Fence> pending_;  // the oldest fence not yet known to be settled
};

}  // namespace payq::store::postgres
