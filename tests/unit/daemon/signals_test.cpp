// unit/daemon/signals_test.cpp — SignalWatcher: real signals sent to this process reach the right callback.
// Each test waits for its callback with a bounded wait on a condition variable, never a fixed sleep.
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <condition_variable>
#include <mutex>

#include "daemon/signals.h"

using payq::daemon::SignalCallbacks;
using payq::daemon::SignalWatcher;

namespace {

constexpr std::chrono::seconds kWait{5};

// Counts callback runs; the test waits until a count is reached.
class Counter {
 public:
  void bump() {
    std::lock_guard lock(mutex_);
    ++count_;
    changed_.notify_all();
  }
  bool wait_for(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kWait, [&] { return count_ >= count; });
  }
  int count() {
    std::lock_guard lock(mutex_);
    return count_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;  // guarded by mutex_
};

struct Counters {
  Counter stop;
  Counter force_stop;
  Counter reload;

  SignalCallbacks callbacks() {
    return {[this] { stop.bump(); }, [this] { force_stop.bump(); }, [this] { reload.bump(); }};
  }
};

}  // namespace

TEST_SUITE("daemon.signals") {
  TEST_CASE("SIGHUP asks for a reload and nothing else") {
    Counters counters;
    auto watcher = SignalWatcher::start(counters.callbacks());
    REQUIRE(watcher.is_ok());
    REQUIRE(::kill(::getpid(), SIGHUP) == 0);
    CHECK(counters.reload.wait_for(1));
    CHECK(counters.stop.count() == 0);
    CHECK(counters.force_stop.count() == 0);
  }

  TEST_CASE("the first SIGTERM stops, the next one forces the stop") {
    Counters counters;
    auto watcher = SignalWatcher::start(counters.callbacks());
    REQUIRE(watcher.is_ok());
    REQUIRE(::kill(::getpid(), SIGTERM) == 0);
    REQUIRE(counters.stop.wait_for(1));
    CHECK(counters.force_stop.count() == 0);
    // Sent only after the first was handled: two pending SIGTERMs would merge into one.
    REQUIRE(::kill(::getpid(), SIGTERM) == 0);
    CHECK(counters.force_stop.wait_for(1));
    CHECK(counters.stop.count() == 1);
  }

  TEST_CASE("SIGINT counts as a stop request like SIGTERM") {
    Counters counters;
    auto watcher = SignalWatcher::start(counters.callbacks());
    REQUIRE(watcher.is_ok());
    REQUIRE(::kill(::getpid(), SIGINT) == 0);
    REQUIRE(counters.stop.wait_for(1));
    REQUIRE(::kill(::getpid(), SIGTERM) == 0);
    CHECK(counters.force_stop.wait_for(1));
  }

  TEST_CASE("stop joins an idle watcher at once, twice, and the destructor after it") {
    Counters counters;
    auto watcher = SignalWatcher::start(counters.callbacks());
    REQUIRE(watcher.is_ok());
    watcher->stop();
    watcher->stop();
    CHECK(counters.stop.count() == 0);
  }

  TEST_CASE("a moved watcher keeps working and missing callbacks are skipped") {
    Counter reload;
    auto started = SignalWatcher::start(SignalCallbacks{nullptr, nullptr, [&reload] { reload.bump(); }});
    REQUIRE(started.is_ok());
    SignalWatcher watcher = std::move(started).value();
    REQUIRE(::kill(::getpid(), SIGTERM) == 0);  // no on_stop: logged, nothing called
    REQUIRE(::kill(::getpid(), SIGHUP) == 0);
    CHECK(reload.wait_for(1));
  }

  TEST_CASE("a SIGHUP after the watcher stopped does not kill a process on its way out") {
    {
      auto watcher = SignalWatcher::start(SignalCallbacks{});
      REQUIRE(watcher.is_ok());
    }
    // Sent to this thread: with SIGHUP's default action restored this would end the test binary.
    REQUIRE(::raise(SIGHUP) == 0);
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    const timespec now{};
    CHECK(::sigtimedwait(&hup, nullptr, &now) == SIGHUP);  // it stayed pending, and is consumed here
  }
}
