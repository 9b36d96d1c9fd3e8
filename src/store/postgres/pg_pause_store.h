// store/postgres/pg_pause_store.h — PauseStore on PostgreSQL: the submission_pause row and its audit row in one
// transaction. One instance per connection, one thread.
#pragma once

#include <pqxx/connection>

#include "store/pause_store.h"

namespace payq::store::postgres {

class PgPauseStore final : public PauseStore {
 public:
  explicit PgPauseStore(pqxx::connection& session) : session_(session) {}

  Result<std::optional<PauseState>> read() override;
  Result<PauseChange> pause(const std::string& by, const std::string& reason, std::int64_t now_ms) override;
  Result<PauseChange> resume(const std::string& by, const std::string& reason, std::int64_t now_ms) override;
  Result<std::vector<PauseEvent>> history(int limit) override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
