// sim/report.h — what a simulation run prints: one table row per run (the figures of issue #10), the per-hour poll
// budget share, the invariants, and the sweep's verdict. Pure formatting over SimResult; no I/O besides the stream.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <vector>

#include "sim/simulation.h"

namespace payq::sim {

struct Figures {
  double polls_per_settled = 0.0;
  std::optional<double> paid_lag_p50_s;  // seconds from the partner's change to the poll that saw it
  std::optional<double> paid_lag_p95_s;
  double poll_share_max = 0.0;           // polls in the busiest hour / (limit * 3600)
  double poll_share_mean = 0.0;          // over every simulated hour
};

Figures figures_of(const SimResult& result);

// True when every intent is final and no rolling window at the partner held more than the limit.
bool invariants_hold(const SimResult& result);

void print_header(std::ostream& out, bool with_wall);
void print_row(std::ostream& out, const SimResult& result, bool with_wall);
// The poll budget share of each of the first `hours` hours.
void print_hourly_share(std::ostream& out, const SimResult& result, std::size_t hours);
void print_invariants(std::ostream& out, const SimResult& result);
// The cheapest backoff whose paid-lag p95 is no worse than adaptive's, and the poll ratio adaptive / that one.
void print_sweep_verdict(std::ostream& out, const std::vector<SimResult>& backoff, const SimResult* adaptive);

}  // namespace payq::sim
