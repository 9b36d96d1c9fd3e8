// limiter/send_log.h — the log of recent request starts and the sliding-window rule over it (pure: takes now).
// Not thread-safe on its own: Limiter guards it. Knows nothing about rates changing; callers pass the rule.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>

namespace payq::limiter {

using SteadyTime = std::chrono::steady_clock::time_point;
using SteadyDuration = std::chrono::steady_clock::duration;

// The rule a new start must obey: at most `capacity` starts in any `window`, and no two starts closer than `gap`.
struct WindowRule {
  std::size_t capacity = 1;
  SteadyDuration window{};
  SteadyDuration gap{};
};

class SendLog {
 public:
  // Earliest time a new start satisfies `rule`: the start `capacity` places back has aged by `window`
  // (so any capacity+1 consecutive starts span at least `window`) and the latest start by `gap`.
  SteadyTime earliest_start(const WindowRule& rule) const;

  // Appends a start. Times must not go backwards (Limiter reads the clock under its lock).
  void record(std::uint64_t id, SteadyTime at);

  // Removes the start with this id, if still logged; true when found.
  bool erase(std::uint64_t id);

  // Forgets starts older than `horizon`; they cannot constrain any rule whose window ends after it.
  void prune(SteadyTime horizon);

  // Starts in the half-open interval (since, until].
  std::size_t count_between(SteadyTime since, SteadyTime until) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t id;
    SteadyTime at;
  };
  std::deque<Entry> entries_;  // ascending by `at`
};

}  // namespace payq::limiter
