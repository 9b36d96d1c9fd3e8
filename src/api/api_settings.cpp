// api/api_settings.cpp — validation of ApiSettings: every URL allowed by the http/https rule, timeouts
// positive, credentials present. Messages name the field and never include the secret.
#include "api/api_settings.h"

#include "api/url.h"

namespace payq::api {

std::string resolved_token_url(const ApiSettings& settings) {
  return join_url(settings.base_url, settings.token_url);
}

Status validate(const ApiSettings& settings) {
  auto invalid = [](std::string message) { return Status(StatusCode::kConfig, std::move(message)); };
  if (auto why = base_url_refusal(settings.base_url); !why.empty()) return invalid("api.base_url: " + why);
  if (auto why = token_url_refusal(settings.token_url); !why.empty()) return invalid("api.token_url: " + why);
  if (auto why = url_refusal(resolved_token_url(settings)); !why.empty()) {
    return invalid("api.token_url: " + why);
  }
  if (settings.client_id.empty()) return invalid("api.client_id: missing");
  if (settings.client_secret.empty()) return invalid("api.client_secret: missing");
  if (settings.connect_timeout.count() <= 0) return invalid("api.connect_timeout: must be positive");
  if (settings.timeout.count() <= 0) return invalid("api.timeout: must be positive");
  return Status::ok();
}

}  // namespace payq::api
