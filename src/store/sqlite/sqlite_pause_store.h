// store/sqlite/sqlite_pause_store.h — PauseStore on SQLite: the submission_pause row and its audit in one IMMEDIATE
// transaction. One instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/pause_store.h"

namespace payq::store {

class SqlitePauseStore final : public PauseStore {
 public:
  explicit SqlitePauseStore(SQLite::Database& db) : db_(db) {}
  Result<std::optional<PauseState>> read() override;
  Result<PauseChange> pause(const std::string& by, const std::string& reason, std::int64_t now_ms) override;
  Result<PauseChange> resume(const std::string& by, const std::string& reason, std::int64_t now_ms) override;
  Result<std::vector<PauseEvent>> history(int limit) override;

 private:
  std::optional<PauseState> read_in_transaction();

  SQLite::Database& db_;
};

}  // namespace payq::store
