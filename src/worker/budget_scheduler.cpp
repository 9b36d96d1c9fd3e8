// worker/budget_scheduler.cpp — BudgetScheduler: smooth weighted round-robin over contested permits, one pump.
// Lock order: the scheduler's mutex may be held while calling into the Limiter, never the other way round.
#include "worker/budget_scheduler.h"

#include <algorithm>

namespace payq::worker {

namespace {

constexpr int kSubmitIndex = 0;
constexpr int kPollIndex = 1;

int index_of(Side side) { return side == Side::kPoll ? kPollIndex : kSubmitIndex; }
Side other(Side side) { return side == Side::kPoll ? Side::kSubmit : Side::kPoll; }
limiter::RequestKind kind_of(Side side) {
  return side == Side::kPoll ? limiter::RequestKind::kPoll : limiter::RequestKind::kCreate;
}

}  // namespace

BudgetScheduler::BudgetScheduler(limiter::Limiter& limiter, double min_share)
    : limiter_(limiter), clock_(limiter.clock()), min_share_(std::clamp(min_share, 0.0, 1.0)) {}

Side BudgetScheduler::pick_locked(bool submit_due, bool poll_due, bool submit_present, bool poll_present) {
  Side winner = poll_due ? Side::kPoll : Side::kSubmit;
  if (submit_due && poll_due) {
    credit_[kPollIndex] += min_share_;
    credit_[kSubmitIndex] += 1.0 - min_share_;
    winner = credit_[kPollIndex] >= credit_[kSubmitIndex] ? Side::kPoll : Side::kSubmit;
    const bool present = winner == Side::kPoll ? poll_present : submit_present;
    if (!present) winner = other(winner);  // lend; the winner keeps its credit
    credit_[index_of(winner)] -= 1.0;
    for (double& credit : credit_) credit = std::clamp(credit, -kMaxCarry, kMaxCarry);
  }
  if (winner == Side::kPoll) {
    ++granted_.poll;
  } else {
    ++granted_.submit;
  }
  return winner;
}

Choice BudgetScheduler::choose(bool submit_due, bool poll_due) {
  if (!submit_due && !poll_due) return Choice::kIdle;
  std::lock_guard lock(mutex_);
  return pick_locked(submit_due, poll_due, submit_due, poll_due) == Side::kPoll ? Choice::kPoll : Choice::kSubmit;
}

std::optional<limiter::Permit> BudgetScheduler::acquire(Side side, std::stop_token stop) {
  std::unique_lock lock(mutex_);
  auto& mine = handoff_[index_of(side)];
  ++waiting_[index_of(side)];
  std::optional<limiter::Permit> result;
  while (!result && !stop.stop_requested()) {
    if (!mine.empty()) {
      result = mine.front();
      mine.pop_front();
    } else if (pumping_) {
      clock_.wait(changed_, lock, stop, [&] { return !mine.empty() || !pumping_; });
    } else {
      result = pump_locked(lock, side, stop);
    }
  }
  leave_locked(side);
  return result;
}

// Sleeps in the Limiter on behalf of every waiter; returns a permit only when it was routed to `side`.
std::optional<limiter::Permit> BudgetScheduler::pump_locked(std::unique_lock<std::mutex>& lock, Side side,
                                                            std::stop_token stop) {
  pumping_ = true;
  lock.unlock();
  std::optional<limiter::Permit> permit = limiter_.acquire(kind_of(side), stop);
  lock.lock();
  pumping_ = false;
  clock_.notify_all(changed_);  // waiters re-check once this thread releases the lock, after the routing below
  if (!permit) return std::nullopt;
  const bool submit_present = waiting_locked(Side::kSubmit) > 0;
  const bool poll_present = waiting_locked(Side::kPoll) > 0;
  const Side winner = pick_locked(submit_present || backlog_[kSubmitIndex], poll_present || backlog_[kPollIndex],
                                  submit_present, poll_present);
  permit->kind = kind_of(winner);
  if (winner == side) return permit;
  handoff_[index_of(winner)].push_back(*permit);
  return std::nullopt;
}

// The last waiter of a side leaving (stopped) returns permits still routed to it.
void BudgetScheduler::leave_locked(Side side) {
  const int i = index_of(side);
  --waiting_[i];
  if (waiting_[i] == 0) {
    for (const limiter::Permit& orphan : handoff_[i]) {
      limiter_.release_unused(orphan);
      --(side == Side::kPoll ? granted_.poll : granted_.submit);
    }
    handoff_[i].clear();
  }
  clock_.notify_all(changed_);
}

void BudgetScheduler::give_back(Side side, const limiter::Permit& permit) {
  limiter_.release_unused(permit);
  std::lock_guard lock(mutex_);
  --(side == Side::kPoll ? granted_.poll : granted_.submit);
}

void BudgetScheduler::set_backlog(Side side, bool has_due_work) {
  std::lock_guard lock(mutex_);
  backlog_[index_of(side)] = has_due_work;
}

// A waiter whose permit is already queued for it is not waiting for another one.
int BudgetScheduler::waiting_locked(Side side) const {
  const int i = index_of(side);
  return waiting_[i] - static_cast<int>(handoff_[i].size());
}

int BudgetScheduler::waiting(Side side) {
  std::lock_guard lock(mutex_);
  return waiting_locked(side);
}

BudgetScheduler::Granted BudgetScheduler::granted() {
  std::lock_guard lock(mutex_);
  return granted_;
}

}  // namespace payq::worker
