// worker/service_loop.h — what the worker threads share in shape: the result of one pass, the loop around
// run_once(), and the idle wake-up time (the next due moment or the idle check, whichever comes first).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>

#include "common/clock.h"
#include "payq/status.h"

namespace payq::worker {

enum class Pass { kWorked, kIdle, kStopped };

// Calls service.run_once() until it says kStopped. Services wait out trouble instead of failing, so this is ok.
template <typename Service>
Status run_until_stopped(Service& service) {
  for (;;) {
    switch (service.run_once()) {
      case Pass::kWorked:
      case Pass::kIdle:
        continue;
      case Pass::kStopped:
        return Status::ok();
    }
  }
}

// When an idle thread looks again: at the next due time (stored as UTC ms) or after idle_check, if sooner.
// Looking every idle_check is what makes a producer's commit visible without busy polling.
inline std::chrono::steady_clock::time_point idle_wake(Clock& clock, std::optional<std::int64_t> next_due_ms,
                                                       std::chrono::milliseconds idle_check) {
  const auto now = clock.steady_now();
  auto wake = now + idle_check;
  if (next_due_ms) {
    const auto until_due = std::chrono::milliseconds(std::max<std::int64_t>(0, *next_due_ms - to_unix_ms(clock.wall_now())));
    wake = std::min(wake, now + until_due);
  }
  return wake;
}

}  // namespace payq::worker
