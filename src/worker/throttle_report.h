// worker/throttle_report.h — what a 429 from the partner does, one rule for submitters and the reconciler: the
// limiter slows the whole process, and the context's rate_limited episode log says it once, then summarises.
#pragma once

#include <string>

#include "api/payment_api.h"
#include "common/intent_log.h"
#include "limiter/limiter.h"
#include "worker/worker_context.h"

namespace payq::worker {

// For a result whose outcome is kRateLimited: limiter.on_throttled(Retry-After) and one occurrence in the log
// (warn, with the intent's fields on the first line of an episode).
void report_rate_limited(const WorkerContext& context, const IntentFields& about, const api::ApiResult& result);

// "limiter at 2.50 req/s": how the 429 lines end, and the context of their periodic summary.
std::string limiter_state(limiter::Limiter& limiter);

}  // namespace payq::worker
