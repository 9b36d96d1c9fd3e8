// integration/api/sandbox_limits_test.cpp — the sandbox is strict enough to mean something: its rolling
// window never admits more than the limit, token calls count, and its latency shows in our timings.
#include <doctest/doctest.h>

#include "client_fixture.h"
#include "sandbox_process.h"

namespace payq::testing {
namespace {

using api::Outcome;

TEST_CASE("a burst is cut at the limit in the rolling second, the token call included") {
  SandboxProcess sandbox({"--rate-limit", "5", "--retry-after", "1"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  int accepted = 0;
  int limited = 0;
  for (int i = 0; i < 10; ++i) {
    const Outcome outcome = client.api.get("pr_none").outcome;
    accepted += outcome == Outcome::kPermanent ? 1 : 0;  // 404: accepted, no such payment
    limited += outcome == Outcome::kRateLimited ? 1 : 0;
  }
  CHECK(accepted == 4);  // 5 minus the token call
  CHECK(limited == 6);
  const auto stats = sandbox_stats(sandbox.base_url());
  CHECK(stat(*stats, "max_accepted_in_window") == 5);
  CHECK(stat(*stats, "max_arrived_in_window") == 11);
  CHECK(stat(*stats, "rate_limited") == 6);
}

TEST_CASE("added latency with jitter shows in the measured round trip") {
  SandboxProcess sandbox({"--latency", "80ms", "--jitter", "40ms", "--rate-limit", "0"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  for (int i = 0; i < 3; ++i) client.api.get("pr_none");
  REQUIRE(client.records.size() == 4);
  for (const auto& record : client.records) {
    CHECK(record.latency >= std::chrono::milliseconds(40));  // two one-way delays of 40 ± 20 ms
  }
}

TEST_CASE("the sandbox refuses bad options with a message naming the option") {
  SandboxProcess sandbox({"--truncate", "1.5"});
  CHECK_FALSE(sandbox.ok());
}

}  // namespace
}  // namespace payq::testing
