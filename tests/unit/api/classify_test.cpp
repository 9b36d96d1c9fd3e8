// unit/api/classify_test.cpp — every row of the classification table in api/classify.cpp, per request kind.
// Pure function: no clock, no transport.
#include "api/classify.h"

#include <doctest/doctest.h>

#include "support/fake_transport.h"

namespace payq::api {
namespace {

using payq::testing::http_response;
using payq::testing::transport_error;

const auto kNow = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
const Expectation kCreate{RequestKind::kCreate, "R-1", {}};
const Expectation kPoll{RequestKind::kPoll, {}, "pay_1"};
const Expectation kToken{RequestKind::kToken, {}, {}};

Classification run(const TransportResult& result, const Expectation& expect) {
  return classify(result, expect, kNow);
}

TEST_CASE("2xx with id and our reference_id is a successful create") {
  const auto c = run(http_response(201, R"({"id":"pay_1","status":"pending","reference_id":"R-1"})"), kCreate);
  CHECK(c.outcome == Outcome::kSuccess);
  CHECK(c.http_status == 201);
  CHECK_FALSE(c.ambiguous);
  CHECK(c.error.empty());
  CHECK(c.fields.id == "pay_1");
  CHECK(c.fields.status == "pending");
}

TEST_CASE("2xx create without id, with another reference_id, or unparseable is ambiguous") {
  for (const char* body : {R"({"status":"pending","reference_id":"R-1"})", R"({"id":"p","reference_id":"R-2"})",
                           R"({"id":"p"})", R"({"id":"p","reference_id":"R-1")", "", "[1,2]"}) {
    CAPTURE(body);
    const auto c = run(http_response(201, body), kCreate);
    CHECK(c.outcome == Outcome::kAmbiguous);
    CHECK(c.ambiguous);
    CHECK_FALSE(c.error.empty());
  }
}

TEST_CASE("2xx poll must name the polled id and carry a status, else it is simply retried") {
  CHECK(run(http_response(200, R"({"id":"pay_1","status":"paid"})"), kPoll).outcome == Outcome::kSuccess);
  CHECK(run(http_response(200, R"({"id":"pay_2","status":"paid"})"), kPoll).outcome == Outcome::kRetryableNotSent);
  CHECK(run(http_response(200, R"({"id":"pay_1"})"), kPoll).outcome == Outcome::kRetryableNotSent);
  CHECK(run(http_response(200, "{trunc"), kPoll).outcome == Outcome::kRetryableNotSent);
  CHECK_FALSE(run(http_response(200, "{trunc"), kPoll).ambiguous);
}

TEST_CASE("2xx token needs an access_token") {
  CHECK(run(http_response(200, R"({"access_token":"t","expires_in":3600})"), kToken).outcome == Outcome::kSuccess);
  CHECK(run(http_response(200, R"({"expires_in":3600})"), kToken).outcome == Outcome::kRetryableNotSent);
}

TEST_CASE("400 and other 4xx are permanent with error.message verbatim, else the status line") {
  const auto c = run(http_response(400, R"({"error":{"message":"amount: must be a positive decimal string"}})",
                                   {}, "Bad Request"),
                     kCreate);
  CHECK(c.outcome == Outcome::kPermanent);
  CHECK(c.error == "amount: must be a positive decimal string");
  CHECK_FALSE(c.ambiguous);
  const auto plain = run(http_response(404, "not json", {}, "Not Found"), kPoll);
  CHECK(plain.outcome == Outcome::kPermanent);
  CHECK(plain.error == "HTTP 404 Not Found");
  CHECK(run(http_response(422, "{}"), kCreate).outcome == Outcome::kPermanent);
  CHECK(run(http_response(400, R"({"error":"invalid_grant"})"), kToken).outcome == Outcome::kPermanent);
}

TEST_CASE("401 is unauthorized for every kind") {
  for (const auto& expect : {kCreate, kPoll, kToken}) {
    const auto c = run(http_response(401, R"({"error":"invalid_client","error_description":"bad client"})"), expect);
    CHECK(c.outcome == Outcome::kUnauthorized);
    CHECK(c.error == "bad client");
  }
}

TEST_CASE("429 is rate limited, with Retry-After in seconds or as an HTTP-date") {
  const auto seconds = run(http_response(429, "{}", {{"retry-after", "3"}}), kCreate);
  CHECK(seconds.outcome == Outcome::kRateLimited);
  CHECK(seconds.retry_after == std::chrono::seconds(3));
  CHECK_FALSE(seconds.ambiguous);
  const auto date = run(http_response(429, "{}", {{"Retry-After", "Sun, 06 Nov 1994 08:49:42 GMT"}}), kPoll);
  CHECK(date.outcome == Outcome::kRateLimited);
  CHECK(date.retry_after == std::chrono::seconds(5));
  const auto none = run(http_response(429, ""), kToken);
  CHECK(none.outcome == Outcome::kRateLimited);
  CHECK_FALSE(none.retry_after.has_value());
}

TEST_CASE("5xx is ambiguous for a create and retryable for poll and token") {
  for (int status : {500, 502, 503, 504}) {
    CAPTURE(status);
    const auto create = run(http_response(status, ""), kCreate);
    CHECK(create.outcome == Outcome::kAmbiguous);
    CHECK(create.ambiguous);
    CHECK(run(http_response(status, ""), kPoll).outcome == Outcome::kRetryableNotSent);
    CHECK(run(http_response(status, ""), kToken).outcome == Outcome::kRetryableNotSent);
  }
  CHECK(run(http_response(503, "", {{"Retry-After", "7"}}), kCreate).retry_after == std::chrono::seconds(7));
}

TEST_CASE("a 3xx we never asked for is treated like a 5xx") {
  CHECK(run(http_response(302, ""), kCreate).outcome == Outcome::kAmbiguous);
  CHECK(run(http_response(302, ""), kPoll).outcome == Outcome::kRetryableNotSent);
}

TEST_CASE("not sent is retryable for every kind") {
  for (const auto& expect : {kCreate, kPoll, kToken}) {
    const auto c = run(transport_error(TransportErrorClass::kNotSent, "connect refused"), expect);
    CHECK(c.outcome == Outcome::kRetryableNotSent);
    CHECK(c.transport_error == TransportErrorClass::kNotSent);
    CHECK(c.http_status == 0);
    CHECK(c.error == "connect refused");
    CHECK_FALSE(c.ambiguous);
  }
}

TEST_CASE("maybe sent is ambiguous for a create and retryable for poll and token") {
  const auto create = run(transport_error(TransportErrorClass::kMaybeSent), kCreate);
  CHECK(create.outcome == Outcome::kAmbiguous);
  CHECK(create.ambiguous);
  CHECK(create.transport_error == TransportErrorClass::kMaybeSent);
  CHECK(run(transport_error(TransportErrorClass::kMaybeSent), kPoll).outcome == Outcome::kRetryableNotSent);
  CHECK(run(transport_error(TransportErrorClass::kMaybeSent), kToken).outcome == Outcome::kRetryableNotSent);
}

}  // namespace
}  // namespace payq::api
