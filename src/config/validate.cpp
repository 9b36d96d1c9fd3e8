// config/validate.cpp — validate_for_api: what the daemon needs on top of a well-formed config.
// A Config built in code skipped the loader, so the URL rules and the duration ranges are checked again here.
#include "api/url.h"
#include "config/duration.h"
#include "config/loader.h"
#include "config/secret.h"

namespace payq::config {
namespace {

struct DurationKey {
  std::string_view path;
  Duration value;
  DurationRange range;
};

Status check_duration_ranges(const Config& config) {
  const DurationKey keys[] = {
      {"database.busy_timeout", config.database.busy_timeout, kBusyTimeoutRange},
      {"api.timeout", config.api.timeout, kApiTimeoutRange},
      {"api.connect_timeout", config.api.connect_timeout, kApiTimeoutRange},
      {"retry.initial_backoff", config.retry.initial_backoff, kBackoffRange},
      {"retry.max_backoff", config.retry.max_backoff, kBackoffRange},
      {"retry.ambiguous_window", config.retry.ambiguous_window, kAmbiguousWindowRange},
      {"reconciler.first_poll_after", config.reconciler.first_poll_after, kPollIntervalRange},
      {"reconciler.max_poll_interval", config.reconciler.max_poll_interval, kPollIntervalRange},
      {"reconciler.max_poll_gap", config.reconciler.max_poll_gap, kPollIntervalRange},
      {"retention.api_calls", config.retention.api_calls, kRetentionRange},
  };
  for (const DurationKey& key : keys) {
    if (std::optional<std::string> problem = range_problem(key.value, key.range)) {
      return {StatusCode::kConfig, std::string(key.path) + ": " + *problem};
    }
  }
  return Status::ok();
}

}  // namespace

Status validate_for_api(const Config& config) {
  const ApiConfig& api = config.api;
  if (api.client_id.empty()) {
    return {StatusCode::kConfig, "api.client_id: required to call the partner API; set it in the config file"};
  }
  if (api.client_secret.empty()) {
    return {StatusCode::kConfig, "api.client_secret: not set; name a file holding it in api.client_secret_file "
                                 "or set $" + std::string(kClientSecretEnv)};
  }
  if (std::optional<std::string> problem = secret_problem(api.client_secret)) {
    return {StatusCode::kConfig, "api.client_secret: " + *problem};
  }
  if (std::string problem = api::base_url_refusal(api.base_url); !problem.empty()) {
    return {StatusCode::kConfig, "api.base_url: " + problem};
  }
  if (std::string problem = api::token_url_refusal(api.token_url); !problem.empty()) {
    return {StatusCode::kConfig, "api.token_url: " + problem};
  }
  if (config.metrics.listen) {
    if (auto address = parse_listen_address(to_string(*config.metrics.listen)); !address) {
      return {StatusCode::kConfig, "metrics.listen: " + address.status().message()};
    }
  }
  return check_duration_ranges(config);
}

}  // namespace payq::config
