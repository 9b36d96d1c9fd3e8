// sim/virtual_clock.h — virtual time as a deterministic cooperative scheduler over real threads: participants
// run one at a time holding a baton and give it up only in sleep_until / wait / on exit. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "common/clock.h"

namespace payq::sim {

// The thread that builds the clock is participant 0 (the driver) and holds the baton. spawn() adds participants
// in a fixed order. When the holder parks (sleep_until, wait, join_others) or exits, the baton goes to the next
// runnable participant after it in that order; when none is runnable, time jumps to the earliest sleeper's deadline
// and every sleeper due by then becomes runnable. A stop callback (std::stop_callback, run by the holder that
// requests the stop) and notify_all() make parked participants runnable. Every participant parked on a wait and
// none sleeping is a deadlock: the clock prints who waits for what and aborts. Same program, same order, same run.
class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(std::chrono::system_clock::time_point wall_start);
  VirtualClock(const VirtualClock&) = delete;
  VirtualClock& operator=(const VirtualClock&) = delete;

  std::chrono::steady_clock::time_point steady_now() override;
  std::chrono::system_clock::time_point wall_now() override;
  bool sleep_until(std::chrono::steady_clock::time_point t, std::stop_token stop) override;
  bool wait(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock, std::stop_token stop,
            const std::function<bool()>& ready) override;
  void notify_all(std::condition_variable_any& cv) override;

  // Starts a participant that runs `body` once the baton reaches it, and leaves when body returns.
  std::jthread spawn(std::string name, std::function<void()> body);
  // The caller (the driver) gives up the baton until every spawned participant has left.
  void join_others();
  // Virtual time since construction.
  std::chrono::steady_clock::duration elapsed();

 private:
  enum class State { kRunning, kRunnable, kSleeping, kWaiting, kJoining, kExited };
  struct Participant {
    std::string name;
    State state = State::kRunnable;
    std::chrono::steady_clock::time_point deadline{};  // while kSleeping
    const void* waits_on = nullptr;                     // while kWaiting: the condition variable
    std::condition_variable turn;                       // signalled when the baton comes to it
  };

  int current_participant();
  void make_runnable(int who);
  void park_locked(std::unique_lock<std::mutex>& lock, int self, State state);
  void hand_over_locked(int from);
  int next_runnable_locked(int from) const;
  bool advance_time_locked();
  [[noreturn]] void report_deadlock_locked() const;
  void leave(int self);

  const std::chrono::steady_clock::time_point steady_start_;
  const std::chrono::system_clock::time_point wall_start_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point now_;      // guarded by mutex_
  std::deque<Participant> participants_;           // guarded by mutex_; a deque keeps their addresses
  std::map<std::thread::id, int> by_thread_;       // guarded by mutex_
  int holder_ = 0;                                 // guarded by mutex_: who holds the baton
};

}  // namespace payq::sim
