// unit/worker/budget_scheduler_test.cpp — BudgetScheduler: min_share both ways, one side takes all, no banking,
// and the blocking door shared by submitter threads and a reconciler thread over a FakeClock Limiter.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "limiter/limiter.h"
#include "support/fake_clock.h"
#include "support/gated_clock.h"
#include "worker/budget_scheduler.h"

using namespace std::chrono_literals;
using payq::limiter::Limiter;
using payq::limiter::LimiterOptions;
using payq::limiter::Permit;
using payq::limiter::RequestKind;
using payq::testing::FakeClock;
using payq::testing::GatedClock;
using payq::worker::BudgetScheduler;
using payq::worker::Choice;
using payq::worker::Side;

namespace {

std::vector<Choice> contested(BudgetScheduler& scheduler, int n) {
  std::vector<Choice> choices;
  for (int i = 0; i < n; ++i) choices.push_back(scheduler.choose(true, true));
  return choices;
}

// Fewest choices of `side` in any run of `width` consecutive choices.
long fewest(const std::vector<Choice>& choices, std::size_t width, Choice side) {
  long least = static_cast<long>(width);
  for (std::size_t i = 0; i + width <= choices.size(); ++i) {
    const auto from = choices.begin() + static_cast<std::ptrdiff_t>(i);
    least = std::min<long>(least, std::count(from, from + static_cast<std::ptrdiff_t>(width), side));
  }
  return least;
}

}  // namespace

