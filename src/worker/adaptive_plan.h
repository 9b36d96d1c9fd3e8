// worker/adaptive_plan.h — the adaptive poll policy's one decision, made from a learned SettleCurve: how much
// detection lag one poll is worth. Immutable once made; shared read-only by the reconciler and `payq status`.
#pragma once

#include <optional>

#include "worker/poll_schedule.h"
#include "worker/settle_curve.h"

namespace payq::worker {

// A request is polled when the detection lag it has built up since its last pending sighting (if it changed
// meanwhile, the expected time it has been waiting to be seen) reaches the lag one poll is worth. Where changes are
// frequent, polls come often; where they are rare (the long tail, the hours before an expiry), they wait, up to
// max_poll_gap; just after an expiry age that the history shows, the built-up lag jumps and one poll follows.
//
// The lag one poll is worth is not a tuning knob: it is solved so that, over the learned curve, the 95th
// percentile of paid-detection lag equals what the backoff schedule (first_poll_after, max_poll_interval) would
// give. The operator's backoff settings state the detection lag they accept; adaptive meets it with fewer polls.
class AdaptivePlan {
 public:
  static constexpr int kMinEvents = 30;      // settlements seen before the plan replaces backoff
  static constexpr int kMinPaidEvents = 10;

  // nullopt while the history is too short (then the schedule is backoff's).
  static std::optional<AdaptivePlan> make(SettleCurve curve, const PollSchedule& schedule);

  // The age (ms since creation at the partner) at which a request found pending at age_ms is polled next:
  // at least min_interval later and no earlier than first_poll_after, at most max_poll_gap later.
  double next_poll_age(double age_ms) const;
  // The probability that a request last found pending at pending_age_ms has changed by now_age_ms: the order in
  // which due polls are served when they compete for the budget.
  double change_likelihood(double pending_age_ms, double now_age_ms) const;
  // The detection lag such a request has built up by now (what its next poll is scheduled by).
  double lag_built_up(double pending_age_ms, double now_age_ms) const;

  double lag_per_poll_ms() const { return lag_per_poll_ms_; }
  double target_lag_p95_ms() const { return target_lag_p95_ms_; }
  const SettleCurve& curve() const { return curve_; }

 private:
  AdaptivePlan(SettleCurve curve, const PollSchedule& schedule) : curve_(std::move(curve)), schedule_(schedule) {}
  double next_poll_age_for(double age_ms, double lag_per_poll_ms) const;

  SettleCurve curve_;
  PollSchedule schedule_;
  double lag_per_poll_ms_ = 0;
  double target_lag_p95_ms_ = 0;
};

}  // namespace payq::worker
