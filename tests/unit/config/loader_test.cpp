// config/loader_test.cpp — YAML -> Config: defaults, every key read, and errors that name key, line and column
// for unknown keys, wrong types, out-of-range values and broken YAML.
#include <doctest/doctest.h>

#include <string>

#include "config/config_test_support.h"
#include "config/loader.h"

namespace payq::config {
namespace {

using payq::testing::fake_env;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

Status load_error(const std::string& yaml) {
  Result<Config> loaded = load_config_string(yaml, "test.yaml", fake_env());
  REQUIRE_FALSE(loaded.is_ok());
  CHECK(loaded.status().code() == StatusCode::kConfig);
  return loaded.status();
}

TEST_SUITE_BEGIN("config");

TEST_CASE("config: an empty file gives every default") {
  for (const char* yaml : {"", "# only a comment\n", "---\n"}) {
    CAPTURE(yaml);
    Result<Config> loaded = load_config_string(yaml, "test.yaml", fake_env());
    REQUIRE(loaded.is_ok());
    const Config& c = *loaded;
    CHECK(c.database.path == "/var/lib/payq/payq.db");
    CHECK(c.database.busy_timeout == seconds(5));
    CHECK(c.api.base_url == "https://api.partner.example");
    CHECK(c.api.token_url == "/oauth/token");
    CHECK(c.api.client_id.empty());
    CHECK_FALSE(c.api.client_secret_file.has_value());
    CHECK(c.api.client_secret.empty());
    CHECK(c.api.client_secret_source == SecretSource::kNone);
    CHECK(c.api.token_auth == TokenAuth::kForm);
    CHECK(c.api.timeout == seconds(30));
    CHECK(c.api.connect_timeout == seconds(5));
    CHECK(c.rate_limit.requests_per_second == 5.0);
    CHECK(c.workers.count == 4);
    CHECK(c.retry.initial_backoff == seconds(1));
    CHECK(c.retry.max_backoff == minutes(5));
    CHECK(c.retry.max_attempts == 12);
    CHECK(c.retry.on_ambiguous == OnAmbiguous::kRetry);
    CHECK(c.retry.ambiguous_window == hours(24));
    CHECK(c.reconciler.first_poll_after == seconds(5));
    CHECK(c.reconciler.max_poll_interval == minutes(15));
    CHECK(c.reconciler.policy == PollPolicy::kAdaptive);
    CHECK(c.reconciler.max_poll_gap == hours(1));
    CHECK(c.reconciler.min_share == doctest::Approx(0.2));
    CHECK(c.log.level == "info");
    CHECK(c.log.format == LogFormat::kText);
  }
}

TEST_CASE("config: every key is read") {
  const char* yaml = R"(database: { path: /tmp/q.db, busy_timeout: 250ms }
api:
  base_url: http://127.0.0.1:8080/
  token_url: /auth/token
  client_id: merchant-1
  token_auth: basic
  timeout: 10s
  connect_timeout: 2s
rate_limit: { requests_per_second: 2.5 }
workers: { count: 8 }
retry: { initial_backoff: 500ms, max_backoff: 2m, max_attempts: 3, on_ambiguous: hold, ambiguous_window: 1d }
reconciler: { first_poll_after: 1s, max_poll_interval: 1h, min_share: 0.5 }
log: { level: debug, format: json }
)";
  Result<Config> loaded = load_config_string(yaml, "test.yaml", fake_env());
  REQUIRE_MESSAGE(loaded.is_ok(), loaded.status().message());
  const Config& c = *loaded;
  CHECK(c.database.path == "/tmp/q.db");
  CHECK(c.database.busy_timeout == milliseconds(250));
  CHECK(c.api.base_url == "http://127.0.0.1:8080");  // trailing '/' dropped: paths bring their own
  CHECK(c.api.token_url == "/auth/token");
  CHECK(c.api.client_id == "merchant-1");
  CHECK(c.api.token_auth == TokenAuth::kBasic);
  CHECK(c.api.timeout == seconds(10));
  CHECK(c.api.connect_timeout == seconds(2));
  CHECK(c.rate_limit.requests_per_second == 2.5);
  CHECK(c.workers.count == 8);
  CHECK(c.retry.initial_backoff == milliseconds(500));
  CHECK(c.retry.max_backoff == minutes(2));
  CHECK(c.retry.max_attempts == 3);
  CHECK(c.retry.on_ambiguous == OnAmbiguous::kHold);
  CHECK(c.retry.ambiguous_window == hours(24));
  CHECK(c.reconciler.first_poll_after == seconds(1));
  CHECK(c.reconciler.max_poll_interval == hours(1));
  CHECK(c.reconciler.min_share == 0.5);
  CHECK(c.log.level == "debug");
  CHECK(c.log.format == LogFormat::kJson);
}

TEST_CASE("config: an unknown key is named with its line and column and the closest known key") {
  Status status = load_error("workers:\n  count: 2\nretry:\n  max_attempt: 5\n");
  CHECK(contains(status.message(), "test.yaml: retry.max_attempt (line 4, column 3): unknown key"));
  CHECK(contains(status.message(), "did you mean \"max_attempts\"?"));
  CHECK(contains(load_error("wokers: { count: 2 }\n").message(), "did you mean \"workers\"?"));
  Status far = load_error("colour: blue\n");
  CHECK(contains(far.message(), "colour (line 1, column 1): unknown key"));
  CHECK_FALSE(contains(far.message(), "did you mean"));  // nothing close enough to be a typo
}

TEST_CASE("config: a key given twice is an error") {
  CHECK(contains(load_error("workers:\n  count: 2\n  count: 3\n").message(), "workers.count (line 3, column 3)"));
}

TEST_CASE("config: wrong types are named with the value's position") {
  CHECK(contains(load_error("workers:\n  count: four\n").message(),
                 "workers.count (line 2, column 10): must be an integer, got \"four\""));
  CHECK(contains(load_error("workers: { count: \"4\" }\n").message(),
                 "workers.count (line 1, column 19): must be an integer, got the quoted string \"4\""));
  CHECK(contains(load_error("workers: { count: 2.5 }\n").message(), "must be an integer"));
  CHECK(contains(load_error("database: { path: [a, b] }\n").message(), "database.path (line 1, column 19)"));
  CHECK(contains(load_error("database: { path: [a, b] }\n").message(), "must be a string, got a list"));
  CHECK(contains(load_error("workers: 4\n").message(), "workers (line 1, column 10): must be a mapping"));
  CHECK(contains(load_error("rate_limit: { requests_per_second: fast }\n").message(), "must be a number"));
  CHECK(contains(load_error("log: { format: xml }\n").message(), "log.format (line 1, column 16)"));
  CHECK(contains(load_error("log: { format: xml }\n").message(), "must be one of text, json"));
  CHECK(contains(load_error("api:\n  timeout:\n").message(), "api.timeout"));
  CHECK(contains(load_error("- a\n- b\n").message(), "(top level) (line 1, column 1): must be a mapping"));
}

TEST_CASE("config: a bare number for a duration asks for a unit") {
  Status status = load_error("api:\n  timeout: 30\n");
  CHECK(contains(status.message(), "api.timeout (line 2, column 12)"));
  CHECK(contains(status.message(), "needs a unit"));
}

TEST_CASE("config: out-of-range values name the key, the limits and the value") {
  Status status = load_error("retry:\n  max_attempts: 0\n");
  CHECK(contains(status.message(), "retry.max_attempts (line 2, column 17): must be between 1 and 1000, got 0"));
  CHECK(contains(load_error("workers: { count: 65 }\n").message(), "must be between 1 and 64, got 65"));
  CHECK(contains(load_error("workers: { count: 0 }\n").message(), "workers.count"));
  CHECK(contains(load_error("rate_limit: { requests_per_second: 0 }\n").message(), "greater than 0"));
  CHECK(contains(load_error("rate_limit: { requests_per_second: 1001 }\n").message(), "at most 1000"));
  CHECK(contains(load_error("reconciler: { min_share: 0.95 }\n").message(), "reconciler.min_share"));
  CHECK(contains(load_error("reconciler: { min_share: -0.1 }\n").message(), "at least 0"));
  CHECK(contains(load_error("retry: { initial_backoff: 0s }\n").message(), "retry.initial_backoff"));
  CHECK(contains(load_error("retry: { ambiguous_window: 0s }\n").message(), "retry.ambiguous_window"));
  CHECK(contains(load_error("reconciler: { first_poll_after: 0ms }\n").message(), "reconciler.first_poll_after"));
  CHECK(contains(load_error("api: { timeout: 0s }\n").message(), "api.timeout"));
  CHECK(contains(load_error("log: { level: verbose }\n").message(), "log.level"));
  CHECK(contains(load_error("database: { path: \"\" }\n").message(), "database.path"));
  CHECK(contains(load_error("api: { token_auth: header }\n").message(), "must be one of form, basic"));
  CHECK(contains(load_error("retry: { on_ambiguous: ignore }\n").message(), "must be one of retry, hold"));
  // Boundaries are inside.
  CHECK(load_config_string("workers: { count: 64 }\nretry: { max_attempts: 1000 }\n"
                           "rate_limit: { requests_per_second: 1000 }\nreconciler: { min_share: 0 }\n",
                           "test.yaml", fake_env())
            .is_ok());
}

TEST_CASE("config: API URLs are checked at load time, with their position") {
  CHECK(contains(load_error("api: { base_url: \"http://partner.example\" }\n").message(),
                 "api.base_url (line 1, column 18): must use https://: plain http:// is refused except to a loopback host"));
  CHECK(contains(load_error("api:\n  token_url: oauth/token\n").message(),
                 "api.token_url (line 2, column 14): must be an absolute https:// URL or a path starting with '/'"));
  CHECK(contains(load_error("api: { base_url: \"\" }\n").message(), "api.base_url"));
  CHECK(load_config_string("api: { base_url: \"http://localhost:8080\", token_url: \"https://auth.example/t\" }\n",
                           "test.yaml", fake_env())
            .is_ok());
}

TEST_CASE("config: reconciler.policy and max_poll_gap") {
  Result<Config> loaded = load_config_string("reconciler: { policy: backoff, max_poll_gap: 20m }\n", "test.yaml", fake_env());
  REQUIRE(loaded.is_ok());
  const Config& backoff = *loaded;
  CHECK(backoff.reconciler.policy == PollPolicy::kBackoff);
  CHECK(backoff.reconciler.max_poll_gap == minutes(20));
  CHECK(contains(load_error("reconciler: { policy: smart }\n").message(), "reconciler.policy"));
  CHECK(contains(load_error("reconciler: { first_poll_after: 2m, max_poll_gap: 1m }\n").message(),
                 "reconciler.first_poll_after (2m) must not exceed reconciler.max_poll_gap (1m)"));
}

TEST_CASE("config: related durations are checked against each other") {
  CHECK(contains(load_error("retry: { initial_backoff: 10m, max_backoff: 5m }\n").message(),
                 "retry.initial_backoff (10m) must not exceed retry.max_backoff (5m)"));
  CHECK(contains(load_error("retry: { initial_backoff: 10m }\n").message(), "retry.initial_backoff (line 1"));
  CHECK(contains(load_error("reconciler: { first_poll_after: 1m, max_poll_interval: 30s }\n").message(),
                 "reconciler.max_poll_interval (line 1, column 56): reconciler.first_poll_after (1m) must not exceed "
                 "reconciler.max_poll_interval (30s)"));
  CHECK(contains(load_error("reconciler: { first_poll_after: 20m }\n").message(),
                 "reconciler.first_poll_after (line 1, column 33)"));  // against the default max_poll_interval
  CHECK(contains(load_error("api: { timeout: 5s, connect_timeout: 10s }\n").message(),
                 "api.connect_timeout (line 1, column 38): api.connect_timeout (10s) must not exceed "
                 "api.timeout (5s)"));
  CHECK(contains(load_error("api: { connect_timeout: 31s }\n").message(), "api.connect_timeout (line 1"));
  CHECK(contains(load_error("api: { timeout: 4s }\n").message(), "api.timeout (line 1"));
  // A key that already failed is not compared again: one error, not two.
  Status one = load_error("retry: { initial_backoff: 10, max_backoff: 5m }\n");
  CHECK(one.message().find('\n') == std::string::npos);
}

TEST_CASE("config: every error of a file is reported at once, in file order") {
  Status status =
      load_error("workers: { count: 0 }\nretry: { max_attempts: 0 }\nrate_limit: { requests_per_second: 0 }\n");
  const std::size_t workers = status.message().find("workers.count (line 1");
  const std::size_t retry = status.message().find("retry.max_attempts (line 2");
  const std::size_t rate = status.message().find("rate_limit.requests_per_second (line 3");
  REQUIRE(workers != std::string::npos);
  REQUIRE(retry != std::string::npos);
  REQUIRE(rate != std::string::npos);
  CHECK(workers < retry);
  CHECK(retry < rate);
}

TEST_CASE("config: YAML syntax errors become config errors with a position") {
  Status status = load_error("workers:\n  count: [1, 2\n");
  CHECK(contains(status.message(), "test.yaml: YAML syntax (line "));
  CHECK(contains(load_error("a: b\n---\nc: d\n").message(), "only one YAML document"));
}

TEST_CASE("config: load_config_file names a missing file and reads an existing one") {
  Result<Config> missing = load_config_file("/nonexistent/payq.yaml", fake_env());
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.status().code() == StatusCode::kConfig);
  CHECK(contains(missing.status().message(), "/nonexistent/payq.yaml"));

  payq::testing::TempFile file("workers:\n  count: 0\n");
  Result<Config> invalid = load_config_file(file.path(), fake_env());
  REQUIRE_FALSE(invalid.is_ok());
  CHECK(contains(invalid.status().message(), file.path() + ": workers.count (line 2, column 10)"));
}

TEST_CASE("config: config_path prefers --config, then $PAYQ_CONFIG, then the default") {
  CHECK(config_path(std::string("/a.yaml"), fake_env({{"PAYQ_CONFIG", "/b.yaml"}})) == "/a.yaml");
  CHECK(config_path(std::nullopt, fake_env({{"PAYQ_CONFIG", "/b.yaml"}})) == "/b.yaml");
  CHECK(config_path(std::nullopt, fake_env()) == "/etc/payq/payq.yaml");
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
