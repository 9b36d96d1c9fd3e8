// store/sqlite/sqlite_leader_lock.h — LeaderLock for an SQLite file: `payq run` holds the file's instance lock
// (daemon/instance_lock.h) before it opens the database, so the daemon that got this far leads. No state.
#pragma once

#include "store/leader_lock.h"

namespace payq::store {

class SqliteLeaderLock final : public LeaderLock {
 public:
  bool shared() const override { return false; }
  Result<bool> try_acquire() override { return true; }
  Status still_held() override { return Status::ok(); }
};

}  // namespace payq::store
