// store/postgres/pg_operator_actions.h — OperatorActions on PostgreSQL: each intent's change one guarded UPDATE in
// its own transaction; the schema's triggers append the transitions. One instance per connection, one thread.
#pragma once

#include <pqxx/connection>

#include "store/operator_actions.h"

namespace payq::store::postgres {

class PgOperatorActions final : public OperatorActions {
 public:
  explicit PgOperatorActions(pqxx::connection& session) : session_(session) {}

  Result<std::vector<ActionTarget>> select(const IntentFilter& filter) override;
  Result<std::optional<ActionTarget>> find(const std::string& reference_id) override;
  Status remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id) override;

 private:
  Result<bool> guarded_write(OperatorAction action, const ActionTarget& target, const Actor& actor,
                             const std::string& note, std::int64_t now_ms,
                             const std::optional<std::string>& remote_id) override;

  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
