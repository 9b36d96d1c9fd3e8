// metrics/registry_test.cpp — what the workers record is what a scrape shows: calls by kind and outcome (zeros
// from the start), 429s, ambiguous outcomes, latency and time-to-payment buckets, and the sampled families last.
#include <doctest/doctest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "metrics/registry.h"

namespace payq::metrics {
namespace {

using std::chrono::milliseconds;

const Family& find(const std::vector<Family>& families, std::string_view name) {
  auto it = std::find_if(families.begin(), families.end(), [&](const Family& f) { return f.name == name; });
  REQUIRE(it != families.end());
  return *it;
}

double value_of(const Family& family, const std::vector<std::string>& labels) {
  for (const Sample& sample : family.samples) {
    if (sample.labels == labels) return sample.value;
  }
  FAIL("no sample with those labels");
  return -1;
}

api::CallRecord call(api::RequestKind kind, api::Outcome outcome, int status, milliseconds latency,
                     bool ambiguous = false) {
  api::CallRecord record;
  record.kind = kind;
  record.outcome = outcome;
  record.http_status = status;
  record.latency = latency;
  record.ambiguous = ambiguous;
  return record;
}

TEST_SUITE_BEGIN("metrics");

TEST_CASE("registry: every kind and outcome starts at zero") {
  Registry registry;
  const auto families = registry.families();
  const Family& calls = find(families, "payq_api_calls");
  CHECK(calls.type == MetricType::kCounter);
  CHECK(calls.samples.size() == 3 * 6);
  CHECK(value_of(calls, {"create", "ambiguous"}) == 0);
  CHECK(value_of(find(families, "payq_api_rate_limited"), {"poll"}) == 0);
}

TEST_CASE("registry: calls are counted by kind and outcome, 429s and ambiguous ones apart") {
  Registry registry;
  registry.record_call(call(api::RequestKind::kCreate, api::Outcome::kSuccess, 201, milliseconds(40)));
  registry.record_call(call(api::RequestKind::kCreate, api::Outcome::kRateLimited, 429, milliseconds(3)));
  registry.record_call(call(api::RequestKind::kCreate, api::Outcome::kAmbiguous, 0, milliseconds(5000), true));
  registry.record_call(call(api::RequestKind::kPoll, api::Outcome::kSuccess, 200, milliseconds(2)));
  const auto families = registry.families();
  const Family& calls = find(families, "payq_api_calls");
  CHECK(value_of(calls, {"create", "success"}) == 1);
  CHECK(value_of(calls, {"create", "rate_limited"}) == 1);
  CHECK(value_of(calls, {"create", "ambiguous"}) == 1);
  CHECK(value_of(calls, {"poll", "success"}) == 1);
  CHECK(value_of(find(families, "payq_api_rate_limited"), {"create"}) == 1);
  CHECK(value_of(find(families, "payq_ambiguous_outcomes"), {"create"}) == 1);
  CHECK(value_of(find(families, "payq_ambiguous_outcomes"), {"poll"}) == 0);

  const Family& latency = find(families, "payq_api_call_duration_seconds");
  CHECK(latency.type == MetricType::kHistogram);
  auto create = std::find_if(latency.histograms.begin(), latency.histograms.end(),
                             [](const HistogramSample& h) { return h.labels == std::vector<std::string>{"create"}; });
  REQUIRE(create != latency.histograms.end());
  REQUIRE(create->in_bucket.size() == kCallLatencyBounds.size() + 1);
  CHECK(create->in_bucket[0] == 1);  // 3 ms <= 5 ms
  CHECK(create->in_bucket[3] == 1);  // 40 ms in (25 ms, 50 ms]
  CHECK(create->in_bucket[9] == 1);  // 5 s <= 5 s: le is inclusive
  CHECK(create->sum == doctest::Approx(5.043));
}

TEST_CASE("registry: time to payment, and sampled families after the in-process ones") {
  Registry registry;
  registry.record_payment(milliseconds(90'000));
  registry.record_payment(milliseconds(200'000'000));  // over a day: only +Inf
  registry.set_sampled({Family{"payq_leader", "leader", MetricType::kGauge, {}, {}, {{{}, 1}}, {}}});
  const auto families = registry.families();
  const Family& to_payment = find(families, "payq_time_to_payment_seconds");
  REQUIRE(to_payment.histograms.size() == 1);
  CHECK(to_payment.histograms[0].in_bucket[4] == 1);  // 90 s in (60 s, 120 s]
  CHECK(to_payment.histograms[0].in_bucket.back() == 1);
  CHECK(families.back().name == "payq_leader");
  registry.set_sampled({});
  CHECK(registry.families().back().name == "payq_time_to_payment_seconds");
}

TEST_CASE("registry: concurrent recording loses nothing") {
  Registry registry;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&registry] {
        for (int i = 0; i < 1000; ++i) {
          registry.record_call(call(api::RequestKind::kPoll, api::Outcome::kSuccess, 200, milliseconds(1)));
          (void)registry.families();
        }
      });
    }
  }
  CHECK(value_of(find(registry.families(), "payq_api_calls"), {"poll", "success"}) == 4000);
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::metrics
