// worker/partner_breaker_test.cpp — what a result says about the partner, and the breaker's states: open on an
// outage with doubling probe backoff, one probe at a time, closed by any answer; credentials wait for a reload.
// And what it logs: an episode's first line with the intent that met it, then a summary a minute, then its end.
#include <doctest/doctest.h>

#include "support/fake_clock.h"
#include "support/log_capture.h"
#include "worker/partner_breaker.h"

using payq::api::ApiResult;
using payq::api::Outcome;
using payq::worker::PartnerBreaker;
using payq::worker::PartnerSignal;

namespace {

ApiResult with(Outcome outcome) {
  ApiResult r;
  r.outcome = outcome;
  return r;
}

}  // namespace

TEST_SUITE("worker.partner_breaker") {

TEST_CASE("answers, outages, credential refusals and local refusals are told apart") {
  CHECK(payq::worker::partner_signal(with(Outcome::kSuccess)) == PartnerSignal::kAnswered);
  CHECK(payq::worker::partner_signal(with(Outcome::kRateLimited)) == PartnerSignal::kAnswered);
  CHECK(payq::worker::partner_signal(with(Outcome::kPermanent)) == PartnerSignal::kAnswered);
  CHECK(payq::worker::partner_signal(with(Outcome::kRetryableNotSent)) == PartnerSignal::kUnreachable);
  CHECK(payq::worker::partner_signal(with(Outcome::kAmbiguous)) == PartnerSignal::kUnreachable);
  CHECK(payq::worker::partner_signal(with(Outcome::kUnauthorized)) == PartnerSignal::kCredentialsRejected);
  ApiResult refused = with(Outcome::kRetryableNotSent);
  refused.not_sent_locally = true;
  CHECK(payq::worker::partner_signal(refused) == PartnerSignal::kNotTried);
}

TEST_CASE("an outage opens the breaker; probes back off, one at a time; an answer closes it") {
  payq::testing::FakeClock clock;
  PartnerBreaker breaker(clock, {std::chrono::seconds(1), std::chrono::seconds(4)});
  CHECK_FALSE(breaker.blocked_until().has_value());
  CHECK(breaker.admit());
  breaker.report(PartnerSignal::kUnreachable, "connection refused");
  REQUIRE(breaker.blocked_until().has_value());
  CHECK(*breaker.blocked_until() == clock.steady_now() + std::chrono::seconds(1));
  CHECK_FALSE(breaker.admit());
  clock.advance(std::chrono::seconds(1));
  CHECK_FALSE(breaker.blocked_until().has_value());
  CHECK(breaker.admit());        // the probe
  CHECK_FALSE(breaker.admit());  // only one at a time
  breaker.report(PartnerSignal::kUnreachable, "connection refused");
  CHECK(*breaker.blocked_until() == clock.steady_now() + std::chrono::seconds(2));
  for (int i = 0; i < 3; ++i) {
    clock.advance(std::chrono::seconds(8));
    REQUIRE(breaker.admit());
    breaker.report(PartnerSignal::kUnreachable, "connection refused");
  }
  CHECK(*breaker.blocked_until() == clock.steady_now() + std::chrono::seconds(4));  // capped
  REQUIRE(breaker.problem().has_value());
  CHECK(breaker.problem()->find("partner unreachable: connection refused") != std::string::npos);
  clock.advance(std::chrono::seconds(4));
  REQUIRE(breaker.admit());
  breaker.report(PartnerSignal::kNotTried, "");  // the probe was not sent after all: someone else may probe
  REQUIRE(breaker.admit());
  breaker.report(PartnerSignal::kAnswered, "");
  CHECK_FALSE(breaker.blocked_until().has_value());
  CHECK_FALSE(breaker.problem().has_value());
}

TEST_CASE("rejected credentials block until a reload, which lets one probe through") {
  payq::testing::FakeClock clock;
  PartnerBreaker breaker(clock, {});
  REQUIRE(breaker.admit());
  breaker.report(PartnerSignal::kCredentialsRejected, "HTTP 401");
  clock.advance(std::chrono::hours(5));
  CHECK(breaker.blocked_until().has_value());
  CHECK_FALSE(breaker.admit());
  breaker.report(PartnerSignal::kUnreachable, "later outage");  // does not hide the credential problem
  CHECK(breaker.problem()->find("credentials rejected") != std::string::npos);
  breaker.credentials_reloaded();
  CHECK(breaker.admit());
  CHECK_FALSE(breaker.admit());
  breaker.report(PartnerSignal::kAnswered, "");
  CHECK_FALSE(breaker.problem().has_value());
}

TEST_CASE("an outage is one error line with its intent, its failed probes a summary a minute, its end one line") {
  payq::testing::FakeClock clock;
  payq::testing::LogCapture log;
  PartnerBreaker breaker(clock, {std::chrono::seconds(1), std::chrono::seconds(20)});
  REQUIRE(breaker.admit());
  breaker.report(PartnerSignal::kUnreachable, "connection refused", {"INV-7", {}});
  for (int i = 0; i < 5; ++i) {  // a failed probe every 20 s
    clock.advance(std::chrono::seconds(20));
    REQUIRE(breaker.admit());
    breaker.report(PartnerSignal::kUnreachable, "connection refused", {"INV-8", {}});
  }
  auto lines = log.lines();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "error ref=INV-7 partner API unreachable: connection refused; no claims or polls, probing with one "
                    "request at a time; next probe in 1000 ms; further ones are summarised every 60 s");
  CHECK(lines[1] == "warn  partner API unreachable 3 times in the last 60 s; next probe in 8000 ms");
  clock.advance(std::chrono::seconds(20));
  REQUIRE(breaker.admit());
  breaker.report(PartnerSignal::kAnswered, "");
  lines = log.lines();
  REQUIRE(lines.size() == 3);
  CHECK(lines[2] == "warn  partner API answers again after partner unreachable: connection refused: resuming "
                    "(6 failed requests in this outage)");
}

TEST_CASE("refused credentials are one error line naming the intent whose call met them") {
  payq::testing::FakeClock clock;
  payq::testing::LogCapture log;
  PartnerBreaker breaker(clock, {});
  REQUIRE(breaker.admit());
  breaker.report(PartnerSignal::kCredentialsRejected, "token endpoint: HTTP 401 invalid_client", {"INV-9", {}});
  breaker.report(PartnerSignal::kCredentialsRejected, "token endpoint: HTTP 401 invalid_client", {"INV-10", {}});
  const auto lines = log.lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].starts_with("error ref=INV-9 partner API rejects our credentials (token endpoint: HTTP 401"));
}

}  // TEST_SUITE
