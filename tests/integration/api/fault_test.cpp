// integration/api/fault_test.cpp — each injected sandbox fault, classified by the real client: what a
// create makes of it (ambiguous unless surely not processed) and what a poll makes of it (retryable).
#include <doctest/doctest.h>

#include <thread>

#include "client_fixture.h"
#include "sandbox_process.h"

namespace payq::testing {
namespace {

using api::Outcome;

const api::CreateRequest kIntent{"F-1", "5.00", "USD", "https://shop.example/done"};

TEST_CASE("500 before creating and 500 after creating are both ambiguous for a create") {
  for (const char* fault : {"--fail-before-create", "--fail-after-create"}) {
    CAPTURE(fault);
    SandboxProcess sandbox({fault, "1"});
    REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
    Client client(sandbox_settings(sandbox.base_url()));
    const api::ApiResult result = client.api.create(kIntent);
    CHECK(result.outcome == Outcome::kAmbiguous);
    const auto create = client.of_kind(api::RequestKind::kCreate).at(0);
    CHECK(create.http_status == 500);
    CHECK(create.ambiguous);
  }
}

TEST_CASE("a connection closed after creating is maybe-sent, and the create is not repeated") {
  SandboxProcess sandbox({"--drop-after-create", "1"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  const api::ApiResult result = client.api.create(kIntent);
  CHECK(result.outcome == Outcome::kAmbiguous);
  const auto create = client.of_kind(api::RequestKind::kCreate).at(0);
  CHECK(create.http_status == 0);
  CHECK(create.transport_error == api::TransportErrorClass::kMaybeSent);
  const auto stats = sandbox_stats(sandbox.base_url());
  CHECK(stat(*stats, "payments_created") == 1);
  CHECK(stat(*stats, "duplicate_reference_ids") == 0);
  CHECK(stat(*stats, "dropped") == 1);
}

TEST_CASE("a truncated 201 body is ambiguous") {
  SandboxProcess sandbox({"--truncate", "1"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  const api::ApiResult result = client.api.create(kIntent);
  CHECK(result.outcome == Outcome::kAmbiguous);
  CHECK(result.body.size() > 0);  // kept for storage even though it does not parse
  CHECK(client.of_kind(api::RequestKind::kCreate).at(0).http_status == 201);
}

TEST_CASE("a slow answer past our timeout is ambiguous for a create and retryable for a poll") {
  SandboxProcess sandbox({"--slow", "1", "--slow-delay", "3s"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  auto settings = sandbox_settings(sandbox.base_url());
  settings.timeout = std::chrono::milliseconds(700);
  Client client(settings);
  const api::ApiResult created = client.api.create(kIntent);
  CHECK(created.outcome == Outcome::kAmbiguous);
  CHECK(client.of_kind(api::RequestKind::kCreate).at(0).transport_error == api::TransportErrorClass::kMaybeSent);
  const api::ApiResult polled = client.api.get("pr_000001");
  CHECK(polled.outcome == Outcome::kRetryableNotSent);
  CHECK(client.of_kind(api::RequestKind::kPoll).at(0).transport_error == api::TransportErrorClass::kMaybeSent);
}

TEST_CASE("an outage answering 503 is ambiguous for a create and retryable for a poll") {
  SandboxProcess sandbox({"--outage-at", "0", "--outage-for", "1m"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  const api::ApiResult created = client.api.create(kIntent);
  // The token call meets the outage first: nothing was sent, so the create is retryable.
  CHECK(created.outcome == Outcome::kRetryableNotSent);
  CHECK(created.token_failed);
  CHECK(client.of_kind(api::RequestKind::kToken).at(0).http_status == 503);
}

TEST_CASE("an outage that starts after the token: 503 on create is ambiguous, on poll retryable") {
  SandboxProcess sandbox({"--outage-at", "1s", "--outage-for", "1m"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  REQUIRE(client.api.create(kIntent).outcome == Outcome::kSuccess);  // well before the outage
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(client.api.create({"F-2", "1", "USD", "https://shop.example"}).outcome == Outcome::kAmbiguous);
  CHECK(client.api.get("pr_x").outcome == Outcome::kRetryableNotSent);
  CHECK(client.of_kind(api::RequestKind::kCreate).back().http_status == 503);
}

TEST_CASE("an outage that closes connections is maybe-sent") {
  SandboxProcess sandbox({"--outage-at", "1s", "--outage-for", "1m", "--outage-mode", "close"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  REQUIRE(client.api.create(kIntent).outcome == Outcome::kSuccess);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(client.api.create({"F-3", "1", "USD", "https://shop.example"}).outcome == Outcome::kAmbiguous);
  CHECK(client.of_kind(api::RequestKind::kCreate).back().transport_error == api::TransportErrorClass::kMaybeSent);
  CHECK(stat(*sandbox_stats(sandbox.base_url()), "payments_created") == 1);
}

}  // namespace
}  // namespace payq::testing

namespace payq::testing {
namespace {

TEST_CASE("an outage that refuses connections is not sent, and the sandbox listens again after it") {
  SandboxProcess sandbox({"--outage-at", "500ms", "--outage-for", "1s", "--outage-mode", "refuse"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  {
    Client client(sandbox_settings(sandbox.base_url()));
    const api::ApiResult result = client.api.create(kIntent);
    CHECK(result.outcome == api::Outcome::kRetryableNotSent);
    CHECK(client.records.at(0).transport_error == api::TransportErrorClass::kNotSent);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  Client client(sandbox_settings(sandbox.base_url()));
  CHECK(client.api.create(kIntent).outcome == api::Outcome::kSuccess);
}

}  // namespace
}  // namespace payq::testing
