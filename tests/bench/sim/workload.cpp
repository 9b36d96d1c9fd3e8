// sim/workload.cpp — the two workloads of the batch simulation and the per-payment draw. Each payment gets its
// own generator seeded from (seed, reference), so every policy meets exactly the same customers.
#include "sim/workload.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace payq::sim {
namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::optional<Workload> workload_named(std::string_view name) {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  if (name == "slow") return Workload{"slow", 0.70, 0.10, minutes(10), 1.5, hours(24)};
  if (name == "fast") return Workload{"fast", 0.80, 0.0, seconds(30), 1.0, hours(1)};
  return std::nullopt;
}

Fate draw_fate(const Workload& workload, std::uint64_t seed, std::string_view reference_id) {
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL ^ fnv1a(reference_id));
  const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  const double seconds =
      std::exp(std::log(std::chrono::duration<double>(workload.median).count()) +
               workload.sigma * std::normal_distribution<double>(0.0, 1.0)(rng));
  const auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(std::min(seconds, 1e9) * 1000.0));
  std::string status = "expired";
  if (u < workload.paid_fraction) {
    status = "paid";
  } else if (u < workload.paid_fraction + workload.cancelled_fraction) {
    status = "cancelled";
  }
  if (status == "expired" || delay >= workload.expires_after) return {"expired", workload.expires_after};
  return {status, delay};
}

}  // namespace payq::sim
