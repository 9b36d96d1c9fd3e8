// unit/limiter/limiter_property_test.cpp — thousands of random schedules against the window invariant.
// Single-threaded and seeded: random rates, clock steps, acquire/release, RTTs and 429s with Retry-After.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <variant>
#include <vector>

#include "limiter/limiter.h"
#include "support/fake_clock.h"
#include "support/start_window.h"

using namespace std::chrono_literals;
using payq::limiter::Limiter;
using payq::limiter::LimiterOptions;
using payq::limiter::Permit;
using payq::limiter::RequestKind;
using payq::limiter::SteadyTime;
using payq::testing::FakeClock;
using payq::testing::max_starts_in_window;

namespace {

struct Pause {
  std::uint64_t after_id;  // permits issued before the throttle may share its instant
  SteadyTime from;
  SteadyTime until;
};

struct Run {
  double rate = 1;
  SteadyTime constructed;
  std::map<std::uint64_t, SteadyTime> used;  // permits not given back
  std::uint64_t last_id = 0;
  std::vector<Pause> pauses;
};

void random_step(std::mt19937_64& rng, FakeClock& clock, Limiter& limiter, Run& run) {
  switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0:
    case 1:
      clock.advance(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 400)(rng)));
      break;
    case 2:
    case 3: {
      auto attempt = limiter.try_acquire(RequestKind::kCreate);
      if (auto* permit = std::get_if<Permit>(&attempt)) {
        run.used[permit->id] = permit->start;
        run.last_id = permit->id;
      }
      break;
    }
    case 4:
    case 5: {
      auto permit = limiter.acquire(RequestKind::kPoll, std::stop_token{});
      REQUIRE(permit);
      run.used[permit->id] = permit->start;
      run.last_id = permit->id;
      break;
    }
    case 6:
      if (!run.used.empty()) {
        auto it = std::next(run.used.begin(),
                            std::uniform_int_distribution<std::ptrdiff_t>(
                                0, static_cast<std::ptrdiff_t>(run.used.size()) - 1)(rng));
        limiter.release_unused(Permit{it->first, it->second, RequestKind::kCreate});
        run.used.erase(it);
      }
      break;
    case 7:
      limiter.observe_rtt(std::chrono::milliseconds(std::uniform_int_distribution<int>(1, 200)(rng)));
      break;
    case 8: {
      if (std::uniform_int_distribution<int>(0, 3)(rng) != 0) break;
      const bool with_retry_after = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
      const auto retry_after = std::chrono::milliseconds(std::uniform_int_distribution<int>(1, 3000)(rng));
      const SteadyTime now = clock.steady_now();
      limiter.on_throttled(with_retry_after ? std::optional<std::chrono::steady_clock::duration>(retry_after)
                                            : std::nullopt);
      if (with_retry_after) run.pauses.push_back(Pause{run.last_id, now, now + retry_after});
      break;
    }
    default:
      break;
  }
}

// Counts broken promises in one run; one CHECK per run keeps thousands of runs fast.
int violations(const Run& run) {
  std::vector<SteadyTime> starts;
  for (const auto& [id, start] : run.used) starts.push_back(start);
  int broken = 0;
  if (run.rate >= 1.0) {
    // At most floor(R) starts in any rolling second (plus the margin floor).
    if (max_starts_in_window(starts, 1s + 2ms) > static_cast<std::size_t>(run.rate)) ++broken;
  } else {
    // Below 1 req/s: consecutive starts at least 1/R apart.
    const auto spacing = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / run.rate));
    std::sort(starts.begin(), starts.end());
    for (std::size_t i = 1; i < starts.size(); ++i) {
      if (starts[i] - starts[i - 1] < spacing) ++broken;
    }
  }
  for (const auto& [id, start] : run.used) {
    if (start < run.constructed + 1s + 2ms) ++broken;
    for (const Pause& pause : run.pauses) {
      if (id > pause.after_id && start >= pause.from && start < pause.until) ++broken;
    }
  }
  return broken;
}

}  // namespace

TEST_SUITE("limiter.property") {
  TEST_CASE("no random schedule ever puts more than R starts in a rolling second (1/R spacing below 1)") {
    std::mt19937_64 rng(20261125);
    for (int schedule = 0; schedule < 3000; ++schedule) {
      FakeClock clock;
      Run run;
      // Half the schedules use whole rates 1..10, half fractional ones in [0.2, 10).
      run.rate = schedule % 2 == 0 ? std::uniform_int_distribution<int>(1, 10)(rng)
                                   : std::uniform_real_distribution<double>(0.2, 10.0)(rng);
      run.constructed = clock.steady_now();
      LimiterOptions options;
      options.requests_per_second = run.rate;
      options.pacing = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
      Limiter limiter(clock, options);
      for (int step = 0; step < 60; ++step) random_step(rng, clock, limiter, run);
      INFO("schedule " << schedule << ", rate " << run.rate);
      CHECK(violations(run) == 0);
    }
  }
}
