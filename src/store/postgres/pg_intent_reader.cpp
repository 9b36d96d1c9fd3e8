// store/postgres/pg_intent_reader.cpp — SELECTs behind IntentReader; column order is defined once in kIntentColumns
// and read back by read_intent(), so adding a field touches two adjacent places (as in the SQLite reader).
#include "store/postgres/pg_intent_reader.h"

#include <algorithm>
#include <string_view>

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_values.h"

namespace payq::store::postgres {
namespace {

constexpr std::string_view kIntentColumns =
    "id, reference_id, state, amount, amount_minor, currency, redirect_url, batch, remote_id, remote_status,"
    " remote_payload, attempts, throttled, polls, ambiguous, last_error, created_at, updated_at,"
    " CASE WHEN state = 'queued' AND next_attempt_at > 0 THEN next_attempt_at END, next_poll_at, settled_at,"
    " payment_url";

// Rows per page of for_each: large enough that round trips do not dominate, small enough to keep memory flat.
constexpr std::int64_t kPageRows = 1000;

IntentRecord read_intent(const pqxx::row& q) {
  IntentRecord r;
  r.id = q[0].as<std::int64_t>();
  r.reference_id = q[1].as<std::string>();
  r.state = q[2].as<std::string>();
  r.amount = q[3].as<std::string>();
  r.amount_minor = q[4].as<std::int64_t>();
  r.currency = q[5].as<std::string>();
  r.redirect_url = q[6].as<std::string>();
  r.batch = optional_text(q[7]);
  r.remote_id = optional_text(q[8]);
  r.remote_status = optional_text(q[9]);
  r.remote_payload = optional_text(q[10]);
  r.attempts = q[11].as<std::int64_t>();
  r.throttled = q[12].as<std::int64_t>();
  r.polls = q[13].as<std::int64_t>();
  r.ambiguous = q[14].as<std::int64_t>() != 0;
  r.last_error = optional_text(q[15]);
  r.created_at = q[16].as<std::int64_t>();
  r.updated_at = q[17].as<std::int64_t>();
  r.next_attempt_at = optional_int64(q[18]);
  r.next_poll_at = optional_int64(q[19]);
  r.settled_at = optional_int64(q[20]);
  r.payment_url = optional_text(q[21]);
  return r;
}

// One page: the query's filter, then ids after `after_id` (none on the first page), at most `rows` of them.
pqxx::result read_page(pqxx::connection& session, const ListQuery& query, std::optional<std::int64_t> after_id,
                       std::int64_t rows) {
  PgParams p;
  std::string sql = "SELECT " + std::string(kIntentColumns) + " FROM payment_intents WHERE true";
  if (query.filter.state) sql += " AND state = " + p.add(*query.filter.state);
  if (query.filter.batch) sql += " AND batch = " + p.add(*query.filter.batch);
  if (query.remote_status) sql += " AND remote_status = " + p.add(*query.remote_status);
  if (query.without_remote_status) sql += " AND remote_status IS NULL";
  if (query.since_ms) sql += " AND created_at >= " + p.add(*query.since_ms);
  if (query.until_ms) sql += " AND created_at <= " + p.add(*query.until_ms);
  if (after_id) sql += " AND id > " + p.add(*after_id);
  sql += " ORDER BY id LIMIT " + p.add(rows);
  pqxx::read_transaction tx(session);
  pqxx::result page = p.exec(tx, sql);
  tx.commit();
  return page;
}

}  // namespace

Status PgIntentReader::for_each(const ListQuery& query, const std::function<bool(const IntentRecord&)>& row) {
  try {
    std::optional<std::int64_t> remaining = query.limit;
    std::optional<std::int64_t> after_id;
    while (!remaining || *remaining > 0) {
      const std::int64_t rows = remaining ? std::min(*remaining, kPageRows) : kPageRows;
      const pqxx::result page = read_page(session_, query, after_id, rows);
      for (const auto& r : page) {
        const IntentRecord record = read_intent(r);
        if (!row(record)) return Status::ok();
        after_id = record.id;
      }
      if (static_cast<std::int64_t>(page.size()) < rows) break;
      if (remaining) *remaining -= rows;
    }
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "list intents");
  }
}

Result<std::optional<IntentRecord>> PgIntentReader::find(const std::string& reference_id) {
  try {
    pqxx::read_transaction tx(session_);
    const pqxx::result r = tx.exec_params(
        "SELECT " + std::string(kIntentColumns) + " FROM payment_intents WHERE reference_id = $1", reference_id);
    tx.commit();
    if (r.empty()) return std::optional<IntentRecord>{};
    return std::optional<IntentRecord>(read_intent(r[0]));
  } catch (const std::exception& e) {
    return to_status(e, "find ref=" + reference_id);
  }
}

Result<std::vector<TransitionRecord>> PgIntentReader::transitions(std::int64_t intent_id) {
  try {
    pqxx::read_transaction tx(session_);
    std::vector<TransitionRecord> out;
    for (const auto& r : tx.exec_params("SELECT field, old_value, new_value, at, observed_by, detail"
                                        " FROM status_transitions WHERE intent_id = $1 ORDER BY id",
                                        intent_id)) {
      out.push_back({r[0].as<std::string>(), optional_text(r[1]), optional_text(r[2]), r[3].as<std::int64_t>(),
                     r[4].as<std::string>(), optional_text(r[5])});
    }
    tx.commit();
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "transitions of intent " + std::to_string(intent_id));
  }
}

}  // namespace payq::store::postgres
