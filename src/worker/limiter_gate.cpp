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
  return {StatusCode::kUnavailable, "stopping"};
}

Status PrepaidGate::acquire(api::RequestKind kind) {
  Status result = try_acquire(kind);
  if (!result.is_ok()) refusal_ = result;
  return result;
}

Status PrepaidGate::try_acquire(api::RequestKind kind) {
  if (check_) {
    if (Status still_ours = check_(); !still_ours.is_ok()) return still_ours;
  }
  if (prepaid_ && prepaid_->kind == to_limiter_kind(kind)) {
    const limiter::Permit permit = *std::exchange(prepaid_, std::nullopt);
    if (clock_.steady_now() - permit.start <= kFresh) return Status::ok();
    limiter_.release_unused(permit);  // nothing was sent with it; re-stamp at the real send time
  }
  if (stop_.stop_requested()) return {StatusCode::kUnavailable, "stopping"};
  if (limiter_.acquire_by(to_limiter_kind(kind), clock_.steady_now() + kMaxWaitBeforeSend, stop_)) {
    return Status::ok();
  }
  if (stop_.stop_requested()) return {StatusCode::kUnavailable, "stopping"};
  return {StatusCode::kUnavailable, "the request budget is paused (Retry-After)"};
}

}  // namespace payq::worker
