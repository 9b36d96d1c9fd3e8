// api/retry_after.cpp — Retry-After parsing: delay-seconds, and the three HTTP-date forms of RFC 9110
// (IMF-fixdate, RFC 850, asctime), all UTC. No locale, no global state.
#include "api/retry_after.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <ctime>
#include <string>

namespace payq::api {
namespace {

constexpr std::chrono::milliseconds kMaxDelay = std::chrono::hours(24);
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

int month_index(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == name) return static_cast<int>(i);
  }
  return -1;
}

// Parses "dd Mon yyyy hh:mm:ss" pieces already split out of one of the date forms.
std::optional<std::time_t> to_time(int day, std::string_view month, int year, std::string_view hms) {
  std::tm tm{};
  const int mon = month_index(month);
  if (mon < 0 || hms.size() != 8) return std::nullopt;
  if (std::sscanf(std::string(hms).c_str(), "%2d:%2d:%2d", &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 3) {
    return std::nullopt;
  }
  if (year < 100) year += year < 70 ? 2000 : 1900;  // RFC 850 two-digit years
  tm.tm_mday = day;
  tm.tm_mon = mon;
  tm.tm_year = year - 1900;
  return timegm(&tm);
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  const std::string s(text);
  char month[4] = {};
  char hms[9] = {};
  int day = 0;
  int year = 0;
  if (const auto comma = s.find(','); comma != std::string::npos) {
    const std::string rest = s.substr(comma + 1);
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (std::sscanf(rest.c_str(), " %2d %3s %4d %8s GMT", &day, month, &year, hms) == 4) {
      return to_time(day, month, year, hms);
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
    if (std::sscanf(rest.c_str(), " %2d-%3[A-Za-z]-%4d %8s GMT", &day, month, &year, hms) == 4) {
      return to_time(day, month, year, hms);
    }
    return std::nullopt;
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  char weekday[4] = {};
  if (std::sscanf(s.c_str(), "%3s %3s %2d %8s %4d", weekday, month, &day, hms, &year) == 5) {
    return to_time(day, month, year, hms);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
    std::uint64_t seconds = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc{} || end != value.data() + value.size()) return kMaxDelay;  // overflow: huge
    return std::min<std::chrono::milliseconds>(kMaxDelay, std::chrono::seconds(std::min<std::uint64_t>(
                                                              seconds, 86400)));
  }
  const auto when = parse_http_date(value);
  if (!when) return std::nullopt;
  const auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::from_time_t(*when) - now);
  return std::clamp<std::chrono::milliseconds>(delay, std::chrono::milliseconds(0), kMaxDelay);
}

}  // namespace payq::api
