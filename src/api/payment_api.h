// api/payment_api.h — the partner's payment-request API as two calls, create and get, each returning one
// classified result and reporting every HTTP attempt to a CallSink. One instance per worker thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_settings.h"
#include "api/call_record.h"
#include "api/classify.h"
#include "api/http_transport.h"
#include "api/outcome.h"
#include "api/redact.h"
#include "api/request_gate.h"
#include "api/token_cache.h"
#include "common/clock.h"

namespace payq::api {

struct CreateRequest {
  std::string reference_id;  // also sent as Idempotency-Key
  std::string amount;        // the exact decimal string, never reformatted
  std::string currency;
  std::string redirect_url;
};

struct ApiResult {
  Outcome outcome = Outcome::kAmbiguous;
  std::string remote_id;      // the partner's id (success)
  std::string remote_status;  // pending / paid / expired / cancelled / anything new (success)
  // The whole last response body, for storage; empty without a response. Like error, with our credentials
  // (client secret, bearer token) replaced in any spelling, should the partner echo them.
  std::string body;
  std::string error;          // why not success; the partner's error.message verbatim where it gave one
  // A successful create's payment_url when it is an absolute http(s) URL (api/payment_link.h); a refused one is
  // logged at warn and left out here (the body keeps it).
  std::optional<std::string> payment_url;
  std::optional<std::chrono::milliseconds> retry_after;  // rate limited (or 5xx) with Retry-After
  bool token_failed = false;  // the call never went out: no token (outcome says why)
  bool not_sent_locally = false;  // the gate refused the send (stopping, claim lost, budget paused): the
                                  // partner saw nothing and knows nothing new; outcome is kRetryableNotSent
  int http_status = 0;        // of the last attempt; 0 without a response
};

class PaymentApi {
 public:
  // transport: this worker's own; tokens: shared by every worker; sink: receives one CallRecord per
  // HTTP attempt, token calls included, on the calling thread (may be empty).
  PaymentApi(HttpTransport& transport, TokenCache& tokens, RequestGate& gate, Clock& clock,
             const ApiSettings& settings, CallSink sink);

  // POST /payment/request. A 401 drops the token, fetches a new one and repeats the call once.
  // A token failure returns without sending: kRateLimited / kRetryableNotSent as the token call said,
  // kUnauthorized when the token endpoint refuses our credentials or request (not the intent's fault).
  ApiResult create(const CreateRequest& request);

  // GET /payment/request/{remote_id}; safe to repeat, so never ambiguous. reference_id only labels
  // the CallRecords.
  ApiResult get(std::string_view remote_id, std::string_view reference_id = {});

 private:
  struct Call {
    Expectation expect;
    HttpRequest request;  // without Authorization; added per attempt
    std::string_view reference_id;
  };
  ApiResult perform(Call call);
  Classification attempt(const Call& call, const std::string& token, std::string& body);
  std::optional<std::string> customer_link(const Call& call, const ResponseBody& fields,
                                           const std::string& remote_id) const;
  void report(const Call& call, const Classification& c, std::chrono::system_clock::time_point started,
              std::chrono::milliseconds latency) const;

  HttpTransport& transport_;
  TokenCache& tokens_;
  RequestGate& gate_;
  Clock& clock_;
  const std::string base_url_;
  const Redactor redactor_;  // the client secret; the bearer token is added per attempt
  const CallSink sink_;
};

}  // namespace payq::api
