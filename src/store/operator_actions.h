// store/operator_actions.h — the state changes a person makes: cancel before submission, requeue a failed or
// held intent, resolve a held intent with the remote id found at the partner. Each is one guarded UPDATE whose
// transition row (observed_by "operator", with the reason) the schema appends. Verifying a remote id at the
// partner is the caller's job (cli/operator_commands.cpp); this only stores the decision.
#pragma once

#include <cstdint>
#include <string>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"

namespace payq::store {

class OperatorActions {
 public:
  explicit OperatorActions(SQLite::Database& db) : db_(db) {}

  // queued -> cancelled. An intent flagged ambiguous (an earlier attempt may have created a payment request at
  // the partner) only with `force`, and the transition then says so. kConflict naming the current state (or
  // the flag) otherwise; kNotFound for an unknown reference.
  Status cancel(const std::string& reference_id, const std::string& reason, std::int64_t now_ms, bool force = false);
  // failed / on_hold -> queued, due now, with a fresh attempt budget (the person decided to try again). The first
  // attempt's time is kept: the partner's idempotency window runs from it, and a re-send past it could duplicate.
  Status requeue(const std::string& reference_id, const std::string& reason, std::int64_t now_ms);
  // Whether resolve() would accept this pair now: the intent exists and is on_hold (kNotFound / kConflict), and no
  // other intent has this remote id (kConflict naming it). Lets the caller refuse before asking the partner.
  Status check_resolvable(const std::string& reference_id, const std::string& remote_id);
  // on_hold -> submitted with the given remote id; the reconciler polls it at once.
  Status resolve(const std::string& reference_id, const std::string& remote_id, const std::string& reason,
                 std::int64_t now_ms);

 private:
  Status explain_refusal(const std::string& reference_id, const std::string& action, const std::string& allowed);
  Status remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id);

  SQLite::Database& db_;
};

}  // namespace payq::store
