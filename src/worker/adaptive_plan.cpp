// worker/adaptive_plan.cpp — solving the lag one poll is worth: the poll ages each candidate would produce from
// first_poll_after on, their paid-detection lag p95 over the learned paid masses, bisection against backoff's.
#include "worker/adaptive_plan.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace payq::worker {
namespace {

constexpr int kBisections = 40;
constexpr std::size_t kMaxSequence = 20000;  // polls per request considered; beyond, a candidate is "too eager"
constexpr double kLowestLagMs = 1.0;
constexpr double kHighestLagMs = 24.0 * 3600 * 1000;
constexpr double kQuantile = 0.95;
// Aiming at backoff's p95 itself landed above it in the batch simulation (the curve is learned while a batch is
// younger than it; polls wait for the creates' share), so the plan aims lower.
constexpr double kTargetShare = 0.6;

// The poll ages of one request that stays pending, from the first poll until past every paid age.
template <typename NextAge>
std::vector<double> poll_ages(double first_ms, double until_ms, NextAge next_age) {
  std::vector<double> ages{first_ms};
  while (ages.back() < until_ms && ages.size() < kMaxSequence) ages.push_back(next_age(ages.back(), ages.size()));
  return ages;
}

// The 95th percentile of detection lag (first poll at or after the payment, minus the payment's age).
double paid_lag_p95(const std::vector<double>& ages, const std::vector<SettleCurve::Mass>& paid) {
  struct Lag {
    double ms;
    double probability;
  };
  std::vector<Lag> lags;
  lags.reserve(paid.size());
  double total = 0;
  for (const SettleCurve::Mass& mass : paid) {
    auto seen = std::lower_bound(ages.begin(), ages.end(), mass.age_ms);
    const double lag = seen == ages.end() ? kHighestLagMs : *seen - mass.age_ms;
    lags.push_back({lag, mass.probability});
    total += mass.probability;
  }
  std::sort(lags.begin(), lags.end(), [](const Lag& a, const Lag& b) { return a.ms < b.ms; });
  double sum = 0;
  for (const Lag& lag : lags) {
    sum += lag.probability;
    if (sum >= kQuantile * total) return lag.ms;
  }
  return lags.empty() ? 0 : lags.back().ms;
}

double ms(std::chrono::milliseconds d) { return static_cast<double>(d.count()); }

}  // namespace

std::optional<AdaptivePlan> AdaptivePlan::make(SettleCurve curve, const PollSchedule& schedule) {
  if (curve.events() < kMinEvents || curve.paid_events() < kMinPaidEvents) return std::nullopt;
  AdaptivePlan plan(std::move(curve), schedule);
  const auto& paid = plan.curve_.paid_masses();
  const double first = ms(schedule.first_poll_after);
  const double last_paid = paid.back().age_ms;
  const auto backoff = poll_ages(first, last_paid, [&](double age, std::size_t polls_done) {
    return age + ms(poll_interval(static_cast<int>(polls_done), schedule));
  });
  plan.target_lag_p95_ms_ = paid_lag_p95(backoff, paid) * kTargetShare;
  // The largest lag-per-poll whose p95 stays within the target (p95 grows with it).
  double low = kLowestLagMs;
  double high = kHighestLagMs;
  for (int i = 0; i < kBisections; ++i) {
    const double middle = std::sqrt(low * high);
    const auto ages = poll_ages(first, last_paid, [&](double age, std::size_t) { return plan.next_poll_age_for(age, middle); });
    (paid_lag_p95(ages, paid) <= plan.target_lag_p95_ms_ ? low : high) = middle;
  }
  plan.lag_per_poll_ms_ = low;
  return plan;
}

double AdaptivePlan::next_poll_age(double age_ms) const { return next_poll_age_for(age_ms, lag_per_poll_ms_); }

double AdaptivePlan::next_poll_age_for(double age_ms, double lag_per_poll_ms) const {
  const double earliest = std::max(age_ms + ms(schedule_.min_interval), ms(schedule_.first_poll_after));
  const double latest = std::max(age_ms + ms(schedule_.max_poll_gap), earliest);
  return std::clamp(curve_.age_when_lag_reaches(age_ms, lag_per_poll_ms, latest), earliest, latest);
}

double AdaptivePlan::change_likelihood(double pending_age_ms, double now_age_ms) const {
  const double before = curve_.survival(pending_age_ms);
  if (before <= 0) return 1.0;
  return std::clamp(1.0 - curve_.survival(now_age_ms) / before, 0.0, 1.0);
}

double AdaptivePlan::lag_built_up(double pending_age_ms, double now_age_ms) const {
  return curve_.lag_built_up(pending_age_ms, now_age_ms);
}

}  // namespace payq::worker
