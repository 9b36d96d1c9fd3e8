// unit/api/token_lifetime_test.cpp — the partner's expires_in is bounded to [1 s, 24 h] before the token
// cache does time arithmetic with it: huge, fractional, negative or zero lifetimes. Fake clock; no sleeping.
#include <doctest/doctest.h>

#include <string>

#include "api/api_test_support.h"
#include "api/payment_api.h"
#include "support/fake_clock.h"

namespace payq::api {
namespace {

using namespace std::chrono_literals;
using payq::testing::http_response;

struct Fixture {
  payq::testing::FakeClock clock;
  payq::testing::FakeTransport transport;
  payq::testing::CountingGate gate;
  TokenCache tokens{clock, gate, test::settings()};
  PaymentApi api{transport, tokens, gate, clock, test::settings(), {}};
};

TransportResult token_with_lifetime(const std::string& expires_in) {
  return http_response(200, R"({"access_token":"tok","token_type":"Bearer","expires_in":)" + expires_in + "}");
}

TEST_CASE("a huge expires_in is one token for ten creates") {
  for (const std::string expires_in : {"9223372036854775807", "123456789012345672890", "1e300", "\"9223372036854775807\""}) {
    CAPTURE(expires_in);
    Fixture f;
    f.transport.push(test::kTokenUrl, token_with_lifetime(expires_in));
    for (int i = 0; i < 10; ++i) {
      f.transport.push(test::kPaymentUrl, test::created("R-" + std::to_string(i), "pay_" + std::to_string(i)));
    }
    for (int i = 0; i < 10; ++i) {
      const CreateRequest request{"R-" + std::to_string(i), "10.50", "EUR", "https://shop.example/done"};
      CHECK(f.api.create(request).outcome == Outcome::kSuccess);
      f.clock.advance(1s);
    }
    CHECK(f.transport.count(test::kTokenUrl) == 1);
  }
}

TEST_CASE("a lifetime above 24 h counts as 24 h: refreshed 10% early, at 21.6 h") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.transport.push(test::kTokenUrl, token_with_lifetime("9223372036854775807"));
  f.transport.push(test::kTokenUrl, test::token_answer("tok-2"));
  CHECK(cache.token(f.transport, {}).access_token == "tok");
  f.clock.advance(21h + 36min - 1ms);
  CHECK(cache.token(f.transport, {}).access_token == "tok");
  f.clock.advance(1ms);
  CHECK(cache.token(f.transport, {}).access_token == "tok-2");
}

TEST_CASE("a lifetime of 0 s or less counts as 1 s: the token serves the calls of the next half second") {
  for (const std::string expires_in : {"0", "-5", "-9223372036854775808"}) {
    CAPTURE(expires_in);
    Fixture f;
    TokenCache cache(f.clock, f.gate, test::settings());
    f.transport.push(test::kTokenUrl, token_with_lifetime(expires_in));
    f.transport.push(test::kTokenUrl, test::token_answer("tok-2"));
    CHECK(cache.token(f.transport, {}).access_token == "tok");
    f.clock.advance(499ms);
    CHECK(cache.token(f.transport, {}).access_token == "tok");
    f.clock.advance(1ms);
    CHECK(cache.token(f.transport, {}).access_token == "tok-2");
  }
}

}  // namespace
}  // namespace payq::api
