// store/postgres/pg_operator_actions.cpp — the selection and the guarded UPDATEs of operator actions in PostgreSQL's
// dialect. Every write names the snapshot it was decided on (id, state, ambiguous, whether a remote id is held).
#include "store/postgres/pg_operator_actions.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {
namespace {

constexpr const char* kTargetColumns = "id, reference_id, state, ambiguous, remote_id IS NOT NULL";

// Appended to every write: the intent is still as it was selected ($1..$4).
constexpr const char* kUnchanged =
    " WHERE id = $1 AND state = $2 AND ambiguous = $3 AND (remote_id IS NOT NULL) = $4";

ActionTarget read_target(const pqxx::row& r) {
  return {r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::int64_t>() != 0,
          r[4].as<bool>()};
}

// $5 now, $6 who, $7 why, $8 the remote id (resolve only).
const char* write_sql(OperatorAction action) {
  switch (action) {
    case OperatorAction::kCancel:
      return "UPDATE payment_intents SET state = 'cancelled', updated_at = $5, changed_by = $6, change_reason = $7";
    case OperatorAction::kRequeue:
      return "UPDATE payment_intents SET state = 'queued', next_attempt_at = $5, attempts = 0, updated_at = $5,"
             " changed_by = $6, change_reason = $7";
    case OperatorAction::kResolve:
      return "UPDATE payment_intents SET state = 'submitted', remote_id = $8, submitted_at = $5, polls = 0,"
             " not_found_polls = 0, next_poll_at = $5, updated_at = $5, changed_by = $6, change_reason = $7";
  }
  return "";
}

}  // namespace

Result<std::vector<ActionTarget>> PgOperatorActions::select(const IntentFilter& filter) {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows = transaction.exec_params(
        std::string("SELECT ") + kTargetColumns +
            " FROM payment_intents WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR batch = $2)"
            " ORDER BY id",
        filter.state, filter.batch);
    std::vector<ActionTarget> out;
    out.reserve(rows.size());
    for (const pqxx::row& r : rows) out.push_back(read_target(r));
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "select intents");
  }
}

Result<std::optional<ActionTarget>> PgOperatorActions::find(const std::string& reference_id) {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows = transaction.exec_params(
        std::string("SELECT ") + kTargetColumns + " FROM payment_intents WHERE reference_id = $1", reference_id);
    if (rows.empty()) return std::optional<ActionTarget>{};
    return std::optional<ActionTarget>(read_target(rows[0]));
  } catch (const std::exception& e) {
    return to_status(e, "find ref=" + reference_id);
  }
}

Result<bool> PgOperatorActions::guarded_write(OperatorAction action, const ActionTarget& target, const Actor& actor,
                                             const std::string& note, std::int64_t now_ms,
                                             const std::optional<std::string>& remote_id) {
  try {
    const std::string reason = change_reason(actor, note);
    const std::optional<std::string> detail = reason.empty() ? std::nullopt : std::optional<std::string>(reason);
    const std::string sql = std::string(write_sql(action)) + kUnchanged;
    pqxx::work transaction(session_);
    const std::int64_t ambiguous = target.ambiguous ? 1 : 0;
    const pqxx::result done =
        remote_id ? transaction.exec_params(sql, target.id, target.state, ambiguous, target.has_remote_id, now_ms,
                                            "operator:" + actor.by, detail, *remote_id)
                  : transaction.exec_params(sql, target.id, target.state, ambiguous, target.has_remote_id, now_ms,
                                            "operator:" + actor.by, detail);
    transaction.commit();
    return done.affected_rows() == 1;
  } catch (const std::exception& e) {
    return to_status(e, std::string(to_string(action)) + " ref=" + target.reference_id);
  }
}

Status PgOperatorActions::remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id) {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows = transaction.exec_params(
        "SELECT reference_id, state FROM payment_intents WHERE remote_id = $1 AND reference_id <> $2", remote_id,
        reference_id);
    if (rows.empty()) return Status::ok();
    return {StatusCode::kConflict, "cannot resolve ref=" + reference_id + ": remote id '" + remote_id +
                                       "' already belongs to ref=" + rows[0][0].as<std::string>() + " (" +
                                       rows[0][1].as<std::string>() + ")"};
  } catch (const std::exception& e) {
    return to_status(e, "resolve ref=" + reference_id);
  }
}

}  // namespace payq::store::postgres
