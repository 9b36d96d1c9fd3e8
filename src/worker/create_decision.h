// worker/create_decision.h — what a create's outcome does to its intent (docs/design.md §4 "Outcomes"): submitted,
// retried later, failed, or held for a person. A pure function of the result, the intent and the policy,
// so every branch is unit-tested without a clock, a network or a database.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

#include "api/payment_api.h"
#include "config/config.h"
#include "store/queue_store.h"
#include "worker/retry_policy.h"

namespace payq::worker {

struct CreatePolicy {
  RetryPolicy retry;
  config::OnAmbiguous on_ambiguous = config::OnAmbiguous::kRetry;
  std::chrono::milliseconds ambiguous_window{std::chrono::hours(24)};
};

enum class CreateStep { kSubmitted, kRetry, kFail, kHold };

struct CreateDecision {
  CreateStep step = CreateStep::kRetry;
  std::int64_t next_attempt_at_ms = 0;  // kRetry only
  store::AttemptNote note;              // kRetry / kFail / kHold
};

CreateDecision decide_create(const api::ApiResult& result, const store::ClaimedIntent& intent, std::int64_t now_ms,
                             const CreatePolicy& policy, std::mt19937_64& rng);

}  // namespace payq::worker
