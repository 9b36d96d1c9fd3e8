// worker/work_bell.cpp — each sleeper sleeps on a stop_source of its own, registered here under the mutex and
// stopped by a ring or by the daemon's stop; the generation check under the same mutex closes the gap between
// "looked for work" and "went to sleep".
#include "worker/work_bell.h"

#include <algorithm>

namespace payq::worker {

void WorkBell::ring() {
  std::lock_guard lock(mutex_);
  ++generation_;
  for (std::stop_source* sleeper : sleepers_) sleeper->request_stop();
}

std::uint64_t WorkBell::generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

WorkBell::Wake WorkBell::sleep_until(Clock& clock, std::chrono::steady_clock::time_point deadline,
                                     std::uint64_t seen, std::stop_token stop) {
  std::stop_source wake;
  const std::stop_callback forward_stop(stop, [&wake] { wake.request_stop(); });
  {
    std::lock_guard lock(mutex_);
    if (generation_ != seen) return Wake::kRang;
    sleepers_.push_back(&wake);
  }
  const bool slept = clock.sleep_until(deadline, wake.get_token());
  {
    // Once removed, no ring touches `wake` again: ring() holds the mutex while it stops sleepers.
    std::lock_guard lock(mutex_);
    sleepers_.erase(std::find(sleepers_.begin(), sleepers_.end(), &wake));
  }
  if (stop.stop_requested()) return Wake::kStopped;
  return slept ? Wake::kDeadline : Wake::kRang;
}

}  // namespace payq::worker
