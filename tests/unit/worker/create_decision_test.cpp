// worker/create_decision_test.cpp — the create outcome table of docs/design.md §4, row by row.
#include <doctest/doctest.h>

#include "worker/create_decision.h"

using payq::api::ApiResult;
using payq::api::Outcome;
using payq::worker::CreateStep;
using payq::worker::decide_create;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;

payq::store::ClaimedIntent intent(std::int64_t attempts = 0, std::int64_t first_attempt_at = kNow) {
  payq::store::ClaimedIntent i;
  i.id = 1;
  i.reference_id = "R-1";
  i.attempts = attempts;
  i.first_attempt_at = first_attempt_at;
  return i;
}

ApiResult result(Outcome outcome, std::string error = "why") {
  ApiResult r;
  r.outcome = outcome;
  r.error = std::move(error);
  return r;
}

}  // namespace

TEST_SUITE("worker") {

TEST_CASE("create outcomes: success, permanent, rate limited, not sent") {
  payq::worker::CreatePolicy policy;
  std::mt19937_64 rng(7);
  CHECK(decide_create(result(Outcome::kSuccess), intent(), kNow, policy, rng).step == CreateStep::kSubmitted);

  auto permanent = decide_create(result(Outcome::kPermanent, "amount invalid"), intent(), kNow, policy, rng);
  CHECK(permanent.step == CreateStep::kFail);
  CHECK(permanent.note.error == "amount invalid");

  auto limited = result(Outcome::kRateLimited);
  limited.retry_after = std::chrono::seconds(30);
  auto throttled = decide_create(limited, intent(11), kNow, policy, rng);
  CHECK(throttled.step == CreateStep::kRetry);  // 429s never exhaust attempts
  CHECK_FALSE(throttled.note.counts);
  CHECK(throttled.note.throttled);
  CHECK(throttled.next_attempt_at_ms >= kNow + 30'000);

  auto not_sent = decide_create(result(Outcome::kRetryableNotSent), intent(), kNow, policy, rng);
  CHECK(not_sent.step == CreateStep::kRetry);
  CHECK_FALSE(not_sent.note.counts);  // the partner saw nothing: an outage is never the intent's fault
  CHECK_FALSE(not_sent.note.ambiguous);
  CHECK(not_sent.next_attempt_at_ms <= kNow + 1'000);  // first backoff: full jitter up to initial_backoff
  CHECK(decide_create(result(Outcome::kRetryableNotSent), intent(11), kNow, policy, rng).step == CreateStep::kRetry);
}

TEST_CASE("create outcomes: attempts used up by ambiguous outcomes hold the intent, never fail it") {
  payq::worker::CreatePolicy policy;
  std::mt19937_64 rng(7);
  auto last_ambiguous = decide_create(result(Outcome::kAmbiguous), intent(11), kNow, policy, rng);
  CHECK(last_ambiguous.step == CreateStep::kHold);
  CHECK(last_ambiguous.note.error.find("attempts exhausted (12)") != std::string::npos);
  CHECK(last_ambiguous.note.error.find("may exist at the partner") != std::string::npos);
}

TEST_CASE("create outcomes: unauthorized keeps the intent without using an attempt") {
  payq::worker::CreatePolicy policy;
  std::mt19937_64 rng(7);
  auto d = decide_create(result(Outcome::kUnauthorized), intent(11), kNow, policy, rng);
  CHECK(d.step == CreateStep::kRetry);
  CHECK_FALSE(d.note.counts);
}

TEST_CASE("create outcomes: ambiguous is retried within the window, held past it or under on_ambiguous=hold") {
  payq::worker::CreatePolicy policy;
  std::mt19937_64 rng(7);
  auto within = decide_create(result(Outcome::kAmbiguous), intent(1, kNow - 3'600'000), kNow, policy, rng);
  CHECK(within.step == CreateStep::kRetry);
  CHECK(within.note.ambiguous);
  auto past = decide_create(result(Outcome::kAmbiguous), intent(1, kNow - 25 * 3'600'000LL), kNow, policy, rng);
  CHECK(past.step == CreateStep::kHold);
  CHECK(past.note.error.find("idempotency window") != std::string::npos);
  policy.on_ambiguous = payq::config::OnAmbiguous::kHold;
  CHECK(decide_create(result(Outcome::kAmbiguous), intent(), kNow, policy, rng).step == CreateStep::kHold);
}

}  // TEST_SUITE
