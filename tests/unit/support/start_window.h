// support/start_window.h — checks a set of request start times against a rolling-window limit.
// Pure helpers for limiter and scheduler tests; no state, no threads.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace payq::testing {

// The most starts that fall into one half-open window [t, t + window), over every t.
inline std::size_t max_starts_in_window(std::vector<std::chrono::steady_clock::time_point> starts,
                                        std::chrono::steady_clock::duration window) {
  std::sort(starts.begin(), starts.end());
  std::size_t most = 0;
  std::size_t first = 0;
  for (std::size_t last = 0; last < starts.size(); ++last) {
    while (starts[last] - starts[first] >= window) ++first;
    most = std::max(most, last - first + 1);
  }
  return most;
}

}  // namespace payq::testing
