// store/postgres/pg_settle_history.h — SettleHistory on PostgreSQL: the latest payment requests through
// payment_intents_by_submitted and the reconciler's load. Read-only; one instance per session, one thread.
#pragma once

#include <pqxx/connection>

#include "store/settle_history.h"

namespace payq::store::postgres {

class PgSettleHistory final : public SettleHistory {
 public:
  explicit PgSettleHistory(pqxx::connection& session) : session_(session) {}
  Result<std::vector<SettleRecord>> recent(int limit) override;
  Result<ReconcilerLoad> load(std::int64_t now_ms) override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
