// api/api_settings.h — what the API client needs to know, independent of how config/ spells it.
// Plain values plus one validation; client_secret is never printed by anything in api/.
#pragma once

#include <chrono>
#include <string>

#include "payq/status.h"

namespace payq::api {

struct ApiSettings {
  std::string base_url;                  // https://…, or http:// to a loopback host (the sandbox)
  std::string token_url = "/oauth/token";  // absolute, or relative to base_url
  std::string client_id;
  std::string client_secret;
  bool basic_auth = false;               // credentials in an HTTP Basic header instead of the form
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(5);
  std::chrono::milliseconds timeout = std::chrono::seconds(30);
};

// Checks every field once, at construction time of the daemon; the message names the field.
Status validate(const ApiSettings& settings);

// token_url resolved against base_url.
std::string resolved_token_url(const ApiSettings& settings);

}  // namespace payq::api
