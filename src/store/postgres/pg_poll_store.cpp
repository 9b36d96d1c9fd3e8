// store/postgres/pg_poll_store.cpp — the poll statements of store/sqlite/sqlite_poll_store.cpp in PostgreSQL's
// dialect, prepared once per session.
#include "store/postgres/pg_poll_store.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {

PgPollStore::PgPollStore(pqxx::connection& session) : session_(session) {
  session_.prepare("polls_due",
                   "SELECT id, reference_id, remote_id, coalesce(remote_status, ''), polls, coalesce(submitted_at, 0),"
                   " next_poll_at, coalesce(pending_seen_at, submitted_at, 0), created_at"
                   " FROM payment_intents WHERE state = 'submitted' AND next_poll_at <= $1"
                   " ORDER BY next_poll_at, id LIMIT $2");
  session_.prepare("polls_answer",
                   "UPDATE payment_intents SET remote_status = $2, remote_payload = $3, polls = polls + 1,"
                   " not_found_polls = 0,"
                   " state = CASE WHEN $4 THEN 'settled' ELSE state END,"
                   " settled_at = CASE WHEN $4 THEN $5 ELSE settled_at END,"
                   " pending_seen_at = CASE WHEN $4 THEN pending_seen_at ELSE $5 END,"
                   " next_poll_at = CASE WHEN $4 THEN NULL ELSE $6::bigint END, last_error = NULL,"
                   " updated_at = $5, changed_by = 'reconciler', change_reason = NULL"
                   " WHERE id = $1 AND state = 'submitted'");
  session_.prepare("polls_failure",
                   "UPDATE payment_intents SET polls = polls + 1, next_poll_at = $3, last_error = $2,"
                   " updated_at = $4 WHERE id = $1 AND state = 'submitted'");
}

Result<std::vector<DuePoll>> PgPollStore::due(std::int64_t now_ms, int limit) {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows = transaction.exec_prepared("polls_due", now_ms, limit);
    std::vector<DuePoll> out;
    out.reserve(rows.size());
    for (const pqxx::row& r : rows) {
      out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                     r[4].as<std::int64_t>(), r[5].as<std::int64_t>(), r[6].as<std::int64_t>(),
                     r[7].as<std::int64_t>(), r[8].as<std::int64_t>()});
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "find due polls");
  }
}

Status PgPollStore::record_answer(std::int64_t id, const std::string& remote_status, const std::string& payload,
                                  bool settle, std::optional<std::int64_t> next_poll_at_ms, std::int64_t now_ms) {
  try {
    pqxx::work transaction(session_);
    const pqxx::result done =
        transaction.exec_prepared("polls_answer", id, remote_status, payload, settle, now_ms, next_poll_at_ms);
    transaction.commit();
    if (done.affected_rows() == 1) return Status::ok();
    return {StatusCode::kConflict, "intent " + std::to_string(id) + " is no longer submitted; poll answer not recorded"};
  } catch (const std::exception& e) {
    return to_status(e, "record poll of intent " + std::to_string(id));
  }
}

Status PgPollStore::record_failure(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                                   std::int64_t now_ms) {
  try {
    pqxx::work transaction(session_);
    transaction.exec_prepared("polls_failure", id, error, next_poll_at_ms, now_ms);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "record failed poll of intent " + std::to_string(id));
  }
}

Result<bool> PgPollStore::record_not_found(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                                           int hold_after, std::int64_t now_ms) {
  try {
    pqxx::work transaction(session_);
    const pqxx::result rows = transaction.exec_params(
        "UPDATE payment_intents SET polls = polls + 1, not_found_polls = not_found_polls + 1,"
        " last_error = $2, updated_at = $3,"
        " state = CASE WHEN not_found_polls + 1 >= $4 THEN 'on_hold' ELSE state END,"
        " next_poll_at = CASE WHEN not_found_polls + 1 >= $4 THEN NULL ELSE $5::bigint END,"
        " changed_by = 'reconciler', change_reason = $6"
        " WHERE id = $1 AND state = 'submitted' RETURNING state",
        id, error, now_ms, hold_after, next_poll_at_ms,
        "the partner answered 404 to " + std::to_string(hold_after) +
            " polls in a row: it does not know this remote id");
    transaction.commit();
    if (rows.empty()) {
      return Status{StatusCode::kConflict, "intent " + std::to_string(id) + " is no longer submitted; 404 not recorded"};
    }
    return rows[0][0].as<std::string>() == "on_hold";
  } catch (const std::exception& e) {
    return to_status(e, "record a 404 poll of intent " + std::to_string(id));
  }
}

Result<std::optional<std::int64_t>> PgPollStore::next_due() {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows =
        transaction.exec("SELECT min(next_poll_at) FROM payment_intents WHERE state = 'submitted'");
    if (rows[0][0].is_null()) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>(rows[0][0].as<std::int64_t>());
  } catch (const std::exception& e) {
    return to_status(e, "next due poll");
  }
}

}  // namespace payq::store::postgres
