// common/clock.cpp — SystemClock: the real steady and wall clocks, and a sleep that stop interrupts.
// Each sleep owns its own mutex and condition variable, so concurrent sleepers never contend.
#include "common/clock.h"

#include <condition_variable>
#include <mutex>

namespace payq {

std::chrono::steady_clock::time_point SystemClock::steady_now() { return std::chrono::steady_clock::now(); }

std::chrono::system_clock::time_point SystemClock::wall_now() { return std::chrono::system_clock::now(); }

bool SystemClock::sleep_until(std::chrono::steady_clock::time_point t, std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  // wait_until with a stop_token returns early (true predicate) once stop is requested.
  wake.wait_until(lock, stop, t, [] { return false; });
  return !stop.stop_requested();
}

}  // namespace payq
