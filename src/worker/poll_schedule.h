// worker/poll_schedule.h — when a submitted payment request is polled next: soon after creation, then backing off.
// One pure function (time is passed in), the single place where the poll spend per intent is decided.
#pragma once

#include <chrono>

#include "config/config.h"

namespace payq::worker {

struct PollSchedule {
  std::chrono::milliseconds first_poll_after{std::chrono::seconds(5)};
  std::chrono::milliseconds max_poll_interval{std::chrono::minutes(15)};  // backoff's cap
  double growth = 2.0;  // each interval is this many times the previous one, until the cap
  std::chrono::milliseconds min_interval{std::chrono::seconds(1)};  // never poll one request faster than this
  config::PollPolicy policy = config::PollPolicy::kAdaptive;
  std::chrono::milliseconds max_poll_gap{std::chrono::hours(1)};  // adaptive's bound
};

inline PollSchedule poll_schedule_from(const config::ReconcilerConfig& reconciler) {
  PollSchedule schedule;
  schedule.first_poll_after = reconciler.first_poll_after;
  schedule.max_poll_interval = reconciler.max_poll_interval;
  schedule.max_poll_gap = reconciler.max_poll_gap;
  schedule.policy = reconciler.policy;
  return schedule;
}

// Interval after the `polls_done`-th poll (polls_done >= 1): first_poll_after * growth^polls_done, at least
// min_interval, capped at max_poll_interval. With the defaults: 10 s, 20 s, 40 s, ... up to 15 min, so an
// intent paid within minutes costs a handful of polls and one pending for hours about 4 an hour.
std::chrono::milliseconds poll_interval(int polls_done, const PollSchedule& schedule);

// When to poll next.
// polls_done == 0: created_at + first_poll_after (possibly already past: overdue polls keep their original
// due time, so "oldest due first" still serves them in creation order).
// polls_done >= 1: `now` (the time of the poll just made) + poll_interval(polls_done). Counting from the
// actual poll, not from a creation-based timetable, means a poll delayed by a busy budget is not followed at
// once by another.
template <typename TimePoint>
TimePoint next_poll_at(TimePoint now, TimePoint created_at, int polls_done, const PollSchedule& schedule) {
  using Duration = typename TimePoint::duration;
  if (polls_done <= 0) return created_at + std::chrono::duration_cast<Duration>(schedule.first_poll_after);
  return now + std::chrono::duration_cast<Duration>(poll_interval(polls_done, schedule));
}

}  // namespace payq::worker
