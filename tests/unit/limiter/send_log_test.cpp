// unit/limiter/send_log_test.cpp — SendLog: the sliding-window rule, erase and prune.
// Pure, single-threaded; time points are built by hand.
#include <doctest/doctest.h>

#include "limiter/send_log.h"

using namespace std::chrono_literals;
using payq::limiter::SendLog;
using payq::limiter::SteadyTime;
using payq::limiter::WindowRule;

TEST_SUITE("limiter.send_log") {
  TEST_CASE("an empty log permits a start at once") {
    SendLog log;
    CHECK(log.earliest_start(WindowRule{3, 1s, 0ms}) == SteadyTime::min());
  }

  TEST_CASE("the start capacity places back must have aged by the window") {
    SendLog log;
    const SteadyTime t0{1000s};
    log.record(1, t0);
    log.record(2, t0 + 100ms);
    log.record(3, t0 + 200ms);
    CHECK(log.earliest_start(WindowRule{3, 1s, 0ms}) == t0 + 1s);
    CHECK(log.earliest_start(WindowRule{2, 1s, 0ms}) == t0 + 1100ms);
    CHECK(log.earliest_start(WindowRule{4, 1s, 0ms}) == t0 + 200ms);
  }

  TEST_CASE("the gap spaces consecutive starts") {
    SendLog log;
    const SteadyTime t0{1000s};
    log.record(1, t0);
    CHECK(log.earliest_start(WindowRule{5, 1s, 160ms}) == t0 + 160ms);
  }

  TEST_CASE("erase forgets one start and prune the old ones") {
    SendLog log;
    const SteadyTime t0{1000s};
    log.record(1, t0);
    log.record(2, t0 + 10ms);
    log.record(3, t0 + 20ms);
    CHECK(log.erase(2));
    CHECK_FALSE(log.erase(2));
    CHECK(log.size() == 2);
    CHECK(log.earliest_start(WindowRule{2, 1s, 0ms}) == t0 + 1s);
    log.prune(t0 + 5ms);
    CHECK(log.size() == 1);
    CHECK(log.count_between(t0, t0 + 1s) == 1);
  }
}
