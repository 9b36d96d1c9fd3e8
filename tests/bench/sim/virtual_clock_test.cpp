// sim/virtual_clock_test.cpp — VirtualClock: time jumps to the earliest sleeper, participants take turns in a fixed
// order, notify_all and stop wake parked participants, and the same program gives the same trace every time.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "sim/virtual_clock.h"

using namespace std::chrono_literals;
using payq::sim::VirtualClock;

namespace {

const std::chrono::system_clock::time_point kStart{std::chrono::seconds(1767571200)};

double seconds(VirtualClock& clock) { return std::chrono::duration<double>(clock.elapsed()).count(); }

// Two sleepers with different periods and the driver; returns who ran when.
std::string sleepers_trace() {
  VirtualClock clock(kStart);
  std::string trace;  // only the baton holder touches it
  std::vector<std::jthread> threads;
  for (const int period : {3, 2}) {
    threads.push_back(clock.spawn("p" + std::to_string(period), [&, period] {
      for (int i = 0; i < 3; ++i) {
        clock.sleep_until(clock.steady_now() + std::chrono::seconds(period), {});
        trace += "p" + std::to_string(period) + "@" + std::to_string(static_cast<int>(seconds(clock))) + " ";
      }
    }));
  }
  clock.join_others();
  return trace;
}

}  // namespace

TEST_CASE("time jumps to the earliest deadline; ties run in participant order; the trace repeats") {
  const std::string trace = sleepers_trace();
  CHECK(trace == "p2@2 p3@3 p2@4 p3@6 p2@6 p3@9 ");
  CHECK(sleepers_trace() == trace);
}

TEST_CASE("notify_all makes a waiter runnable; wall time follows virtual time") {
  VirtualClock clock(kStart);
  std::mutex mutex;
  std::condition_variable_any changed;
  bool ready = false;
  double seen_at = -1;
  std::jthread waiter = clock.spawn("waiter", [&] {
    std::unique_lock lock(mutex);
    CHECK(clock.wait(changed, lock, {}, [&] { return ready; }));
    seen_at = seconds(clock);
  });
  clock.sleep_until(clock.steady_now() + 5s, {});  // the waiter parks; nobody else sleeps: time jumps
  {
    std::unique_lock lock(mutex);
    ready = true;
    clock.notify_all(changed);
  }
  clock.join_others();
  CHECK(seen_at == 5.0);
  CHECK(clock.wall_now() == kStart + 5s);
}

TEST_CASE("a stop request wakes a sleeper at once, without moving time") {
  VirtualClock clock(kStart);
  std::stop_source stop;
  bool woke_by_stop = false;
  std::jthread sleeper = clock.spawn("sleeper", [&] {
    woke_by_stop = !clock.sleep_until(clock.steady_now() + 1h, stop.get_token());
  });
  clock.sleep_until(clock.steady_now() + 1s, {});
  stop.request_stop();
  clock.join_others();
  CHECK(woke_by_stop);
  CHECK(seconds(clock) == 1.0);
}
