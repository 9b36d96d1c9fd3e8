// worker/limiter_gate.h — puts the process-wide Limiter in front of every HTTP request the API client makes.
// LimiterGate serves the shared TokenCache; PrepaidGate serves one worker's PaymentApi and first spends the
// permit its worker took before claiming, so a claimed intent never waits for the budget a second time.
#pragma once

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

// One worker's gate: spends the prepaid permit on the first request of its kind, then falls back to the
// Limiter (a repeat after a 401). Used by one thread only.
//
// The partner counts a request when it arrives, and the limiter's window is only as good as the recorded start
// times. Between the permit and the send lie the claim's commit (an fsync) and possibly a token fetch, so a
// permit older than kFresh is exchanged for one stamped now: the prepaid permit reserves budget, the send time
// is what gets counted.
class PrepaidGate final : public api::RequestGate {
 public:
  static constexpr std::chrono::microseconds kFresh{1000};

  PrepaidGate(limiter::Limiter& limiter, Clock& clock, std::stop_token stop)
      : limiter_(limiter), clock_(clock), fallback_(limiter, std::move(stop)) {}

  void prepay(const limiter::Permit& permit) { prepaid_ = permit; }
  // The prepaid permit if no request used it (the caller gives it back to the scheduler).
  std::optional<limiter::Permit> take_unused() { return std::exchange(prepaid_, std::nullopt); }
  Status acquire(api::RequestKind kind) override;

 private:
  limiter::Limiter& limiter_;
  Clock& clock_;
  LimiterGate fallback_;
  std::optional<limiter::Permit> prepaid_;
};

}  // namespace payq::worker
