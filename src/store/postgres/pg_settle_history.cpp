// store/postgres/pg_settle_history.cpp — the same two queries as SQLite's; settled_at counts only for requests
// settled by a terminal remote status (an operator's resolve or cancel says nothing about when customers pay).
#include "store/postgres/pg_settle_history.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_values.h"

namespace payq::store::postgres {

Result<std::vector<SettleRecord>> PgSettleHistory::recent(int limit) {
  try {
    pqxx::read_transaction tx(session_);
    std::vector<SettleRecord> out;
    for (const auto& row : tx.exec_params("SELECT submitted_at, coalesce(pending_seen_at, submitted_at), settled_at,"
                                          " coalesce(remote_status, '') FROM payment_intents"
                                          " WHERE submitted_at IS NOT NULL AND state IN ('submitted', 'settled')"
                                          " AND changed_by IN ('reconciler', 'submitter')"
                                          " AND (state = 'settled' OR pending_seen_at IS NOT NULL)"
                                          " ORDER BY submitted_at DESC LIMIT $1",
                                          limit)) {
      out.push_back({row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), optional_int64(row[2]),
                     row[3].as<std::string>()});
    }
    tx.commit();
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "read the settlement history");
  }
}

Result<ReconcilerLoad> PgSettleHistory::load(std::int64_t now_ms) {
  try {
    pqxx::read_transaction tx(session_);
    const pqxx::row r =
        tx.exec_params1("SELECT (SELECT count(*) FROM payment_intents WHERE state = 'submitted'),"
                        " (SELECT count(*) FROM api_calls WHERE kind = 'poll' AND started_at >= $1)",
                        now_ms - 3'600'000);
    tx.commit();
    return ReconcilerLoad{r[0].as<std::int64_t>(), r[1].as<std::int64_t>()};
  } catch (const std::exception& e) {
    return to_status(e, "read the reconciler's load");
  }
}

}  // namespace payq::store::postgres
