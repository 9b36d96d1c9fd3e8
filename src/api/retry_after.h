// api/retry_after.h — the Retry-After header (delay-seconds or HTTP-date) as a delay from now.
// Pure: the caller passes the wall-clock now the HTTP-date is measured against.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace payq::api {

// nullopt when the value is neither form (an HTTP-date must match RFC 9110's grammar exactly, year 1970..9999);
// a date in the past is a zero delay. Capped at one day, so a broken header cannot park the process for years.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

}  // namespace payq::api
