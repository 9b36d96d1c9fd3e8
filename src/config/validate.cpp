// config/validate.cpp — validate_for_api: what the daemon needs on top of a well-formed config.
// A Config built in code skipped the loader, so the URL rules are checked again here.
#include "api/url.h"
#include "config/loader.h"
#include "config/secret.h"

namespace payq::config {

Status validate_for_api(const Config& config) {
  const ApiConfig& api = config.api;
  if (api.client_id.empty()) {
    return {StatusCode::kConfig, "api.client_id: required to call the partner API; set it in the config file"};
  }
  if (api.client_secret.empty()) {
    return {StatusCode::kConfig, "api.client_secret: not set; name a file holding it in api.client_secret_file "
                                 "or set $" + std::string(kClientSecretEnv)};
  }
  if (std::string problem = api::base_url_refusal(api.base_url); !problem.empty()) {
    return {StatusCode::kConfig, "api.base_url: " + problem};
  }
  if (std::string problem = api::token_url_refusal(api.token_url); !problem.empty()) {
    return {StatusCode::kConfig, "api.token_url: " + problem};
  }
  return Status::ok();
}

}  // namespace payq::config
