// config/bounds_test.cpp — every duration and number key has a range: values inside load, values outside are
// refused with the key, its line and column, and the allowed range; huge values never overflow.
#include <doctest/doctest.h>

#include <string>

#include "config/config_test_support.h"
#include "config/duration.h"
#include "config/loader.h"

namespace payq::config {
namespace {

struct Bound {
  const char* section;
  const char* key;
  const char* lowest;     // the smallest accepted value
  const char* highest;    // the largest accepted value
  const char* too_low;    // refused (nullptr: nothing below makes sense to write)
  const char* too_high;   // refused
  const char* range;      // how the message words the range
  const char* other = ""; // another key of the section, so the lowest value is consistent with it
};

constexpr Bound kBounds[] = {
    {"database", "busy_timeout", "1ms", "10m", "0s", "601s", "between 1ms and 10m"},
    {"api", "timeout", "100ms", "10m", "99ms", "9223372036854ms", "between 100ms and 10m", "connect_timeout: 100ms"},
    {"api", "connect_timeout", "100ms", "5s", "99ms", "11m", "between 100ms and 10m"},
    {"retry", "initial_backoff", "1ms", "1s", "0ms", "25h", "between 1ms and 24h"},
    {"retry", "max_backoff", "1s", "24h", nullptr, "1441m", "between 1ms and 24h"},
    {"retry", "ambiguous_window", "1ms", "7d", "0s", "169h", "between 1ms and 168h"},
    {"reconciler", "first_poll_after", "1ms", "15m", "0ms", "25h", "between 1ms and 24h"},
    {"reconciler", "max_poll_interval", "5s", "24h", nullptr, "2d", "between 1ms and 24h"},
    {"retention", "api_calls", "1m", "3650d", "59s", "3651d", "between 1m and 87600h"},
    {"workers", "count", "1", "64", "0", "65", "between 1 and 64"},
    {"retry", "max_attempts", "1", "1000", "0", "1001", "between 1 and 1000"},
    {"rate_limit", "requests_per_second", "0.001", "1000", "0", "1000.5", "greater than 0 and at most 1000"},
    {"reconciler", "min_share", "0", "0.9", "-0.1", "0.91", "at least 0 and at most 0.9"},
};

Result<Config> load(const Bound& bound, const char* value) {
  const std::string yaml =
      std::string(bound.section) + ":\n  " + bound.key + ": " + value + "\n  " + bound.other + "\n";
  return load_config_string(yaml, "test.yaml", testing::fake_env(), Secrets::kIgnore);
}

TEST_SUITE_BEGIN("config");

TEST_CASE("config: each duration and number key accepts its whole range and nothing outside it") {
  for (const Bound& bound : kBounds) {
    const std::string key = bound.key;
    CAPTURE(key);
    for (const char* good : {bound.lowest, bound.highest}) {
      const Result<Config> loaded = load(bound, good);
      CHECK_MESSAGE(loaded.is_ok(), loaded.status().message());
    }
    for (const char* bad : {bound.too_low, bound.too_high}) {
      if (bad == nullptr) continue;
      const std::string value = bad;
      CAPTURE(value);
      const Result<Config> refused = load(bound, bad);
      REQUIRE_FALSE(refused.is_ok());
      const std::string& message = refused.status().message();
      CHECK(message.find(std::string(bound.section) + "." + bound.key + " (line 2, column ") != std::string::npos);
      CHECK(message.find(bound.range) != std::string::npos);
    }
  }
}

TEST_CASE("config: the reported overflowing values are refused") {
  const Bound timeout = kBounds[1];
  const Result<Config> huge = load(timeout, "9223372036854775807ms");
  REQUIRE_FALSE(huge.is_ok());
  CHECK(huge.status().message().find("api.timeout (line 2, column 12): duration too large") != std::string::npos);
  const Result<Config> backoff = load_config_string("retry:\n  max_backoff: 99999999999h\n", "test.yaml",
                                                    testing::fake_env(), Secrets::kIgnore);
  REQUIRE_FALSE(backoff.is_ok());
  CHECK(backoff.status().message().find("retry.max_backoff (line 2, column 16)") != std::string::npos);
}

TEST_CASE("config: validate_for_api applies the same ranges to a Config built in code") {
  Config config;
  config.api.client_id = "id";
  config.api.client_secret = "s3cr3t-long";
  CHECK(validate_for_api(config).is_ok());
  config.api.timeout = Duration(std::chrono::hours(1));
  CHECK(validate_for_api(config).message() == "api.timeout: must be between 100ms and 10m, got 1h");
  config.api.timeout = std::chrono::seconds(30);
  config.retry.max_backoff = std::chrono::hours(99999999);
  CHECK(validate_for_api(config).message().starts_with("retry.max_backoff: must be between 1ms and 24h"));
}

TEST_CASE("config: parse_duration refuses what would overflow milliseconds, microseconds or nanoseconds") {
  CHECK(parse_duration("9223372036854ms").value() == kMaxDuration);
  CHECK(std::chrono::duration_cast<std::chrono::nanoseconds>(kMaxDuration).count() > 0);
  for (const char* text : {"9223372036855ms", "9223372036854775807ms", "9223372036854775808ms", "106752d",
                           "99999999999h", "99999999999999999999999s"}) {
    CAPTURE(text);
    const Result<Duration> parsed = parse_duration(text);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().message().find("duration too large") != std::string::npos);
  }
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
