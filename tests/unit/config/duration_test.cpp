// config/duration_test.cpp — the duration syntax: integer + unit accepted, everything else refused with a hint,
// and printing picks a unit that reads back to the same value.
#include <doctest/doctest.h>

#include "config/duration.h"

namespace payq::config {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST_SUITE_BEGIN("config");

TEST_CASE("config: parse_duration accepts a whole number with a unit") {
  CHECK(parse_duration("250ms").value() == milliseconds(250));
  CHECK(parse_duration("30s").value() == seconds(30));
  CHECK(parse_duration("5m").value() == minutes(5));
  CHECK(parse_duration("2h").value() == hours(2));
  CHECK(parse_duration("24h").value() == hours(24));
  CHECK(parse_duration("7d").value() == hours(24 * 7));
  CHECK(parse_duration("0s").value() == milliseconds(0));  // syntax is fine; each key checks its own range
}

TEST_CASE("config: parse_duration refuses a bare number and tells the user to add a unit") {
  Result<Duration> bare = parse_duration("30");
  REQUIRE_FALSE(bare.is_ok());
  CHECK(bare.status().code() == StatusCode::kConfig);
  CHECK(bare.status().message().find("needs a unit") != std::string::npos);
  CHECK(bare.status().message().find("30s") != std::string::npos);
}

TEST_CASE("config: parse_duration refuses fractions, signs, spaces, unknown units and overflow") {
  for (const char* text : {"1.5s", "-5s", "+5s", "5 s", "5S", "5sec", "5x", "s", "", "ms5", "99999999999999999999d"}) {
    CAPTURE(text);
    Result<Duration> parsed = parse_duration(text);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().code() == StatusCode::kConfig);
  }
  CHECK(parse_duration("1.5s").status().message().find("1500ms") != std::string::npos);
}

TEST_CASE("config: format_duration uses the largest exact unit up to hours") {
  CHECK(format_duration(milliseconds(250)) == "250ms");
  CHECK(format_duration(milliseconds(1500)) == "1500ms");
  CHECK(format_duration(seconds(90)) == "90s");
  CHECK(format_duration(minutes(5)) == "5m");
  CHECK(format_duration(hours(24)) == "24h");
  CHECK(format_duration(milliseconds(0)) == "0s");
}

TEST_CASE("config: format_duration output parses back to the same value") {
  for (Duration value : {Duration(1), Duration(999), Duration(61'000), Duration(3'600'000 * 49)}) {
    CHECK(parse_duration(format_duration(value)).value() == value);
  }
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
