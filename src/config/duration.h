// config/duration.h — the config's duration syntax: a whole number followed by a unit (250ms, 30s, 5m, 2h, 1d).
// Pure string <-> Duration conversions; the caller adds the key path and position to any error.
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"
#include "payq/status.h"

namespace payq::config {

// "30s" -> 30000ms. Units: ms, s, m, h, d. A bare number, a fraction, a sign or an unknown unit is a
// kConfig error whose message says what to write instead (without the key: the caller knows it).
Result<Duration> parse_duration(std::string_view text);

// The inverse of parse_duration, in the largest unit (up to h) that represents the value exactly: 90000ms -> "90s".
std::string format_duration(Duration duration);

}  // namespace payq::config
