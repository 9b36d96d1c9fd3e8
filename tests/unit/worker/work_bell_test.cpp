// worker/work_bell_test.cpp — the bell idle submitters sleep on: a ring wakes a sleeper before its deadline, a ring
// between "looked for work" and "went to sleep" is not lost, stop wakes, and with no ring the sleep ends at the
// deadline. Time is the fake clock's; a sleeper on another thread is woken, never waited for by the clock.
#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>

#include "support/fake_clock.h"
#include "worker/work_bell.h"

using payq::testing::FakeClock;
using payq::worker::WorkBell;
using Wake = WorkBell::Wake;

namespace {

// A fake clock whose sleeps say that they started, then last until their stop token fires (a bounded number of
// yields, so a lost wake-up fails the test instead of hanging it); then they end like FakeClock's.
class ParkingClock final : public payq::Clock {
 public:
  std::chrono::steady_clock::time_point steady_now() override { return time_.steady_now(); }
  std::chrono::system_clock::time_point wall_now() override { return time_.wall_now(); }
  bool sleep_until(std::chrono::steady_clock::time_point t, std::stop_token stop) override {
    parked_.store(true);
    parked_.notify_all();
    for (long spin = 0; spin < kMaxSpins && !stop.stop_requested(); ++spin) std::this_thread::yield();
    return time_.sleep_until(t, stop);
  }
  // Returns once a sleep has started.
  void wait_until_parked() { parked_.wait(false); }

 private:
  static constexpr long kMaxSpins = 10'000'000;
  FakeClock time_;
  std::atomic<bool> parked_{false};
};

constexpr auto kIdle = std::chrono::seconds(1);

}  // namespace

TEST_SUITE("worker.bell") {

TEST_CASE("with no ring, the sleep ends at its deadline") {
  FakeClock clock;
  WorkBell bell;
  const auto deadline = clock.steady_now() + kIdle;
  CHECK(bell.sleep_until(clock, deadline, bell.generation(), {}) == Wake::kDeadline);
  CHECK(clock.steady_now() == deadline);
}

TEST_CASE("a ring wakes a sleeper before its deadline") {
  ParkingClock clock;
  WorkBell bell;
  const auto start = clock.steady_now();
  auto sleeper = std::async(std::launch::async, [&] {
    return bell.sleep_until(clock, start + kIdle, bell.generation(), {});
  });
  clock.wait_until_parked();
  bell.ring();
  CHECK(sleeper.get() == Wake::kRang);
  CHECK(clock.steady_now() == start);  // woken, not timed out
}

TEST_CASE("a ring after the generation was read but before the sleep is not lost") {
  FakeClock clock;
  WorkBell bell;
  const auto start = clock.steady_now();
  const auto seen = bell.generation();  // the submitter looks for work: nothing due
  bell.ring();                           // an intent is committed and heard of before the submitter sleeps
  CHECK(bell.sleep_until(clock, start + kIdle, seen, {}) == Wake::kRang);
  CHECK(clock.steady_now() == start);
  CHECK(bell.generation() != seen);
}

TEST_CASE("a ring heard before the generation was read does not wake the next sleep") {
  FakeClock clock;
  WorkBell bell;
  bell.ring();
  const auto deadline = clock.steady_now() + kIdle;
  CHECK(bell.sleep_until(clock, deadline, bell.generation(), {}) == Wake::kDeadline);
  CHECK(clock.steady_now() == deadline);
}

TEST_CASE("one ring wakes every sleeper") {
  ParkingClock first_clock;
  ParkingClock second_clock;
  WorkBell bell;
  const auto seen = bell.generation();
  auto first = std::async(std::launch::async, [&] {
    return bell.sleep_until(first_clock, first_clock.steady_now() + kIdle, seen, {});
  });
  auto second = std::async(std::launch::async, [&] {
    return bell.sleep_until(second_clock, second_clock.steady_now() + kIdle, seen, {});
  });
  first_clock.wait_until_parked();
  second_clock.wait_until_parked();
  bell.ring();
  CHECK(first.get() == Wake::kRang);
  CHECK(second.get() == Wake::kRang);
}

TEST_CASE("stop wakes a sleeper, and a sleep asked for after stop ends at once") {
  ParkingClock clock;
  WorkBell bell;
  std::stop_source stop;
  const auto start = clock.steady_now();
  auto sleeper = std::async(std::launch::async, [&] {
    return bell.sleep_until(clock, start + kIdle, bell.generation(), stop.get_token());
  });
  clock.wait_until_parked();
  stop.request_stop();
  CHECK(sleeper.get() == Wake::kStopped);
  CHECK(clock.steady_now() == start);

  FakeClock fake;
  const auto now = fake.steady_now();
  CHECK(bell.sleep_until(fake, now + kIdle, bell.generation(), stop.get_token()) == Wake::kStopped);
  CHECK(fake.steady_now() == now);
}

TEST_CASE("listening is off until a listener says otherwise") {
  WorkBell bell;
  CHECK_FALSE(bell.listening());
  bell.set_listening(true);
  CHECK(bell.listening());
  bell.set_listening(false);
  CHECK_FALSE(bell.listening());
}

}  // TEST_SUITE
