// worker/work_bell.h — how the daemon tells idle submitters that new intents were committed (the arrival listener
// rings; submitters sleep on it), and whether anyone is listening at all. Thread-safe; knows nothing of the store.
// Waits go through Clock::sleep_until, so the fake and the virtual clocks see them like any other sleep.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stop_token>
#include <vector>

#include "common/clock.h"

namespace payq::worker {

class WorkBell {
 public:
  enum class Wake { kRang, kDeadline, kStopped };

  // Wakes every sleeper and tells later ones that something arrived (the generation moves on).
  void ring();
  // Read before looking for work; hand it to sleep_until so a ring in between is not lost.
  std::uint64_t generation() const;
  // Sleeps until `deadline`, a ring after `seen` (at once if one already happened) or stop, whichever is first.
  Wake sleep_until(Clock& clock, std::chrono::steady_clock::time_point deadline, std::uint64_t seen,
                   std::stop_token stop);

  // True while a listener hears every arrival: idle submitters may then look less often (WorkerSettings).
  bool listening() const { return listening_.load(); }
  void set_listening(bool listening) { listening_.store(listening); }

 private:
  mutable std::mutex mutex_;
  std::uint64_t generation_ = 0;              // guarded by mutex_
  std::vector<std::stop_source*> sleepers_;  // guarded by mutex_: each sleeper's wake-up, stopped by ring()
  std::atomic<bool> listening_{false};
};

}  // namespace payq::worker
