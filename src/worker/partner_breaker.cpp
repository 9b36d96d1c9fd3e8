// worker/partner_breaker.cpp — a circuit breaker with exponential probe backoff. Opening is logged at error once
// per outage; each failed probe doubles the wait up to max_backoff and is counted in a summary line a minute at
// most; the first answer closes it again.
#include "worker/partner_breaker.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "common/time_format.h"

namespace payq::worker {

PartnerSignal partner_signal(const api::ApiResult& result) {
  if (result.not_sent_locally) return PartnerSignal::kNotTried;
  switch (result.outcome) {
    case api::Outcome::kSuccess:
    case api::Outcome::kRateLimited:
    case api::Outcome::kPermanent:
      return PartnerSignal::kAnswered;
    case api::Outcome::kUnauthorized:
      return PartnerSignal::kCredentialsRejected;
    case api::Outcome::kRetryableNotSent:
    case api::Outcome::kAmbiguous:
      return PartnerSignal::kUnreachable;
  }
  return PartnerSignal::kUnreachable;
}

PartnerBreaker::PartnerBreaker(Clock& clock, BreakerOptions options)
    : clock_(clock),
      options_(options),
      // An outage ends when the partner answers, not after a quiet spell: probes come at least every max_backoff.
      unreachable_(clock, "partner API unreachable", {.summary_every = std::chrono::seconds(60),
                                                      .quiet_ends = std::chrono::hours(24 * 365)}) {}

std::optional<std::chrono::steady_clock::time_point> PartnerBreaker::blocked_until() {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case State::kClosed:
      return std::nullopt;
    case State::kCredentials:
      return clock_.steady_now() + std::chrono::hours(1);
    case State::kOpen:
      if (probing_) return clock_.steady_now() + std::chrono::milliseconds(100);
      if (clock_.steady_now() >= retry_at_) return std::nullopt;
      return retry_at_;
  }
  return std::nullopt;
}

bool PartnerBreaker::admit() {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case State::kClosed:
      return true;
    case State::kCredentials:
      return false;
    case State::kOpen:
      if (probing_ || clock_.steady_now() < retry_at_) return false;
      probing_ = true;
      return true;
  }
  return false;
}

void PartnerBreaker::report(PartnerSignal signal, const std::string& detail, const IntentFields& about) {
  std::lock_guard lock(mutex_);
  switch (signal) {
    case PartnerSignal::kNotTried:
      probing_ = false;
      return;
    case PartnerSignal::kAnswered:
      probing_ = false;
      if (state_ != State::kClosed) {
        const std::int64_t failures = unreachable_.end();
        spdlog::warn("partner API answers again after {}: resuming{}", detail_,
                     failures > 0 ? " (" + std::to_string(failures) + " failed requests in this outage)" : "");
        state_ = State::kClosed;
        backoff_ = std::chrono::milliseconds(0);
        detail_.clear();
      }
      return;
    case PartnerSignal::kUnreachable:
      probing_ = false;
      if (state_ == State::kCredentials) return;
      open_locked(State::kOpen, detail, about);
      return;
    case PartnerSignal::kCredentialsRejected:
      probing_ = false;
      open_locked(State::kCredentials, detail, about);
      return;
  }
}

void PartnerBreaker::open_locked(State state, const std::string& detail, const IntentFields& about) {
  const bool was_closed = state_ == State::kClosed;
  if (state == State::kCredentials) {
    if (state_ != State::kCredentials) {
      log_intent(spdlog::level::err, about,
                 "partner API rejects our credentials ({}): no claims or polls until the secret is fixed and payq "
                 "is reloaded (systemctl reload payq / SIGHUP)", detail);
      (void)unreachable_.end();
      since_ = clock_.wall_now();
    }
    state_ = state;
    detail_ = "credentials rejected: " + detail;
    return;
  }
  backoff_ = was_closed ? options_.first_backoff : std::min(backoff_ * 2, options_.max_backoff);
  retry_at_ = clock_.steady_now() + backoff_;
  if (was_closed) since_ = clock_.wall_now();
  unreachable_.occurred(spdlog::level::err, about, detail + "; no claims or polls, probing with one request at a time",
                        "next probe in " + std::to_string(backoff_.count()) + " ms");
  state_ = state;
  detail_ = "partner unreachable: " + detail;
}

void PartnerBreaker::credentials_reloaded() {
  std::lock_guard lock(mutex_);
  if (state_ != State::kCredentials) return;
  spdlog::info("credentials reloaded: probing the partner with one request");
  state_ = State::kOpen;
  backoff_ = options_.first_backoff;
  retry_at_ = clock_.steady_now();
  probing_ = false;
}

std::optional<std::string> PartnerBreaker::problem() {
  std::lock_guard lock(mutex_);
  if (state_ == State::kClosed) return std::nullopt;
  return detail_ + " (since " + format_utc_ms(to_unix_ms(since_)) + ")";
}

}  // namespace payq::worker
