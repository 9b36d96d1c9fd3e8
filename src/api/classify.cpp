// api/classify.cpp — the classification table of docs/design.md §4. Only a create can be ambiguous: token and
// poll calls are safe to repeat, so whatever would make a create ambiguous makes them retryable.
#include "api/classify.h"

#include <string>

#include "api/retry_after.h"

namespace payq::api {
namespace {

// What "may have been processed" means for this kind of call.
Outcome unsure(RequestKind kind) {
  switch (kind) {
    case RequestKind::kCreate: return Outcome::kAmbiguous;
    case RequestKind::kToken:
    case RequestKind::kPoll: return Outcome::kRetryableNotSent;
  }
  return Outcome::kAmbiguous;
}

std::string status_text(const HttpResponse& response) {
  std::string text = "HTTP " + std::to_string(response.status);
  if (!response.reason.empty()) text += " " + response.reason;
  return text;
}

// Why a 2xx body does not answer what we asked; empty when it does.
std::string body_mismatch(const ResponseBody& body, const Expectation& expect) {
  if (!body.is_object) return "response body is not a JSON object";
  switch (expect.kind) {
    case RequestKind::kToken:
      if (!body.access_token || body.access_token->empty()) return "token response has no access_token";
      return {};
    case RequestKind::kCreate:
      if (!body.id || body.id->empty()) return "response has no id";
      if (body.reference_id != std::string(expect.reference_id)) {
        return "response reference_id does not match ours";
      }
      return {};
    case RequestKind::kPoll:
      if (!body.id || *body.id != expect.remote_id) return "response id does not match the id polled";
      if (!body.status || body.status->empty()) return "response has no status";
      return {};
  }
  return "unknown request kind";
}

void classify_success(const HttpResponse& response, const Expectation& expect, Classification& out) {
  std::string mismatch = body_mismatch(out.fields, expect);
  if (mismatch.empty()) {
    out.outcome = Outcome::kSuccess;
    return;
  }
  out.outcome = unsure(expect.kind);
  out.error = status_text(response) + ": " + mismatch;
}

void classify_response(const HttpResponse& response, const Expectation& expect,
                       std::chrono::system_clock::time_point now, Classification& out) {
  out.http_status = response.status;
  out.fields = parse_response_body(response.body);
  const int s = response.status;
  if (s >= 200 && s < 300) return classify_success(response, expect, out);
  out.error = out.fields.error_message.value_or(status_text(response));
  if (auto value = response.header("Retry-After")) out.retry_after = parse_retry_after(*value, now);
  if (s == 401) {
    out.outcome = Outcome::kUnauthorized;
  } else if (s == 429) {
    out.outcome = Outcome::kRateLimited;
  } else if (s >= 400 && s < 500) {
    out.outcome = Outcome::kPermanent;
  } else {
    out.outcome = unsure(expect.kind);  // 5xx, and 1xx/3xx we never asked for
  }
  if (out.outcome != Outcome::kRateLimited && s < 500) out.retry_after.reset();
}

}  // namespace

Classification classify(const TransportResult& result, const Expectation& expect,
                        std::chrono::system_clock::time_point now) {
  Classification out;
  if (result.has_response()) {
    classify_response(result.response(), expect, now, out);
  } else {
    const TransportError& error = result.error();
    out.transport_error = error.error_class;
    out.error = error.description;
    switch (error.error_class) {
      case TransportErrorClass::kNotSent: out.outcome = Outcome::kRetryableNotSent; break;
      case TransportErrorClass::kMaybeSent: out.outcome = unsure(expect.kind); break;
    }
  }
  out.ambiguous = out.outcome == Outcome::kAmbiguous;
  return out;
}

}  // namespace payq::api
