// unit/api/secrets_test.cpp — the client secret and the bearer token never reach a log line (at trace
// level), an error message, a stored body or a CallRecord, in any spelling, even when the partner echoes them.
#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>

#include "api/api_test_support.h"
#include "api/payment_api.h"
#include "api/url.h"
#include "support/fake_clock.h"

namespace payq::api {
namespace {

using payq::testing::http_response;
using payq::testing::transport_error;

constexpr const char* kToken = "tok-SECRET-BEARER-123";

// Sends the default logger to a string at trace level for the life of the object.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

void check_clean(const std::string& text) {
  CAPTURE(text);
  CHECK(text.find(test::kSecret) == std::string::npos);
  CHECK(text.find(kToken) == std::string::npos);
}

TEST_CASE("secret and token appear in no log line, error or CallRecord") {
  CapturedLog log;
  payq::testing::FakeClock clock;
  payq::testing::FakeTransport transport;
  payq::testing::CountingGate gate;
  test::RecordingSink recorded;
  std::vector<std::string> errors;
  {
    TokenCache tokens(clock, gate, test::settings());
    PaymentApi api(transport, tokens, gate, clock, test::settings(), recorded.sink());
    const std::string echo = std::string("client_secret=") + test::kSecret;
    transport.push(test::kTokenUrl, http_response(401, R"({"error_description":")" + echo + R"("})"));
    transport.push(test::kTokenUrl, test::token_answer(kToken));
    errors.push_back(api.create({"R-1", "1", "EUR", "https://x.example"}).error);  // token refused
    const std::string bad_token = std::string(R"({"error":{"message":"bad token )") + kToken + R"("}})";
    transport.push(test::kPaymentUrl, http_response(401, bad_token));
    transport.push(test::kPaymentUrl, http_response(400, bad_token));
    transport.push(test::kPaymentUrl, transport_error(TransportErrorClass::kMaybeSent, "reset"));
    for (int i = 0; i < 3; ++i) errors.push_back(api.create({"R-2", "1", "EUR", "https://x.example"}).error);
    errors.push_back(api.get("pay_1").error);
  }
  CHECK(log.text().find("api create") != std::string::npos);  // the log did capture the calls
  check_clean(log.text());
  for (const auto& error : errors) check_clean(error);
  CHECK(recorded.records.size() >= 6);
  for (const auto& record : recorded.records) {
    check_clean(record.error);
    check_clean(record.reference_id);
    check_clean(record.remote_id);
  }
}

// A secret with characters that percent-encode, and a space ('+' or %20 in a form).
constexpr const char* kEncodable = "p@ss+w/rd=1&x y";
constexpr const char* kClientId = "shop/1";

// Every spelling of the secret a log or a database must never hold.
std::vector<std::string> spellings(const std::string& id, const std::string& secret) {
  const std::string upper = percent_encode(secret);
  std::string lower = upper;
  for (std::size_t at = lower.find('%'); at != std::string::npos; at = lower.find('%', at + 1)) {
    for (std::size_t i = at + 1; i < at + 3; ++i) lower[i] = static_cast<char>(std::tolower(lower[i]));
  }
  std::string plus = upper;
  for (std::size_t at = plus.find("%20"); at != std::string::npos; at = plus.find("%20")) plus.replace(at, 3, "+");
  auto unpadded = [](std::string b64) { return b64.substr(0, b64.find('=')); };
  return {secret, upper, lower, plus, unpadded(base64_encode(percent_encode(id) + ":" + percent_encode(secret))),
          unpadded(base64_encode(id + ":" + secret))};
}

void check_no_spelling(const std::string& text, const std::vector<std::string>& forbidden) {
  CAPTURE(text);
  for (const auto& spelling : forbidden) {
    CAPTURE(spelling);
    CHECK(text.find(spelling) == std::string::npos);
  }
}

// The fake transport behind a token endpoint that refuses its first `refusals` calls with a 401 echoing the
// whole request: the form body as sent, every header, and the body again with lower-case hex.
class EchoingTransport final : public HttpTransport {
 public:
  EchoingTransport(payq::testing::FakeTransport& next, int refusals) : next_(next), refusals_(refusals) {}
  TransportResult send(const HttpRequest& request) override {
    if (request.url.find(test::kTokenUrl) == std::string::npos || refusals_ == 0) return next_.send(request);
    --refusals_;
    std::string lower = request.body;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string echo = R"({"error":"invalid_client","error_description":"you sent )" + request.body + "; " + lower;
    for (const auto& [name, value] : request.headers) echo += "; " + name + ": " + value;
    return payq::testing::http_response(401, echo + R"("})", {}, "Unauthorized " + request.body);
  }

