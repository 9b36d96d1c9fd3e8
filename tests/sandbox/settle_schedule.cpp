// sandbox/settle_schedule.cpp — fates from splitmix64 bits: one uniform picks the status, one (two for the
// lognormal, by Box-Muller) the delay; --expire-after then turns anything still pending at D into "expired" at D.
#include "settle_schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace payq::sandbox {
namespace {

constexpr Millis kLongestDelay = std::chrono::hours(24 * 365);  // keeps exp() of an extreme draw in range

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double unit(std::uint64_t bits) { return static_cast<double>(bits >> 11) / 9007199254740992.0; }  // [0, 1)

std::string status_of(const Options& o, double u) {
  if (u < o.paid_fraction) return "paid";
  if (u < o.paid_fraction + o.expired_fraction) return "expired";
  if (u < o.paid_fraction + o.expired_fraction + o.cancelled_fraction) return "cancelled";
  return "pending";
}

// median * exp(sigma * z) with z standard normal from two uniforms (Box-Muller), capped at kLongestDelay.
Millis lognormal_delay(const LogNormal& shape, double v, double w) {
  const double z = std::sqrt(-2.0 * std::log(1.0 - v)) * std::cos(2.0 * std::numbers::pi * w);
  const double ms = static_cast<double>(shape.median.count()) * std::exp(shape.sigma * z);
  return Millis(static_cast<long long>(std::min(ms, static_cast<double>(kLongestDelay.count()))));
}

Millis uniform_delay(const Options& o, double v) {
  const auto span = o.settle_max - o.settle_min;
  return o.settle_min + Millis(static_cast<long long>(v * static_cast<double>(span.count())));
}

}  // namespace

std::uint64_t payment_bits(std::uint64_t seed, std::uint64_t n) { return splitmix64(seed ^ splitmix64(n)); }

Fate draw_fate(const Options& options, std::uint64_t bits) {
  const double v = unit(splitmix64(bits));
  const double w = unit(splitmix64(splitmix64(bits)));
  Fate fate;
  fate.status = status_of(options, unit(bits));
  fate.after = options.settle_lognormal ? lognormal_delay(*options.settle_lognormal, v, w) : uniform_delay(options, v);
  if (options.expire_after && (fate.status == "pending" || fate.after > *options.expire_after)) {
    fate.status = "expired";
    fate.after = *options.expire_after;
  }
  return fate;
}

}  // namespace payq::sandbox
