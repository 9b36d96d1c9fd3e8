// cli/time_argument.h — the one rule for a point in time given on the command line (list and report --since/--until):
// a UTC date, an ISO 8601 time, or an age such as 24h meaning that long before now. Pure; `now` is passed in.
#pragma once

#include <cstdint>
#include <string_view>

#include "payq/status.h"

namespace payq::cli {

enum class TimeBound { kSince, kUntil };

// UTC ms. "2026-11-01": the day's first millisecond for kSince, its last for kUntil (the whole day is included).
// "2026-11-01T08:30:00Z" (or an offset, or a space for the T): that instant. "24h", "90m", "7d" (the config's
// duration units): now_ms minus that. Anything else is kInvalidArgument listing the three forms.
Result<std::int64_t> parse_time_argument(std::string_view text, TimeBound bound, std::int64_t now_ms);

}  // namespace payq::cli
