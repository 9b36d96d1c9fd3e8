// worker/poll_schedule.cpp — backoff's geometric growth (in double, clamped before converting back, so large poll
// counts or growth factors saturate at the cap instead of overflowing) and the dispatch to the adaptive plan.
#include "worker/poll_schedule.h"

#include "worker/adaptive_plan.h"

#include <algorithm>
#include <cmath>

namespace payq::worker {

std::chrono::milliseconds poll_interval(int polls_done, const PollSchedule& schedule) {
  const double cap = static_cast<double>(std::max(schedule.max_poll_interval, schedule.min_interval).count());
  const double base = static_cast<double>(std::max(schedule.first_poll_after, schedule.min_interval).count());
  const double growth = std::max(schedule.growth, 1.0);
  const double grown = base * std::pow(growth, std::max(polls_done, 0));
  const double clamped = std::isfinite(grown) ? std::min(grown, cap) : cap;
  return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(clamped));
}

std::int64_t next_poll_at(std::int64_t now_ms, const PollHistory& history, const PollSchedule& schedule,
                          const AdaptivePlan* plan) {
  if (history.polls_done <= 0) return history.created_ms + schedule.first_poll_after.count();
  if (schedule.policy == config::PollPolicy::kBackoff || plan == nullptr) {
    return now_ms + poll_interval(history.polls_done, schedule).count();
  }
  const double age = static_cast<double>(std::max<std::int64_t>(now_ms - history.created_ms, 0));
  const auto next = history.created_ms + static_cast<std::int64_t>(std::ceil(plan->next_poll_age(age)));
  return std::max(next, now_ms + schedule.min_interval.count());
}

double poll_urgency(std::int64_t now_ms, const PollHistory& history, const AdaptivePlan* plan) {
  if (plan == nullptr) return 0;
  const auto age = [&](std::int64_t at) { return static_cast<double>(std::max<std::int64_t>(at - history.created_ms, 0)); };
  return plan->lag_built_up(age(history.pending_seen_ms), age(now_ms));
}

}  // namespace payq::worker
