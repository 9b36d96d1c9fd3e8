// unit/api/token_cache_test.cpp — TokenCache: one fetch shared by concurrent callers, early refresh on
// the steady clock, invalidation after a 401, credentials in the form or HTTP Basic, failure messages.
#include "api/token_cache.h"

#include <doctest/doctest.h>

#include <latch>
#include <thread>
#include <vector>

#include "api/api_test_support.h"
#include "support/fake_clock.h"

namespace payq::api {
namespace {

using namespace std::chrono_literals;
using payq::testing::http_response;
using payq::testing::transport_error;

struct Fixture {
  payq::testing::FakeClock clock;
  payq::testing::FakeTransport transport;
  payq::testing::CountingGate gate;
  test::RecordingSink recorded;
};

TEST_CASE("the token is fetched once and reused while fresh") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1"));
  CHECK(cache.token(f.transport, f.recorded.sink()).access_token == "tok-1");
  CHECK(cache.token(f.transport, f.recorded.sink()).access_token == "tok-1");
  CHECK(f.transport.count(test::kTokenUrl) == 1);
  CHECK(f.gate.count(RequestKind::kToken) == 1);
  REQUIRE(f.recorded.records.size() == 1);
  CHECK(f.recorded.records[0].kind == RequestKind::kToken);
  CHECK(f.recorded.records[0].http_status == 200);
}

TEST_CASE("refresh happens early by max(10 s, 10% of expires_in)") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1", 3600));
  f.transport.push(test::kTokenUrl, test::token_answer("tok-2", 60));
  f.transport.push(test::kTokenUrl, test::token_answer("tok-3", 60));
  cache.token(f.transport, {});
  f.clock.advance(3240s - 1ms);  // 3600 - 360
  CHECK(cache.token(f.transport, {}).access_token == "tok-1");
  f.clock.advance(1ms);
  CHECK(cache.token(f.transport, {}).access_token == "tok-2");
  f.clock.advance(50s - 1ms);  // 60 - max(10, 6)
  CHECK(cache.token(f.transport, {}).access_token == "tok-2");
  f.clock.advance(1ms);
  CHECK(cache.token(f.transport, {}).access_token == "tok-3");
  CHECK(f.transport.count(test::kTokenUrl) == 3);
}

TEST_CASE("a token living 1 s is still used once, then refreshed after half its life") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.transport.push(test::kTokenUrl, test::token_answer("short-1", 1));
  f.transport.push(test::kTokenUrl, test::token_answer("short-2", 1));
  CHECK(cache.token(f.transport, {}).access_token == "short-1");
  CHECK(cache.token(f.transport, {}).access_token == "short-1");
  f.clock.advance(500ms);
  CHECK(cache.token(f.transport, {}).access_token == "short-2");
}

TEST_CASE("a failed early refresh keeps the old token until it expires, retrying every 5 s") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1", 100));  // refresh at 90 s, expiry at 100 s
  f.transport.push(test::kTokenUrl, http_response(503, ""));
  cache.token(f.transport, {});
  f.clock.advance(90s);
  CHECK(cache.token(f.transport, {}).access_token == "tok-1");  // refresh failed: old token still lives
  CHECK(f.transport.count(test::kTokenUrl) == 2);
  CHECK(cache.token(f.transport, {}).access_token == "tok-1");  // no new attempt within the retry delay
  CHECK(f.transport.count(test::kTokenUrl) == 2);
  f.clock.advance(5s);
  CHECK(cache.token(f.transport, {}).access_token == "tok-1");
  CHECK(f.transport.count(test::kTokenUrl) == 3);
  f.clock.advance(5s);  // expired now: the failure is the caller's answer
  const TokenResult expired = cache.token(f.transport, {});
  CHECK(expired.outcome == Outcome::kRetryableNotSent);
  CHECK(expired.access_token.empty());
}

TEST_CASE("8 concurrent callers share a single token call") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  constexpr int kCallers = 8;
  std::latch arrived(kCallers);
  f.transport.push(test::kTokenUrl, test::token_answer("shared"));
  f.transport.before(test::kTokenUrl, [&] { arrived.wait(); });  // hold the fetch until all have come
  std::vector<std::string> got(kCallers);
  {
    std::vector<std::jthread> callers;
    for (int i = 0; i < kCallers; ++i) {
      callers.emplace_back([&, i] {
        arrived.count_down();
        got[static_cast<size_t>(i)] = cache.token(f.transport, {}).access_token;
      });
    }
  }
  CHECK(f.transport.count(test::kTokenUrl) == 1);
  for (const auto& token : got) CHECK(token == "shared");
}

TEST_CASE("invalidate drops only the stale token") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.transport.push(test::kTokenUrl, test::token_answer("tok-1"));
  f.transport.push(test::kTokenUrl, test::token_answer("tok-2"));
  cache.token(f.transport, {});
  cache.invalidate("something-else");
  CHECK(cache.token(f.transport, {}).access_token == "tok-1");
  cache.invalidate("tok-1");
  CHECK(cache.token(f.transport, {}).access_token == "tok-2");
  cache.invalidate("tok-1");  // a late 401 for the old token must not drop the new one
  CHECK(cache.token(f.transport, {}).access_token == "tok-2");
  CHECK(f.transport.count(test::kTokenUrl) == 2);
}

