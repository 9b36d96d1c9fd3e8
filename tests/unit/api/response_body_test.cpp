// unit/api/response_body_test.cpp — parse_response_body() over good bodies and hostile ones: deep nesting
// (longer than a fuzzer's inputs), numbers beyond int64, bodies over the size cap. Pure.
#include "api/response_body.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "api/classify.h"
#include "support/fake_transport.h"

namespace payq::api {
namespace {

TEST_CASE("response body: the fields decisions need, numbers as JSON integers or strings") {
  const ResponseBody body = parse_response_body(
      R"({"id":"pay_1","status":"pending","reference_id":"R-1","access_token":"t","expires_in":"3600",)"
      R"("error":{"message":"bad amount"},"unknown":[1,{"x":null}]})");
  CHECK(body.is_object);
  CHECK(body.id == "pay_1");
  CHECK(body.status == "pending");
  CHECK(body.reference_id == "R-1");
  CHECK(body.access_token == "t");
  CHECK(body.expires_in == 3600);
  CHECK(body.error_message == "bad amount");
  CHECK(parse_response_body(R"({"id":42,"expires_in":3600.0})").id == "42");
  CHECK(parse_response_body(R"({"id":42,"expires_in":3600.0})").expires_in == 3600);
  CHECK(parse_response_body(R"({"id":-9223372036854775808})").id == "-9223372036854775808");
}

TEST_CASE("response body: 200,000 '[' (or '{\"a\":' nested as deep) is no object, not a stack overflow") {
  CHECK_FALSE(parse_response_body(std::string(200'000, '[')).is_object);
  CHECK_FALSE(parse_response_body(std::string(200'000, '[') + std::string(200'000, ']')).is_object);
  std::string deep_object;
  for (int i = 0; i < 100'000; ++i) deep_object += R"({"a":)";
  CHECK_FALSE(parse_response_body(deep_object).is_object);
  const ResponseBody wrapped = parse_response_body(R"({"id":"pay_1","x":)" + std::string(100'000, '[') +
                                                   std::string(100'000, ']') + "}");
  CHECK(wrapped.is_object);
  CHECK(wrapped.id == "pay_1");
}

TEST_CASE("response body: an id or expires_in that is not an exact int64 is absent") {
  for (const char* json : {R"({"id":123456789012345672890})", R"({"id":9223372036854775808})",
                           R"({"id":18446744073709551615})", R"({"id":1e300})", R"({"id":12.5})", R"({"id":42.0})",
                           R"({"id":-1e19})", R"({"id":true})", R"({"id":null})", R"({"id":[1]})"}) {
    CAPTURE(json);
    const ResponseBody body = parse_response_body(json);
    CHECK(body.is_object);
    CHECK_FALSE(body.id.has_value());
  }
  for (const char* json : {R"({"expires_in":123456789012345672890})", R"({"expires_in":9223372036854775808})",
                           R"({"expires_in":1e300})", R"({"expires_in":-1e300})", R"({"expires_in":3599.5})",
                           R"({"expires_in":"99999999999999999999"})", R"({"expires_in":"1e3"})"}) {
    CAPTURE(json);
    CHECK_FALSE(parse_response_body(json).expires_in.has_value());
  }
  const auto largest = std::numeric_limits<std::int64_t>::max();
  CHECK(parse_response_body(R"({"expires_in":9223372036854775807})").expires_in == largest);
}

TEST_CASE("response body: a create answered with a numeric id beyond int64 is ambiguous, not a success") {
  const auto now = std::chrono::system_clock::from_time_t(784111777);
  const auto c = classify(payq::testing::http_response(201, R"({"id":123456789012345672890,"reference_id":"R-1"})"),
                          Expectation{RequestKind::kCreate, "R-1", {}}, now);
  CHECK(c.outcome == Outcome::kAmbiguous);
  CHECK(c.error == "HTTP 201: response has no id");
}

TEST_CASE("response body: a body over kMaxResponseBodyBytes is not read") {
  std::string padded = R"({"id":"pay_1","pad":")";
  padded += std::string(kMaxResponseBodyBytes - padded.size() - 2, 'x') + "\"}";
  REQUIRE(padded.size() == kMaxResponseBodyBytes);
  CHECK(parse_response_body(padded).id == "pay_1");
  padded.insert(padded.size() - 2, "x");
  CHECK_FALSE(parse_response_body(padded).is_object);
}

}  // namespace
}  // namespace payq::api
