// worker/settle_curve.cpp — the survival curve from the interval estimate, its constant-hazard tail and the lag
// integral the adaptive schedule solves. Plain double milliseconds; every loop is bounded by the number of sightings.
#include "worker/settle_curve.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "worker/interval_estimate.h"

namespace payq::worker {
namespace {

constexpr int kBisections = 60;

// Labels of the brackets given to estimate_intervals.
constexpr std::size_t kPaidLabel = 0;
constexpr std::size_t kCancelledLabel = 1;
constexpr std::size_t kExpiredLabel = 2;
constexpr std::size_t kLabels = 3;

std::size_t label_of(SettleOutcome outcome) {
  switch (outcome) {
    case SettleOutcome::kPaid: return kPaidLabel;
    case SettleOutcome::kCancelled: return kCancelledLabel;
    default: return kExpiredLabel;
  }
}

}  // namespace

SettleOutcome settle_outcome_of(std::string_view remote_status) {
  if (remote_status == "paid") return SettleOutcome::kPaid;
  if (remote_status == "cancelled") return SettleOutcome::kCancelled;
  if (remote_status == "expired") return SettleOutcome::kExpired;
  return SettleOutcome::kPending;
}

SettleCurve SettleCurve::learn(const std::vector<SettleSighting>& sightings) {
  SettleCurve curve;
  std::vector<Bracket> brackets;
  brackets.reserve(sightings.size());
  // How long each observation is known to have been (or possibly been) pending: its settling poll, or its last
  // pending sighting while pending. The horizon is the age up to which kMinAtRisk of them reach.
  std::vector<std::int64_t> reach;
  reach.reserve(sightings.size());
  for (const SettleSighting& seen : sightings) {
    Bracket bracket{std::max<std::int64_t>(seen.pending_seen_age_ms, 0), std::nullopt, 0};
    if (seen.outcome != SettleOutcome::kPending && seen.settled_age_ms) {
      bracket.by_ms = std::max(*seen.settled_age_ms, bracket.after_ms);
      bracket.label = label_of(seen.outcome);
      ++curve.events_;
      if (seen.outcome == SettleOutcome::kPaid) ++curve.paid_events_;
    } else if (bracket.after_ms == 0) {
      continue;  // never polled: it says nothing yet
    }
    brackets.push_back(bracket);
    reach.push_back(bracket.by_ms.value_or(bracket.after_ms));
  }
  if (reach.size() < static_cast<std::size_t>(kMinAtRisk)) {
    curve.events_ = curve.paid_events_ = 0;
    return curve;
  }
  std::nth_element(reach.begin(), reach.begin() + (kMinAtRisk - 1), reach.end(), std::greater<>());
  curve.horizon_ms_ = static_cast<double>(reach[kMinAtRisk - 1]);

  // Paid and cancelled requests change at the middle of their innermost interval; expiries at its end (an expiry
  // is a fixed deadline: the earliest sighting after it bounds it, and polling just after it is what the plan wants).
  double survival = 1.0;
  for (const IntervalMass& mass : estimate_intervals(brackets, kLabels)) {
    if (!mass.by_ms || mass.probability <= 0) continue;
    const double after = static_cast<double>(mass.after_ms);
    const double by = static_cast<double>(*mass.by_ms);
    const double middle = std::max((after + by) / 2, 1.0);
    const double expired = mass.probability * mass.label_share[kExpiredLabel];
    const double changed = mass.probability - expired;
    if (changed > 0 && middle <= curve.horizon_ms_) {
      const double paid_share = mass.label_share[kPaidLabel] / std::max(1e-300, 1.0 - mass.label_share[kExpiredLabel]);
      if (paid_share > 0) curve.paid_.push_back({middle, changed * std::min(paid_share, 1.0)});
      survival -= changed;
      curve.steps_.push_back({middle, std::max(survival, 0.0)});
    }
    if (expired > 0 && by <= curve.horizon_ms_) {
      survival -= expired;
      curve.steps_.push_back({by, std::max(survival, 0.0)});
    }
  }
  curve.horizon_survival_ = std::max(survival, 0.0);
  const double half = curve.horizon_ms_ / 2;
  const double at_half = curve.survival(half);
  if (curve.horizon_survival_ > 0 && at_half > 0 && half > 0) {
    curve.tail_hazard_per_ms_ = std::max(0.0, std::log(at_half / curve.horizon_survival_) / half);
  }
  return curve;
}

double SettleCurve::survival(double age_ms) const {
  if (age_ms > horizon_ms_) return tail_survival(age_ms);
  auto after = std::upper_bound(steps_.begin(), steps_.end(), age_ms,
                                [](double age, const Step& step) { return age < step.age_ms; });
  return after == steps_.begin() ? 1.0 : std::prev(after)->survival;
}

double SettleCurve::tail_survival(double age_ms) const {
  return horizon_survival_ * std::exp(-tail_hazard_per_ms_ * (age_ms - horizon_ms_));
}

std::optional<double> SettleCurve::median_time_to_payment_ms() const {
  double total = 0;
  for (const Mass& mass : paid_) total += mass.probability;
  if (total <= 0) return std::nullopt;
  double sum = 0;
  for (const Mass& mass : paid_) {
    sum += mass.probability;
    if (sum >= total / 2 * (1 - 1e-9)) return mass.age_ms;  // rounding must not skip the middle one
  }
  return paid_.back().age_ms;
}

double SettleCurve::age_when_lag_reaches(double from_ms, double lag_ms, double limit_ms) const {
  const double s0 = survival(from_ms);
  if (s0 <= 0 || limit_ms <= from_ms) return std::max(limit_ms, from_ms);
  return integral_to(from_ms, s0, lag_ms, limit_ms);
}

double SettleCurve::lag_built_up(double from_ms, double to_ms) const {
  const double s0 = survival(from_ms);
  if (s0 <= 0 || to_ms <= from_ms) return 0;
  const StepWalk walk = walk_steps(from_ms, s0, to_ms, std::numeric_limits<double>::infinity());
  if (walk.age_ms >= to_ms) return walk.built;
  return walk.built + tail_lag(walk.age_ms, walk.survival / s0, to_ms);
}

// The steps' part, then the tail's closed form solved by bisection.
double SettleCurve::integral_to(double from_ms, double s0, double lag_ms, double limit_ms) const {
  const StepWalk walk = walk_steps(from_ms, s0, limit_ms, lag_ms);
  if (walk.reached || walk.age_ms >= limit_ms) return std::min(walk.age_ms, limit_ms);
  const double ratio = walk.survival / s0;
  const double wanted = lag_ms - walk.built;
  if (tail_lag(walk.age_ms, ratio, limit_ms) < wanted) return limit_ms;
  double low = walk.age_ms;
  double high = limit_ms;
  for (int i = 0; i < kBisections; ++i) {
    const double middle = (low + high) / 2;
    (tail_lag(walk.age_ms, ratio, middle) >= wanted ? high : low) = middle;
  }
  return high;
}

// Between two steps G = 1 - S/s0 is constant, so the lag grows linearly there.
SettleCurve::StepWalk SettleCurve::walk_steps(double from_ms, double s0, double to_ms, double lag_ms) const {
  StepWalk walk{from_ms, 0, s0, false};
  auto step = std::upper_bound(steps_.begin(), steps_.end(), from_ms,
                               [](double age, const Step& s) { return age < s.age_ms; });
  const double steps_end = std::min(horizon_ms_, to_ms);
  while (walk.age_ms < steps_end) {
    const double next = step != steps_.end() ? std::min(step->age_ms, steps_end) : steps_end;
    const double g = 1.0 - walk.survival / s0;
    if (g > 0 && walk.built + g * (next - walk.age_ms) >= lag_ms) {
      walk.age_ms += (lag_ms - walk.built) / g;
      walk.built = lag_ms;
      walk.reached = true;
      return walk;
    }
    walk.built += g * (next - walk.age_ms);
    walk.age_ms = next;
    if (step != steps_.end() && walk.age_ms >= step->age_ms) walk.survival = (step++)->survival;
  }
  return walk;
}

// Beyond the horizon S(u) = S(x) e^{-h (u - x)}: the integral of 1 - S(u)/s0 from x to t, with ratio = S(x)/s0.
double SettleCurve::tail_lag(double from_ms, double ratio, double to_ms) const {
  const double h = tail_hazard_per_ms_;
  const double span = to_ms - from_ms;
  return h > 0 ? span - ratio * (1.0 - std::exp(-h * span)) / h : span * (1.0 - ratio);
}

}  // namespace payq::worker
