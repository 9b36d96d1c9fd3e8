// store/sqlite/sqlite_operator_actions.cpp — the selection and the guarded UPDATEs of operator actions. Every write
// names the snapshot it was decided on (id, state, ambiguous, whether a remote id is held).
#include "store/sqlite/sqlite_operator_actions.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {
namespace {

constexpr const char* kTargetColumns = "id, reference_id, state, ambiguous, remote_id IS NOT NULL";

// Appended to every write: the intent is still as it was selected.
constexpr const char* kUnchanged =
    " WHERE id = :id AND state = :state AND ambiguous = :ambiguous AND (remote_id IS NOT NULL) = :has_remote_id";

ActionTarget read_target(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getInt() != 0, q.getColumn(4).getInt() != 0};
}

void bind_guard(SQLite::Statement& q, const ActionTarget& target) {
  q.bind(":id", target.id);
  q.bind(":state", target.state);
  q.bind(":ambiguous", target.ambiguous ? 1 : 0);
  q.bind(":has_remote_id", target.has_remote_id ? 1 : 0);
}

void bind_actor(SQLite::Statement& q, const Actor& actor, const std::string& note, std::int64_t now_ms) {
  q.bind(":now", now_ms);
  q.bind(":by", "operator:" + actor.by);
  const std::string reason = change_reason(actor, note);
  if (reason.empty()) {
    q.bind(":reason");
  } else {
    q.bind(":reason", reason);
  }
}

const char* write_sql(OperatorAction action) {
  switch (action) {
    case OperatorAction::kCancel:
      return "UPDATE payment_intents SET state = 'cancelled', updated_at = :now, changed_by = :by,"
             " change_reason = :reason";
    case OperatorAction::kRequeue:
      return "UPDATE payment_intents SET state = 'queued', next_attempt_at = :now, attempts = 0, updated_at = :now,"
             " changed_by = :by, change_reason = :reason";
    case OperatorAction::kResolve:
      return "UPDATE payment_intents SET state = 'submitted', remote_id = :remote_id, submitted_at = :now,"
             " polls = 0, not_found_polls = 0, next_poll_at = :now, updated_at = :now, changed_by = :by,"
             " change_reason = :reason";
  }
  return "";
}

}  // namespace

Result<std::vector<ActionTarget>> SqliteOperatorActions::select(const IntentFilter& filter) {
  try {
    std::string sql = std::string("SELECT ") + kTargetColumns + " FROM payment_intents WHERE 1";
    if (filter.state) sql += " AND state = :state";
    if (filter.batch) sql += " AND batch = :batch";
    SQLite::Statement q(db_, sql + " ORDER BY id");
    if (filter.state) q.bind(":state", *filter.state);
    if (filter.batch) q.bind(":batch", *filter.batch);
    std::vector<ActionTarget> out;
    while (q.executeStep()) out.push_back(read_target(q));
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "select intents");
  }
}

Result<std::optional<ActionTarget>> SqliteOperatorActions::find(const std::string& reference_id) {
  try {
    SQLite::Statement q(db_, std::string("SELECT ") + kTargetColumns + " FROM payment_intents WHERE reference_id = ?");
    q.bind(1, reference_id);
    if (!q.executeStep()) return std::optional<ActionTarget>{};
    return std::optional<ActionTarget>(read_target(q));
  } catch (const std::exception& e) {
    return to_status(e, "find ref=" + reference_id);
  }
}

Result<bool> SqliteOperatorActions::guarded_write(OperatorAction action, const ActionTarget& target,
                                                 const Actor& actor, const std::string& note, std::int64_t now_ms,
                                                 const std::optional<std::string>& remote_id) {
  try {
    SQLite::Statement q(db_, std::string(write_sql(action)) + kUnchanged);
    bind_guard(q, target);
    bind_actor(q, actor, note, now_ms);
    if (remote_id) q.bind(":remote_id", *remote_id);
    return q.exec() == 1;
  } catch (const std::exception& e) {
    return to_status(e, std::string(to_string(action)) + " ref=" + target.reference_id);
  }
}

Status SqliteOperatorActions::remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id) {
  try {
    SQLite::Statement q(db_, "SELECT reference_id, state FROM payment_intents"
                             " WHERE remote_id = ? AND reference_id <> ?");
    q.bind(1, remote_id);
    q.bind(2, reference_id);
    if (!q.executeStep()) return Status::ok();
    return {StatusCode::kConflict, "cannot resolve ref=" + reference_id + ": remote id '" + remote_id +
                                       "' already belongs to ref=" + q.getColumn(0).getString() + " (" +
                                       q.getColumn(1).getString() + ")"};
  } catch (const std::exception& e) {
    return to_status(e, "resolve ref=" + reference_id);
  }
}

}  // namespace payq::store
