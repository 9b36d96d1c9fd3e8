// store/health_queries.h — the figures behind `payq status`: queue age, overdue polls, API call outcomes in a
// recent window, the latest calls' outcomes, the measured request rate and ambiguous intents. Read-only; `now` is
// passed in; one per thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "payq/status.h"

namespace payq::store {

struct HealthFigures {
  std::optional<std::int64_t> oldest_queued_at;    // created_at of the oldest queued intent (UTC ms)
  std::optional<std::int64_t> oldest_poll_due_at;  // earliest next_poll_at of a submitted intent
  std::optional<std::int64_t> last_success_at;     // when the latest successful API call finished
  std::int64_t calls_in_window = 0;                // api_calls started at or after window_start
  std::int64_t rate_limited_in_window = 0;         // of those, answered 429
  std::int64_t ambiguous_intents = 0;              // a request we did not record may exist at the partner
};

// The API calls of the last few minutes, for the "all fail" and "failures spike" rules of `payq status`.
struct RecentCalls {
  std::map<std::string, std::int64_t> by_outcome;  // calls started at or after window_start, by api_calls.outcome
  std::vector<std::string> latest_outcomes;        // the latest `latest` of them that were not 429, newest first
  std::int64_t calls_last_minute = 0;              // every call (token, create, poll) started in the last minute
};

class HealthQueries {
 public:
  virtual ~HealthQueries() = default;

  // Call counts cover calls started at or after window_start_ms (the caller's "last hour").
  virtual Result<HealthFigures> figures(std::int64_t window_start_ms) = 0;
  // Calls started at or after window_start_ms (by outcome; the latest `latest` outcomes other than rate_limited),
  // and those started at or after minute_start_ms.
  virtual Result<RecentCalls> recent_calls(std::int64_t window_start_ms, int latest, std::int64_t minute_start_ms) = 0;
};

}  // namespace payq::store
