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
  Status remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id) override;

 private:
  Result<bool> guarded_write(OperatorAction action, const ActionTarget& target, const Actor& actor,
                             const std::string& note, std::int64_t now_ms,
                             const std::optional<std::string>& remote_id) override;

  SQLite::Database& db_;
};

}  // namespace payq::store
