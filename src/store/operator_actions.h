// store/operator_actions.h — the state changes a person makes: cancel before submission, requeue a failed or
// held intent, resolve a held intent with the remote id found at the partner. Each is one guarded UPDATE whose
// transition row (observed_by "operator", with the reason) the schema appends.
#pragma once

#include <cstdint>
#include <string>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"

namespace payq::store {

class OperatorActions {
 public:
  explicit OperatorActions(SQLite::Database& db) : db_(db) {}

  // queued -> cancelled. kConflict naming the current state otherwise; kNotFound for an unknown reference.
  Status cancel(const std::string& reference_id, const std::string& reason, std::int64_t now_ms);
  // failed / on_hold -> queued, due now, with a fresh attempt budget (the person decided to try again).
  Status requeue(const std::string& reference_id, const std::string& reason, std::int64_t now_ms);
  // on_hold -> submitted with the given remote id; the reconciler polls it at once.
  Status resolve(const std::string& reference_id, const std::string& remote_id, const std::string& reason,
                 std::int64_t now_ms);

 private:
  Status explain_refusal(const std::string& reference_id, const std::string& action, const std::string& allowed);

  SQLite::Database& db_;
};

}  // namespace payq::store
