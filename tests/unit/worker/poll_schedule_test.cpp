// unit/worker/poll_schedule_test.cpp — next_poll_at: first poll after creation, geometric growth, the cap.
// Pure; time points are built by hand.
#include <doctest/doctest.h>

#include "worker/poll_schedule.h"

using namespace std::chrono_literals;
using payq::worker::next_poll_at;
using payq::worker::poll_interval;
using payq::worker::PollSchedule;
using payq::worker::poll_schedule_from;

TEST_SUITE("worker.poll_schedule") {
  const PollSchedule schedule{5s, 15min, 2.0, 1s};
  const auto created = std::chrono::system_clock::time_point{} + 1000h;

  TEST_CASE("the first poll is first_poll_after the creation, even when overdue") {
    CHECK(next_poll_at(created, created, 0, schedule) == created + 5s);
    CHECK(next_poll_at(created + 1h, created, 0, schedule) == created + 5s);
  }

  TEST_CASE("later polls back off geometrically from the poll just made") {
    CHECK(poll_interval(1, schedule) == 10s);
    CHECK(poll_interval(2, schedule) == 20s);
    CHECK(poll_interval(3, schedule) == 40s);
    const auto polled = created + 37s;
    CHECK(next_poll_at(polled, created, 3, schedule) == polled + 40s);
    const PollSchedule gentle{5s, 15min, 1.5, 1s};
    CHECK(poll_interval(2, gentle) == 11250ms);
  }

  TEST_CASE("intervals stop growing at max_poll_interval, without overflow") {
    CHECK(poll_interval(8, schedule) == 15min);  // 5 s * 256 = 21 min 20 s, capped
    CHECK(poll_interval(10000, schedule) == 15min);
    const PollSchedule wild{5s, 15min, 1e300, 1s};
    CHECK(poll_interval(50, wild) == 15min);
  }

  TEST_CASE("a zero first_poll_after still spaces later polls by min_interval") {
    const PollSchedule eager{0ms, 15min, 2.0, 1s};
    CHECK(next_poll_at(created, created, 0, eager) == created);
    CHECK(poll_interval(1, eager) == 2s);
    const PollSchedule flat{5s, 15min, 0.5, 1s};  // growth below 1 is treated as 1
    CHECK(poll_interval(6, flat) == 5s);
  }

  TEST_CASE("the schedule comes from the reconciler section of the config") {
    payq::config::ReconcilerConfig reconciler;
    reconciler.first_poll_after = 2s;
    reconciler.max_poll_interval = 1min;
    const PollSchedule from = poll_schedule_from(reconciler);
    CHECK(next_poll_at(created, created, 0, from) == created + 2s);
    CHECK(poll_interval(20, from) == 1min);
  }
}
