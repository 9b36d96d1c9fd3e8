// api/response_body.h — the fields payq reads from a partner response body (RapidJSON), nothing more.
// The whole body is kept by the caller for storage; this only extracts what decisions need. Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace payq::api {

// The largest response body payq reads: 1 MiB, far above any answer the partner documents. The transport
// stops reading past it and reports a failed exchange; a longer body given to parse_response_body() is no object.
inline constexpr std::size_t kMaxResponseBodyBytes = std::size_t{1} << 20;

struct ResponseBody {
  bool is_object = false;  // the body parsed as a JSON object
  std::optional<std::string> id;            // a string, or a JSON integer that fits int64
  std::optional<std::string> status;
  std::optional<std::string> reference_id;
  std::optional<std::string> access_token;  // token responses only; never logged
  std::optional<std::int64_t> expires_in;   // seconds, as sent: any int64 (the token cache bounds it)
  std::optional<std::string> error_message;  // error.message, else OAuth error_description / error
  std::optional<std::string> oauth_error;    // the OAuth `error` code when it is a string (token responses)
  // The link the customer pays at (create answers), exactly as sent; checked by api/payment_link.h, not here.
  std::optional<std::string> payment_url;
  bool payment_url_not_text = false;  // a payment_url member that is neither a string nor null
};

ResponseBody parse_response_body(std::string_view body);

}  // namespace payq::api
