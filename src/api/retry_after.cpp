// api/retry_after.cpp — Retry-After parsing: delay-seconds, and the three HTTP-date forms of RFC 9110
// (IMF-fixdate, RFC 850, asctime), all UTC, with the grammar's exact digit counts. No locale, no global state.
#include "api/retry_after.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>

namespace payq::api {
namespace {

constexpr std::chrono::milliseconds kMaxDelay = std::chrono::hours(24);
// Years outside this range are not dates a partner means: refused, so no time arithmetic can overflow.
constexpr int kMinYear = 1970;
constexpr int kMaxYear = 9999;
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

// A left-to-right reader over one date string; every take_* consumes only on success.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : rest_(text) {}

  bool done() const { return rest_.empty(); }

  bool take(std::string_view literal) {
    if (rest_.substr(0, literal.size()) != literal) return false;
    rest_.remove_prefix(literal.size());
    return true;
  }

  // Exactly `count` ASCII digits (no sign, no space).
  bool take_digits(std::size_t count, int& value) {
    if (rest_.size() < count) return false;
    int n = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = rest_[i];
      if (c < '0' || c > '9') return false;
      n = n * 10 + (c - '0');
    }
    rest_.remove_prefix(count);
    value = n;
    return true;
  }

  // A day name: one or more ASCII letters (not checked against the date; RFC 9110 does not require it).
  bool take_day_name() {
    std::size_t n = 0;
    while (n < rest_.size() && std::isalpha(static_cast<unsigned char>(rest_[n])) != 0) ++n;
    if (n == 0) return false;
    rest_.remove_prefix(n);
    return true;
  }

  // Jan..Dec, case-sensitive; value 1..12.
  bool take_month(unsigned& month) {
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
      if (take(kMonths[i])) {
        month = static_cast<unsigned>(i + 1);
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view rest_;
};

struct DateTime {
  int year = 0;
  unsigned month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// "hh:mm:ss"
bool take_time_of_day(Cursor& in, DateTime& t) {
  return in.take_digits(2, t.hour) && in.take(":") && in.take_digits(2, t.minute) && in.take(":") &&
         in.take_digits(2, t.second);
}

// IMF-fixdate after the day name: ", 06 Nov 1994 08:49:37 GMT"
bool parse_imf_fixdate(Cursor in, DateTime& t) {
  return in.take(", ") && in.take_digits(2, t.day) && in.take(" ") && in.take_month(t.month) && in.take(" ") &&
         in.take_digits(4, t.year) && in.take(" ") && take_time_of_day(in, t) && in.take(" GMT") && in.done();
}

// RFC 850 after the day name: ", 06-Nov-94 08:49:37 GMT" (two-digit year, 70..99 → 19xx, else 20xx)
bool parse_rfc850(Cursor in, DateTime& t) {
  if (!(in.take(", ") && in.take_digits(2, t.day) && in.take("-") && in.take_month(t.month) && in.take("-") &&
        in.take_digits(2, t.year) && in.take(" ") && take_time_of_day(in, t) && in.take(" GMT") && in.done())) {
    return false;
  }
  t.year += t.year < 70 ? 2000 : 1900;
  return true;
}

// asctime after the day name: " Nov  6 08:49:37 1994" (day as two digits or space + digit)
bool parse_asctime(Cursor in, DateTime& t) {
  if (!(in.take(" ") && in.take_month(t.month) && in.take(" "))) return false;
  if (!in.take_digits(2, t.day) && !(in.take(" ") && in.take_digits(1, t.day))) return false;
  return in.take(" ") && take_time_of_day(in, t) && in.take(" ") && in.take_digits(4, t.year) && in.done();
}

// Seconds since the Unix epoch of a well-formed HTTP-date in kMinYear..kMaxYear; nullopt otherwise.
std::optional<std::int64_t> parse_http_date(std::string_view text) {
  Cursor in(text);
  if (!in.take_day_name()) return std::nullopt;
  DateTime t;
  if (!parse_imf_fixdate(in, t) && !parse_rfc850(in, t) && !parse_asctime(in, t)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(t.year), std::chrono::month(t.month),
                                         std::chrono::day(static_cast<unsigned>(t.day))};
  if (t.year < kMinYear || t.year > kMaxYear || !date.ok()) return std::nullopt;
  if (t.hour > 23 || t.minute > 59 || t.second > 60) return std::nullopt;  // 60: a leap second
  const std::int64_t days = std::chrono::sys_days(date).time_since_epoch().count();
  return days * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
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
  const auto when_seconds = parse_http_date(value);
  if (!when_seconds) return std::nullopt;
  // All in int64 milliseconds: a date up to year 9999 is ~2.5e14 ms and now (a nanosecond time_point) is
  // within ±9.2e12 ms, so neither the product nor the difference can overflow.
  const std::int64_t when_ms = *when_seconds * 1000;
  const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::int64_t delay_ms = std::clamp<std::int64_t>(when_ms - now_ms, 0, kMaxDelay.count());
  return std::chrono::milliseconds(delay_ms);
}

}  // namespace payq::api
