// worker/poll_plan_source.h — keeps the adaptive plan fresh: re-learns the settle curve from the store every
// refresh_interval() and re-solves the plan. Owned by the reconciler thread (not thread-safe); `payq status` uses learn_curve.
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "common/clock.h"
#include "store/settle_history.h"
#include "worker/adaptive_plan.h"

namespace payq::worker {

// The requests the curve is learned from: the most recent ones polled at least once, so a partner whose customers
// change their habits is followed within a few thousand requests. Enough to keep a whole 10,000-intent batch in
// view: the younger half of a batch alone was polled late (its creates waited for the drain) and brackets every
// change widely, while its older half shows when customers pay.
inline constexpr int kLearnFrom = 20000;

// The curve as of now_ms (pending requests are censored at their latest pending sighting).
Result<SettleCurve> learn_curve(store::SettleHistory& history);

class PollPlanSource {
 public:
  // Every minute; sooner when first_poll_after is under 5 s (a compressed test run learns as fast as it polls).
  static std::chrono::milliseconds refresh_interval(const PollSchedule& schedule);
  // While the plan holds still (a re-learning moved the lag one poll is worth by under kSteady), the interval
  // doubles, up to kMaxRefreshFactor times refresh_interval(); a plan that moves brings it back. A settled history
  // (the hours after a batch) is then re-read every 10 minutes instead of every minute.
  static constexpr double kSteady = 0.05;
  static constexpr int kMaxRefreshFactor = 10;

  PollPlanSource(store::SettleHistory& history, const PollSchedule& schedule, Clock& clock)
      : history_(history), schedule_(schedule), clock_(clock), refresh_every_(refresh_interval(schedule)) {}

  // The plan in force, re-learned when the refresh interval has passed; nullptr under backoff or while history is too short.
  // A failed read keeps the previous plan (and is retried at the next refresh).
  const AdaptivePlan* current();

 private:
  store::SettleHistory& history_;
  const PollSchedule& schedule_;
  Clock& clock_;
  std::optional<AdaptivePlan> plan_;
  std::optional<std::chrono::steady_clock::time_point> learned_at_;
  std::chrono::milliseconds refresh_every_;
};

}  // namespace payq::worker
