// store/sqlite/sqlite_call_log.cpp — api_calls insert and retention. Pruning deletes by rowid range in small batches
// so it never holds the write lock long enough to delay a claim or an outcome.
#include "store/sqlite/sqlite_call_log.h"

#include "store/sqlite/sqlite_error.h"

namespace payq::store {

SqliteCallLog::SqliteCallLog(SQLite::Database& db)
    : db_(db),
      insert_(db, "INSERT INTO api_calls (intent_id, kind, started_at, latency_ms, http_status, transport_error,"
                  " outcome, ambiguous, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") {}

Status SqliteCallLog::append(const CallRow& row) {
  try {
    insert_.reset();
    if (row.intent_id) {
      insert_.bind(1, *row.intent_id);
    } else {
      insert_.bind(1);
    }
    insert_.bind(2, row.kind);
    insert_.bind(3, row.started_at_ms);
    insert_.bind(4, row.latency_ms);
    if (row.http_status) {
      insert_.bind(5, *row.http_status);
    } else {
      insert_.bind(5);
    }
    if (row.transport_error) {
      insert_.bind(6, *row.transport_error);
    } else {
      insert_.bind(6);
    }
    insert_.bind(7, row.outcome);
    insert_.bind(8, row.ambiguous ? 1 : 0);
    if (row.error) {
      insert_.bind(9, *row.error);
    } else {
      insert_.bind(9);
    }
    insert_.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    insert_.tryReset();
    return to_status(e, "record " + row.kind + " call");
  }
}

Result<int> SqliteCallLog::prune(std::int64_t cutoff_ms, int batch) {
  try {
    SQLite::Statement q(db_, "DELETE FROM api_calls WHERE id IN (SELECT id FROM api_calls WHERE started_at < ?"
                             " ORDER BY id LIMIT ?)");
    q.bind(1, cutoff_ms);
    q.bind(2, batch);
    return q.exec();
  } catch (const std::exception& e) {
    return to_status(e, "prune api_calls");
  }
}

}  // namespace payq::store
