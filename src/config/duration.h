// config/duration.h — the config's duration syntax: a whole number followed by a unit (250ms, 30s, 5m, 2h, 1d).
// Pure string <-> Duration conversions; the caller adds the key path and position to any error.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "payq/status.h"

namespace payq::config {

// The largest duration parse_duration returns: what fits a nanosecond count in int64 (about 292 years), so a
// parsed value converts to ms, us or ns without overflow. Keys have far tighter ranges (config.h).
inline constexpr Duration kMaxDuration = std::chrono::duration_cast<Duration>(std::chrono::nanoseconds::max());

// "30s" -> 30000ms. Units: ms, s, m, h, d. A bare number, a fraction, a sign, an unknown unit or a value above
// kMaxDuration is a kConfig error whose message says what to write instead (without the key: the caller knows it).
Result<Duration> parse_duration(std::string_view text);

// "must be between 100ms and 10m, got 9223372036854775807ms", or nullopt when `value` is within `range`.
std::optional<std::string> range_problem(Duration value, DurationRange range);

// The inverse of parse_duration, in the largest unit (up to h) that represents the value exactly: 90000ms -> "90s".
std::string format_duration(Duration duration);

}  // namespace payq::config
