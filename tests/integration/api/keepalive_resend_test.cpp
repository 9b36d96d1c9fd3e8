// integration/api/keepalive_resend_test.cpp — a kept-alive connection that dies after receiving a create
// must not make libcurl send the create again: the server sees it once and the client says maybe-sent.
#include <doctest/doctest.h>

#include "client_fixture.h"
#include "dropping_server.h"

namespace payq::testing {
namespace {

constexpr const char* kToken = R"({"access_token":"tok-keepalive-1","expires_in":3600})";

TEST_CASE("a create on a reused connection that dies unanswered is not re-sent and is maybe-sent") {
  DroppingServer server(kToken);
  Client client(sandbox_settings(server.base_url()));
  const api::ApiResult result = client.api.create({"KA-1", "10.00", "EUR", "https://shop.example/done"});
  CHECK(server.count("POST /oauth/token") == 1);
  CHECK(server.count("POST /payment/request") == 1);  // libcurl 7.88 would otherwise send it twice
  CHECK(result.outcome == api::Outcome::kAmbiguous);
  const auto creates = client.of_kind(api::RequestKind::kCreate);
  REQUIRE(creates.size() == 1);
  CHECK(creates[0].transport_error == api::TransportErrorClass::kMaybeSent);
  CHECK(creates[0].ambiguous);
  CHECK(creates[0].error.find("rewind") != std::string::npos);
}

TEST_CASE("control: the same server does make libcurl repeat a GET, which is safe") {
  DroppingServer server(kToken);
  Client client(sandbox_settings(server.base_url()));
  client.api.get("pay_1", "KA-2");
  // Proves the scenario above really reaches libcurl's silent retry: a GET goes out twice.
  CHECK(server.count("GET /payment/request/pay_1") == 2);
}

}  // namespace
}  // namespace payq::testing
