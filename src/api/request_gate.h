// api/request_gate.h — the hook called right before every HTTP request the client makes (token included),
// so the process-wide rate limiter counts every request. Implementations must be thread-safe.
#pragma once

#include "api/outcome.h"
#include "payq/status.h"

namespace payq::api {

class RequestGate {
 public:
  virtual ~RequestGate() = default;
  // Blocks until the request may go. A non-ok Status (e.g. stop requested) means: do not send it.
  virtual Status acquire(RequestKind kind) = 0;
};

// Lets every request through at once: tests, and tools that make a single call.
class OpenGate final : public RequestGate {
 public:
  Status acquire(RequestKind /*kind*/) override { return Status::ok(); }
};

}  // namespace payq::api
