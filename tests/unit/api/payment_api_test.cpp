// unit/api/payment_api_test.cpp — PaymentApi over a scripted transport: what a create sends, the
// 401 → refresh → repeat loop, token failures, CallRecords, polls. Fake clock; nothing sleeps.
#include "api/payment_api.h"

#include <doctest/doctest.h>

#include "api/api_test_support.h"
#include "support/fake_clock.h"

namespace payq::api {
namespace {

using payq::testing::http_response;
using payq::testing::transport_error;

struct Fixture {
  payq::testing::FakeClock clock;
  payq::testing::FakeTransport transport;
  payq::testing::CountingGate gate;
  test::RecordingSink recorded;
  TokenCache tokens{clock, gate, test::settings()};
  PaymentApi api{transport, tokens, gate, clock, test::settings(), recorded.sink()};
};

const CreateRequest kIntent{"R-1", "10.50", "EUR", "https://shop.example/done?x=\"q\""};

std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST_CASE("create sends the exact amount, the reference as Idempotency-Key, and the bearer token") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1"));
  f.transport.push(test::kPaymentUrl, test::created("R-1"));
  const ApiResult result = f.api.create(kIntent);
  CHECK(result.outcome == Outcome::kSuccess);
  CHECK(result.remote_id == "pay_1");
  CHECK(result.remote_status == "pending");
  CHECK(result.body.find("\"amount\":\"10.50\"") != std::string::npos);
  const auto request = f.transport.requests().at(1);
  CHECK(request.url == "https://api.example/payment/request");
  CHECK(request.method == HttpMethod::kPost);
  CHECK_FALSE(request.resend_safe);
  CHECK(request.body ==
        R"({"amount":"10.50","currency":"EUR","redirect_url":"https://shop.example/done?x=\"q\"","reference_id":"R-1"})");
  CHECK(header(request, "Idempotency-Key") == "R-1");
  CHECK(header(request, "Authorization") == "Bearer tok-1");
  CHECK(f.gate.count(RequestKind::kToken) == 1);
  CHECK(f.gate.count(RequestKind::kCreate) == 1);
}

TEST_CASE("every attempt is reported, token calls included") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1"));
  f.transport.push(test::kPaymentUrl, transport_error(TransportErrorClass::kMaybeSent, "timeout"));
  const ApiResult result = f.api.create(kIntent);
  CHECK(result.outcome == Outcome::kAmbiguous);
  REQUIRE(f.recorded.records.size() == 2);
  CHECK(f.recorded.records[0].kind == RequestKind::kToken);
  CHECK(f.recorded.records[0].reference_id == "R-1");
  const CallRecord& create = f.recorded.records[1];
  CHECK(create.kind == RequestKind::kCreate);
  CHECK(create.reference_id == "R-1");
  CHECK(create.http_status == 0);
  CHECK(create.transport_error == TransportErrorClass::kMaybeSent);
  CHECK(create.outcome == Outcome::kAmbiguous);
  CHECK(create.ambiguous);
  CHECK(create.error == "timeout");
}

TEST_CASE("401 drops the token, refreshes once and repeats the call once") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("old"));
  f.transport.push(test::kTokenUrl, test::token_answer("new"));
  f.transport.push(test::kPaymentUrl, http_response(401, R"({"error":{"message":"token expired"}})"));
  f.transport.push(test::kPaymentUrl, test::created("R-1"));
  const ApiResult result = f.api.create(kIntent);
  CHECK(result.outcome == Outcome::kSuccess);
  const auto requests = f.transport.requests();
  REQUIRE(requests.size() == 4);
  CHECK(header(requests[1], "Authorization") == "Bearer old");
  CHECK(header(requests[3], "Authorization") == "Bearer new");
  REQUIRE(f.recorded.records.size() == 4);
  CHECK(f.recorded.records[1].outcome == Outcome::kUnauthorized);
  CHECK(f.recorded.records[3].outcome == Outcome::kSuccess);
}

