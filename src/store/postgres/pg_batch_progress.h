// store/postgres/pg_batch_progress.h — BatchProgress on PostgreSQL: one aggregate statement over a batch (through
// payment_intents_by_batch) or the whole table. Read-only; one instance per session, one thread.
#pragma once

#include <pqxx/connection>

#include "store/batch_progress.h"

namespace payq::store::postgres {

class PgBatchProgress final : public BatchProgress {
 public:
  explicit PgBatchProgress(pqxx::connection& session) : session_(session) {}
  Result<BatchCounts> count(const std::optional<std::string>& batch) override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
