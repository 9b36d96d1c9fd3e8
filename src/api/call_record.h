// api/call_record.h — what one HTTP attempt looked like, for the api_calls table, without any HTTP in it.
// Never holds a credential; reported through a CallSink the caller supplies (called on the calling thread).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "api/http_transport.h"
#include "api/outcome.h"

namespace payq::api {

struct CallRecord {
  RequestKind kind = RequestKind::kCreate;
  std::string reference_id;  // the intent this call served; empty for a token call made for no intent
  std::string remote_id;     // poll: the id asked about; create: the id received, if any
  int http_status = 0;       // 0 when there was no response
  std::optional<TransportErrorClass> transport_error;
  std::chrono::system_clock::time_point started_at;
  std::chrono::milliseconds latency{0};
  Outcome outcome = Outcome::kSuccess;
  bool ambiguous = false;    // the partner may have acted on a request whose answer we did not get
  std::string error;         // empty on success
};

using CallSink = std::function<void(const CallRecord&)>;

}  // namespace payq::api
