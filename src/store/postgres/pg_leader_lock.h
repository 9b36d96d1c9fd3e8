// store/postgres/pg_leader_lock.h — LeaderLock on PostgreSQL: a session-level advisory lock held by a session of
// its own, so it lasts exactly as long as that session (a killed daemon's lock goes with its connection). One thread.
#pragma once

#include <cstdint>
#include <memory>

#include "store/leader_lock.h"
#include "store/postgres/pg_connection.h"

namespace payq::store::postgres {

// The advisory lock key of the leader ("payq" in ASCII, then 2; migrations take ...1).
inline constexpr std::int64_t kLeaderLockKey = 0x7061797100000002;

class PgLeaderLock final : public LeaderLock {
 public:
  explicit PgLeaderLock(std::unique_ptr<PgConnection> session) : session_(std::move(session)) {}

  bool shared() const override { return true; }
  Result<bool> try_acquire() override;
  Status still_held() override;

 private:
  std::unique_ptr<PgConnection> session_;
};

}  // namespace payq::store::postgres
