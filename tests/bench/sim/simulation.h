// sim/simulation.h — one batch run of the real daemon in virtual time: the real services wired as daemon/ wires them,
// a real SQLite file, the simulated partner. Runs on the calling thread (the driver) plus the worker threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "payq/status.h"
#include "sim/sim_partner.h"
#include "store/batch_progress.h"

namespace payq::sim {

struct SimOptions {
  int intents = 10000;
  std::string workload = "slow";
  std::string policy = "adaptive";                             // reconciler.policy; the daemon's default
  std::optional<std::chrono::milliseconds> max_poll_interval;  // reconciler.max_poll_interval; unset: the default
  std::optional<std::chrono::milliseconds> max_poll_gap;       // reconciler.max_poll_gap; unset: the default
  std::uint64_t seed = 1;
  std::chrono::hours horizon{48};              // simulated time after which the run ends, final or not
  std::chrono::milliseconds latency{0};        // the partner's round trip
  // The daemon's 100 ms only makes a producer's commit visible soon; nobody writes during a run and due times are
  // known, so a long idle check changes no figure, only the cost of idle submitters waking.
  std::chrono::milliseconds idle_check{30000};
  std::string directory;                       // for the SQLite file; empty: /dev/shm (or /tmp) temp dir
};

struct SimResult {
  SimOptions options;
  std::string database_directory;
  PartnerStats partner;
  store::BatchCounts counts;
  std::chrono::steady_clock::duration simulated{};  // virtual time until every intent was final (or the horizon)
  double wall_seconds = 0.0;
};

// Policies the daemon in this build offers to --policy.
bool policy_supported(const std::string& policy);

Result<SimResult> run_simulation(const SimOptions& options);

}  // namespace payq::sim
