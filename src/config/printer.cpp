// config/printer.cpp — the effective configuration as YAML text. Strings are always double-quoted and
// escaped, so a path or URL with YAML-special characters prints as valid YAML. Never prints the secret.
#include "config/printer.h"

#include <cstdio>
#include <sstream>

#include "config/duration.h"
#include "config/number.h"
#include "config/secret.h"
#include "store/open_store.h"

namespace payq::config {
namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Switches without default: a new enum value is a compile warning here, not a silently wrong word.
std::string_view name(TokenAuth auth) {
  switch (auth) {
    case TokenAuth::kForm: return "form";
    case TokenAuth::kBasic: return "basic";
  }
  return "?";
}

std::string_view name(OnAmbiguous policy) {
  switch (policy) {
    case OnAmbiguous::kRetry: return "retry";
    case OnAmbiguous::kHold: return "hold";
  }
  return "?";
}

std::string_view name(LogFormat format) {
  switch (format) {
    case LogFormat::kText: return "text";
    case LogFormat::kJson: return "json";
  }
  return "?";
}

std::string secret_line(const ApiConfig& api) {
  switch (api.client_secret_source) {
    case SecretSource::kFile:
      return "\"" + std::string(kMaskedSecret) + "\"  # read from " + quoted(api.client_secret_file.value_or(""));
    case SecretSource::kEnv:
      return "\"" + std::string(kMaskedSecret) + "\"  # read from $" + std::string(kClientSecretEnv);
    case SecretSource::kNone:
      return "null  # (not set): set api.client_secret_file or $PAYQ_CLIENT_SECRET";
  }
  return "null";
}

void render_api(std::ostringstream& out, const ApiConfig& api) {
  out << "api:\n"
      << "  base_url: " << quoted(api.base_url) << "\n"
      << "  token_url: " << quoted(api.token_url) << "\n"
      << "  token_auth: " << name(api.token_auth) << "\n"
      << "  client_id: " << quoted(api.client_id) << "\n"
      << "  client_secret_file: " << (api.client_secret_file ? quoted(*api.client_secret_file) : "null") << "\n"
      << "  client_secret: " << secret_line(api) << "\n"
      << "  timeout: " << format_duration(api.timeout) << "\n"
      << "  connect_timeout: " << format_duration(api.connect_timeout) << "\n";
}

}  // namespace

std::string render_effective_config(const Config& config) {
  std::ostringstream out;
  out << "database:\n"
      << (config.database.url.empty() ? "  path: " + quoted(config.database.path)
                                      : "  url: " + quoted(store::display_location(config.database.url)))
      << "\n"
      << (config.database.password_file ? "  password_file: " + quoted(*config.database.password_file) + "\n" : "")
      << "  busy_timeout: " << format_duration(config.database.busy_timeout) << "\n";
  render_api(out, config.api);
  out << "rate_limit:\n"
      << "  requests_per_second: " << format_number(config.rate_limit.requests_per_second) << "\n"
      << "workers:\n"
      << "  count: " << config.workers.count << "\n"
      << "retry:\n"
      << "  initial_backoff: " << format_duration(config.retry.initial_backoff) << "\n"
      << "  max_backoff: " << format_duration(config.retry.max_backoff) << "\n"
      << "  max_attempts: " << config.retry.max_attempts << "\n"
      << "  on_ambiguous: " << name(config.retry.on_ambiguous) << "\n"
      << "  ambiguous_window: " << format_duration(config.retry.ambiguous_window) << "\n"
      << "reconciler:\n"
      << "  policy: " << to_string(config.reconciler.policy) << "\n"
      << "  first_poll_after: " << format_duration(config.reconciler.first_poll_after) << "\n"
      << "  max_poll_interval: " << format_duration(config.reconciler.max_poll_interval) << "\n"
      << "  max_poll_gap: " << format_duration(config.reconciler.max_poll_gap) << "\n"
      << "  min_share: " << format_number(config.reconciler.min_share) << "\n"
      << "  max_not_found: " << config.reconciler.max_not_found << "\n"
      << "log:\n"
      << "  level: " << config.log.level << "\n"
      << "  format: " << name(config.log.format) << "\n"
      << "retention:\n"
      << "  api_calls: " << format_duration(config.retention.api_calls) << "\n"
      << "metrics:\n"
      << "  listen: " << (config.metrics.listen ? quoted(to_string(*config.metrics.listen)) : "null  # off") << "\n";
  return out.str();
}

}  // namespace payq::config
