// config/config.h — the typed, validated configuration of docs/design.md §5 with its named defaults.
// Plain values: loading and validation live in config/loader.h; nothing here reads files or the environment.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/listen_address.h"

namespace payq::config {

using Duration = std::chrono::milliseconds;

// The allowed values of one duration key, both ends inclusive. The loader refuses a value outside its range
// (naming key, line, column and the range), so every time derived from the config (leases of 3*timeout+30s,
// backoffs, deadlines as steady_clock nanoseconds) stays far from overflow.
struct DurationRange {
  Duration min;
  Duration max;
};

inline constexpr DurationRange kBusyTimeoutRange{Duration(1), std::chrono::minutes(10)};
inline constexpr DurationRange kApiTimeoutRange{Duration(100), std::chrono::minutes(10)};  // and connect_timeout
inline constexpr DurationRange kBackoffRange{Duration(1), std::chrono::hours(24)};      // initial and max
inline constexpr DurationRange kAmbiguousWindowRange{Duration(1), std::chrono::hours(24 * 7)};
inline constexpr DurationRange kPollIntervalRange{Duration(1), std::chrono::hours(24)};  // first and max
inline constexpr DurationRange kRetentionRange{std::chrono::minutes(1), std::chrono::hours(24 * 3650)};

enum class OnAmbiguous { kRetry, kHold };

// How the reconciler spaces the polls of a pending payment request (reconciler.policy).
enum class PollPolicy {
  kAdaptive,  // learned from this daemon's own history of settlements; backoff until there is enough of it
  kBackoff,   // first_poll_after, then doubling intervals up to max_poll_interval
};
constexpr std::string_view to_string(PollPolicy policy) {
  return policy == PollPolicy::kBackoff ? "backoff" : "adaptive";
}
enum class LogFormat { kText, kJson };
enum class TokenAuth { kForm, kBasic };  // client credentials in the form body, or HTTP Basic
enum class SecretSource { kNone, kFile, kEnv };  // where api.client_secret was read from

struct DatabaseConfig {
  std::string path = "/var/lib/payq/payq.db";  // an SQLite file, used when url is empty
  std::string url;                               // a postgresql:// (or postgres://) URL: PostgreSQL instead
  std::optional<std::string> password_file;      // PostgreSQL only: a 0600 file holding the password
  Duration busy_timeout = std::chrono::seconds(5);

  // Where the database is: the URL when one is set, else the SQLite file.
  const std::string& location() const { return url.empty() ? path : url; }
};

struct ApiConfig {
  std::string base_url = "https://api.partner.example";
  std::string token_url = "/oauth/token";  // absolute, or relative to base_url
  std::string client_id;                   // required by commands that call the API
  std::optional<std::string> client_secret_file;
  std::string client_secret;               // resolved from the file or $PAYQ_CLIENT_SECRET; never printed
  SecretSource client_secret_source = SecretSource::kNone;
  TokenAuth token_auth = TokenAuth::kForm;
  Duration timeout = std::chrono::seconds(30);
  Duration connect_timeout = std::chrono::seconds(5);
};

struct RateLimitConfig {
  double requests_per_second = 5.0;
};

struct WorkersConfig {
  int count = 4;
};

struct RetryConfig {
  Duration initial_backoff = std::chrono::seconds(1);
  Duration max_backoff = std::chrono::minutes(5);
  int max_attempts = 12;
  OnAmbiguous on_ambiguous = OnAmbiguous::kRetry;
  Duration ambiguous_window = std::chrono::hours(24);
};

struct ReconcilerConfig {
  Duration first_poll_after = std::chrono::seconds(5);
  Duration max_poll_interval = std::chrono::minutes(15);  // the cap of `backoff` only
  Duration max_poll_gap = std::chrono::hours(1);  // `adaptive`: no pending request goes unpolled longer than this
  PollPolicy policy = PollPolicy::kAdaptive;
  double min_share = 0.2;
  int max_not_found = 5;  // consecutive 404 answers to polls of one remote id before it goes on_hold
};

struct RetentionConfig {
  Duration api_calls = std::chrono::hours(24 * 90);  // api_calls rows older than this are pruned by the daemon
};

struct LogConfig {
  std::string level = "info";  // trace, debug, info, warn, error, critical, off
  LogFormat format = LogFormat::kText;
};

struct MetricsConfig {
  std::optional<ListenAddress> listen;  // serve Prometheus /metrics here; nullopt (the default): no endpoint
};

struct Config {
  DatabaseConfig database;
  ApiConfig api;
  RateLimitConfig rate_limit;
  WorkersConfig workers;
  RetryConfig retry;
  ReconcilerConfig reconciler;
  LogConfig log;
  RetentionConfig retention;
  MetricsConfig metrics;
};

}  // namespace payq::config
