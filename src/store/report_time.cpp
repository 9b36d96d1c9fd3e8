// store/report_time.cpp — the time rule of `payq report` and `payq list`: a UTC date or an ISO 8601 time read
// strictly, field by field; pure, no database.
#include "store/report_time.h"

#include <chrono>

namespace payq::store {
namespace {

// Reads fixed-width digit fields left to right; any mismatch makes the whole text invalid.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool digits(std::size_t count, int& value) {
    if (pos_ + count > text_.size()) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    return true;
  }
  bool take(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// The time of day after the date: HH:MM[:SS[.fff…]] then Z, ±HH:MM or nothing (UTC). Offset-adjusted ms.
bool parse_time_of_day(Cursor& in, std::int64_t& ms) {
  int hour = 0, minute = 0, second = 0;
  if (!in.digits(2, hour) || !in.take(':') || !in.digits(2, minute) || hour > 23 || minute > 59) return false;
  std::int64_t millis = 0;
  if (in.take(':')) {
    if (!in.digits(2, second) || second > 59) return false;
    if (in.take('.')) {
      int digit = 0, count = 0;
      while (in.peek() >= '0' && in.peek() <= '9' && in.digits(1, digit)) {
        if (count++ < 3) millis = millis * 10 + digit;
      }
      if (count == 0) return false;
      for (; count < 3; ++count) millis *= 10;
    }
  }
  ms = ((hour * 60LL + minute) * 60 + second) * 1000 + millis;
  if (in.take('Z') || in.take('z') || in.at_end()) return in.at_end();
  const int sign = in.take('+') ? -1 : (in.take('-') ? 1 : 0);
  int off_hour = 0, off_minute = 0;
  if (sign == 0 || !in.digits(2, off_hour)) return false;
  in.take(':');
  if (!in.digits(2, off_minute) || off_hour > 23 || off_minute > 59 || !in.at_end()) return false;
  ms += sign * (off_hour * 60LL + off_minute) * 60'000;
  return true;
}

}  // namespace

Result<std::int64_t> parse_report_time(std::string_view text, bool end_of_day) {
  using namespace std::chrono;
  Cursor in(text);
  int y = 0, m = 0, d = 0;
  const bool date_ok = in.digits(4, y) && in.take('-') && in.digits(2, m) && in.take('-') && in.digits(2, d);
  const year_month_day date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  std::int64_t time_ms = end_of_day ? 86'400'000 - 1 : 0;
  const bool ok = date_ok && date.ok() &&
                  (in.at_end() || ((in.take('T') || in.take(' ')) && parse_time_of_day(in, time_ms)));
  if (!ok) {
    return Status{StatusCode::kInvalidArgument,
                  "'" + std::string(text) + "' is not a date (2026-11-01) or an ISO 8601 time (2026-11-01T08:30:00Z)"};
  }
  return duration_cast<milliseconds>(sys_days{date}.time_since_epoch()).count() + time_ms;
}

}  // namespace payq::store
