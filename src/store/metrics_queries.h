// store/metrics_queries.h — the database-derived figures of the Prometheus metrics: state transitions tallied
// from an id on (so a long-running reader only reads what is new), the oldest queued intent, and API calls in a
// recent window. Read-only; `now` and windows are passed in; one per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "payq/status.h"

namespace payq::store {

struct TransitionTally {
  std::string from;  // empty for an intent's creation
  std::string to;
  std::int64_t count = 0;
};

struct TransitionsSince {
  std::vector<TransitionTally> tallies;
  std::int64_t last_id = 0;  // pass back as after_id to read only later rows (the input when nothing is new)
};

struct CallTally {
  std::string kind;
  std::string outcome;
  std::int64_t count = 0;
  std::int64_t rate_limited = 0;  // answered 429
  std::int64_t ambiguous = 0;
};

class MetricsQueries {
 public:
  virtual ~MetricsQueries() = default;

  // Local state changes (status_transitions.field = 'state') with id > after_id, tallied by (from, to).
  // Sound as a cursor because the table is append-only and each store assigns its ids in commit order.
  virtual Result<TransitionsSince> state_transitions_after(std::int64_t after_id) = 0;
  // created_at (UTC ms) of the oldest queued intent; nullopt when nothing is queued.
  virtual Result<std::optional<std::int64_t>> oldest_queued_created_at() = 0;
  // api_calls started at or after since_ms, tallied by kind and outcome (api_calls_by_time index).
  virtual Result<std::vector<CallTally>> calls_since(std::int64_t since_ms) = 0;
};

}  // namespace payq::store
