// api/response_body.h — the fields payq reads from a partner response body (RapidJSON), nothing more.
// The whole body is kept by the caller for storage; this only extracts what decisions need. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace payq::api {

struct ResponseBody {
  bool is_object = false;  // the body parsed as a JSON object
  std::optional<std::string> id;
  std::optional<std::string> status;
  std::optional<std::string> reference_id;
  std::optional<std::string> access_token;  // token responses only; never logged
  std::optional<std::int64_t> expires_in;   // seconds
  std::optional<std::string> error_message;  // error.message, else OAuth error_description / error
  std::optional<std::string> oauth_error;    // the OAuth `error` code when it is a string (token responses)
};

ResponseBody parse_response_body(std::string_view body);

}  // namespace payq::api
