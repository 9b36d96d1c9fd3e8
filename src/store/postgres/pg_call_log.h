// store/postgres/pg_call_log.h — CallLog on PostgreSQL: one prepared INSERT per call, pruning in small batches.
// One instance per connection, one thread.
#pragma once

#include <pqxx/connection>

#include "store/call_log.h"

namespace payq::store::postgres {

class PgCallLog final : public CallLog {
 public:
  explicit PgCallLog(pqxx::connection& session);

  Status append(const CallRow& row) override;
  Result<int> prune(std::int64_t cutoff_ms, int batch) override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
