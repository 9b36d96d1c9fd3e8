// worker/poll_plan_source.cpp — store records -> sightings (ages from the create's answer) -> curve -> plan.
// One read of at most kLearnFrom rows and one plan solve per refresh: cheap beside the polls it saves.
#include "worker/poll_plan_source.h"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

namespace payq::worker {

Result<SettleCurve> learn_curve(store::SettleHistory& history) {
  auto records = history.recent(kLearnFrom);
  if (!records) return records.status();
  std::vector<SettleSighting> sightings;
  sightings.reserve(records->size());
  for (const store::SettleRecord& record : *records) {
    SettleSighting seen;
    seen.pending_seen_age_ms = record.pending_seen_at - record.submitted_at;
    seen.outcome = record.settled_at ? settle_outcome_of(record.remote_status) : SettleOutcome::kPending;
    if (seen.outcome != SettleOutcome::kPending) seen.settled_age_ms = *record.settled_at - record.submitted_at;
    sightings.push_back(seen);
  }
  return SettleCurve::learn(sightings);
}

std::chrono::milliseconds PollPlanSource::refresh_interval(const PollSchedule& schedule) {
  return std::clamp<std::chrono::milliseconds>(schedule.first_poll_after * 12, std::chrono::seconds(1),
                                               std::chrono::minutes(1));
}

const AdaptivePlan* PollPlanSource::current() {
  if (schedule_.policy != config::PollPolicy::kAdaptive) return nullptr;
  const auto now = clock_.steady_now();
  if (!learned_at_ || now - *learned_at_ >= refresh_every_) {
    learned_at_ = now;
    auto curve = learn_curve(history_);
    if (!curve) {
      spdlog::warn("adaptive polling: history not read ({}); keeping the previous plan", curve.status().message());
    } else {
      const bool had_plan = plan_.has_value();
      const double before = had_plan ? plan_->lag_per_poll_ms() : 0;
      plan_ = AdaptivePlan::make(std::move(*curve), schedule_);
      const bool steady = had_plan && plan_ && std::abs(plan_->lag_per_poll_ms() - before) < kSteady * before;
      const auto base = refresh_interval(schedule_);
      refresh_every_ = steady ? std::min(refresh_every_ * 2, base * kMaxRefreshFactor) : base;
      if (plan_ && !had_plan) {
        spdlog::info("adaptive polling: learned from {} settlements; one poll is worth {:.1f} s of detection lag",
                     plan_->curve().events(), plan_->lag_per_poll_ms() / 1000);
      }
    }
  }
  return plan_ ? &*plan_ : nullptr;
}

}  // namespace payq::worker
