// cli/time_argument.cpp — dates and times are read by store::parse_report_time; an age is a config duration
// subtracted from now. A text is an age only when it ends in a duration unit, so no date is ever read as one.
#include "cli/time_argument.h"

#include <chrono>
#include <string>

#include "config/duration.h"
#include "store/report_queries.h"

namespace payq::cli {

Result<std::int64_t> parse_time_argument(std::string_view text, TimeBound bound, std::int64_t now_ms) {
  if (auto age = config::parse_duration(text)) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*age).count();
    if (ms <= now_ms) return now_ms - ms;
  }
  if (auto at = store::parse_report_time(text, /*end_of_day=*/bound == TimeBound::kUntil)) return *at;
  return Status{StatusCode::kInvalidArgument,
                "'" + std::string(text) + "' is not a date (2026-11-01), an ISO 8601 time (2026-11-01T08:30:00Z) or "
                "an age (24h, 7d: that long before now)"};
}

}  // namespace payq::cli
