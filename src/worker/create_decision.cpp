// worker/create_decision.cpp — the outcome table. Rate limiting and outages are not the intent's fault (no
// attempt used); an ambiguous create is re-sent only within the partner's idempotency window, else a person decides.
#include "worker/create_decision.h"

namespace payq::worker {
namespace {

CreateDecision retry_or_fail(const store::ClaimedIntent& intent, std::int64_t now_ms, store::AttemptNote note,
                             std::optional<std::chrono::milliseconds> retry_after, const CreatePolicy& policy,
                             std::mt19937_64& rng) {
  const int attempts = static_cast<int>(intent.attempts) + (note.counts ? 1 : 0);
  if (note.counts && should_give_up(attempts, policy.retry)) {
    note.error = "attempts exhausted (" + std::to_string(attempts) + "): " + note.error;
    // A request may exist at the partner: a person decides (resolve or requeue), never a silent `failed`.
    if (note.ambiguous || intent.ambiguous) {
      note.error += " (a payment request may exist at the partner)";
      return {CreateStep::kHold, 0, std::move(note)};
    }
    return {CreateStep::kFail, 0, std::move(note)};
  }
  // A 429 keeps the exponent of the counted attempts: Retry-After and the limiter's slow-down pace it.
  return {CreateStep::kRetry, retry_at(now_ms, std::max(attempts, 1), retry_after, rng, policy.retry), std::move(note)};
}

}  // namespace

CreateDecision decide_create(const api::ApiResult& result, const store::ClaimedIntent& intent, std::int64_t now_ms,
                             const CreatePolicy& policy, std::mt19937_64& rng) {
  switch (result.outcome) {
    case api::Outcome::kSuccess:
      return {CreateStep::kSubmitted, 0, {}};
    case api::Outcome::kRateLimited:
      return retry_or_fail(intent, now_ms, {.error = "rate limited (429): " + result.error, .counts = false,
                                            .throttled = true},
                           result.retry_after, policy, rng);
    case api::Outcome::kUnauthorized:
      // Our credentials, not the intent: keep it queued and back off until an operator fixes the secret.
      return retry_or_fail(intent, now_ms, {.error = "unauthorized: " + result.error, .counts = false},
                           result.retry_after, policy, rng);
    case api::Outcome::kRetryableNotSent:
      // The partner saw nothing (connect/DNS/TLS failure, token endpoint down): the process's problem, paced by
      // the partner breaker, never a reason to use up the intent's attempts.
      return retry_or_fail(intent, now_ms, {.error = result.error, .counts = false}, result.retry_after, policy,
                           rng);
    case api::Outcome::kPermanent:
      return {CreateStep::kFail, 0, {.error = result.error}};
    case api::Outcome::kAmbiguous: {
      store::AttemptNote note{.error = "ambiguous: " + result.error, .ambiguous = true};
      if (policy.on_ambiguous == config::OnAmbiguous::kHold) return {CreateStep::kHold, 0, std::move(note)};
      if (now_ms - intent.first_attempt_at >= policy.ambiguous_window.count()) {
        note.error += " (past the idempotency window since the first attempt; a re-send could duplicate)";
        return {CreateStep::kHold, 0, std::move(note)};
      }
      return retry_or_fail(intent, now_ms, std::move(note), result.retry_after, policy, rng);
    }
  }
  return {CreateStep::kHold, 0, {.error = "unknown outcome", .ambiguous = true}};
}

}  // namespace payq::worker
