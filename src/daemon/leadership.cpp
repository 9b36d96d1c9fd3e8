// daemon/leadership.cpp — the standby loop and the leader's watch. A standby logs once when it starts waiting and
// once when it leads; its database trouble is logged at most once per episode, never fatal.
#include "daemon/leadership.h"

#include <spdlog/spdlog.h>

#include "worker/worker_context.h"

namespace payq::daemon {
namespace {

// The standby's own row and the --until-idle question, one pass. ok unless the database answered badly.
Status stand_by_once(store::Connection& db, const StandbyOptions& options, std::int64_t since_ms, std::int64_t now_ms,
                     bool& idle) {
  if (Status beat = db.heartbeat().beat_standby({options.pid, options.host, since_ms, now_ms}); !beat) return beat;
  if (options.until_idle) {
    auto open = db.queue_stats().has_open_work();
    if (!open) return open.status();
    idle = !*open;
  }
  return Status::ok();
}

}  // namespace

Result<LeadOutcome> wait_to_lead(store::LeaderLock& lock, store::Connection& db, const StandbyOptions& options,
                                 Clock& clock, std::stop_token stop) {
  const std::int64_t since_ms = worker::wall_ms(clock);
  bool announced = false;
  bool troubled = false;
  for (;;) {
    auto acquired = lock.try_acquire();
    if (acquired && *acquired) {
      if (announced) {
        spdlog::info("leading now: took the leader lock after standing by");
        (void)db.heartbeat().remove_standby(options.pid, options.host);
      }
      return LeadOutcome::kLeading;
    }
    if (!lock.shared()) return Status{StatusCode::kInternal, "the leader lock of an unshared database was refused"};
    bool idle = false;
    Status pass = acquired ? stand_by_once(db, options, since_ms, worker::wall_ms(clock), idle) : acquired.status();
    if (!pass && !troubled) spdlog::warn("standing by: {} (retrying)", pass.message());
    troubled = !pass;
    if (pass && !announced) {
      spdlog::info("standing by: another payq run leads this database; retrying the leader lock every {} ms",
                   kStandbyRetry.count());
      announced = true;
    }
    if (idle) {
      (void)db.heartbeat().remove_standby(options.pid, options.host);
      return LeadOutcome::kIdle;
    }
    if (!clock.sleep_until(clock.steady_now() + kStandbyRetry, stop)) {
      (void)db.heartbeat().remove_standby(options.pid, options.host);
      return LeadOutcome::kStopped;
    }
  }
}

LeaderWatch::LeaderWatch(store::LeaderLock& lock, Clock& clock, std::stop_source& stop, std::stop_source& abort)
    : lock_(lock), clock_(clock), stop_(stop), abort_(abort) {
  if (lock_.shared()) thread_ = std::jthread([this](std::stop_token done) { watch(done); });
}

Status LeaderWatch::lost() const {
  std::lock_guard lock(mutex_);
  return lost_;
}

void LeaderWatch::watch(std::stop_token done) {
  while (clock_.sleep_until(clock_.steady_now() + kLeaderCheck, done)) {
    Status held = lock_.still_held();
    if (held) continue;
    spdlog::error("lost the leader lock ({}): stopping at once, calls in flight cut off; another payq run may lead",
                  held.message());
    {
      std::lock_guard lock(mutex_);
      lost_ = Status{StatusCode::kUnavailable, "lost the leader lock: " + held.message()};
    }
    stop_.request_stop();
    abort_.request_stop();
    return;
  }
}

}  // namespace payq::daemon
