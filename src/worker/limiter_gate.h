// worker/limiter_gate.h — puts the process-wide Limiter in front of every HTTP request the API client makes.
// LimiterGate serves the shared TokenCache; PrepaidGate serves one worker's PaymentApi: it first spends the
// permit its worker took before claiming, and runs the worker's last check (is the claim still ours?) before
// each send.
#pragma once

#include <functional>
#include <optional>
#include <stop_token>
#include <utility>

#include "api/request_gate.h"
#include "common/clock.h"
#include "limiter/limiter.h"

namespace payq::worker {

limiter::RequestKind to_limiter_kind(api::RequestKind kind);

// Blocks on the Limiter for each request; refuses once stop is requested. Thread-safe.
class LimiterGate final : public api::RequestGate {
 public:
  LimiterGate(limiter::Limiter& limiter, std::stop_token stop) : limiter_(limiter), stop_(std::move(stop)) {}
  Status acquire(api::RequestKind kind) override;

 private:
  limiter::Limiter& limiter_;
  std::stop_token stop_;
};

// One worker's gate. Used by one thread only.
//
// The partner counts a request when it arrives, and the limiter's window is only as good as the recorded start
// times. Between the permit and the send lie the claim's commit (an fsync), the send check and possibly a token
// fetch, so a permit older than kFresh is exchanged for one stamped now: the prepaid permit reserves budget, the
// send time is what gets counted. That exchange waits at most kMaxWaitBeforeSend: a worker holding a claim never
// sits through a Retry-After pause (the request is refused, the worker releases its claim and waits unclaimed).
class PrepaidGate final : public api::RequestGate {
 public:
  static constexpr std::chrono::microseconds kFresh{1000};
  static constexpr std::chrono::seconds kMaxWaitBeforeSend{2};
  // Runs right before a request of this worker is sent; a non-ok Status refuses the send (e.g. claim lost).
  using SendCheck = std::function<Status()>;

  PrepaidGate(limiter::Limiter& limiter, Clock& clock, std::stop_token stop)
      : limiter_(limiter), clock_(clock), stop_(std::move(stop)) {}

  void prepay(const limiter::Permit& permit) {
    prepaid_ = permit;
    refusal_ = Status::ok();
  }
  // Why the last acquire() refused, if it did since the last prepay(): kConflict from the send check means the
  // job is no longer this worker's; kUnavailable means stopping or the budget is paused.
  const Status& refusal() const { return refusal_; }
  // The check for the requests of the current job (cleared by passing an empty function).
  void check_before_send(SendCheck check) { check_ = std::move(check); }
  // The prepaid permit if no request used it (the caller gives it back to the scheduler).
  std::optional<limiter::Permit> take_unused() { return std::exchange(prepaid_, std::nullopt); }
  Status acquire(api::RequestKind kind) override;

 private:
  Status try_acquire(api::RequestKind kind);

  limiter::Limiter& limiter_;
  Clock& clock_;
  std::stop_token stop_;
  Status refusal_;
  std::optional<limiter::Permit> prepaid_;
  SendCheck check_;
};

}  // namespace payq::worker
