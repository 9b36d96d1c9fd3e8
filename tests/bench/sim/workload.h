// sim/workload.h — what the simulated partner's customers do: per payment, its final status and when it changes,
// drawn from a named workload. Pure: the draw depends only on the seed and the reference, never on call order.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace payq::sim {

// paid_fraction pay and cancelled_fraction cancel after a lognormal delay (median, sigma); everyone else, and
// anyone whose delay reaches expires_after, expires at expires_after.
struct Workload {
  std::string name;
  double paid_fraction = 0.0;
  double cancelled_fraction = 0.0;
  std::chrono::milliseconds median{0};
  double sigma = 1.0;
  std::chrono::milliseconds expires_after{0};
};

// "slow": 70% paid, 10% cancelled after lognormal(10 min, 1.5), expiry 24 h.
// "fast": 80% paid after lognormal(30 s, 1.0), expiry 1 h. Anything else: nullopt.
std::optional<Workload> workload_named(std::string_view name);

struct Fate {
  std::string final_status;         // paid, cancelled or expired
  std::chrono::milliseconds after;  // from creation at the partner to the change
};

Fate draw_fate(const Workload& workload, std::uint64_t seed, std::string_view reference_id);

}  // namespace payq::sim
