// store/operator_actions.cpp — guarded UPDATEs for operator actions; when the guard refuses, one extra
// SELECT tells the operator why (unknown reference, the state it is in, or the intent that has the remote id).
#include "store/operator_actions.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite_error.h"

namespace payq::store {

Status OperatorActions::explain_refusal(const std::string& reference_id, const std::string& action,
                                        const std::string& allowed) {
  SQLite::Statement q(db_, "SELECT state, ambiguous FROM payment_intents WHERE reference_id = ?");
  q.bind(1, reference_id);
  if (!q.executeStep()) return {StatusCode::kNotFound, "no intent with reference_id '" + reference_id + "'"};
  const std::string state = q.getColumn(0).getString();
  if (action == "cancel" && state == "queued" && q.getColumn(1).getInt() != 0) {
    return {StatusCode::kConflict, "cannot cancel ref=" + reference_id + ": an earlier attempt had an ambiguous "
                                       "outcome, so a payment request may exist at the partner; check there (and "
                                       "payq resolve it if it exists), or cancel with --force"};
  }
  return {StatusCode::kConflict, "cannot " + action + " ref=" + reference_id + ": it is " + state + " (only " +
                                     allowed + ")"};
}

// kConflict naming the other intent that already has remote_id, else ok.
Status OperatorActions::remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id) {
  SQLite::Statement q(db_, "SELECT reference_id, state FROM payment_intents WHERE remote_id = ? AND reference_id <> ?");
  q.bind(1, remote_id);
  q.bind(2, reference_id);
  if (!q.executeStep()) return Status::ok();
  return {StatusCode::kConflict, "cannot resolve ref=" + reference_id + ": remote id '" + remote_id +
                                     "' already belongs to ref=" + q.getColumn(0).getString() + " (" +
                                     q.getColumn(1).getString() + ")"};
}

Status OperatorActions::cancel(const std::string& reference_id, const std::string& reason, std::int64_t now_ms,
                               bool force) {
  try {
    SQLite::Statement q(db_, "UPDATE payment_intents SET state = 'cancelled', updated_at = ?1, changed_by = 'operator',"
                             " change_reason = CASE WHEN ambiguous = 1 THEN ?2 || ' (forced: a payment request may"
                             " exist at the partner)' ELSE ?2 END"
                             " WHERE reference_id = ?3 AND state = 'queued' AND (ambiguous = 0 OR ?4)");
    q.bind(1, now_ms);
    q.bind(2, reason);
    q.bind(3, reference_id);
    q.bind(4, force ? 1 : 0);
    if (q.exec() == 1) return Status::ok();
    return explain_refusal(reference_id, "cancel", "a queued intent can be cancelled");
  } catch (const std::exception& e) {
    return to_status(e, "cancel ref=" + reference_id);
  }
}

Status OperatorActions::requeue(const std::string& reference_id, const std::string& reason, std::int64_t now_ms) {
  try {
    SQLite::Statement q(db_, "UPDATE payment_intents SET state = 'queued', next_attempt_at = ?1, attempts = 0,"
                             " updated_at = ?1, changed_by = 'operator', change_reason = ?2"
                             " WHERE reference_id = ?3 AND state IN ('failed', 'on_hold') AND remote_id IS NULL");
    q.bind(1, now_ms);
    q.bind(2, reason);
    q.bind(3, reference_id);
    if (q.exec() == 1) return Status::ok();
    return explain_refusal(reference_id, "requeue", "failed or on_hold intents without a remote id can be requeued");
  } catch (const std::exception& e) {
    return to_status(e, "requeue ref=" + reference_id);
  }
}

Status OperatorActions::check_resolvable(const std::string& reference_id, const std::string& remote_id) {
  try {
    SQLite::Statement q(db_, "SELECT 1 FROM payment_intents WHERE reference_id = ? AND state = 'on_hold'");
    q.bind(1, reference_id);
    if (!q.executeStep()) return explain_refusal(reference_id, "resolve", "on_hold intents can be resolved");
    return remote_id_owner_conflict(reference_id, remote_id);
  } catch (const std::exception& e) {
    return to_status(e, "resolve ref=" + reference_id);
  }
}

Status OperatorActions::resolve(const std::string& reference_id, const std::string& remote_id,
                                const std::string& reason, std::int64_t now_ms) {
  try {
    if (Status owner = remote_id_owner_conflict(reference_id, remote_id); !owner) return owner;
    SQLite::Statement q(db_, "UPDATE payment_intents SET state = 'submitted', remote_id = ?1, submitted_at = ?2,"
                             " polls = 0, next_poll_at = ?2, updated_at = ?2, changed_by = 'operator',"
                             " change_reason = ?3 WHERE reference_id = ?4 AND state = 'on_hold'");
    q.bind(1, remote_id);
    q.bind(2, now_ms);
    q.bind(3, reason);
    q.bind(4, reference_id);
    if (q.exec() == 1) return Status::ok();
    return explain_refusal(reference_id, "resolve", "on_hold intents can be resolved");
  } catch (const std::exception& e) {
    Status failed = to_status(e, "resolve ref=" + reference_id);
    try {
      // Another intent took the id between the check and the UPDATE: name it rather than the constraint.
      if (Status owner = remote_id_owner_conflict(reference_id, remote_id); !owner) return owner;
    } catch (const std::exception&) {
    }
    return failed;
  }
}

}  // namespace payq::store
