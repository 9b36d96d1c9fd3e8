// store/postgres/pg_pause_store.cpp — pause and resume each decide with one statement that either changes the row
// or not (INSERT … ON CONFLICT DO NOTHING, DELETE … RETURNING), so two operators racing never both record a change.
#include "store/postgres/pg_pause_store.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {
namespace {

std::optional<PauseState> pause_in(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return PauseState{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>()};
}

void append_event(pqxx::work& transaction, const char* action, const std::string& by, const std::string& reason,
                  std::int64_t now_ms) {
  transaction.exec_params("INSERT INTO pause_events (action, at, actor, reason) VALUES ($1, $2, $3, $4)",
                          std::string(action), now_ms, by, reason);
}

}  // namespace

Result<std::optional<PauseState>> PgPauseStore::read() {
  try {
    pqxx::read_transaction transaction(session_);
    return pause_in(transaction.exec("SELECT paused_at, paused_by, reason FROM submission_pause WHERE id = 1"));
  } catch (const std::exception& e) {
    return to_status(e, "read the submission pause");
  }
}

Result<PauseChange> PgPauseStore::pause(const std::string& by, const std::string& reason, std::int64_t now_ms) {
  try {
    pqxx::work transaction(session_);
    const pqxx::result inserted = transaction.exec_params(
        "INSERT INTO submission_pause (id, paused_at, paused_by, reason) VALUES (1, $1, $2, $3)"
        " ON CONFLICT (id) DO NOTHING RETURNING id",
        now_ms, by, reason);
    if (inserted.empty()) {  // already paused: nothing written
      return PauseChange{
          false, pause_in(transaction.exec("SELECT paused_at, paused_by, reason FROM submission_pause WHERE id = 1"))};
    }
    append_event(transaction, "pause", by, reason, now_ms);
    transaction.commit();
    return PauseChange{true, std::nullopt};
  } catch (const std::exception& e) {
    return to_status(e, "pause submissions");
  }
}

Result<PauseChange> PgPauseStore::resume(const std::string& by, const std::string& reason, std::int64_t now_ms) {
  try {
    pqxx::work transaction(session_);
    const auto before =
        pause_in(transaction.exec("DELETE FROM submission_pause WHERE id = 1 RETURNING paused_at, paused_by, reason"));
    if (!before) return PauseChange{false, std::nullopt};  // not paused: nothing written
    append_event(transaction, "resume", by, reason, now_ms);
    transaction.commit();
    return PauseChange{true, before};
  } catch (const std::exception& e) {
    return to_status(e, "resume submissions");
  }
}

Result<std::vector<PauseEvent>> PgPauseStore::history(int limit) {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows =
        transaction.exec_params("SELECT action, at, actor, reason FROM pause_events ORDER BY id DESC LIMIT $1", limit);
    std::vector<PauseEvent> events;
    events.reserve(rows.size());
    for (const pqxx::row& r : rows) {
      events.push_back({r[0].as<std::string>(), r[1].as<std::int64_t>(), r[2].as<std::string>(),
                        r[3].as<std::string>()});
    }
    return events;
  } catch (const std::exception& e) {
    return to_status(e, "read the pause history");
  }
}

}  // namespace payq::store::postgres
