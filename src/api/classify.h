// api/classify.h — the one place that reads HTTP status codes: a transport result plus what we asked for
// becomes an Outcome, the partner's message, a Retry-After delay and the fields of a good body. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "api/http_transport.h"
#include "api/outcome.h"
#include "api/response_body.h"

namespace payq::api {

// What a good 2xx must say: a create echoes our reference_id, a poll names the id we asked about.
struct Expectation {
  RequestKind kind = RequestKind::kCreate;
  std::string_view reference_id;  // create only
  std::string_view remote_id;     // poll only
};

struct Classification {
  Outcome outcome = Outcome::kAmbiguous;
  int http_status = 0;  // 0: no response
  std::optional<TransportErrorClass> transport_error;
  bool ambiguous = false;  // the partner may have acted on the request (create only)
  std::string error;       // empty on success; the partner's message verbatim where it gave one
  std::optional<std::chrono::milliseconds> retry_after;
  ResponseBody fields;     // parsed body (any status)
};

// now: wall-clock time an HTTP-date Retry-After is measured against.
Classification classify(const TransportResult& result, const Expectation& expect,
                        std::chrono::system_clock::time_point now);

}  // namespace payq::api
