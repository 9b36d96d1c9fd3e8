// worker/settle_curve.cpp — the Kaplan–Meier estimate, its constant-hazard tail and the lag integral the
// adaptive schedule solves. Plain double milliseconds; every loop is bounded by the number of sightings.
#include "worker/settle_curve.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace payq::worker {
namespace {

struct Point {
  double age_ms;
  SettleOutcome outcome;  // kPending: censored
};

constexpr int kBisections = 60;

}  // namespace

SettleOutcome settle_outcome_of(std::string_view remote_status) {
  if (remote_status == "paid") return SettleOutcome::kPaid;
  if (remote_status == "cancelled") return SettleOutcome::kCancelled;
  if (remote_status == "expired") return SettleOutcome::kExpired;
  return SettleOutcome::kPending;
}

SettleCurve SettleCurve::learn(const std::vector<SettleSighting>& sightings) {
  std::vector<Point> points;
  points.reserve(sightings.size());
  for (const SettleSighting& seen : sightings) {
    const double pending = static_cast<double>(std::max<std::int64_t>(seen.pending_seen_age_ms, 0));
    if (seen.outcome == SettleOutcome::kPending || !seen.settled_age_ms) {
      if (pending > 0) points.push_back({pending, SettleOutcome::kPending});
      continue;
    }
    const double settled = std::max(static_cast<double>(*seen.settled_age_ms), pending);
    const double age = seen.outcome == SettleOutcome::kExpired ? settled : (pending + settled) / 2;
    points.push_back({std::max(age, 1.0), seen.outcome});
  }
  // Events before censorings at the same age (the usual convention: censored ones were at risk of it).
  std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) {
    if (a.age_ms != b.age_ms) return a.age_ms < b.age_ms;
    return (a.outcome != SettleOutcome::kPending) > (b.outcome != SettleOutcome::kPending);
  });

  SettleCurve curve;
  double survival = 1.0;
  std::size_t i = 0;
  while (i < points.size()) {
    const double at_risk = static_cast<double>(points.size() - i);
    if (at_risk < kMinAtRisk) break;
    const double age = points[i].age_ms;
    int settled = 0;
    int paid = 0;
    for (; i < points.size() && points[i].age_ms == age; ++i) {
      if (points[i].outcome == SettleOutcome::kPending) continue;
      ++settled;
      if (points[i].outcome == SettleOutcome::kPaid) ++paid;
    }
    curve.horizon_ms_ = age;
    if (settled == 0) continue;
    if (paid > 0) curve.paid_.push_back({age, survival * paid / at_risk});
    survival *= 1.0 - settled / at_risk;
    curve.steps_.push_back({age, survival});
    curve.events_ += settled;
    curve.paid_events_ += paid;
  }
  curve.horizon_survival_ = survival;
  const double half = curve.horizon_ms_ / 2;
  const double at_half = curve.survival(half);
  if (survival > 0 && at_half > 0 && half > 0) {
    curve.tail_hazard_per_ms_ = std::max(0.0, std::log(at_half / survival) / half);
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
