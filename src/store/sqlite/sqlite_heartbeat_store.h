// store/sqlite/sqlite_heartbeat_store.h — HeartbeatStore on SQLite: the one-row daemon_heartbeat table, rewritten by
// UPSERT. One instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/heartbeat_store.h"

namespace payq::store {

class SqliteHeartbeatStore final : public HeartbeatStore {
 public:
  explicit SqliteHeartbeatStore(SQLite::Database& db) : db_(db) {}
  Status beat(const Heartbeat& heartbeat) override;
  Status mark_stopped(std::int64_t epoch, std::int64_t now_ms) override;
  Result<std::optional<Heartbeat>> read() override;
  Status beat_standby(const Standby& standby) override;
  Status remove_standby(std::int64_t pid, const std::string& host) override;
  Result<std::vector<Standby>> standbys(std::int64_t seen_since_ms) override;

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
