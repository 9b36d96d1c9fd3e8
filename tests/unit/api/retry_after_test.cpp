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

}  // namespace
}  // namespace payq::api
