// metrics/registry.cpp — every label combination is present from the start (at zero), so a rate() over a
// fresh daemon sees the first call instead of a series appearing out of nowhere.
#include "metrics/registry.h"

#include <algorithm>

namespace payq::metrics {
namespace {

constexpr std::array kKinds = {api::RequestKind::kToken, api::RequestKind::kCreate, api::RequestKind::kPoll};
constexpr std::array kOutcomes = {api::Outcome::kSuccess,   api::Outcome::kRetryableNotSent,
                                  api::Outcome::kRateLimited, api::Outcome::kAmbiguous,
                                  api::Outcome::kPermanent, api::Outcome::kUnauthorized};
constexpr int kTooManyRequests = 429;

Family counter_by_kind(std::string name, std::string help, const std::map<std::string, std::uint64_t>& values) {
  Family family{std::move(name), std::move(help), MetricType::kCounter, {"kind"}, {}, {}, {}};
  for (const auto& [kind, n] : values) family.samples.push_back({{kind}, static_cast<double>(n)});
  return family;
}

}  // namespace

Registry::Registry() {
  for (api::RequestKind kind : kKinds) {
    const std::string name(api::to_string(kind));
    for (api::Outcome outcome : kOutcomes) calls_[{name, std::string(api::to_string(outcome))}] = 0;
    rate_limited_[name] = 0;
    ambiguous_[name] = 0;
    latency_[name].in_bucket.assign(kCallLatencyBounds.size() + 1, 0);
  }
  to_payment_.in_bucket.assign(kToPaymentBounds.size() + 1, 0);
}

void Registry::observe(Histogram& histogram, const std::vector<double>& bounds, double value) {
  const auto bucket = std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin();  // le: value <= bound
  ++histogram.in_bucket[static_cast<std::size_t>(bucket)];
  histogram.sum += value;
}

void Registry::record_call(const api::CallRecord& call) {
  const std::string kind(api::to_string(call.kind));
  const double seconds = std::chrono::duration<double>(call.latency).count();
  const std::lock_guard lock(mutex_);
  ++calls_[{kind, std::string(api::to_string(call.outcome))}];
  if (call.http_status == kTooManyRequests) ++rate_limited_[kind];
  if (call.ambiguous) ++ambiguous_[kind];
  observe(latency_[kind], kCallLatencyBounds, seconds);
}

void Registry::record_payment(std::chrono::milliseconds since_creation) {
  const double seconds = std::chrono::duration<double>(std::max(since_creation, std::chrono::milliseconds(0))).count();
  const std::lock_guard lock(mutex_);
  observe(to_payment_, kToPaymentBounds, seconds);
}

void Registry::set_sampled(std::vector<Family> families) {
  const std::lock_guard lock(mutex_);
  sampled_ = std::move(families);
}

std::vector<Family> Registry::families() const {
  const std::lock_guard lock(mutex_);
  std::vector<Family> out;
  Family calls{"payq_api_calls",
               "HTTP attempts at the partner API by kind (token, create, poll) and classified outcome",
               MetricType::kCounter, {"kind", "outcome"}, {}, {}, {}};
  for (const auto& [labels, n] : calls_) calls.samples.push_back({labels, static_cast<double>(n)});
  out.push_back(std::move(calls));
  out.push_back(counter_by_kind("payq_api_rate_limited", "Partner API answers 429 Too Many Requests, by kind",
                                rate_limited_));
  out.push_back(counter_by_kind("payq_ambiguous_outcomes",
                                "API calls the partner may have acted on without our knowing the answer, by kind",
                                ambiguous_));
  Family latency{"payq_api_call_duration_seconds", "Round trip of one partner API call (a timeout counts in full)",
                 MetricType::kHistogram, {"kind"}, kCallLatencyBounds, {}, {}};
  for (const auto& [kind, h] : latency_) latency.histograms.push_back({{kind}, h.in_bucket, h.sum});
  out.push_back(std::move(latency));
  out.push_back({"payq_time_to_payment_seconds",
                 "From an intent's creation to the poll that found it paid (observed by this daemon)",
                 MetricType::kHistogram, {}, kToPaymentBounds, {}, {{{}, to_payment_.in_bucket, to_payment_.sum}}});
  out.insert(out.end(), sampled_.begin(), sampled_.end());
  return out;
}

}  // namespace payq::metrics
