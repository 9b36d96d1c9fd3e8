// limiter/limiter.cpp — Limiter: sliding-log admission, AIMD rate, learned margin, Retry-After pause.
// One mutex guards all state; sleeping happens outside it, through the Clock, woken by stop or a release.
#include "limiter/limiter.h"

#include <algorithm>
#include <cmath>

namespace payq::limiter {

namespace {

AimdOptions aimd_with_rate(AimdOptions aimd, double requests_per_second) {
  aimd.configured = requests_per_second;
  return aimd;
}

}  // namespace

std::size_t capacity_for(double rate) {
  // The epsilon keeps 2.5 + 0.5 * 5 s (a climb that lands on 5.0 from below) from rounding down to 4.
  const double whole = std::floor(rate + 1e-9);
  return whole < 1.0 ? 1 : static_cast<std::size_t>(whole);
}

SteadyDuration window_for(double rate, SteadyDuration window) {
  if (rate >= 1.0) return window;
  return std::chrono::duration_cast<SteadyDuration>(window / std::max(rate, 1e-3));
}

Limiter::Limiter(Clock& clock, LimiterOptions options)
    : clock_(clock),
      options_(options),
      horizon_(window_for(std::min(options.aimd.floor, options.requests_per_second), options.window) +
               std::max(options.margin.ceiling, options.margin.floor)),
      margin_(options.margin),
      rate_(aimd_with_rate(options.aimd, options.requests_per_second)) {
  std::lock_guard lock(mutex_);
  const SteadyTime now = clock_.steady_now();
  const std::size_t seeded = capacity_for(rate_.rate_at(now));
  for (std::size_t i = 0; i < seeded; ++i) log_.record(++next_id_, now);
}

WindowRule Limiter::rule_locked(SteadyTime now) const {
  const double rate = rate_.rate_at(now);
  WindowRule rule;
  rule.capacity = capacity_for(rate);
  rule.window = window_for(rate, options_.window) + margin_.margin();
  rule.gap = std::chrono::duration_cast<SteadyDuration>(rule.window * std::clamp(options_.pacing, 0.0, 1.0) /
                                                        static_cast<double>(rule.capacity));
  return rule;
}

std::variant<Permit, SteadyTime> Limiter::try_acquire_locked(RequestKind kind) {
  const SteadyTime now = clock_.steady_now();
  log_.prune(now - horizon_);
  const SteadyTime earliest = std::max(paused_until_, log_.earliest_start(rule_locked(now)));
  if (earliest > now) return earliest;
  Permit permit{++next_id_, now, kind};
  log_.record(permit.id, now);
  return permit;
}

std::variant<Permit, SteadyTime> Limiter::try_acquire(RequestKind kind) {
  std::lock_guard lock(mutex_);
  return try_acquire_locked(kind);
}

std::optional<Permit> Limiter::acquire(RequestKind kind, std::stop_token stop) {
  return acquire_by(kind, SteadyTime::max(), std::move(stop));
}

std::optional<Permit> Limiter::acquire_by(RequestKind kind, SteadyTime deadline, std::stop_token stop) {
  while (!stop.stop_requested()) {
    std::stop_source wake;
    std::variant<Permit, SteadyTime> attempt;
    {
      std::lock_guard lock(mutex_);
      attempt = try_acquire_locked(kind);
      wake = wake_;  // taken with the attempt, so a release after it is never missed
    }
    if (auto* permit = std::get_if<Permit>(&attempt)) return *permit;
    if (std::get<SteadyTime>(attempt) > deadline) break;
    if (!sleep_until(std::get<SteadyTime>(attempt), stop, wake)) break;
  }
  return std::nullopt;
}

bool Limiter::sleep_until(SteadyTime deadline, std::stop_token stop, const std::stop_source& wake) {
  std::stop_source either;
  std::stop_callback on_stop(stop, [&either] { either.request_stop(); });
  std::stop_callback on_wake(wake.get_token(), [&either] { either.request_stop(); });
  clock_.sleep_until(deadline, either.get_token());
  return !stop.stop_requested();
}

void Limiter::release_unused(const Permit& permit) {
  std::lock_guard lock(mutex_);
  if (!log_.erase(permit.id)) return;
  wake_.request_stop();
  wake_ = std::stop_source{};
}

void Limiter::on_throttled(std::optional<SteadyDuration> retry_after) {
  std::lock_guard lock(mutex_);
  const SteadyTime now = clock_.steady_now();
  if (retry_after && *retry_after > SteadyDuration::zero()) {
    paused_until_ = std::max(paused_until_, now + *retry_after);
  }
  rate_.on_throttled(now, std::max(now, paused_until_));
}

void Limiter::observe_rtt(SteadyDuration rtt) {
  std::lock_guard lock(mutex_);
  margin_.observe(rtt);
}

double Limiter::current_rate() {
  std::lock_guard lock(mutex_);
  return rate_.rate_at(clock_.steady_now());
}

std::chrono::microseconds Limiter::current_margin() {
  std::lock_guard lock(mutex_);
  return margin_.margin();
}

SteadyTime Limiter::paused_until() {
  std::lock_guard lock(mutex_);
  return paused_until_;
}

std::size_t Limiter::starts_in_last_window() {
  std::lock_guard lock(mutex_);
  const SteadyTime now = clock_.steady_now();
  return log_.count_between(now - rule_locked(now).window, now);
}

}  // namespace payq::limiter
