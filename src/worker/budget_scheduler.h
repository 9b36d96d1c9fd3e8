// worker/budget_scheduler.h — shares the Limiter's permits between submissions and polls (docs/design.md §4).
// Thread-safe: N submitter threads and the reconciler call acquire() concurrently; knows nothing of HTTP or SQL.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <stop_token>

#include "limiter/limiter.h"

namespace payq::worker {

enum class Side { kSubmit, kPoll };
enum class Choice { kIdle, kSubmit, kPoll };

// Who gets a permit. A side is "due" when it has work: a thread of it waits in acquire(), or it declared a
// backlog with set_backlog(). One side due: it gets every permit. Both due ("contested"): smooth weighted
// round-robin with weights min_share (polls) and 1 - min_share (submissions): each contested choice adds the
// weights to two credits, the larger credit wins and pays 1. Over any run of contested choices each side is
// within one permit of its share, in both directions (polls never below min_share, submissions never starve),
// and deterministically so. Uncontested choices leave the credits alone: idle time is not banked.
//
// Lending: when the winner is due only by backlog (e.g. the reconciler is busy with its previous poll), the
// permit goes to the waiting side instead of idling, and the winner keeps its credit, so it catches up as soon
// as it waits again; the carry is bounded by kMaxCarry permits.
//
// Expected use, with one Limiter shared by everything:
//   submitter thread:  wait until the store may hold due intents (data_version / idle wait), then
//                      permit = acquire(kSubmit, stop); claim one intent; if nothing was claimed,
//                      give_back(permit) and go back to waiting; otherwise send with that permit.
//   reconciler thread: after each look at the store, set_backlog(kPoll, "due polls exist"); while they do,
//                      permit = acquire(kPoll, stop) and poll the oldest due one.
//   token refresh:     directly Limiter::acquire(kToken) — it serves both sides.
// Inside, exactly one waiting thread at a time sleeps in Limiter::acquire; each permit it gets is routed to
// the chosen side, handed over to a waiting thread of that side if it is not the pump's own.
class BudgetScheduler {
 public:
  static constexpr double kMaxCarry = 2.0;

  // min_share: reconciler.min_share, clamped to [0, 1].
  BudgetScheduler(limiter::Limiter& limiter, double min_share);

  // The decision alone, for callers that track due work themselves (and for tests): records and returns
  // which side the next permit goes to; kIdle when neither is due.
  Choice choose(bool submit_due, bool poll_due);

  // Blocks until this side is given a permit; nullopt once stop is requested.
  [[nodiscard]] std::optional<limiter::Permit> acquire(Side side, std::stop_token stop);

  // The permit was not used: its start is erased from the Limiter. The side's credit is not refunded (it had
  // no real work, so the other side deserved the turn anyway).
  void give_back(Side side, const limiter::Permit& permit);

  // Declares whether the side has due work while none of its threads is waiting in acquire().
  void set_backlog(Side side, bool has_due_work);

  // Threads of this side blocked in acquire() with no permit routed to them yet (status reporting, tests).
  int waiting(Side side);

  struct Granted {
    std::uint64_t submit = 0;
    std::uint64_t poll = 0;
  };
  Granted granted();

 private:
  Side pick_locked(bool submit_due, bool poll_due, bool submit_present, bool poll_present);
  std::optional<limiter::Permit> pump_locked(std::unique_lock<std::mutex>& lock, Side side,
                                             std::stop_token stop);
  void leave_locked(Side side);
  int waiting_locked(Side side) const;

  limiter::Limiter& limiter_;
  Clock& clock_;  // the limiter's: waits for the pump and their wakes go through it
  const double min_share_;
  std::mutex mutex_;
  std::condition_variable_any changed_;  // a pump finished, or a permit was handed over
  double credit_[2] = {0.0, 0.0};        // guarded by mutex_; indexed by Side
  int waiting_[2] = {0, 0};              // guarded by mutex_
  bool backlog_[2] = {false, false};     // guarded by mutex_
  bool pumping_ = false;                 // guarded by mutex_: a thread is inside Limiter::acquire for us
  std::deque<limiter::Permit> handoff_[2];  // guarded by mutex_: permits routed to a side, not yet taken
  Granted granted_;                      // guarded by mutex_
};

}  // namespace payq::worker
