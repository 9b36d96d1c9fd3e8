// store/sqlite/sqlite_poll_store.cpp — poll statements over the polls_due partial index (next_poll_at, id WHERE
// submitted), so finding due polls stays an index range scan however many settled intents the table holds.
#include "store/sqlite/sqlite_poll_store.h"

#include "store/sqlite/sqlite_error.h"

namespace payq::store {

SqlitePollStore::SqlitePollStore(SQLite::Database& db)
    : db_(db),
      due_(db, "SELECT id, reference_id, remote_id, coalesce(remote_status, ''), polls, coalesce(submitted_at, 0),"
               " next_poll_at, coalesce(pending_seen_at, submitted_at, 0), created_at"
               " FROM payment_intents WHERE state = 'submitted' AND next_poll_at <= ?"
               " ORDER BY next_poll_at, id LIMIT ?"),
      answer_(db, "UPDATE payment_intents SET remote_status = :status, remote_payload = :payload, polls = polls + 1,"
                  " not_found_polls = 0,"
                  " state = CASE WHEN :settle THEN 'settled' ELSE state END,"
                  " settled_at = CASE WHEN :settle THEN :now ELSE settled_at END,"
                  " pending_seen_at = CASE WHEN :settle THEN pending_seen_at ELSE :now END,"
                  " next_poll_at = CASE WHEN :settle THEN NULL ELSE :next_poll END, last_error = NULL,"
                  " updated_at = :now, changed_by = 'reconciler', change_reason = NULL"
                  " WHERE id = :id AND state = 'submitted'"),
      failure_(db, "UPDATE payment_intents SET polls = polls + 1, next_poll_at = :next_poll, last_error = :error,"
                   " updated_at = :now WHERE id = :id AND state = 'submitted'") {}

Result<std::vector<DuePoll>> SqlitePollStore::due(std::int64_t now_ms, int limit) {
  try {
    due_.reset();
    due_.bind(1, now_ms);
    due_.bind(2, limit);
    std::vector<DuePoll> out;
    while (due_.executeStep()) {
      out.push_back({due_.getColumn(0).getInt64(), due_.getColumn(1).getString(), due_.getColumn(2).getString(),
                     due_.getColumn(3).getString(), due_.getColumn(4).getInt64(), due_.getColumn(5).getInt64(),
                     due_.getColumn(6).getInt64(), due_.getColumn(7).getInt64(), due_.getColumn(8).getInt64()});
    }
    due_.reset();
    return out;
  } catch (const std::exception& e) {
    due_.tryReset();
    return to_status(e, "find due polls");
  }
}

Status SqlitePollStore::record_answer(std::int64_t id, const std::string& remote_status, const std::string& payload,
                                bool settle, std::optional<std::int64_t> next_poll_at_ms, std::int64_t now_ms) {
  try {
    answer_.reset();
    answer_.bind(":id", id);
    answer_.bind(":status", remote_status);
    answer_.bind(":payload", payload);
    answer_.bind(":settle", settle ? 1 : 0);
    answer_.bind(":now", now_ms);
    if (next_poll_at_ms) {
      answer_.bind(":next_poll", *next_poll_at_ms);
    } else {
      answer_.bind(":next_poll");
    }
    if (answer_.exec() == 1) return Status::ok();
    return {StatusCode::kConflict, "intent " + std::to_string(id) + " is no longer submitted; poll answer not recorded"};
  } catch (const std::exception& e) {
    answer_.tryReset();
    return to_status(e, "record poll of intent " + std::to_string(id));
  }
}

Status SqlitePollStore::record_failure(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                                 std::int64_t now_ms) {
  try {
    failure_.reset();
    failure_.bind(":id", id);
    failure_.bind(":error", error);
    failure_.bind(":next_poll", next_poll_at_ms);
    failure_.bind(":now", now_ms);
    failure_.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    failure_.tryReset();
    return to_status(e, "record failed poll of intent " + std::to_string(id));
  }
}

Result<bool> SqlitePollStore::record_not_found(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                                        int hold_after, std::int64_t now_ms) {
  try {
    SQLite::Statement q(db_, "UPDATE payment_intents SET polls = polls + 1, not_found_polls = not_found_polls + 1,"
                             " last_error = :error, updated_at = :now,"
                             " state = CASE WHEN not_found_polls + 1 >= :hold_after THEN 'on_hold' ELSE state END,"
                             " next_poll_at = CASE WHEN not_found_polls + 1 >= :hold_after THEN NULL"
                             "                     ELSE :next_poll END,"
                             " changed_by = 'reconciler', change_reason = :reason"
                             " WHERE id = :id AND state = 'submitted' RETURNING state");
    q.bind(":id", id);
    q.bind(":error", error);
    q.bind(":now", now_ms);
    q.bind(":hold_after", hold_after);
    q.bind(":next_poll", next_poll_at_ms);
    q.bind(":reason", "the partner answered 404 to " + std::to_string(hold_after) +
                          " polls in a row: it does not know this remote id");
    if (!q.executeStep()) {
      return Status{StatusCode::kConflict, "intent " + std::to_string(id) + " is no longer submitted; 404 not recorded"};
    }
    const bool held = q.getColumn(0).getString() == "on_hold";
    q.reset();
    return held;
  } catch (const std::exception& e) {
    return to_status(e, "record a 404 poll of intent " + std::to_string(id));
  }
}

Result<std::optional<std::int64_t>> SqlitePollStore::next_due() {
  try {
    SQLite::Statement q(db_, "SELECT min(next_poll_at) FROM payment_intents WHERE state = 'submitted'");
    q.executeStep();
    if (q.getColumn(0).isNull()) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>(q.getColumn(0).getInt64());
  } catch (const std::exception& e) {
    return to_status(e, "next due poll");
  }
}

}  // namespace payq::store
