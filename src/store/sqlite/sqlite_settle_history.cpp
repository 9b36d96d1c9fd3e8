// store/sqlite/sqlite_settle_history.cpp — two read-only queries; settled_at counts only for requests settled by a
// terminal remote status (an operator's resolve or cancel says nothing about when customers pay).
#include "store/sqlite/sqlite_settle_history.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {

Result<std::vector<SettleRecord>> SqliteSettleHistory::recent(int limit) {
  try {
    SQLite::Statement q(db_, "SELECT submitted_at, coalesce(pending_seen_at, submitted_at), settled_at,"
                             " coalesce(remote_status, '') FROM payment_intents"
                             " WHERE submitted_at IS NOT NULL AND state IN ('submitted', 'settled')"
                             " AND changed_by IN ('reconciler', 'submitter')"
                             " AND (state = 'settled' OR pending_seen_at IS NOT NULL)"
                             " ORDER BY submitted_at DESC LIMIT ?");
    q.bind(1, limit);
    std::vector<SettleRecord> out;
    while (q.executeStep()) {
      SettleRecord record{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), std::nullopt, q.getColumn(3).getString()};
      if (!q.getColumn(2).isNull()) record.settled_at = q.getColumn(2).getInt64();
      out.push_back(std::move(record));
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "read the settlement history");
  }
}

Result<ReconcilerLoad> SqliteSettleHistory::load(std::int64_t now_ms) {
  try {
    SQLite::Statement q(db_, "SELECT (SELECT count(*) FROM payment_intents WHERE state = 'submitted'),"
                             " (SELECT count(*) FROM api_calls WHERE kind = 'poll' AND started_at >= ?)");
    q.bind(1, now_ms - 3'600'000);
    q.executeStep();
    return ReconcilerLoad{q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
  } catch (const std::exception& e) {
    return to_status(e, "read the reconciler's load");
  }
}

}  // namespace payq::store
