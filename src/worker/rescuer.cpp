// worker/rescuer.cpp — expired leases become ambiguous outcomes through decide_create(), so a recovered
// intent follows exactly the same retry / hold / window rules as a timeout seen by a live worker.
#include "worker/rescuer.h"

#include <spdlog/spdlog.h>

#include "common/intent_log.h"

namespace payq::worker {

Rescuer::Rescuer(store::QueueStore& queue, const CreatePolicy& policy, std::int64_t own_epoch)
    : queue_(queue), policy_(policy), own_epoch_(own_epoch), rng_(std::random_device{}()) {}

Result<int> Rescuer::recover(std::int64_t leases_ended_by_ms, std::int64_t now_ms) {
  auto expired = queue_.claims_to_recover(own_epoch_, leases_ended_by_ms);
  if (!expired) return expired.status();
  int recovered = 0;
  for (const auto& intent : *expired) {
    api::ApiResult lost;
    lost.outcome = api::Outcome::kAmbiguous;
    lost.error = "claimed by an earlier daemon start that stopped mid-call; the request may have reached the partner";
    CreateDecision decision = decide_create(lost, intent, now_ms, policy_, rng_);
    decision.note.observed_by = "rescuer";
    Status written;
    switch (decision.step) {
      case CreateStep::kRetry:
        // Retried now rather than after a backoff: the partner saw at most one request long ago.
        written = queue_.reschedule(intent, now_ms, decision.note, now_ms);
        break;
      case CreateStep::kHold:
        written = queue_.hold(intent, decision.note, now_ms);
        break;
      case CreateStep::kFail:
        written = queue_.fail(intent, decision.note, now_ms);
        break;
      case CreateStep::kSubmitted:
        written = {StatusCode::kInternal, "an expired lease cannot be a success"};
        break;
    }
    if (written.code() == StatusCode::kConflict) continue;  // recovered by someone else meanwhile
    if (!written) return written;
    log_intent(spdlog::level::warn, {intent.reference_id, {}}, "recovered from epoch {}: {}", intent.owner.epoch,
               decision.note.error);
    ++recovered;
  }
  return recovered;
}

}  // namespace payq::worker
