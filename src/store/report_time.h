// store/report_time.h — reads the times operators type for `payq report` and `payq list` (a UTC date or an ISO
// 8601 time) as UTC milliseconds. Pure.
#pragma once

#include <cstdint>
#include <string_view>

#include "payq/status.h"

namespace payq::store {

// "2026-11-01" or an ISO 8601 timestamp ("2026-11-01T08:30:00Z", fractions and a ±HH:MM offset allowed;
// no zone means UTC) as UTC ms. A bare date is its first millisecond, or its last when `end_of_day`.
Result<std::int64_t> parse_report_time(std::string_view text, bool end_of_day);

}  // namespace payq::store
