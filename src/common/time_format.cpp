// common/time_format.cpp — ISO 8601 rendering with gmtime_r (thread-safe, no locale).
// Milliseconds are kept because the daemon records events a few ms apart.
#include "common/time_format.h"

#include <cstdio>
#include <ctime>

namespace payq {

std::string format_utc_ms(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];  // room for any int values gcc assumes possible
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(unix_ms % 1000));
  return buffer;
}

}  // namespace payq
