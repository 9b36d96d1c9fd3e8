// store/sqlite/sqlite_operator_actions.h — OperatorActions on SQLite: each guarded UPDATE in its own IMMEDIATE
// transaction; the schema's triggers append the transitions. One instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/operator_actions.h"

namespace payq::store {

class SqliteOperatorActions final : public OperatorActions {
 public:
  explicit SqliteOperatorActions(SQLite::Database& db) : db_(db) {}
  Result<std::vector<ActionTarget>> select(const IntentFilter& filter) override;
  Result<std::optional<ActionTarget>> find(const std::string& reference_id) override;
  ActionReport apply(OperatorAction action, const ActionTarget& target, const Actor& actor, std::int64_t now_ms,
                     ActionOptions options = {}) override;  // the interface's defaults
  ActionReport apply(OperatorAction action, const std::string& reference_id, const Actor& actor, std::int64_t now_ms,
                     ActionOptions options = {}) override;  // the interface's defaults
  Status remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id) override;
  ActionReport resolve(const ActionTarget& target, const std::string& remote_id, const Actor& actor,
                       std::int64_t now_ms) override;

 private:
  ActionReport after_guard_refused(const ActionTarget& target, ActionReport report);

  SQLite::Database& db_;
};

}  // namespace payq::store
