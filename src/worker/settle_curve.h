// worker/settle_curve.h — what this daemon has learned about how long payment requests stay pending: an
// interval-censored estimate over its own history (settled requests as events, pending ones censored). Pure, immutable.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace payq::worker {

enum class SettleOutcome { kPending, kPaid, kCancelled, kExpired };

// What the store knows of one payment request, as ages (ms since it was created at the partner).
struct SettleSighting {
  std::int64_t pending_seen_age_ms = 0;        // the latest poll that found it pending (0: never polled pending)
  std::optional<std::int64_t> settled_age_ms;  // the poll that found it settled; nullopt while pending
  SettleOutcome outcome = SettleOutcome::kPending;
};

// The outcome a remote status stands for (paid, cancelled, expired; anything else is still pending).
SettleOutcome settle_outcome_of(std::string_view remote_status);

// S(age): the probability that a request of this age is still pending at the partner.
//
// Each request's change happened somewhere between the last poll that saw it pending and the poll that saw it
// settled; pending requests are censored at their latest pending sighting. Those brackets go to Turnbull's
// estimate (worker/interval_estimate.h), which puts the probability on the innermost intervals the brackets
// leave: a request first polled late (its create came at the end of a long batch) brackets its payment widely
// and no longer smears it over ages that well-polled requests show to be quiet. Within an innermost interval,
// paid and cancelled requests change at its middle; expiries at its end (an expiry is a fixed deadline: the
// earliest sighting after it bounds it, and polling just after it is what the policy wants).
//
// Ages up to horizon() (the age that kMinAtRisk requests are known to have reached, pending or settling) follow
// the estimate's steps; beyond it the curve continues with the hazard seen over the second half of the horizon
// (constant-hazard extrapolation: a batch younger than its own settlement curve is still learned from, not
// waited for).
class SettleCurve {
 public:
  static constexpr int kMinAtRisk = 20;

  static SettleCurve learn(const std::vector<SettleSighting>& sightings);

  double survival(double age_ms) const;
  // Settlement events observed (paid, cancelled, expired); 0 while fewer than kMinAtRisk requests say anything.
  int events() const { return events_; }
  int paid_events() const { return paid_events_; }
  double horizon_ms() const { return horizon_ms_; }

  // Paid requests' settlement ages with their probability mass (the cumulative incidence of `paid`), ascending.
  struct Mass {
    double age_ms;
    double probability;
  };
  const std::vector<Mass>& paid_masses() const { return paid_; }
  // The age by which half of the requests that get paid (within the horizon) are paid; nullopt without data.
  std::optional<double> median_time_to_payment_ms() const;

  // The smallest age t >= from with integral_{from}^{t} (1 - S(u)/S(from)) du >= lag_ms, or `limit` if none
  // is smaller. The integral is the expected detection lag a request alive at `from` builds up if its next
  // poll is at t: waiting is worth it until it reaches the lag one poll is worth.
  double age_when_lag_reaches(double from_ms, double lag_ms, double limit_ms) const;
  // That integral from `from` to `to`: the detection lag a request last found pending at `from` has built up by `to`.
  double lag_built_up(double from_ms, double to_ms) const;

 private:
  struct Step {
    double age_ms;    // an event age
    double survival;  // S right after it
  };
  // Where a walk along the steps from `from` stopped: at min(to, horizon), or where the lag reached lag_ms.
  struct StepWalk {
    double age_ms;
    double built;     // the lag built up by age_ms
    double survival;  // S(age_ms)
    bool reached;
  };
  double tail_survival(double age_ms) const;
  double integral_to(double from_ms, double s0, double lag_ms, double limit_ms) const;
  StepWalk walk_steps(double from_ms, double s0, double to_ms, double lag_ms) const;
  double tail_lag(double from_ms, double ratio, double to_ms) const;

  std::vector<Step> steps_;  // ascending ages, up to the horizon
  std::vector<Mass> paid_;
  double horizon_ms_ = 0;
  double horizon_survival_ = 1;
  double tail_hazard_per_ms_ = 0;
  int events_ = 0;
  int paid_events_ = 0;
};

}  // namespace payq::worker
