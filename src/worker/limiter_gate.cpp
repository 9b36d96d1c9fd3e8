// worker/limiter_gate.cpp — the two gates. A token request never spends a prepaid create/poll permit:
// it takes its own from the Limiter, so the rolling window counts it too.
#include "worker/limiter_gate.h"

#include <utility>

namespace payq::worker {

limiter::RequestKind to_limiter_kind(api::RequestKind kind) {
  switch (kind) {
    case api::RequestKind::kToken: return limiter::RequestKind::kToken;
    case api::RequestKind::kCreate: return limiter::RequestKind::kCreate;
    case api::RequestKind::kPoll: return limiter::RequestKind::kPoll;
  }
  return limiter::RequestKind::kCreate;
}

Status LimiterGate::acquire(api::RequestKind kind) {
  if (limiter_.acquire(to_limiter_kind(kind), stop_)) return Status::ok();
  return {StatusCode::kUnavailable, "stopping: request not sent"};
}

Status PrepaidGate::acquire(api::RequestKind kind) {
  if (prepaid_ && prepaid_->kind == to_limiter_kind(kind)) {
    const limiter::Permit permit = *std::exchange(prepaid_, std::nullopt);
    if (clock_.steady_now() - permit.start <= kFresh) return Status::ok();
    limiter_.release_unused(permit);  // nothing was sent with it; re-stamp at the real send time
  }
  return fallback_.acquire(kind);
}

}  // namespace payq::worker
