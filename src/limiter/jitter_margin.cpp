// limiter/jitter_margin.cpp — JitterMargin: p5..p95 spread of a bounded RTT ring, scaled and clamped.
// Recomputed on each observation (64 samples: microseconds), so reading the margin is free.
#include "limiter/jitter_margin.h"

#include <algorithm>
#include <cstdint>

namespace payq::limiter {

namespace {

std::chrono::microseconds percentile(std::vector<std::chrono::microseconds>& values, double q) {
  const auto index = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index), values.end());
  return values[index];
}

}  // namespace

JitterMargin::JitterMargin(MarginOptions options) : options_(options) {
  options_.samples = std::max<std::size_t>(options_.samples, 2);
  options_.min_samples = std::clamp<std::size_t>(options_.min_samples, 2, options_.samples);
  options_.ceiling = std::max(options_.ceiling, options_.floor);
  ring_.reserve(options_.samples);
  margin_ = compute();
}

void JitterMargin::observe(std::chrono::steady_clock::duration rtt) {
  const auto sample = std::max(std::chrono::duration_cast<std::chrono::microseconds>(rtt),
                               std::chrono::microseconds::zero());
  if (ring_.size() < options_.samples) {
    ring_.push_back(sample);
  } else {
    ring_[next_] = sample;
    next_ = (next_ + 1) % options_.samples;
  }
  margin_ = compute();
}

std::chrono::microseconds JitterMargin::compute() const {
  if (ring_.size() < options_.min_samples) {
    return std::clamp(options_.unknown, options_.floor, options_.ceiling);
  }
  std::vector<std::chrono::microseconds> sorted = ring_;
  const auto low = percentile(sorted, 0.05);
  const auto high = percentile(sorted, 0.95);
  const auto scaled = std::chrono::microseconds(
      static_cast<std::int64_t>(options_.spread_factor * static_cast<double>((high - low).count())));
  return std::clamp(scaled, options_.floor, options_.ceiling);
}

}  // namespace payq::limiter
