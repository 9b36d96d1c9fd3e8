// api/payment_link.h — the link the customer pays at, taken from a create answer's `payment_url`: kept only when
// the one URL parser (api::parse_url) reads it as an absolute http(s) URL of at most 2048 bytes. Pure; the caller logs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "api/response_body.h"

namespace payq::api {

// The longest payment_url stored (the schema's CHECK payment_url_absolute_http allows the same).
inline constexpr std::size_t kMaxPaymentUrlBytes = 2048;

struct PaymentLink {
  std::optional<std::string> url;  // absent when the partner sent none or one that was refused
  std::string refusal;             // why a payment_url the partner sent was not kept; empty otherwise
};

PaymentLink payment_link(const ResponseBody& fields);

}  // namespace payq::api
