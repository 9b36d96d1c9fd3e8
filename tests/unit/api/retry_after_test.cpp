// unit/api/retry_after_test.cpp — Retry-After as delay-seconds and as each HTTP-date form.
// Pure function against a fixed now.
#include "api/retry_after.h"

#include <doctest/doctest.h>

namespace payq::api {
namespace {

const auto kNow = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT

TEST_CASE("Retry-After in seconds") {
  CHECK(parse_retry_after("0", kNow) == std::chrono::seconds(0));
  CHECK(parse_retry_after(" 120 ", kNow) == std::chrono::seconds(120));
  CHECK(parse_retry_after("99999999999999999999999", kNow) == std::chrono::hours(24));
}

TEST_CASE("Retry-After as an HTTP-date in all three forms") {
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", kNow) == std::chrono::seconds(10));
  CHECK(parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", kNow) == std::chrono::seconds(60));
  CHECK(parse_retry_after("Sun Nov  6 08:49:40 1994", kNow) == std::chrono::seconds(3));
}

TEST_CASE("a date in the past is no delay; garbage is no value") {
  CHECK(parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", kNow) == std::chrono::seconds(0));
  CHECK_FALSE(parse_retry_after("soon", kNow).has_value());
  CHECK_FALSE(parse_retry_after("", kNow).has_value());
  CHECK_FALSE(parse_retry_after("-5", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 06 Foo 1994 08:49:47 GMT", kNow).has_value());
}

TEST_CASE("a date far in the future is the one-day cap, computed without overflow") {
  CHECK(parse_retry_after("Sun, 06 Nov 9999 08:49:37 GMT", kNow) == std::chrono::hours(24));
  CHECK(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", kNow) == std::chrono::hours(24));
  CHECK(parse_retry_after("Sun Nov  6 08:49:37 9999", kNow) == std::chrono::hours(24));
  const auto far_now = std::chrono::system_clock::time_point::max();  // in 2262
  CHECK(parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", far_now) == std::chrono::seconds(0));
  CHECK(parse_retry_after("Sun, 06 Nov 9999 08:49:37 GMT", far_now) == std::chrono::hours(24));
  const auto early_now = std::chrono::system_clock::time_point::min();
  CHECK(parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", early_now) == std::chrono::hours(24));
}

TEST_CASE("an HTTP-date outside 1970..9999 or with loose digits is no value") {
  CHECK_FALSE(parse_retry_after("Sun, 06 Nov 199 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 06 Nov -999 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 06 Nov +1994 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 06 Nov 1969 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 06 Nov 19940 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 6 Nov 1994 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 06 Nov 1994 8:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 31 Feb 1994 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 06 Nov 1994 24:00:00 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMTx", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sunday, 06-Nov-1994 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sunday, 06-Nov--4 08:49:37 GMT", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun Nov 6 08:49:40 1994", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun Nov  6 08:49:40 199", kNow).has_value());
  CHECK_FALSE(parse_retry_after("Sun Nov  6 08:49:40 -994", kNow).has_value());
}

TEST_CASE("RFC 850 two-digit years: 70..99 are 19xx, 00..69 are 20xx") {
  const auto now_2030 = std::chrono::system_clock::from_time_t(1893456000);  // Tue, 01 Jan 2030 00:00:00 GMT
  CHECK(parse_retry_after("Tuesday, 01-Jan-30 00:00:05 GMT", now_2030) == std::chrono::seconds(5));
  CHECK(parse_retry_after("Thursday, 01-Jan-70 00:00:05 GMT", now_2030) == std::chrono::seconds(0));
}

TEST_CASE("asctime accepts a two-digit day, and a leap day in a leap year") {
  CHECK(parse_retry_after("Sun Nov 06 08:49:40 1994", kNow) == std::chrono::seconds(3));
  const auto leap = std::chrono::system_clock::from_time_t(951782400);  // Tue, 29 Feb 2000 00:00:00 GMT
  CHECK(parse_retry_after("Tue, 29 Feb 2000 00:01:00 GMT", leap) == std::chrono::seconds(60));
}

}  // namespace
}  // namespace payq::api
