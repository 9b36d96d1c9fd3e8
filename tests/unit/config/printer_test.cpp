// config/printer_test.cpp — the effective config: every key, durations in config syntax, the secret masked,
// and the output loads back to the same values.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "config/config_test_support.h"
#include "config/loader.h"
#include "config/printer.h"

namespace payq::config {
namespace {

using payq::testing::fake_env;
using payq::testing::TempFile;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// The printed config without its client_secret line, which the loader (rightly) refuses.
std::string without_secret_line(const std::string& rendered) {
  std::istringstream in(rendered);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("  client_secret:")) out += line + "\n";
  }
  return out;
}

TEST_SUITE_BEGIN("config");

TEST_CASE("config: the rendered config masks a secret read from a file and names the file") {
  TempFile secret("topsecret-value-42\n");
  Result<Config> loaded =
      load_config_string("api:\n  client_secret_file: " + secret.path() + "\n", "test.yaml", fake_env());
  REQUIRE_MESSAGE(loaded.is_ok(), loaded.status().message());
  const std::string rendered = render_effective_config(*loaded);
  CHECK_FALSE(contains(rendered, "topsecret-value-42"));
  CHECK(contains(rendered, "client_secret: \"********\""));
  CHECK(contains(rendered, "read from \"" + secret.path() + "\""));
}

TEST_CASE("config: the rendered config masks a secret from the environment and says so") {
  Config config;
  config.api.client_secret = "envsecret-value-42";
  config.api.client_secret_source = SecretSource::kEnv;
  const std::string rendered = render_effective_config(config);
  CHECK_FALSE(contains(rendered, "envsecret-value-42"));
  CHECK(contains(rendered, "client_secret: \"********\""));
  CHECK(contains(rendered, "$PAYQ_CLIENT_SECRET"));
}

TEST_CASE("config: the rendered config says when no secret is set") {
  CHECK(contains(render_effective_config(Config{}), "client_secret: null  # (not set)"));
}

TEST_CASE("config: the rendered defaults show every key with durations in config syntax") {
  const std::string rendered = render_effective_config(Config{});
  for (const char* line :
       {"  path: \"/var/lib/payq/payq.db\"\n", "  busy_timeout: 5s\n",
        "  base_url: \"https://api.partner.example\"\n", "  token_url: \"/oauth/token\"\n", "  token_auth: form\n",
        "  client_id: \"\"\n", "  client_secret_file: null\n",
        "  timeout: 30s\n", "  connect_timeout: 5s\n", "  requests_per_second: 5\n", "  count: 4\n",
        "  initial_backoff: 1s\n", "  max_backoff: 5m\n", "  max_attempts: 12\n", "  on_ambiguous: retry\n",
        "  ambiguous_window: 24h\n", "  first_poll_after: 5s\n", "  max_poll_interval: 15m\n", "  min_share: 0.2\n",
        "  level: info\n", "  format: text\n"}) {
    CAPTURE(line);
    CHECK(contains(rendered, line));
  }
}

TEST_CASE("config: the rendered config loads back to the same values") {
  const char* yaml = R"(database: { path: "/tmp/odd: name #1.db", busy_timeout: 1500ms }
api: { base_url: "http://[::1]:8080", client_id: "id \"quoted\"", token_auth: basic, timeout: 90s }
rate_limit: { requests_per_second: 2.5 }
workers: { count: 3 }
retry: { initial_backoff: 250ms, max_backoff: 2h, max_attempts: 7, on_ambiguous: hold, ambiguous_window: 2d }
reconciler: { first_poll_after: 2s, max_poll_interval: 1h, min_share: 0.35 }
log: { level: warn, format: json }
)";
  Result<Config> original = load_config_string(yaml, "test.yaml", fake_env());
  REQUIRE_MESSAGE(original.is_ok(), original.status().message());
  const std::string rendered = render_effective_config(*original);
  Result<Config> reloaded = load_config_string(without_secret_line(rendered), "rendered", fake_env());
  REQUIRE_MESSAGE(reloaded.is_ok(), reloaded.status().message());
  CHECK(render_effective_config(*reloaded) == rendered);
  CHECK(reloaded->database.path == "/tmp/odd: name #1.db");
  CHECK(reloaded->api.client_id == "id \"quoted\"");
  CHECK(reloaded->retry.ambiguous_window == std::chrono::hours(48));
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
