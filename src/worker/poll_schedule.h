// worker/poll_schedule.h — when a submitted payment request is polled next, under either policy (backoff, adaptive).
// Pure functions (time is passed in): the single place where the poll spend per intent is decided.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

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
  // An operator who asks for a first poll within a second (compressed tests) accepts that pace later too.
  schedule.min_interval = std::clamp<std::chrono::milliseconds>(reconciler.first_poll_after, std::chrono::milliseconds(10),
                                                                std::chrono::seconds(1));
  schedule.max_poll_gap = reconciler.max_poll_gap;
  schedule.policy = reconciler.policy;
  return schedule;
}

// Interval after the `polls_done`-th poll (polls_done >= 1): first_poll_after * growth^polls_done, at least
// min_interval, capped at max_poll_interval. With the defaults: 10 s, 20 s, 40 s, ... up to 15 min, so an
// intent paid within minutes costs a handful of polls and one pending for hours about 4 an hour.
std::chrono::milliseconds poll_interval(int polls_done, const PollSchedule& schedule);

class AdaptivePlan;

// What the schedule knows of one payment request (UTC ms).
struct PollHistory {
  std::int64_t created_ms = 0;       // when the partner created it (the create's answer)
  std::int64_t pending_seen_ms = 0;  // the latest poll that found it pending (created_ms before any)
  int polls_done = 0;                // polls made, the one just made included
};

// When to poll next: the one schedule function production calls (Submitter for the first poll, Reconciler after
// each poll).
// polls_done == 0: created_ms + first_poll_after under both policies (possibly already past: overdue polls
// keep their original due time, so they are served in creation order).
// polls_done >= 1, backoff (or adaptive without a plan yet): now_ms + poll_interval(polls_done). Counting from
// the actual poll, not from a creation-based timetable, means a poll delayed by a busy budget is not followed at
// once by another.
// polls_done >= 1, adaptive with a plan: created_ms + plan->next_poll_age(now_ms - created_ms).
std::int64_t next_poll_at(std::int64_t now_ms, const PollHistory& history, const PollSchedule& schedule,
                          const AdaptivePlan* plan);

// Which due poll goes first when polls compete for the budget (higher first): the detection lag the request has built
// up since its last pending sighting, i.e. how likely it is to have changed, weighted by how long such a change has
// been waiting to be seen. 0 without a plan (then due polls are served oldest due first). Ranking by the likelihood
// alone served requests at ages where customers pay often and left those in slower phases waiting; in the batch
// simulation that cost paid-lag p95 (32.8 against 32.0 min, 10,000 intents).
double poll_urgency(std::int64_t now_ms, const PollHistory& history, const AdaptivePlan* plan);

}  // namespace payq::worker
