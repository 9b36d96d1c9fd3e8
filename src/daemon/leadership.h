// daemon/leadership.h — becoming the one daemon that claims and sends on a database several daemons share, and
// noticing at once when that ends. A standby makes no partner request; it only waits, says so, and retries the
// leader lock. Called on the daemon's main thread; the watch runs on a thread of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "common/clock.h"
#include "payq/status.h"
#include "store/connection.h"
#include "store/leader_lock.h"

namespace payq::daemon {

// How often a standby retries the leader lock (and says it still waits).
inline constexpr std::chrono::milliseconds kStandbyRetry{1000};
// How often the leader checks that the lock is still its own.
inline constexpr std::chrono::milliseconds kLeaderCheck{250};
// After a takeover, how long the new leader stays silent before its first partner request: a full limiter window
// and some, so the dead leader's last second of requests and the new leader's first never share a rolling second.
inline constexpr std::chrono::milliseconds kTakeoverQuiet{1200};

enum class LeadOutcome {
  kLeading,  // this process holds the leader lock
  kStopped,  // stop was requested while standing by
  kIdle,     // --until-idle: nothing is left to do (another daemon did the work)
};

struct StandbyOptions {
  std::int64_t pid = 0;
  std::string host;
  bool until_idle = false;  // stop standing by once nothing is queued, submitting or awaiting a poll
};

// Returns at once when the lock is free (always on an unshared database); otherwise stands by — recording itself in
// daemon_standbys and retrying every kStandbyRetry — until it leads, stop is requested or (until_idle) nothing is
// left. Database trouble while standing by is logged and waited out.
Result<LeadOutcome> wait_to_lead(store::LeaderLock& lock, store::Connection& db, const StandbyOptions& options,
                                 Clock& clock, std::stop_token stop);

// While it lives, checks the leader lock every kLeaderCheck on a thread of its own; when the lock is lost, logs why
// and requests `stop` and `abort` (calls in flight are cut off: another daemon may already lead). Does nothing on
// an unshared database.
class LeaderWatch {
 public:
  LeaderWatch(store::LeaderLock& lock, Clock& clock, std::stop_source& stop, std::stop_source& abort);

  // Why the lock was lost; ok while it is held (or the watch was stopped). Thread-safe.
  Status lost() const;

 private:
  void watch(std::stop_token done);

  store::LeaderLock& lock_;
  Clock& clock_;
  std::stop_source& stop_;
  std::stop_source& abort_;
  mutable std::mutex mutex_;
  Status lost_;  // guarded by mutex_
  std::jthread thread_;  // last: started once everything it reads is constructed
};

}  // namespace payq::daemon