TEST_SUITE("worker.budget_scheduler") {
  TEST_CASE("both sides due: polls get min_share, submissions the rest, over every sliding count") {
    for (const double share : {0.2, 0.5, 0.8, 0.33}) {
      FakeClock clock;
      Limiter limiter(clock);
      BudgetScheduler scheduler(limiter, share);
      const auto choices = contested(scheduler, 1000);
      const long polls = std::count(choices.begin(), choices.end(), Choice::kPoll);
      INFO("min_share " << share);
      CHECK(polls >= static_cast<long>(share * 1000) - 1);
      CHECK(1000 - polls >= static_cast<long>((1.0 - share) * 1000) - 1);
      for (const std::size_t width : {10u, 20u, 100u}) {
        const double w = static_cast<double>(width);
        CHECK(fewest(choices, width, Choice::kPoll) >= static_cast<long>(share * w) - 1);
        CHECK(fewest(choices, width, Choice::kSubmit) >= static_cast<long>((1.0 - share) * w) - 1);
      }
    }
  }

  TEST_CASE("one side due gets every permit; none due is idle") {
    FakeClock clock;
    Limiter limiter(clock);
    BudgetScheduler scheduler(limiter, 0.2);
    for (int i = 0; i < 50; ++i) CHECK(scheduler.choose(true, false) == Choice::kSubmit);
    for (int i = 0; i < 50; ++i) CHECK(scheduler.choose(false, true) == Choice::kPoll);
    CHECK(scheduler.choose(false, false) == Choice::kIdle);
    CHECK(scheduler.granted().submit == 50);
    CHECK(scheduler.granted().poll == 50);
  }

  TEST_CASE("a long one-sided spell is not banked against the other side") {
    FakeClock clock;
    Limiter limiter(clock);
    BudgetScheduler scheduler(limiter, 0.2);
    for (int i = 0; i < 500; ++i) scheduler.choose(false, true);
    const auto after_polls = contested(scheduler, 10);
    CHECK(std::count(after_polls.begin(), after_polls.end(), Choice::kPoll) == 2);
    for (int i = 0; i < 500; ++i) scheduler.choose(true, false);
    const auto after_submits = contested(scheduler, 10);
    CHECK(std::count(after_submits.begin(), after_submits.end(), Choice::kPoll) == 2);
  }

  TEST_CASE("submitter threads and a reconciler thread share the limiter by min_share") {
    // Time passes only while all five threads wait in acquire(), as it would for threads whose work is
    // instant next to 200 ms between permits; so every permit is contested with both sides present.
    BudgetScheduler* scheduler_ref = nullptr;
    std::stop_source stop;
    GatedClock clock([&] {
      return stop.stop_requested() ||
             scheduler_ref->waiting(Side::kSubmit) + scheduler_ref->waiting(Side::kPoll) == 5;
    });
    Limiter limiter(clock);
    BudgetScheduler scheduler(limiter, 0.25);
    scheduler_ref = &scheduler;
    std::atomic<int> submits{0};
    std::vector<payq::limiter::SteadyTime> starts;  // written by the reconciler thread only
    {
      std::vector<std::jthread> threads;
      for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
          for (int i = 0; i < 10000 && scheduler.acquire(Side::kSubmit, stop.get_token()); ++i) ++submits;
        });
      }
      threads.emplace_back([&] {
        for (int i = 0; i < 100; ++i) {
          auto permit = scheduler.acquire(Side::kPoll, stop.get_token());
          REQUIRE(permit);
          CHECK(permit->kind == RequestKind::kPoll);
          starts.push_back(permit->start);
        }
        stop.request_stop();
      });
    }
    const auto granted = scheduler.granted();
    CHECK(granted.poll == 100);
    CHECK(granted.submit == static_cast<std::uint64_t>(submits.load()));
    INFO("submits " << submits.load());
    CHECK(submits.load() >= 297);  // polls are 1 in 4: 100 polls, 300 submissions, within one round
    CHECK(submits.load() <= 301);
    // The 100 polls are spread across the run: about one every 4 permits, 0.8 s at 5 req/s.
    CHECK(starts.back() - starts.front() >= 70s);
  }

  TEST_CASE("only submitters waiting: they get everything") {
    FakeClock clock;
    Limiter limiter(clock);
    BudgetScheduler scheduler(limiter, 0.2);
    std::atomic<int> submits{0};
    {
      std::vector<std::jthread> submitters;
      for (int t = 0; t < 3; ++t) {
        submitters.emplace_back([&] {
          for (int i = 0; i < 30; ++i) {
            if (scheduler.acquire(Side::kSubmit, std::stop_token{})) ++submits;
          }
        });
      }
    }
    CHECK(submits.load() == 90);
    CHECK(scheduler.granted().poll == 0);
  }

  TEST_CASE("while the reconciler is busy its turns are lent to submitters, not left idle") {
    FakeClock clock;
    Limiter limiter(clock);
    BudgetScheduler scheduler(limiter, 0.5);
    scheduler.set_backlog(Side::kPoll, true);  // due polls exist, but no reconciler thread is waiting
    for (int i = 0; i < 8; ++i) {
      auto permit = scheduler.acquire(Side::kSubmit, std::stop_token{});
      REQUIRE(permit);
      CHECK(permit->kind == RequestKind::kCreate);
    }
    CHECK(scheduler.granted().submit == 8);
    CHECK(scheduler.granted().poll == 0);
  }

  TEST_CASE("give_back returns the permit to the limiter") {
    FakeClock clock;
    LimiterOptions options;
    options.requests_per_second = 1;
    Limiter limiter(clock, options);
    BudgetScheduler scheduler(limiter, 0.2);
    auto permit = scheduler.acquire(Side::kSubmit, std::stop_token{});
    REQUIRE(permit);
    const auto granted_at = clock.steady_now();
    scheduler.give_back(Side::kSubmit, *permit);
    CHECK(scheduler.granted().submit == 0);
    auto again = scheduler.acquire(Side::kPoll, std::stop_token{});
    REQUIRE(again);
    CHECK(again->start == granted_at);  // no second had to pass: the budget came back
  }

  TEST_CASE("a stopped waiter returns nothing") {
    FakeClock clock;
    Limiter limiter(clock);
    BudgetScheduler scheduler(limiter, 0.2);
    std::stop_source stop;
    stop.request_stop();
    CHECK_FALSE(scheduler.acquire(Side::kPoll, stop.get_token()));
  }
}
