// worker/store_health.h — the daemon's view of its own database. SQLITE_BUSY/LOCKED (a producer, an import, an
// operator's sqlite3 holding the write lock) is waited out; a durability failure (disk full, I/O error, read-only)
// stops new claims until a write succeeds again; while an outcome the partner already gave waits to be
// committed, nothing new is claimed. Thread-safe; shared by every worker thread and the maintenance loop.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/intent_log.h"
#include "payq/status.h"

namespace payq::worker {

// A store answer that goes away by itself (the write lock was held): wait and repeat.
bool is_transient(const Status& status);
// A store answer that says the database cannot keep what we write (full, I/O error, read-only, corrupt).
bool is_durability_failure(const Status& status);

class StoreHealth {
 public:
  // A write reached the database: a durability failure, if any, is over.
  void write_succeeded();
  // A write failed with a durability failure: claims stop until write_succeeded().
  void write_failed(const Status& status);
  // No durability failure and no received outcome waiting to be committed.
  bool claims_allowed();
  // What is wrong now, for STATUS=, the heartbeat and the log; nullopt when healthy.
  std::optional<std::string> problem();
  // A read or write of `what` failed outside PatientWriter: a durability failure is recorded (claims stop), a held
  // lock is said at warn, anything else at error. The caller tries again later.
  void note_failure(const Status& status, std::string_view what);

  // Held while a received outcome (above all a remote id) is not yet committed: no claims meanwhile.
  class PendingOutcome {
   public:
    explicit PendingOutcome(StoreHealth& health);
    ~PendingOutcome();
    PendingOutcome(const PendingOutcome&) = delete;
    PendingOutcome& operator=(const PendingOutcome&) = delete;

   private:
    StoreHealth& health_;
  };

 private:
  std::mutex mutex_;
  std::string failure_;  // guarded by mutex_; empty when writes succeed
  int pending_ = 0;      // guarded by mutex_
};

// Repeats one store write through the database's bad moments: transient and durability failures are retried
// with capped backoff, each kind said once when it starts and then at most every kRepeatLog (warn for a lock,
// error for durability); any other answer (ok, kConflict, a constraint) is returned at once. Once stop is
// requested it keeps trying for kAfterStop more, then returns the last failure.
class PatientWriter {
 public:
  static constexpr std::chrono::milliseconds kFirstWait{50};
  static constexpr std::chrono::milliseconds kMaxWait{2000};
  static constexpr std::chrono::seconds kRepeatLog{30};
  static constexpr std::chrono::seconds kAfterStop{3};

  PatientWriter(Clock& clock, StoreHealth& health, std::stop_token stop)
      : clock_(clock), health_(health), stop_(std::move(stop)) {}

  // `what` names the write for the log ("record remote id"); `about`, the intent it is for, rides along as fields
  // (common/intent_log.h), so its waits are found with the intent's other lines.
  Status write(std::string_view what, const std::function<Status()>& attempt, const IntentFields& about = {});

 private:
  Clock& clock_;
  StoreHealth& health_;
  std::stop_token stop_;
};

}  // namespace payq::worker
