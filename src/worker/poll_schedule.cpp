// worker/poll_schedule.cpp — poll_interval: geometric growth in double seconds, clamped before converting back,
// so large poll counts or growth factors saturate at the cap instead of overflowing.
#include "worker/poll_schedule.h"

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

}  // namespace payq::worker
