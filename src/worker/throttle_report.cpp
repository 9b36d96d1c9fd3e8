// worker/throttle_report.cpp — the limiter is told first, so the line that follows shows the rate it now allows.
#include "worker/throttle_report.h"

#include <cstdio>

namespace payq::worker {

void report_rate_limited(const WorkerContext& context, const IntentFields& about, const api::ApiResult& result) {
  context.limiter.on_throttled(result.retry_after);
  const std::string detail = result.retry_after ? "Retry-After " + std::to_string(result.retry_after->count()) +
                                                      " ms, every request waits"
                                                : std::string("no Retry-After, backing off");
  context.rate_limited.occurred(spdlog::level::warn, about, detail, limiter_state(context.limiter));
}

std::string limiter_state(limiter::Limiter& limiter) {
  char state[48];
  std::snprintf(state, sizeof state, "limiter at %.2f req/s", limiter.current_rate());
  return state;
}

}  // namespace payq::worker
