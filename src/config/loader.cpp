// config/loader.cpp — YAML text -> Config: one reader per section of docs/design.md §5, each checking its own keys,
// types and ranges; then the client secret. Collects every error of a file so one edit can fix them all.
#include "config/loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "api/url.h"
#include "config/duration.h"
#include "config/secret.h"
#include "config/yaml_documents.h"
#include "config/yaml_section.h"

namespace payq::config {
namespace {

// Called once per duration key the file sets (and read without error): its value within the key's range.
void require_within(Section& section, std::string_view key, Duration value, DurationRange range) {
  if (std::optional<std::string> problem = range_problem(value, range)) section.fail(key, *problem);
}

// Reports small > large at `blame` when the file sets it, else at the other key (one of them is set, or both
// are defaults, which are consistent).
void require_not_above(Section& section, std::string_view small_key, Duration small, std::string_view large_key,
                       Duration large, std::string_view blame) {
  if (small <= large) return;
  const std::string_view at = section.has(blame) ? blame : (blame == small_key ? large_key : small_key);
  section.fail(at, section.key_path(small_key) + " (" + format_duration(small) + ") must not exceed " +
                       section.key_path(large_key) + " (" + format_duration(large) + ")");
}

void read_database(Section section, DatabaseConfig& database) {
  section.check_keys({"path", "url", "password_file", "busy_timeout"});
  if (section.read_string("path", database.path) && database.path.empty()) section.fail("path", "must not be empty");
  if (section.has("url") && section.read_string("url", database.url) && !database.url.starts_with("postgresql://") &&
      !database.url.starts_with("postgres://")) {
    section.fail("url", "must be a postgresql:// or postgres:// URL (an SQLite file is database.path)");
  }
  if (section.has("url") && section.has("path")) section.fail("url", "set either database.path or database.url");
  std::string password_file;
  if (section.has("password_file") && section.read_string("password_file", password_file)) {
    if (password_file.empty()) section.fail("password_file", "must not be empty");
    database.password_file = password_file;
  }
  if (section.read_duration("busy_timeout", database.busy_timeout)) {
    require_within(section, "busy_timeout", database.busy_timeout, kBusyTimeoutRange);
  }
}

void read_secret(Section& section, ApiConfig& api, const EnvLookup& env, Secrets secrets) {
  if (section.has("client_secret")) {
    section.fail("client_secret",
                 "secrets do not belong in the config file; put the secret in a file named by "
                 "api.client_secret_file (e.g. a systemd LoadCredential) or in $" + std::string(kClientSecretEnv));
    return;
  }
  if (section.read_optional_string("client_secret_file", api.client_secret_file) && api.client_secret_file) {
    if (api.client_secret_file->empty()) return section.fail("client_secret_file", "must not be empty");
    if (secrets == Secrets::kIgnore) return;
    Result<std::string> secret = read_secret_file(*api.client_secret_file);
    if (!secret) return section.fail("client_secret_file", secret.status().message());
    api.client_secret = std::move(secret).value();
    api.client_secret_source = SecretSource::kFile;
    return;
  }
  if (secrets == Secrets::kIgnore) return;
  if (std::optional<std::string> secret = env(kClientSecretEnv); secret && !secret->empty()) {
    api.client_secret = std::move(*secret);
    api.client_secret_source = SecretSource::kEnv;
  }
}

void read_api(Section section, ApiConfig& api, const EnvLookup& env, Secrets secrets) {
  section.check_keys({"base_url", "token_url", "client_id", "client_secret", "client_secret_file", "token_auth",
                      "timeout", "connect_timeout"});
  if (section.read_string("base_url", api.base_url)) {
    while (api.base_url.ends_with('/')) api.base_url.pop_back();  // paths are appended with their own '/'
    if (auto problem = api::base_url_refusal(api.base_url); !problem.empty()) section.fail("base_url", problem);
  }
  if (section.read_string("token_url", api.token_url)) {
    if (auto problem = api::token_url_refusal(api.token_url); !problem.empty()) section.fail("token_url", problem);
  }
  section.read_string("client_id", api.client_id);
  section.read_choice("token_auth", api.token_auth, {{"form", TokenAuth::kForm}, {"basic", TokenAuth::kBasic}});
  const bool timeout_ok = section.read_duration("timeout", api.timeout);
  if (timeout_ok) require_within(section, "timeout", api.timeout, kApiTimeoutRange);
  const bool connect_ok = section.read_duration("connect_timeout", api.connect_timeout);
  if (connect_ok) require_within(section, "connect_timeout", api.connect_timeout, kApiTimeoutRange);
  if (timeout_ok && connect_ok) {
    require_not_above(section, "connect_timeout", api.connect_timeout, "timeout", api.timeout, "connect_timeout");
  }
  read_secret(section, api, env, secrets);
}

void read_rate_limit(Section section, RateLimitConfig& rate_limit) {
  section.check_keys({"requests_per_second"});
  section.read_double("requests_per_second", rate_limit.requests_per_second, 0, 1000, true);
}

void read_workers(Section section, WorkersConfig& workers) {
  section.check_keys({"count"});
  section.read_int("count", workers.count, 1, 64);
}

void read_retry(Section section, RetryConfig& retry) {
  section.check_keys({"initial_backoff", "max_backoff", "max_attempts", "on_ambiguous", "ambiguous_window"});
  const bool initial_ok = section.read_duration("initial_backoff", retry.initial_backoff);
  if (initial_ok) require_within(section, "initial_backoff", retry.initial_backoff, kBackoffRange);
  const bool max_ok = section.read_duration("max_backoff", retry.max_backoff);
  if (max_ok) require_within(section, "max_backoff", retry.max_backoff, kBackoffRange);
  if (max_ok && initial_ok) {
    require_not_above(section, "initial_backoff", retry.initial_backoff, "max_backoff", retry.max_backoff,
                      "initial_backoff");
  }
  section.read_int("max_attempts", retry.max_attempts, 1, 1000);
  section.read_choice("on_ambiguous", retry.on_ambiguous,
                      {{"retry", OnAmbiguous::kRetry}, {"hold", OnAmbiguous::kHold}});
  if (section.read_duration("ambiguous_window", retry.ambiguous_window)) {
    require_within(section, "ambiguous_window", retry.ambiguous_window, kAmbiguousWindowRange);
  }
}

void read_reconciler(Section section, ReconcilerConfig& reconciler) {
  section.check_keys({"policy", "first_poll_after", "max_poll_interval", "max_poll_gap", "min_share", "max_not_found"});
  section.read_choice("policy", reconciler.policy,
                      {{"adaptive", PollPolicy::kAdaptive}, {"backoff", PollPolicy::kBackoff}});
  const bool first_ok = section.read_duration("first_poll_after", reconciler.first_poll_after);
  if (first_ok) require_within(section, "first_poll_after", reconciler.first_poll_after, kPollIntervalRange);
  const bool max_ok = section.read_duration("max_poll_interval", reconciler.max_poll_interval);
  if (max_ok) require_within(section, "max_poll_interval", reconciler.max_poll_interval, kPollIntervalRange);
  if (max_ok && first_ok) {
    require_not_above(section, "first_poll_after", reconciler.first_poll_after, "max_poll_interval",
                      reconciler.max_poll_interval, "max_poll_interval");
  }
  const bool gap_ok = section.read_duration("max_poll_gap", reconciler.max_poll_gap);
  if (gap_ok) require_within(section, "max_poll_gap", reconciler.max_poll_gap, kPollIntervalRange);
  if (gap_ok && first_ok) {
    require_not_above(section, "first_poll_after", reconciler.first_poll_after, "max_poll_gap",
                      reconciler.max_poll_gap, "max_poll_gap");
  }
  section.read_double("min_share", reconciler.min_share, 0, 0.9, false);
  section.read_int("max_not_found", reconciler.max_not_found, 1, 1000);
}

void read_log(Section section, LogConfig& log) {
  section.check_keys({"level", "format"});
  static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  std::string level = log.level;
  if (section.read_string("level", level)) {
    if (std::find(std::begin(kLevels), std::end(kLevels), level) != std::end(kLevels)) {
      log.level = level;
    } else {
      section.fail("level", "must be one of trace, debug, info, warn, error, critical, off, got \"" + level + "\"");
    }
  }
  section.read_choice("format", log.format, {{"text", LogFormat::kText}, {"json", LogFormat::kJson}});
}

void read_retention(Section section, RetentionConfig& retention) {
  section.check_keys({"api_calls"});
  if (section.read_duration("api_calls", retention.api_calls)) {
    require_within(section, "api_calls", retention.api_calls, kRetentionRange);
  }
}

void read_metrics(Section section, MetricsConfig& metrics) {
  section.check_keys({"listen"});
  std::optional<std::string> listen;
  if (!section.read_optional_string("listen", listen) || !listen) return;
  Result<ListenAddress> address = parse_listen_address(*listen);
  if (!address) return section.fail("listen", address.status().message());
  metrics.listen = std::move(address).value();
}

Config read_config(const YAML::Node& root_node, ErrorList& errors, const EnvLookup& env, Secrets secrets) {
  Config config;
  Section root(root_node, "", errors);
  root.check_keys({"database", "api", "rate_limit", "workers", "retry", "reconciler", "log", "retention", "metrics"});
  read_database(root.section("database"), config.database);
  read_api(root.section("api"), config.api, env, secrets);
  read_rate_limit(root.section("rate_limit"), config.rate_limit);
  read_workers(root.section("workers"), config.workers);
  read_retry(root.section("retry"), config.retry);
  read_reconciler(root.section("reconciler"), config.reconciler);
  read_log(root.section("log"), config.log);
  read_retention(root.section("retention"), config.retention);
  read_metrics(root.section("metrics"), config.metrics);
  return config;
}

Status yaml_error(std::string_view source_name, const YAML::Exception& error) {
  ErrorList errors;
  errors.add("YAML syntax", error.mark, error.msg);
  return errors.to_status(source_name);
}

}  // namespace

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::string config_path(const std::optional<std::string>& flag, const EnvLookup& env) {
  if (flag) return *flag;
  if (std::optional<std::string> from_env = env(kConfigPathEnv); from_env && !from_env->empty()) return *from_env;
  return std::string(kDefaultConfigPath);
}

Result<Config> load_config_string(std::string_view yaml, std::string_view source_name, const EnvLookup& env,
                                  Secrets secrets) {
  try {
    const std::string text(yaml);
    ErrorList errors;
    if (auto second = second_document_start(text)) {
      errors.add("(document 2)", *second, "only one YAML document is allowed");
    }
    Config config = read_config(YAML::Load(text), errors, env, secrets);  // Load reads the first document only
    if (!errors.empty()) return errors.to_status(source_name);
    return config;
  } catch (const YAML::Exception& error) {
    return yaml_error(source_name, error);
  }
}

Result<Config> load_config_file(const std::string& path, const EnvLookup& env, Secrets secrets) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    return Status(StatusCode::kConfig, path + ": cannot read config file: it is a directory");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status(StatusCode::kConfig, path + ": cannot open config file: " + std::strerror(errno));
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return Status(StatusCode::kConfig, path + ": cannot read config file");
  return load_config_string(content.str(), path, env, secrets);
}

}  // namespace payq::config
