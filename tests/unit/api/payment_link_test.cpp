// unit/api/payment_link_test.cpp — the customer's payment_url from a create answer: kept only as an absolute
// http(s) URL read by parse_url, refused (with the reason) otherwise; PaymentApi hands it on for a create only.
#include "api/payment_link.h"

#include <doctest/doctest.h>

#include "api/api_test_support.h"
#include "api/payment_api.h"
#include "support/fake_clock.h"

namespace payq::api {
namespace {

PaymentLink link_of(const std::string& body) { return payment_link(parse_response_body(body)); }

TEST_CASE("an absolute http or https payment_url is kept exactly") {
  CHECK(link_of(R"({"payment_url":"https://pay.example/p/pay_1?lang=de#top"})").url ==
        "https://pay.example/p/pay_1?lang=de#top");
  CHECK(link_of(R"({"payment_url":"http://127.0.0.1:8080/pay/pay_1"})").url == "http://127.0.0.1:8080/pay/pay_1");
  const PaymentLink kept = link_of(R"({"payment_url":"https://pay.example/p"})");
  CHECK(kept.refusal.empty());
}

TEST_CASE("no payment_url, or a null one, is no link and no complaint") {
  for (const char* body : {R"({"id":"pay_1"})", R"({"payment_url":null})", "not json", "[]"}) {
    const PaymentLink link = link_of(body);
    CHECK_FALSE(link.url);
    CHECK(link.refusal.empty());
  }
}

TEST_CASE("a payment_url that is not an absolute http(s) URL is refused with the reason") {
  const struct {
    const char* body;
    const char* says;
  } cases[] = {
      {R"j({"payment_url":"javascript:alert(1)"})j", "absolute http:// or https://"},
      {R"({"payment_url":"ftp://pay.example/x"})", "absolute http:// or https://"},
      {R"({"payment_url":"/pay/pay_1"})", "absolute http:// or https://"},
      {R"({"payment_url":"https://user:pw@pay.example/"})", "user information"},
      {R"({"payment_url":"https://pay.example/a b"})", "not visible ASCII"},
      {R"({"payment_url":"https://pay.example/\u001b[31m"})", "not visible ASCII"},
      {R"({"payment_url":""})", "absolute http:// or https://"},
      {R"({"payment_url":17})", "not a string"},
      {R"({"payment_url":{"href":"https://pay.example/"}})", "not a string"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    const PaymentLink link = link_of(c.body);
    CHECK_FALSE(link.url);
    CHECK(link.refusal.find(c.says) != std::string::npos);
    CHECK(link.refusal.find('\x1b') == std::string::npos);  // quoted escaped, never raw
  }
}

TEST_CASE("an overlong payment_url is refused and quoted only in part") {
  const std::string url = "https://pay.example/" + std::string(3000, 'a');
  const PaymentLink link = link_of(R"({"payment_url":")" + url + R"("})");
  CHECK_FALSE(link.url);
  CHECK(link.refusal.find("longer than 2048 bytes") != std::string::npos);
  CHECK(link.refusal.size() < 300);
}

struct Fixture {
  payq::testing::FakeClock clock;
  payq::testing::FakeTransport transport;
  payq::testing::CountingGate gate;
  TokenCache tokens{clock, gate, test::settings()};
  PaymentApi api{transport, tokens, gate, clock, test::settings(), {}};
};

const CreateRequest kIntent{"R-1", "10.50", "EUR", "https://shop.example/done"};

TEST_CASE("a create answer's payment_url reaches the ApiResult; the body stays whole") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1"));
  f.transport.push(test::kPaymentUrl, payq::testing::http_response(
                                          201, R"({"id":"pay_1","status":"pending","reference_id":"R-1",)"
                                               R"("payment_url":"https://pay.example/p/pay_1"})"));
  const ApiResult result = f.api.create(kIntent);
  REQUIRE(result.outcome == Outcome::kSuccess);
  CHECK(result.payment_url == "https://pay.example/p/pay_1");
  CHECK(result.body.find("\"payment_url\":\"https://pay.example/p/pay_1\"") != std::string::npos);
}

TEST_CASE("a hostile payment_url leaves the create a success without a link") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1"));
  f.transport.push(test::kPaymentUrl, payq::testing::http_response(
                                          201, R"({"id":"pay_1","status":"pending","reference_id":"R-1",)"
                                               R"j("payment_url":"javascript:steal()"})j"));
  const ApiResult result = f.api.create(kIntent);
  CHECK(result.outcome == Outcome::kSuccess);
  CHECK(result.remote_id == "pay_1");
  CHECK_FALSE(result.payment_url);
  CHECK(result.body.find("javascript:steal()") != std::string::npos);
}

TEST_CASE("a payment_url echoing our secret is stored redacted") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1"));
  const std::string body = std::string(R"({"id":"pay_1","status":"pending","reference_id":"R-1",)") +
                           R"("payment_url":"https://pay.example/?s=)" + test::kSecret + R"("})";
  f.transport.push(test::kPaymentUrl, payq::testing::http_response(201, body));
  const ApiResult result = f.api.create(kIntent);
  REQUIRE(result.payment_url);
  CHECK(result.payment_url->find(test::kSecret) == std::string::npos);
  CHECK(result.payment_url->find(Redactor::kMark) != std::string::npos);
}

TEST_CASE("a poll answer's payment_url is not taken (only the create's is recorded)") {
  Fixture f;
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1"));
  f.transport.push("/payment/request/pay_1", payq::testing::http_response(
                                                 200, R"({"id":"pay_1","status":"paid","reference_id":"R-1",)"
                                                      R"("payment_url":"https://pay.example/p/pay_1"})"));
  const ApiResult result = f.api.get("pay_1", "R-1");
  CHECK(result.outcome == Outcome::kSuccess);
  CHECK_FALSE(result.payment_url);
}

}  // namespace
}  // namespace payq::api