TEST_CASE("client credentials go in the form, URL-encoded") {
  Fixture f;
  auto settings = test::settings();
  settings.client_id = "id with&";
  TokenCache cache(f.clock, f.gate, settings);
  f.transport.push(test::kTokenUrl, test::token_answer("t"));
  cache.token(f.transport, {});
  const auto request = f.transport.requests().at(0);
  CHECK(request.url == "https://api.example/oauth/token");
  CHECK(request.method == HttpMethod::kPost);
  CHECK(request.body == "grant_type=client_credentials&client_id=id%20with%26&client_secret=s3cr3t-DO-NOT-LOG");
}

TEST_CASE("client credentials in HTTP Basic when configured") {
  Fixture f;
  auto settings = test::settings();
  settings.client_id = "id";
  settings.client_secret = "secret-value";
  settings.basic_auth = true;
  settings.token_url = "https://auth.example/token";
  TokenCache cache(f.clock, f.gate, settings);
  f.transport.push("auth.example", test::token_answer("t"));
  CHECK(cache.token(f.transport, {}).outcome == Outcome::kSuccess);
  const auto request = f.transport.requests().at(0);
  CHECK(request.body == "grant_type=client_credentials");
  bool found = false;
  for (const auto& [name, value] : request.headers) {
    found |= name == "Authorization" && value == "Basic aWQ6c2VjcmV0LXZhbHVl";  // base64("id:secret-value")
  }
  CHECK(found);
}

TEST_CASE("a refusing token endpoint leaves its HTTP status and OAuth error code, never its words") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.transport.push(test::kTokenUrl, http_response(401, R"({"error":"invalid_client","error_description":"you sent )"
                                                       R"(client_id=merchant-1&client_secret=s3cr3t-DO-NOT-LOG"})",
                                                  {}, "Unauthorized s3cr3t-DO-NOT-LOG"));
  const auto result = cache.token(f.transport, f.recorded.sink());
  CHECK(result.outcome == Outcome::kUnauthorized);
  CHECK(result.access_token.empty());
  CHECK(result.error == "token endpoint: HTTP 401 invalid_client");
  CHECK(f.recorded.records.at(0).error == "token endpoint: HTTP 401 invalid_client");
  CHECK(f.recorded.records.at(0).http_status == 401);
}

TEST_CASE("an OAuth error that is not a plain code is dropped: only the status stays") {
  auto settings = test::settings();
  settings.client_secret = "lowercase_secret";
  for (const char* body : {R"({"error":"bad client: client_secret=lowercase_secret"})",
                           R"({"error":"lowercase_secret"})",  // a plain word, but the secret itself
                           R"({"error":"Invalid_Client"})", R"({"error":{"message":"invalid_client"}})",
                           R"({"error":"invalid_client_invalid_client_invalid_client_invalid_client_invalid_x"})",
                           "client_secret=lowercase_secret", ""}) {
    CAPTURE(body);
    Fixture f;
    TokenCache cache(f.clock, f.gate, settings);
    f.transport.push(test::kTokenUrl, http_response(400, body));
    const auto result = cache.token(f.transport, f.recorded.sink());
    CHECK(result.outcome == Outcome::kPermanent);
    CHECK(result.error == "token endpoint: HTTP 400");
    CHECK(f.recorded.records.at(0).error == "token endpoint: HTTP 400");
  }
}

TEST_CASE("a 2xx token answer without a token says so in our words, not the body's") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.transport.push(test::kTokenUrl, http_response(200, R"({"echo":"client_secret=s3cr3t-DO-NOT-LOG"})"));
  const auto result = cache.token(f.transport, {});
  CHECK(result.outcome == Outcome::kRetryableNotSent);
  CHECK(result.error == "token endpoint: HTTP 200: not a token response");
}

TEST_CASE("a transport error keeps the transport's description, redacted all the same") {
  Fixture f;
  auto settings = test::settings();
  settings.client_secret = "p@ss w/rd";
  TokenCache cache(f.clock, f.gate, settings);
  f.transport.push(test::kTokenUrl, transport_error(TransportErrorClass::kNotSent, "could not connect; p%40ss+w%2frd"));
  const auto result = cache.token(f.transport, f.recorded.sink());
  CHECK(result.outcome == Outcome::kRetryableNotSent);
  CHECK(result.error == "token endpoint: could not connect; [redacted]");
  CHECK(f.recorded.records.at(0).error == result.error);
  CHECK(f.recorded.records.at(0).transport_error == TransportErrorClass::kNotSent);
}

TEST_CASE("a closed gate means the token call is not sent") {
  Fixture f;
  TokenCache cache(f.clock, f.gate, test::settings());
  f.gate.close();
  const auto result = cache.token(f.transport, {});
  CHECK(result.outcome == Outcome::kRetryableNotSent);
  CHECK(f.transport.count("") == 0);
}

}  // namespace
}  // namespace payq::api
