// api/payment_api.cpp — request building (RapidJSON), the token / 401-repeat loop, and the CallRecord of
// every attempt. Never logs a header or the token; response bodies are logged at trace only, and like the
// errors they pass through the Redactor first (a partner may echo our Authorization header or request).
#include "api/payment_api.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include <utility>

#include "api/payment_link.h"
#include "api/redact.h"
#include "api/url.h"
#include "common/intent_log.h"

namespace payq::api {
namespace {

std::string create_body(const CreateRequest& request) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  auto field = [&writer](const char* name, const std::string& value) {
    writer.Key(name);
    writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  writer.StartObject();
  field("amount", request.amount);
  field("currency", request.currency);
  field("redirect_url", request.redirect_url);
  field("reference_id", request.reference_id);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// A token failure, seen from the call that needed the token: nothing was sent, so never ambiguous, and
// a refusal of our credentials is not a fault of the intent (never kPermanent).
ApiResult from_token_failure(const TokenResult& token) {
  ApiResult result;
  result.token_failed = true;
  result.error = token.error;  // says itself that it was the token call
  result.retry_after = token.retry_after;
  switch (token.outcome) {
    case Outcome::kSuccess:
    case Outcome::kRetryableNotSent:
    case Outcome::kAmbiguous: result.outcome = Outcome::kRetryableNotSent; break;
    case Outcome::kRateLimited: result.outcome = Outcome::kRateLimited; break;
    case Outcome::kPermanent:
    case Outcome::kUnauthorized: result.outcome = Outcome::kUnauthorized; break;
  }
  return result;
}

}  // namespace

PaymentApi::PaymentApi(HttpTransport& transport, TokenCache& tokens, RequestGate& gate, Clock& clock,
                       const ApiSettings& settings, CallSink sink)
    : transport_(transport),
      tokens_(tokens),
      gate_(gate),
      clock_(clock),
      base_url_(settings.base_url),
      redactor_(settings.client_id, settings.client_secret),
      sink_(std::move(sink)) {}

ApiResult PaymentApi::create(const CreateRequest& request) {
  Call call{Expectation{RequestKind::kCreate, request.reference_id, {}}, HttpRequest{}, request.reference_id};
  call.request.method = HttpMethod::kPost;
  call.request.url = join_url(base_url_, "/payment/request");
  call.request.headers = {{"Content-Type", "application/json"},
                          {"Accept", "application/json"},
                          {"Idempotency-Key", request.reference_id}};
  call.request.body = create_body(request);
  call.request.resend_safe = false;
  return perform(std::move(call));
}

ApiResult PaymentApi::get(std::string_view remote_id, std::string_view reference_id) {
  Call call{Expectation{RequestKind::kPoll, {}, remote_id}, HttpRequest{}, reference_id};
  call.request.url = join_url(base_url_, "/payment/request/" + percent_encode(remote_id));
  call.request.headers = {{"Accept", "application/json"}};
  return perform(std::move(call));
}

ApiResult PaymentApi::perform(Call call) {
  const CallSink token_sink = [this, &call](const CallRecord& record) {
    if (!sink_) return;
    CallRecord labelled = record;
    labelled.reference_id = std::string(call.reference_id);
    sink_(labelled);
  };
  for (int round = 0;; ++round) {
    const TokenResult token = tokens_.token(transport_, token_sink);
    if (token.outcome != Outcome::kSuccess) return from_token_failure(token);
    if (Status gate = gate_.acquire(call.expect.kind); !gate.is_ok()) {
      ApiResult refused;
      refused.outcome = Outcome::kRetryableNotSent;
      refused.not_sent_locally = true;
      refused.error = std::string(to_string(call.expect.kind)) + " not sent: " + gate.message();
      return refused;
    }
    std::string body;
    Classification c = attempt(call, token.access_token, body);
    if (c.outcome == Outcome::kUnauthorized && round == 0) {
      tokens_.invalidate(token.access_token);  // expired or revoked early: one fresh token, one repeat
      continue;
    }
    ApiResult result;
    result.outcome = c.outcome;
    result.http_status = c.http_status;
    result.body = std::move(body);
    result.error = std::move(c.error);
    result.retry_after = c.retry_after;
    if (c.outcome == Outcome::kSuccess) {
      result.remote_id = c.fields.id.value_or("");
      result.remote_status = c.fields.status.value_or("");
      if (call.expect.kind == RequestKind::kCreate) {
        result.payment_url = customer_link(call, c.fields, result.remote_id);
      }
    }
    return result;
  }
}

// The payment_url of a create answer, or nothing (with a warning when the partner sent one that is refused).
std::optional<std::string> PaymentApi::customer_link(const Call& call, const ResponseBody& fields,
                                                     const std::string& remote_id) const {
  PaymentLink link = payment_link(fields);
  if (!link.refusal.empty()) {
    log_intent(spdlog::level::warn, {call.reference_id, remote_id},
               "api create: {}; stored without a payment_url (remote_payload keeps the body)", link.refusal);
  }
  return std::move(link.url);
}

// One HTTP attempt that the gate let through.
Classification PaymentApi::attempt(const Call& call, const std::string& token, std::string& body) {
  HttpRequest request = call.request;
  request.headers.emplace_back("Authorization", "Bearer " + token);
  const auto started_wall = clock_.wall_now();
  const auto started = clock_.steady_now();
  const TransportResult sent = transport_.send(request);
  const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.steady_now() - started);
  Classification c = classify(sent, call.expect, clock_.wall_now());
  const Redactor redact = redactor_.with(token);
  c.error = redact(std::move(c.error));  // a partner might echo what it refused
  if (sent.has_response()) {
    body = redact(sent.response().body);
    if (c.fields.payment_url) c.fields.payment_url = redact(std::move(*c.fields.payment_url));
    log_intent(spdlog::level::trace, {call.reference_id, call.expect.remote_id}, "api {} response body: {}",
               to_string(call.expect.kind), body);
  }
  report(call, c, started_wall, latency);
  return c;
}

void PaymentApi::report(const Call& call, const Classification& c, std::chrono::system_clock::time_point started,
                        std::chrono::milliseconds latency) const {
  std::string remote_id(call.expect.remote_id);
  if (remote_id.empty() && c.outcome == Outcome::kSuccess) remote_id = c.fields.id.value_or("");
  log_intent(spdlog::level::debug, {call.reference_id, remote_id}, "api {}: {} status={} {}ms{}{}",
             to_string(call.expect.kind), to_string(c.outcome), c.http_status, latency.count(),
             c.error.empty() ? "" : ": ", c.error);
  if (!sink_) return;
  CallRecord record;
  record.kind = call.expect.kind;
  record.reference_id = std::string(call.reference_id);
  record.remote_id = std::move(remote_id);
  record.http_status = c.http_status;
  record.transport_error = c.transport_error;
  record.started_at = started;
  record.latency = latency;
  record.outcome = c.outcome;
  record.ambiguous = c.ambiguous;
  record.error = c.error;
  sink_(record);
}

}  // namespace payq::api
