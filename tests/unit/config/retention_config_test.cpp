// config/retention_config_test.cpp — retention.api_calls: the 90-day default, a value read in any duration unit,
// zero, unknown keys and a bare number refused with the key named, and the printed value loading back.
#include <doctest/doctest.h>

#include <string>

#include "config/config_test_support.h"
#include "config/loader.h"
#include "config/printer.h"

namespace payq::config {
namespace {

using payq::testing::fake_env;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string load_error(const std::string& yaml) {
  Result<Config> loaded = load_config_string(yaml, "test.yaml", fake_env());
  REQUIRE_FALSE(loaded.is_ok());
  CHECK(loaded.status().code() == StatusCode::kConfig);
  return loaded.status().message();
}

TEST_SUITE_BEGIN("config");

TEST_CASE("config: retention.api_calls defaults to 90 days and reads any duration") {
  CHECK(Config{}.retention.api_calls == std::chrono::hours(24 * 90));
  Result<Config> loaded = load_config_string("retention: { api_calls: 30d }\n", "test.yaml", fake_env());
  REQUIRE_MESSAGE(loaded.is_ok(), loaded.status().message());
  CHECK(loaded->retention.api_calls == std::chrono::hours(24 * 30));
  loaded = load_config_string("retention:\n  api_calls: 90m\n", "test.yaml", fake_env());
  REQUIRE(loaded.is_ok());
  CHECK(loaded->retention.api_calls == std::chrono::minutes(90));
}

TEST_CASE("config: retention.api_calls must be a positive duration; unknown retention keys are refused") {
  CHECK(contains(load_error("retention: { api_calls: 0s }\n"), "retention.api_calls (line 1"));
  CHECK(contains(load_error("retention: { api_calls: 0s }\n"), "must be between 1m and 87600h, got 0s"));
  CHECK(contains(load_error("retention: { api_calls: 90 }\n"), "retention.api_calls"));
  CHECK(contains(load_error("retention: { transitions: 30d }\n"), "retention.transitions"));
  CHECK(contains(load_error("retention: 30d\n"), "retention"));
}

TEST_CASE("config: the printed retention loads back to the same value") {
  Config config;
  config.retention.api_calls = std::chrono::hours(24 * 7);
  const std::string rendered = render_effective_config(config);
  CHECK(contains(rendered, "retention:\n  api_calls: 168h\n"));
  Result<Config> loaded = load_config_string("retention:\n  api_calls: 168h\n", "test.yaml", fake_env());
  REQUIRE(loaded.is_ok());
  CHECK(loaded->retention.api_calls == config.retention.api_calls);
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
