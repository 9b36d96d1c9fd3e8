// sandbox/faults.h — the dice of fault injection (seeded), the timed outage window, and the one-way
// network delays. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <random>

#include "options.h"

namespace payq::sandbox {

enum class CreateFault {
  kNone,
  kFailBefore,  // 500, nothing stored
  kFailAfter,   // stored, then 500
  kDropAfter,   // stored, then the connection is closed without an answer
  kTruncate,    // stored, then a 201 whose JSON is cut in half
};

class Faults {
 public:
  Faults(const Options& options, std::chrono::steady_clock::time_point start);

  CreateFault roll_create();  // at most one fault per create, checked in the order of the enum
  bool roll_slow();
  bool in_outage(std::chrono::steady_clock::time_point now) const;
  std::chrono::milliseconds one_way_delay();  // about latency/2, ± jitter/2, never negative

 private:
  bool roll(double probability);  // requires mutex_

  const Options options_;
  const std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::mt19937_64 rng_;  // guarded by mutex_
};

}  // namespace payq::sandbox
