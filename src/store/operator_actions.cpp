// store/operator_actions.cpp — guarded UPDATEs for operator actions; when the guard refuses, one extra
// SELECT tells the operator why (unknown reference, or the state it is in).
#include "store/operator_actions.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite_error.h"

namespace payq::store {

Status OperatorActions::explain_refusal(const std::string& reference_id, const std::string& action,
                                        const std::string& allowed) {
  SQLite::Statement q(db_, "SELECT state FROM payment_intents WHERE reference_id = ?");
  q.bind(1, reference_id);
  if (!q.executeStep()) return {StatusCode::kNotFound, "no intent with reference_id '" + reference_id + "'"};
  return {StatusCode::kConflict, "cannot " + action + " ref=" + reference_id + ": it is " +
                                     q.getColumn(0).getString() + " (only " + allowed + ")"};
}

Status OperatorActions::cancel(const std::string& reference_id, const std::string& reason, std::int64_t now_ms) {
  try {
    SQLite::Statement q(db_, "UPDATE payment_intents SET state = 'cancelled', updated_at = ?, changed_by = 'operator',"
                             " change_reason = ? WHERE reference_id = ? AND state = 'queued'");
    q.bind(1, now_ms);
    q.bind(2, reason);
    q.bind(3, reference_id);
    if (q.exec() == 1) return Status::ok();
    return explain_refusal(reference_id, "cancel", "a queued intent can be cancelled");
  } catch (const std::exception& e) {
    return to_status(e, "cancel ref=" + reference_id);
  }
}

Status OperatorActions::requeue(const std::string& reference_id, const std::string& reason, std::int64_t now_ms) {
  try {
    SQLite::Statement q(db_, "UPDATE payment_intents SET state = 'queued', next_attempt_at = ?1, attempts = 0,"
                             " first_attempt_at = NULL, updated_at = ?1, changed_by = 'operator', change_reason = ?2"
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

Status OperatorActions::resolve(const std::string& reference_id, const std::string& remote_id,
                                const std::string& reason, std::int64_t now_ms) {
  try {
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
    return to_status(e, "resolve ref=" + reference_id);
  }
}

}  // namespace payq::store
