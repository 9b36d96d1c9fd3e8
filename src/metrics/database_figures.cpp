// metrics/database_figures.cpp — every known state and every (kind, outcome) seen is exposed, zeros included
// for states, so a dashboard's series exist before the first intent reaches them.
#include "metrics/database_figures.h"

#include "store/intent_reader.h"

namespace payq::metrics {
namespace {

std::map<std::string, std::int64_t> intents_by_state(
    const std::map<std::pair<std::string, std::string>, std::int64_t>& transitions) {
  std::map<std::string, std::int64_t> by_state;
  for (std::string_view state : store::kIntentStates) by_state[std::string(state)] = 0;
  for (const auto& [edge, n] : transitions) {
    if (!edge.first.empty()) by_state[edge.first] -= n;
    by_state[edge.second] += n;
  }
  return by_state;
}

}  // namespace

Status DatabaseFigures::refresh(store::MetricsQueries& queries, store::PauseStore& pause, std::int64_t now_ms) {
  auto transitions = queries.state_transitions_after(after_id_);
  if (!transitions) return transitions.status();
  auto oldest = queries.oldest_queued_created_at();
  if (!oldest) return oldest.status();
  auto calls = queries.calls_since(now_ms - kRecentWindowMs);
  if (!calls) return calls.status();
  auto paused = pause.read();
  if (!paused) return paused.status();
  paused_ = paused->has_value();
  for (const store::TransitionTally& tally : transitions->tallies) transitions_[{tally.from, tally.to}] += tally.count;
  after_id_ = transitions->last_id;
  oldest_queued_at_ = *oldest;
  now_ms_ = now_ms;
  recent_calls_ = std::move(calls).value();
  return Status::ok();
}

std::vector<Family> DatabaseFigures::families() const {
  std::vector<Family> out;
  const auto by_state = intents_by_state(transitions_);
  Family intents{"payq_intents", "Payment intents by local state", MetricType::kGauge, {"state"}, {}, {}, {}};
  for (const auto& [state, n] : by_state) intents.samples.push_back({{state}, static_cast<double>(n)});
  out.push_back(std::move(intents));
  const auto submitting = by_state.find("submitting");
  out.push_back(gauge("payq_in_flight", "Intents claimed and being submitted (state submitting)",
                      static_cast<double>(submitting == by_state.end() ? 0 : submitting->second)));
  out.push_back(gauge("payq_oldest_queued_age_seconds",
                      "Age of the oldest queued intent since its creation; 0 when nothing is queued",
                      oldest_queued_at_ ? static_cast<double>(now_ms_ - *oldest_queued_at_) / 1000.0 : 0.0));
  Family transitions{"payq_intent_transitions", "Local state changes of intents (from=\"none\": created)",
                     MetricType::kCounter, {"from", "to"}, {}, {}, {}};
  for (const auto& [edge, n] : transitions_) {
    transitions.samples.push_back({{edge.first.empty() ? "none" : edge.first, edge.second}, static_cast<double>(n)});
  }
  out.push_back(std::move(transitions));
  Family recent{"payq_api_calls_last_hour", "api_calls rows started in the last hour, by kind and outcome",
                MetricType::kGauge, {"kind", "outcome"}, {}, {}, {}};
  double rate_limited = 0;
  double ambiguous = 0;
  for (const store::CallTally& tally : recent_calls_) {
    recent.samples.push_back({{tally.kind, tally.outcome}, static_cast<double>(tally.count)});
    rate_limited += static_cast<double>(tally.rate_limited);
    ambiguous += static_cast<double>(tally.ambiguous);
  }
  out.push_back(std::move(recent));
  out.push_back(gauge("payq_paused", "1 while an operator has paused submissions (payq pause); polls go on",
                      paused_ ? 1 : 0));
  out.push_back(gauge("payq_api_rate_limited_last_hour", "API calls answered 429 in the last hour", rate_limited));
  out.push_back(gauge("payq_ambiguous_outcomes_last_hour", "API calls with an ambiguous outcome in the last hour",
                      ambiguous));
  return out;
}

std::vector<Family> limiter_families(double rate, std::int64_t margin_us) {
  return {gauge("payq_limiter_rate", "Requests per second the global limiter allows now (after 429 back-offs)", rate),
          gauge("payq_limiter_margin_seconds", "Safety margin the limiter keeps, learned from round-trip jitter",
                static_cast<double>(margin_us) / 1e6)};
}

Family gauge(std::string name, std::string help, double value) {
  return {std::move(name), std::move(help), MetricType::kGauge, {}, {}, {{{}, value}}, {}};
}

}  // namespace payq::metrics
