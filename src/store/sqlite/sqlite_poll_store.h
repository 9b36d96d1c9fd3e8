// store/sqlite/sqlite_poll_store.h — PollStore on SQLite: prepared statements for due polls and the recording of
// their answers. One instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/poll_store.h"

namespace payq::store {

class SqlitePollStore final : public PollStore {
 public:
  explicit SqlitePollStore(SQLite::Database& db);
  Result<std::vector<DuePoll>> due(std::int64_t now_ms, int limit) override;
  Status record_answer(std::int64_t id, const std::string& remote_status, const std::string& payload, bool settle,
                       std::optional<std::int64_t> next_poll_at_ms, std::int64_t now_ms) override;
  Status record_failure(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                        std::int64_t now_ms) override;
  Result<bool> record_not_found(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms, int hold_after,
                                std::int64_t now_ms) override;
  Result<std::optional<std::int64_t>> next_due() override;

 private:
  SQLite::Database& db_;
  SQLite::Statement due_;
  SQLite::Statement answer_;
  SQLite::Statement failure_;
};

}  // namespace payq::store
