// api/outcome.cpp — names of request kinds, outcomes and transport error classes, as stored in
// api_calls and printed in logs. Stable strings: reports and scripts match on them.
#include "api/outcome.h"

#include "api/http_transport.h"

namespace payq::api {

std::string_view to_string(RequestKind kind) {
  switch (kind) {
    case RequestKind::kToken: return "token";
    case RequestKind::kCreate: return "create";
    case RequestKind::kPoll: return "poll";
  }
  return "unknown";
}

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSuccess: return "success";
    case Outcome::kRetryableNotSent: return "retryable";
    case Outcome::kRateLimited: return "rate_limited";
    case Outcome::kAmbiguous: return "ambiguous";
    case Outcome::kPermanent: return "permanent";
    case Outcome::kUnauthorized: return "unauthorized";
  }
  return "unknown";
}

std::string_view to_string(TransportErrorClass error_class) {
  switch (error_class) {
    case TransportErrorClass::kNotSent: return "not_sent";
    case TransportErrorClass::kMaybeSent: return "maybe_sent";
  }
  return "unknown";
}

}  // namespace payq::api
