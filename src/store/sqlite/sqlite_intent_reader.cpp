// store/sqlite/sqlite_intent_reader.cpp — SELECTs behind IntentReader; column order is defined once in kIntentColumns
// and read back by read_intent(), so adding a field touches two adjacent places.
#include "store/sqlite/sqlite_intent_reader.h"

#include <array>
#include <string_view>

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {
namespace {

constexpr std::string_view kIntentColumns =
    "id, reference_id, state, amount, amount_minor, currency, redirect_url, batch, remote_id, remote_status,"
    " remote_payload, attempts, throttled, polls, ambiguous, last_error, created_at, updated_at,"
    " CASE WHEN state = 'queued' AND next_attempt_at > 0 THEN next_attempt_at END, next_poll_at, settled_at,"
    " payment_url";

std::optional<std::string> optional_text(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<std::string>(c.getString());
}

std::optional<std::int64_t> optional_int(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
}

IntentRecord read_intent(SQLite::Statement& q) {
  IntentRecord r;
  r.id = q.getColumn(0).getInt64();
  r.reference_id = q.getColumn(1).getString();
  r.state = q.getColumn(2).getString();
  r.amount = q.getColumn(3).getString();
  r.amount_minor = q.getColumn(4).getInt64();
  r.currency = q.getColumn(5).getString();
  r.redirect_url = q.getColumn(6).getString();
  r.batch = optional_text(q.getColumn(7));
  r.remote_id = optional_text(q.getColumn(8));
  r.remote_status = optional_text(q.getColumn(9));
  r.remote_payload = optional_text(q.getColumn(10));
  r.attempts = q.getColumn(11).getInt64();
  r.throttled = q.getColumn(12).getInt64();
  r.polls = q.getColumn(13).getInt64();
  r.ambiguous = q.getColumn(14).getInt() != 0;
  r.last_error = optional_text(q.getColumn(15));
  r.created_at = q.getColumn(16).getInt64();
  r.updated_at = q.getColumn(17).getInt64();
  r.next_attempt_at = optional_int(q.getColumn(18));
  r.next_poll_at = optional_int(q.getColumn(19));
  r.settled_at = optional_int(q.getColumn(20));
  r.payment_url = optional_text(q.getColumn(21));
  return r;
}

}  // namespace

Status SqliteIntentReader::for_each(const ListQuery& query, const std::function<bool(const IntentRecord&)>& row) {
  try {
    const IntentFilter& filter = query.filter;
    std::string sql = "SELECT " + std::string(kIntentColumns) + " FROM payment_intents WHERE 1";
    if (filter.state) sql += " AND state = :state";
    if (filter.batch) sql += " AND batch = :batch";
    if (query.remote_status) sql += " AND remote_status = :remote_status";
    if (query.without_remote_status) sql += " AND remote_status IS NULL";
    if (query.since_ms) sql += " AND created_at >= :since";
    if (query.until_ms) sql += " AND created_at <= :until";
    sql += " ORDER BY id";
    if (query.limit) sql += " LIMIT :limit";
    SQLite::Statement q(db_, sql);
    if (filter.state) q.bind(":state", *filter.state);
    if (filter.batch) q.bind(":batch", *filter.batch);
    if (query.remote_status) q.bind(":remote_status", *query.remote_status);
    if (query.since_ms) q.bind(":since", *query.since_ms);
    if (query.until_ms) q.bind(":until", *query.until_ms);
    if (query.limit) q.bind(":limit", *query.limit);
    while (q.executeStep()) {
      if (!row(read_intent(q))) break;
    }
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "list intents");
  }
}

Result<std::optional<IntentRecord>> SqliteIntentReader::find(const std::string& reference_id) {
  try {
    SQLite::Statement q(db_, "SELECT " + std::string(kIntentColumns) + " FROM payment_intents WHERE reference_id = ?");
    q.bind(1, reference_id);
    if (!q.executeStep()) return std::optional<IntentRecord>{};
    return std::optional<IntentRecord>(read_intent(q));
  } catch (const std::exception& e) {
    return to_status(e, "find ref=" + reference_id);
  }
}

Result<std::vector<TransitionRecord>> SqliteIntentReader::transitions(std::int64_t intent_id) {
  try {
    SQLite::Statement q(db_, "SELECT field, old_value, new_value, at, observed_by, detail FROM status_transitions"
                             " WHERE intent_id = ? ORDER BY id");
    q.bind(1, static_cast<std::int64_t>(intent_id));
    std::vector<TransitionRecord> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), optional_text(q.getColumn(1)), optional_text(q.getColumn(2)),
                     q.getColumn(3).getInt64(), q.getColumn(4).getString(), optional_text(q.getColumn(5))});
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "transitions of intent " + std::to_string(intent_id));
  }
}

}  // namespace payq::store
