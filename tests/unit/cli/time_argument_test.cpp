// cli/time_argument_test.cpp — the one rule for --since/--until: a date (its first or last millisecond), an
// ISO 8601 time, or an age before a given now; everything else refused with the three forms named.
#include <doctest/doctest.h>

#include "cli/time_argument.h"

using payq::cli::parse_time_argument;
using payq::cli::TimeBound;

namespace {

constexpr std::int64_t kT0 = 1'793'491'200'000;  // 2026-11-01T00:00:00Z
constexpr std::int64_t kNow = kT0 + 36 * 3'600'000;  // 2026-11-02T12:00:00Z

}  // namespace

TEST_CASE("a date is its first millisecond as --since and its last as --until") {
  CHECK(*parse_time_argument("2026-11-01", TimeBound::kSince, kNow) == kT0);
  CHECK(*parse_time_argument("2026-11-01", TimeBound::kUntil, kNow) == kT0 + 86'400'000 - 1);
}

TEST_CASE("an ISO 8601 time is that instant, whichever bound") {
  CHECK(*parse_time_argument("2026-11-01T07:30:00Z", TimeBound::kSince, kNow) == kT0 + 27'000'000);
  CHECK(*parse_time_argument("2026-11-01T08:30:00+01:00", TimeBound::kUntil, kNow) == kT0 + 27'000'000);
}

TEST_CASE("an age is that long before now") {
  CHECK(*parse_time_argument("24h", TimeBound::kSince, kNow) == kNow - 86'400'000);
  CHECK(*parse_time_argument("90m", TimeBound::kUntil, kNow) == kNow - 5'400'000);
  CHECK(*parse_time_argument("1d", TimeBound::kSince, kNow) == kNow - 86'400'000);
}

TEST_CASE("anything else is refused, naming the accepted forms") {
  for (const char* bad : {"", "yesterday", "2026-13-01", "2026-11-01T25:00:00Z", "24", "-5h", "1.5h", "2026"}) {
    CAPTURE(bad);
    const auto parsed = parse_time_argument(bad, TimeBound::kSince, kNow);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.status().code() == payq::StatusCode::kInvalidArgument);
    CHECK(parsed.status().message().find("an age (24h, 7d") != std::string::npos);
  }
}

TEST_CASE("an age reaching before 1970 is refused rather than wrapped") {
  CHECK_FALSE(parse_time_argument("100000d", TimeBound::kSince, kNow));
}
