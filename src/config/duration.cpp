// config/duration.cpp — parsing and printing of config durations ("250ms", "30s", "5m", "2h", "1d").
// Integers only, so a printed value always parses back to the same number of milliseconds.
#include "config/duration.h"

#include <array>
#include <charconv>
#include <cstdint>

namespace payq::config {
namespace {

struct Unit {
  std::string_view suffix;
  std::int64_t millis;
};

constexpr Unit kMillis{"ms", 1};
constexpr Unit kSeconds{"s", 1'000};
constexpr Unit kMinutes{"m", 60'000};
constexpr Unit kHours{"h", 3'600'000};
constexpr Unit kDays{"d", 86'400'000};
constexpr std::array<Unit, 5> kUnits = {kMillis, kSeconds, kMinutes, kHours, kDays};
constexpr std::string_view kSyntaxHint =
    "write a whole number followed by a unit: ms, s, m, h or d (e.g. 250ms, 30s, 5m)";

Status syntax_error(std::string_view text, std::string_view why) {
  return {StatusCode::kConfig, std::string(why) + ", got \"" + std::string(text) + "\"; " + std::string(kSyntaxHint)};
}

}  // namespace

Result<Duration> parse_duration(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const std::string_view number = text.substr(0, digits);
  const std::string_view suffix = text.substr(digits);
  if (text.empty()) return syntax_error(text, "empty duration");
  if (suffix.empty()) return syntax_error(text, "a duration needs a unit");
  if (number.empty()) return syntax_error(text, "a duration starts with a whole number");
  if (!suffix.empty() && (suffix[0] == '.' || suffix[0] == ',')) {
    return syntax_error(text, "fractions are not supported (use a smaller unit, e.g. 1500ms)");
  }
  const Unit* unit = nullptr;
  for (const Unit& candidate : kUnits) {
    if (suffix == candidate.suffix) unit = &candidate;
  }
  if (unit == nullptr) return syntax_error(text, "unknown duration unit");
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc() || end != number.data() + number.size() || value > kMaxDuration.count() / unit->millis) {
    return Status{StatusCode::kConfig, "duration too large, got \"" + std::string(text) + "\"; at most " +
                                           std::to_string(kMaxDuration.count()) + "ms (and each key has a tighter range)"};
  }
  return Duration(value * unit->millis);
}

std::optional<std::string> range_problem(Duration value, DurationRange range) {
  if (value >= range.min && value <= range.max) return std::nullopt;
  return "must be between " + format_duration(range.min) + " and " + format_duration(range.max) + ", got " +
         format_duration(value);
}

std::string format_duration(Duration duration) {
  const std::int64_t millis = duration.count();
  // Days print as hours: "24h" reads the way operators (and docs/design.md) write a day-long window.
  for (const Unit& unit : {kHours, kMinutes, kSeconds}) {
    if (millis != 0 && millis % unit.millis == 0) {
      return std::to_string(millis / unit.millis) + std::string(unit.suffix);
    }
  }
  if (millis == 0) return "0s";
  return std::to_string(millis) + std::string(kMillis.suffix);
}

}  // namespace payq::config
