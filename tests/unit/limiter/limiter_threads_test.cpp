// unit/limiter/limiter_threads_test.cpp — many threads share one Limiter on a FakeClock (no real sleeping).
// Each thread acquires, randomly gives some permits back; the kept starts must respect the rolling window.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <variant>
#include <random>
#include <thread>
#include <vector>

#include "limiter/limiter.h"
#include "support/fake_clock.h"
#include "support/gated_clock.h"
#include "support/start_window.h"

using namespace std::chrono_literals;
using payq::limiter::Limiter;
using payq::limiter::LimiterOptions;
using payq::limiter::Permit;
using payq::limiter::RequestKind;
using payq::limiter::SteadyTime;
using payq::testing::FakeClock;
using payq::testing::GatedClock;
using payq::testing::max_starts_in_window;

namespace {

struct Shared {
  std::mutex mutex;
  std::vector<SteadyTime> kept;  // guarded by mutex
};

void worker(Limiter& limiter, FakeClock& clock, Shared& shared, unsigned seed, int permits) {
  std::mt19937_64 rng(seed);
  for (int i = 0; i < permits; ++i) {
    if (std::uniform_int_distribution<int>(0, 4)(rng) == 0) clock.advance(std::chrono::milliseconds(
        std::uniform_int_distribution<int>(0, 300)(rng)));
    auto permit = limiter.acquire(i % 3 == 0 ? RequestKind::kPoll : RequestKind::kCreate, std::stop_token{});
    REQUIRE(permit);
    if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) {
      limiter.release_unused(*permit);
      continue;
    }
    std::lock_guard lock(shared.mutex);
    shared.kept.push_back(permit->start);
  }
}

}  // namespace

TEST_SUITE("limiter.threads") {
  TEST_CASE("8 threads with random arrivals never exceed R starts in a rolling second") {
    for (const double rate : {1.0, 3.0, 5.0, 10.0}) {
      FakeClock clock;
      LimiterOptions options;
      options.requests_per_second = rate;
      Limiter limiter(clock, options);
      Shared shared;
      {
        std::vector<std::jthread> threads;
        for (unsigned t = 0; t < 8; ++t) {
          threads.emplace_back([&, t] { worker(limiter, clock, shared, 100 + t, 40); });
        }
      }
      INFO("rate " << rate);
      CHECK(shared.kept.size() > 8 * 40 / 2);
      CHECK(max_starts_in_window(shared.kept, 1s + 2ms) <= static_cast<std::size_t>(rate));
    }
  }

  TEST_CASE("throttles from one thread slow all the others") {
    FakeClock clock;
    Limiter limiter(clock, LimiterOptions{});
    Shared shared;
    const SteadyTime start = clock.steady_now();
    limiter.on_throttled(2s);
    {
      std::vector<std::jthread> threads;
      for (unsigned t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] { worker(limiter, clock, shared, 200 + t, 10); });
      }
    }
    std::size_t first_second = 0;
    for (const SteadyTime kept : shared.kept) {
      CHECK(kept >= start + 2s);
      if (kept < start + 3s) ++first_second;
    }
    CHECK(first_second <= 2);  // halved to 2.5 (capacity 2) and climbing only once the pause is over
    CHECK(max_starts_in_window(shared.kept, 1s + 2ms) <= 5);
  }

  TEST_CASE("a released permit wakes a thread sleeping for the next slot") {
    std::atomic<bool> asleep{false};
    GatedClock clock([&] {  // time never passes by itself: only the release can help
      asleep = true;
      return false;
    });
    LimiterOptions options;
    options.requests_per_second = 1;
    options.pacing = 0.0;
    Limiter limiter(clock, options);
    for (int i = 0; i < 8; ++i) limiter.observe_rtt(1ms);
    clock.advance(2s);  // past the conservative start
    auto first = limiter.try_acquire(RequestKind::kCreate);
    REQUIRE(std::holds_alternative<Permit>(first));
    const Permit unused = std::get<Permit>(first);
    REQUIRE(std::holds_alternative<SteadyTime>(limiter.try_acquire(RequestKind::kCreate)));  // next slot: 1 s on
    std::optional<Permit> woken;
    {
      std::jthread sleeper([&] { woken = limiter.acquire(RequestKind::kPoll, std::stop_token{}); });
      for (long spin = 0; spin < 100'000'000 && !asleep; ++spin) std::this_thread::yield();
      CHECK(asleep);  // the release below must find it sleeping
      limiter.release_unused(unused);
    }
    REQUIRE(woken);
    CHECK(woken->start == unused.start);  // no second had to pass
  }
}
