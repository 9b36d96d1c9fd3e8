// common/time_format.h — renders stored UTC-millisecond timestamps as ISO 8601 ("2026-11-25T14:03:07.123Z").
// Pure functions; the one place the CLI and reports format time.
#pragma once

#include <cstdint>
#include <string>

namespace payq {

std::string format_utc_ms(std::int64_t unix_ms);

}  // namespace payq