 private:
  payq::testing::FakeTransport& next_;
  int refusals_;
};

TEST_CASE("a token endpoint echoing the request leaves no spelling of the secret anywhere (form and Basic)") {
  for (const bool basic : {false, true}) {
    CAPTURE(basic);
    CapturedLog log;
    payq::testing::FakeClock clock;
    payq::testing::FakeTransport scripted;
    EchoingTransport transport(scripted, 2);
    payq::testing::CountingGate gate;
    test::RecordingSink recorded;
    auto settings = test::settings();
    settings.client_id = kClientId;
    settings.client_secret = kEncodable;
    settings.basic_auth = basic;
    std::vector<std::string> seen;  // every error and body the callers get
    {
      TokenCache tokens(clock, gate, settings);
      PaymentApi api(transport, tokens, gate, clock, settings, recorded.sink());
      scripted.push(test::kTokenUrl, test::token_answer(kToken));
      // The partner echoes our Authorization header and the secret, lower-case hex, in a create's error...
      const std::string lower_hex = "p%40ss%2bw%2frd%3d1%26x%20y";
      scripted.push(test::kPaymentUrl, http_response(400, std::string(R"({"error":{"message":"Bearer )") + kToken +
                                                              " client_secret=" + lower_hex + R"("}})"));
      // ...and the token in a good answer's body.
      scripted.push(test::kPaymentUrl, http_response(201, std::string(R"({"id":"pay_1","status":"pending",)") +
                                                              R"("reference_id":"R-1","echo":"Bearer )" + kToken +
                                                              R"("})"));
      for (int i = 0; i < 4; ++i) {
        const ApiResult result = api.create({"R-1", "1", "EUR", "https://x.example"});
        seen.push_back(result.error);
        seen.push_back(result.body);
      }
      CHECK(seen[0] == "token endpoint: HTTP 401 invalid_client");
      CHECK(seen[6].empty());  // the fourth create was accepted
      CHECK(seen[7].find("[redacted]") != std::string::npos);
    }
    std::vector<std::string> forbidden = spellings(kClientId, kEncodable);
    forbidden.emplace_back(kToken);
    CHECK(log.text().find("api token") != std::string::npos);  // the log did capture the calls
    check_no_spelling(log.text(), forbidden);
    for (const auto& text : seen) check_no_spelling(text, forbidden);
    CHECK(recorded.records.size() == 5);  // 3 token calls (two refused), 2 creates
    for (const auto& record : recorded.records) check_no_spelling(record.error, forbidden);
  }
}

TEST_CASE("token responses are never logged, not even at trace") {
  CapturedLog log;
  payq::testing::FakeClock clock;
  payq::testing::FakeTransport transport;
  payq::testing::CountingGate gate;
  TokenCache tokens(clock, gate, test::settings());
  transport.push(test::kTokenUrl, http_response(400, R"({"error":"invalid_request","note":"partner words"})"));
  transport.push(test::kTokenUrl, test::token_answer(kToken));
  CHECK(tokens.token(transport, {}).outcome == Outcome::kPermanent);
  CHECK(tokens.token(transport, {}).access_token == kToken);
  CHECK(log.text().find("api token") != std::string::npos);
  CHECK(log.text().find("partner words") == std::string::npos);
  CHECK(log.text().find("expires_in") == std::string::npos);
  CHECK(log.text().find(kToken) == std::string::npos);
}

}  // namespace
}  // namespace payq::api
