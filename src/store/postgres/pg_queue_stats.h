// store/postgres/pg_queue_stats.h — QueueStats on PostgreSQL: open work probed and counted through the partial
// state indexes, the per-state summary by a scan. Read-only; one instance per session, one thread.
#pragma once

#include <pqxx/connection>

#include "store/queue_stats.h"

namespace payq::store::postgres {

class PgQueueStats final : public QueueStats {
 public:
  explicit PgQueueStats(pqxx::connection& session) : session_(session) {}
  Result<bool> has_open_work() override;
  Result<OpenCounts> count_open() override;
  Result<std::map<std::string, std::int64_t>> count_by_state() override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
