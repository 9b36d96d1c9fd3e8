// bench/learn_bench.cpp — what one re-learning of the adaptive plan costs: SettleCurve::learn (Turnbull's estimate)
// and AdaptivePlan::make over N brackets drawn like the batch simulation's `slow` workload, median of 11 rounds.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "worker/adaptive_plan.h"
#include "worker/settle_curve.h"

namespace {

using payq::worker::SettleOutcome;
using payq::worker::SettleSighting;

// Requests created over `spread_ms`, looked at `now_ms`, polled on a doubling schedule (5 s .. 15 min) whose first
// poll is delayed by up to `first_delay_ms` (a drain): 70% pay and 10% cancel after a lognormal delay (median
// 10 min, sigma 1.5), the rest expire at 24 h.
std::vector<SettleSighting> draw(int n, double spread_ms, double now_ms, double first_delay_ms, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0, 1);
  std::lognormal_distribution<double> settle(std::log(600'000.0), 1.5);
  std::vector<SettleSighting> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double created = unit(rng) * spread_ms;
    const double age = now_ms - created;
    const double kind = unit(rng);
    const double change = kind < 0.8 ? settle(rng) : 86'400'000.0;
    const SettleOutcome outcome = kind < 0.7 ? SettleOutcome::kPaid : kind < 0.8 ? SettleOutcome::kCancelled
                                                                                 : SettleOutcome::kExpired;
    double poll = 5'000 + unit(rng) * first_delay_ms;
    double interval = 5'000;
    SettleSighting seen;
    while (poll <= age) {
      if (poll >= change) {
        seen.settled_age_ms = static_cast<std::int64_t>(poll);
        seen.outcome = outcome;
        break;
      }
      seen.pending_seen_age_ms = static_cast<std::int64_t>(poll);
      interval = std::min(interval * 2, 900'000.0);
      poll += interval;
    }
    out.push_back(seen);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 20'000;
  std::mt19937_64 rng(7);
  const auto sightings = draw(n, 2'500'000, 7'200'000, 1'800'000, rng);
  const payq::worker::PollSchedule schedule{};
  std::vector<double> learn_ms;
  std::vector<double> plan_ms;
  for (int round = 0; round < 11; ++round) {
    const auto start = std::chrono::steady_clock::now();
    auto curve = payq::worker::SettleCurve::learn(sightings);
    const auto learned = std::chrono::steady_clock::now();
    auto plan = payq::worker::AdaptivePlan::make(std::move(curve), schedule);
    const auto planned = std::chrono::steady_clock::now();
    if (!plan) {
      std::fprintf(stderr, "no plan from %d sightings\n", n);
      return 1;
    }
    learn_ms.push_back(std::chrono::duration<double, std::milli>(learned - start).count());
    plan_ms.push_back(std::chrono::duration<double, std::milli>(planned - learned).count());
  }
  std::sort(learn_ms.begin(), learn_ms.end());
  std::sort(plan_ms.begin(), plan_ms.end());
  std::printf("re-learning from %d requests: curve %.1f ms, plan %.1f ms (median of 11)\n", n, learn_ms[5], plan_ms[5]);
  return 0;
}
