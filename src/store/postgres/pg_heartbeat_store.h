// store/postgres/pg_heartbeat_store.h — HeartbeatStore on PostgreSQL: the one-row daemon_heartbeat table, rewritten
// by an upsert. One instance per connection, one thread.
#pragma once

#include <pqxx/connection>

#include "store/heartbeat_store.h"

namespace payq::store::postgres {

class PgHeartbeatStore final : public HeartbeatStore {
 public:
  explicit PgHeartbeatStore(pqxx::connection& session) : session_(session) {}

  Status beat(const Heartbeat& heartbeat) override;
  Status mark_stopped(std::int64_t epoch, std::int64_t now_ms) override;
  Result<std::optional<Heartbeat>> read() override;
  Status beat_standby(const Standby& standby) override;
  Status remove_standby(std::int64_t pid, const std::string& host) override;
  Result<std::vector<Standby>> standbys(std::int64_t seen_since_ms) override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
