// store/health_queries.h — the figures behind `payq status`: queue age, overdue polls, API call outcomes in a
// recent window and ambiguous intents. Read-only; `now` is passed in; one per thread.
#pragma once

#include <cstdint>
#include <optional>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"

namespace payq::store {

struct HealthFigures {
  std::optional<std::int64_t> oldest_queued_at;      // created_at of the oldest queued intent (UTC ms)
  std::optional<std::int64_t> oldest_poll_due_at;    // earliest next_poll_at of a submitted intent
  std::optional<std::int64_t> last_success_at;       // when the latest successful API call finished
  std::int64_t calls_in_window = 0;                  // api_calls started at or after window_start
  std::int64_t rate_limited_in_window = 0;           // of those, answered 429
  std::int64_t ambiguous_intents = 0;                // a request we did not record may exist at the partner
};

class HealthQueries {
 public:
  explicit HealthQueries(SQLite::Database& db) : db_(db) {}

  // Call counts cover calls started at or after window_start_ms (the caller's "last hour").
  Result<HealthFigures> figures(std::int64_t window_start_ms);

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
