// sim/virtual_clock.cpp — the baton: who runs next, when virtual time jumps, and what wakes a parked participant.
// One mutex guards everything; a parked participant waits on its own condition variable for holder_ to name it.
#include "sim/virtual_clock.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace payq::sim {
namespace {

const char* state_name(int state) {
  static const char* const kNames[] = {"running", "runnable", "sleeping", "waiting", "joining", "exited"};
  return kNames[state];
}

}  // namespace

VirtualClock::VirtualClock(std::chrono::system_clock::time_point wall_start)
    : steady_start_(std::chrono::steady_clock::time_point{} + std::chrono::hours(1000)),
      wall_start_(wall_start),
      now_(steady_start_) {
  std::lock_guard lock(mutex_);
  participants_.emplace_back().name = "driver";
  participants_.back().state = State::kRunning;
  by_thread_[std::this_thread::get_id()] = 0;
}

std::chrono::steady_clock::time_point VirtualClock::steady_now() {
  std::lock_guard lock(mutex_);
  return now_;
}

std::chrono::system_clock::time_point VirtualClock::wall_now() {
  std::lock_guard lock(mutex_);
  return wall_start_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(now_ - steady_start_);
}

std::chrono::steady_clock::duration VirtualClock::elapsed() {
  std::lock_guard lock(mutex_);
  return now_ - steady_start_;
}

int VirtualClock::current_participant() {
  std::lock_guard lock(mutex_);
  const auto it = by_thread_.find(std::this_thread::get_id());
  if (it == by_thread_.end()) {
    std::fprintf(stderr, "virtual clock: a thread outside the simulation sleeps or waits on it\n");
    std::abort();
  }
  return it->second;
}

bool VirtualClock::sleep_until(std::chrono::steady_clock::time_point t, std::stop_token stop) {
  const int self = current_participant();
  std::stop_callback on_stop(stop, [this, self] { make_runnable(self); });
  std::unique_lock lock(mutex_);
  if (stop.stop_requested()) return false;
  participants_[self].deadline = std::max(t, now_);
  park_locked(lock, self, State::kSleeping);
  return !stop.stop_requested();
}

bool VirtualClock::wait(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock, std::stop_token stop,
                        const std::function<bool()>& ready) {
  const int self = current_participant();
  std::stop_callback on_stop(stop, [this, self] { make_runnable(self); });
  while (!ready()) {
    if (stop.stop_requested()) return false;
    std::unique_lock own(mutex_);
    participants_[self].waits_on = &cv;
    lock.unlock();
    park_locked(own, self, State::kWaiting);
    own.unlock();
    lock.lock();
  }
  return true;
}

void VirtualClock::notify_all(std::condition_variable_any& cv) {
  std::lock_guard lock(mutex_);
  for (Participant& p : participants_) {
    if (p.state == State::kWaiting && p.waits_on == &cv) p.state = State::kRunnable;
  }
}

void VirtualClock::make_runnable(int who) {
  std::lock_guard lock(mutex_);
  Participant& p = participants_[static_cast<std::size_t>(who)];
  if (p.state == State::kSleeping || p.state == State::kWaiting) p.state = State::kRunnable;
}

std::jthread VirtualClock::spawn(std::string name, std::function<void()> body) {
  int self = 0;
  {
    std::lock_guard lock(mutex_);
    self = static_cast<int>(participants_.size());
    participants_.emplace_back().name = std::move(name);
  }
  return std::jthread([this, self, body = std::move(body)] {
    {
      std::unique_lock lock(mutex_);
      by_thread_[std::this_thread::get_id()] = self;
      Participant& p = participants_[static_cast<std::size_t>(self)];
      p.turn.wait(lock, [&] { return holder_ == self; });
      p.state = State::kRunning;
    }
    body();
    leave(self);
  });
}

void VirtualClock::join_others() {
  const int self = current_participant();
  std::unique_lock lock(mutex_);
  const auto others_left = [&] {
    for (std::size_t i = 0; i < participants_.size(); ++i) {
      if (static_cast<int>(i) != self && participants_[i].state != State::kExited) return false;
    }
    return true;
  };
  while (!others_left()) park_locked(lock, self, State::kJoining);
}

void VirtualClock::leave(int self) {
  std::lock_guard lock(mutex_);
  participants_[static_cast<std::size_t>(self)].state = State::kExited;
  const bool all_left = std::all_of(participants_.begin(), participants_.end(), [](const Participant& p) {
    return p.state == State::kExited || p.state == State::kJoining;
  });
  if (all_left) {
    for (Participant& p : participants_) {
      if (p.state == State::kJoining) p.state = State::kRunnable;
    }
  }
  hand_over_locked(self);
}

void VirtualClock::park_locked(std::unique_lock<std::mutex>& lock, int self, State state) {
  Participant& p = participants_[static_cast<std::size_t>(self)];
  p.state = state;
  hand_over_locked(self);
  p.turn.wait(lock, [&] { return holder_ == self; });
  p.state = State::kRunning;
  p.waits_on = nullptr;
}

void VirtualClock::hand_over_locked(int from) {
  for (;;) {
    const int next = next_runnable_locked(from);
    if (next >= 0) {
      holder_ = next;
      if (next != from) participants_[static_cast<std::size_t>(next)].turn.notify_one();
      return;
    }
    if (advance_time_locked()) continue;
    const bool all_exited = std::all_of(participants_.begin(), participants_.end(),
                                        [](const Participant& p) { return p.state == State::kExited; });
    if (all_exited) return;
    report_deadlock_locked();
  }
}

// The first runnable participant after `from` in participant order, wrapping round to `from` itself.
int VirtualClock::next_runnable_locked(int from) const {
  const int n = static_cast<int>(participants_.size());
  for (int k = 1; k <= n; ++k) {
    const int i = (from + k) % n;
    if (participants_[static_cast<std::size_t>(i)].state == State::kRunnable) return i;
  }
  return -1;
}

// Jumps to the earliest sleeper's deadline and makes every sleeper due by then runnable; false: nobody sleeps.
bool VirtualClock::advance_time_locked() {
  std::optional<std::chrono::steady_clock::time_point> earliest;
  for (const Participant& p : participants_) {
    if (p.state == State::kSleeping && (!earliest || p.deadline < *earliest)) earliest = p.deadline;
  }
  if (!earliest) return false;
  now_ = std::max(now_, *earliest);
  for (Participant& p : participants_) {
    if (p.state == State::kSleeping && p.deadline <= now_) p.state = State::kRunnable;
  }
  return true;
}

void VirtualClock::report_deadlock_locked() const {
  std::fprintf(stderr, "virtual clock: deadlock at +%.3f s: every participant waits for another, none sleeps\n",
               std::chrono::duration<double>(now_ - steady_start_).count());
  for (const Participant& p : participants_) {
    std::fprintf(stderr, "  %-14s %s\n", p.name.c_str(), state_name(static_cast<int>(p.state)));
  }
  std::abort();
}

}  // namespace payq::sim
