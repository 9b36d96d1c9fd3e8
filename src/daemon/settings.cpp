// daemon/settings.cpp — Config -> component settings. The lease outlasts the longest a create can take:
// a token fetch and a 401 repeat around the call, each bounded by api.timeout, plus slack.
#include "daemon/settings.h"

#include <algorithm>

namespace payq::daemon {

api::ApiSettings api_settings_from(const config::Config& config) {
  api::ApiSettings api;
  api.base_url = config.api.base_url;
  api.token_url = config.api.token_url;
  api.client_id = config.api.client_id;
  api.client_secret = config.api.client_secret;
  api.basic_auth = config.api.token_auth == config::TokenAuth::kBasic;
  api.connect_timeout = config.api.connect_timeout;
  api.timeout = config.api.timeout;
  return api;
}

limiter::LimiterOptions limiter_options(const config::Config& config) {
  return limiter::limiter_options_from(config.rate_limit);
}

worker::WorkerSettings worker_settings(const config::Config& config) {
  worker::WorkerSettings settings;
  settings.database_location = config.database.location();
  settings.database_password_file = config.database.password_file;
  settings.busy_timeout = config.database.busy_timeout;
  settings.create.retry = worker::retry_policy_from(config.retry);
  settings.create.on_ambiguous = config.retry.on_ambiguous;
  settings.create.ambiguous_window = config.retry.ambiguous_window;
  settings.polls = worker::poll_schedule_from(config.reconciler);
  settings.lease = 3 * config.api.timeout + std::chrono::seconds(30);
  settings.max_not_found = config.reconciler.max_not_found;
  // A partner outage is probed from the first backoff up to the longest one the retry policy allows.
  settings.breaker.first_backoff = config.retry.initial_backoff;
  settings.breaker.max_backoff = std::min<std::chrono::milliseconds>(config.retry.max_backoff, std::chrono::minutes(1));
  return settings;
}

}  // namespace payq::daemon
