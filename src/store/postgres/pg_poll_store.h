// store/postgres/pg_poll_store.h — PollStore on PostgreSQL: due polls over the polls_due partial index, each answer
// one guarded UPDATE (the schema's trigger records the status change). One instance per connection, one thread.
#pragma once

#include <pqxx/connection>

#include "store/poll_store.h"

namespace payq::store::postgres {

class PgPollStore final : public PollStore {
 public:
  explicit PgPollStore(pqxx::connection& session);

  Result<std::vector<DuePoll>> due(std::int64_t now_ms, int limit) override;
  Status record_answer(std::int64_t id, const std::string& remote_status, const std::string& payload, bool settle,
                       std::optional<std::int64_t> next_poll_at_ms, std::int64_t now_ms) override;
  Status record_failure(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                        std::int64_t now_ms) override;
  Result<bool> record_not_found(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                                int hold_after, std::int64_t now_ms) override;
  Result<std::optional<std::int64_t>> next_due() override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
