// store/sqlite/sqlite_pause_store.cpp — the pause row and its audit row change together in one IMMEDIATE
// transaction, so the audit never says "paused" for a pause that did not happen, and two operators racing see one
// change each.
#include "store/sqlite/sqlite_pause_store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {
namespace {

void append_event(SQLite::Database& db, const char* action, const std::string& by, const std::string& reason,
                  std::int64_t now_ms) {
  SQLite::Statement q(db, "INSERT INTO pause_events (action, at, actor, reason) VALUES (?, ?, ?, ?)");
  q.bind(1, action);
  q.bind(2, now_ms);
  q.bind(3, by);
  q.bind(4, reason);
  q.exec();
}

}  // namespace

std::optional<PauseState> SqlitePauseStore::read_in_transaction() {
  SQLite::Statement q(db_, "SELECT paused_at, paused_by, reason FROM submission_pause WHERE id = 1");
  if (!q.executeStep()) return std::nullopt;
  return PauseState{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()};
}

Result<std::optional<PauseState>> SqlitePauseStore::read() {
  try {
    return read_in_transaction();
  } catch (const std::exception& e) {
    return to_status(e, "read the submission pause");
  }
}

Result<PauseChange> SqlitePauseStore::pause(const std::string& by, const std::string& reason, std::int64_t now_ms) {
  try {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    PauseChange change{false, read_in_transaction()};
    if (change.before) return change;  // already paused: nothing written, the transaction rolls back
    SQLite::Statement q(db_, "INSERT INTO submission_pause (id, paused_at, paused_by, reason) VALUES (1, ?, ?, ?)");
    q.bind(1, now_ms);
    q.bind(2, by);
    q.bind(3, reason);
    q.exec();
    append_event(db_, "pause", by, reason, now_ms);
    tx.commit();
    change.changed = true;
    return change;
  } catch (const std::exception& e) {
    return to_status(e, "pause submissions");
  }
}

Result<PauseChange> SqlitePauseStore::resume(const std::string& by, const std::string& reason, std::int64_t now_ms) {
  try {
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    PauseChange change{false, read_in_transaction()};
    if (!change.before) return change;  // not paused: nothing written
    db_.exec("DELETE FROM submission_pause WHERE id = 1");
    append_event(db_, "resume", by, reason, now_ms);
    tx.commit();
    change.changed = true;
    return change;
  } catch (const std::exception& e) {
    return to_status(e, "resume submissions");
  }
}

Result<std::vector<PauseEvent>> SqlitePauseStore::history(int limit) {
  try {
    SQLite::Statement q(db_, "SELECT action, at, actor, reason FROM pause_events ORDER BY id DESC LIMIT ?");
    q.bind(1, limit);
    std::vector<PauseEvent> events;
    while (q.executeStep()) {
      events.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                        q.getColumn(3).getString()});
    }
    return events;
  } catch (const std::exception& e) {
    return to_status(e, "read the pause history");
  }
}

}  // namespace payq::store