TEST_CASE("a second 401 in a row is returned as unauthorized, without a third try") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-xyz"));
  f.transport.push(test::kPaymentUrl, http_response(401, R"({"error":{"message":"revoked"}})"));
  const ApiResult result = f.api.get("pay_1", "R-1");
  CHECK(result.outcome == Outcome::kUnauthorized);
  CHECK(result.error == "revoked");
  CHECK(f.transport.count(test::kPaymentUrl) == 2);
  CHECK(f.transport.count(test::kTokenUrl) == 2);
}

TEST_CASE("a token failure returns without sending the call, never as a permanent failure of the intent") {
  Fixture f;
  f.transport.push(test::kTokenUrl, http_response(400, R"({"error":"unsupported_grant_type"})"));
  const ApiResult rejected = f.api.create(kIntent);
  CHECK(rejected.outcome == Outcome::kUnauthorized);
  CHECK(rejected.token_failed);
  CHECK(rejected.error == "token endpoint: HTTP 400 unsupported_grant_type");
  CHECK(f.transport.count(test::kPaymentUrl) == 0);

  Fixture limited;
  limited.transport.push(test::kTokenUrl, http_response(429, "", {{"Retry-After", "2"}}));
  const ApiResult slow = limited.api.create(kIntent);
  CHECK(slow.outcome == Outcome::kRateLimited);
  CHECK(slow.retry_after == std::chrono::seconds(2));

  Fixture down;
  down.transport.push(test::kTokenUrl, transport_error(TransportErrorClass::kNotSent, "refused"));
  CHECK(down.api.create(kIntent).outcome == Outcome::kRetryableNotSent);
}

TEST_CASE("400 is permanent with the partner's message verbatim and the body kept") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-xyz"));
  const std::string body = R"({"error":{"message":"currency: must be 3 letters"}})";
  f.transport.push(test::kPaymentUrl, http_response(400, body));
  const ApiResult result = f.api.create(kIntent);
  CHECK(result.outcome == Outcome::kPermanent);
  CHECK(result.error == "currency: must be 3 letters");
  CHECK(result.body == body);
}

TEST_CASE("429 on create carries Retry-After") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-xyz"));
  f.transport.push(test::kPaymentUrl, http_response(429, "", {{"Retry-After", "4"}}));
  const ApiResult result = f.api.create(kIntent);
  CHECK(result.outcome == Outcome::kRateLimited);
  CHECK(result.retry_after == std::chrono::seconds(4));
}

TEST_CASE("get polls by id, percent-encoded, and returns status and body") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-xyz"));
  const std::string body = R"({"id":"pay/1","status":"paid","reference_id":"R-1"})";
  f.transport.push(test::kPaymentUrl, http_response(200, body));
  const ApiResult result = f.api.get("pay/1", "R-1");
  CHECK(result.outcome == Outcome::kSuccess);
  CHECK(result.remote_id == "pay/1");
  CHECK(result.remote_status == "paid");
  CHECK(result.body == body);
  CHECK(f.transport.requests().at(1).url == "https://api.example/payment/request/pay%2F1");
  CHECK(f.transport.requests().at(1).method == HttpMethod::kGet);
  CHECK(f.recorded.records.at(1).kind == RequestKind::kPoll);
  CHECK(f.recorded.records.at(1).remote_id == "pay/1");
}

TEST_CASE("a 5xx on a poll is retryable, not ambiguous") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-xyz"));
  f.transport.push(test::kPaymentUrl, http_response(502, "bad gateway"));
  const ApiResult result = f.api.get("pay_1");
  CHECK(result.outcome == Outcome::kRetryableNotSent);
  CHECK_FALSE(f.recorded.records.at(1).ambiguous);
}

TEST_CASE("latency is measured on the injected clock") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-xyz"));
  f.transport.push(test::kPaymentUrl, test::created("R-1"));
  f.transport.before(test::kPaymentUrl, [&] { f.clock.advance(std::chrono::milliseconds(42)); });
  f.api.create(kIntent);
  CHECK(f.recorded.records.at(1).latency == std::chrono::milliseconds(42));
}

TEST_CASE("a closed gate means the call is not sent") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-xyz"));
  f.api.get("pay_1");
  f.gate.close();
  const ApiResult result = f.api.create(kIntent);
  CHECK(result.outcome == Outcome::kRetryableNotSent);
  CHECK(f.transport.count(test::kPaymentUrl) == 1);
}

}  // namespace
}  // namespace payq::api
