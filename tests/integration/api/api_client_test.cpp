// integration/api/api_client_test.cpp — the real libcurl client against a real payq-sandbox process:
// success, 4xx, 401, 429 with Retry-After, token expiry, refused connections.
#include <doctest/doctest.h>

#include <thread>

#include "client_fixture.h"
#include "sandbox_process.h"

namespace payq::testing {
namespace {

using api::Outcome;

const api::CreateRequest kIntent{"IT-1", "12.34", "EUR", "https://shop.example/done"};

TEST_CASE("create and poll succeed against the sandbox") {
  SandboxProcess sandbox;
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  const api::ApiResult created = client.api.create(kIntent);
  REQUIRE(created.outcome == Outcome::kSuccess);
  CHECK(created.remote_status == "pending");
  CHECK(created.body.find(R"("amount":"12.34")") != std::string::npos);
  CHECK(created.body.find("payment_url") != std::string::npos);
  const api::ApiResult polled = client.api.get(created.remote_id, kIntent.reference_id);
  CHECK(polled.outcome == Outcome::kSuccess);
  CHECK(polled.remote_id == created.remote_id);
  CHECK(client.of_kind(api::RequestKind::kToken).size() == 1);
  CHECK(client.of_kind(api::RequestKind::kCreate).at(0).http_status == 201);
}

TEST_CASE("the poll status follows the seeded schedule on the sandbox clock") {
  SandboxProcess sandbox({"--paid-fraction", "1", "--expired-fraction", "0", "--cancelled-fraction", "0",
                          "--settle-min", "5s", "--settle-max", "5s"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  const api::ApiResult created = client.api.create(kIntent);
  REQUIRE(created.outcome == Outcome::kSuccess);
  CHECK(client.api.get(created.remote_id).remote_status == "pending");
  advance_sandbox_clock(sandbox.base_url(), 6);
  CHECK(client.api.get(created.remote_id).remote_status == "paid");
}

TEST_CASE("4xx answers are permanent with the partner's message") {
  SandboxProcess sandbox({"--rate-limit", "0"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  const api::ApiResult amount = client.api.create({"IT-2", "12,34", "EUR", "https://shop.example"});
  CHECK(amount.outcome == Outcome::kPermanent);
  CHECK(amount.error == "amount: must be a positive decimal string");
  CHECK(client.api.create({"IT-3", "1", "euro", "https://shop.example"}).error ==
        "currency: must be a 3-letter ISO 4217 code");
  CHECK(client.api.create({"IT-4", "1", "EUR", "ftp://shop.example"}).error == "redirect_url: must be an http(s) URL");
  const api::ApiResult missing = client.api.get("pr_does_not_exist");
  CHECK(missing.outcome == Outcome::kPermanent);
  CHECK(missing.error == "payment request not found");
}

TEST_CASE("wrong credentials are unauthorized with the endpoint's status and error code, and nothing is created") {
  SandboxProcess sandbox;
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  auto settings = sandbox_settings(sandbox.base_url());
  settings.client_secret = "wrong-secret-value";
  Client client(settings);
  const api::ApiResult result = client.api.create(kIntent);
  CHECK(result.outcome == Outcome::kUnauthorized);
  CHECK(result.token_failed);
  CHECK(result.error == "token endpoint: HTTP 401 invalid_client");
  CHECK(result.error.find("wrong-secret-value") == std::string::npos);
  CHECK(client.of_kind(api::RequestKind::kCreate).empty());
  CHECK(stat(*sandbox_stats(sandbox.base_url()), "payments_created") == 0);
}

TEST_CASE("HTTP Basic client authentication works too") {
  SandboxProcess sandbox;
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  auto settings = sandbox_settings(sandbox.base_url());
  settings.basic_auth = true;
  Client client(settings);
  CHECK(client.api.create(kIntent).outcome == Outcome::kSuccess);
}

TEST_CASE("an expired token gets a 401, one refresh and one repeat") {
  SandboxProcess sandbox({"--token-expires-in", "60"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  REQUIRE(client.api.create(kIntent).outcome == Outcome::kSuccess);
  advance_sandbox_clock(sandbox.base_url(), 120);  // the sandbox thinks the token expired; we do not
  const api::ApiResult result = client.api.create({"IT-5", "1", "EUR", "https://shop.example"});
  CHECK(result.outcome == Outcome::kSuccess);
  CHECK(client.of_kind(api::RequestKind::kToken).size() == 2);
  const auto stats = sandbox_stats(sandbox.base_url());
  CHECK(stat(*stats, "unauthorized") == 1);
  CHECK(stat(*stats, "payments_created") == 2);
}

TEST_CASE("a token with expires_in 1 s is refreshed before it can expire") {
  SandboxProcess sandbox({"--token-expires-in", "1"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  REQUIRE(client.api.create(kIntent).outcome == Outcome::kSuccess);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // bounded: past the real expiry
  CHECK(client.api.create({"IT-6", "1", "EUR", "https://shop.example"}).outcome == Outcome::kSuccess);
  CHECK(client.of_kind(api::RequestKind::kToken).size() == 2);
  CHECK(stat(*sandbox_stats(sandbox.base_url()), "unauthorized") == 0);
}

TEST_CASE("429 carries Retry-After in seconds and as an HTTP-date") {
  for (const char* form : {"seconds", "date"}) {
    CAPTURE(form);
    SandboxProcess sandbox({"--rate-limit", "2", "--retry-after", "3", "--retry-after-form", form});
    REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
    Client client(sandbox_settings(sandbox.base_url()));
    REQUIRE(client.api.create(kIntent).outcome == Outcome::kSuccess);  // token + create fill the second
    const api::ApiResult limited = client.api.get("pr_any");
    CHECK(limited.outcome == Outcome::kRateLimited);
    REQUIRE(limited.retry_after.has_value());
    CHECK(*limited.retry_after >= std::chrono::seconds(2));
    CHECK(*limited.retry_after <= std::chrono::seconds(5));
    const auto stats = sandbox_stats(sandbox.base_url());
    CHECK(stat(*stats, "rate_limited") == 1);
    CHECK(stat(*stats, "max_accepted_in_window") == 2);
  }
}

TEST_CASE("a refused connection is retryable and not sent") {
  int port = 0;
  {
    SandboxProcess sandbox;
    REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
    port = sandbox.port();
  }
  Client client(sandbox_settings("http://127.0.0.1:" + std::to_string(port)));
  const api::ApiResult result = client.api.create(kIntent);
  CHECK(result.outcome == Outcome::kRetryableNotSent);
  CHECK(client.of_kind(api::RequestKind::kToken).at(0).transport_error == api::TransportErrorClass::kNotSent);
}

TEST_CASE("plain http to a non-loopback host is refused before anything is sent") {
  Client client(sandbox_settings("http://192.0.2.1:9"));
  const api::ApiResult result = client.api.create(kIntent);
  CHECK(result.outcome == Outcome::kRetryableNotSent);
  CHECK(result.error.find("plain http:// is refused") != std::string::npos);
}

}  // namespace
}  // namespace payq::testing
