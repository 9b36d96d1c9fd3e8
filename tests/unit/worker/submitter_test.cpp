// worker/submitter_test.cpp — the submit loop against a scripted partner: every create outcome lands on the
// intent and in api_calls, the permit is given back when nothing was claimed, 429s slow the whole process.
#include <doctest/doctest.h>

#include "worker/submitter.h"
#include "worker_fixture.h"

using payq::testing::http_response;
using payq::testing::WorkerFixture;
using payq::worker::Submitter;

TEST_SUITE("worker") {

TEST_CASE("a 201 commits the remote id, status and body, and every HTTP attempt is an api_calls row") {
  WorkerFixture f(1);
  f.transport.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-1", "state") == "submitted");
  CHECK(f.column("R-1", "remote_id") == "pay_1");
  CHECK(f.column("R-1", "remote_status") == "pending");
  CHECK(f.column("R-1", "remote_payload").find("\"id\":\"pay_1\"") != std::string::npos);
  CHECK(f.count("SELECT count(*) FROM api_calls WHERE kind='token' AND outcome='success' AND intent_id IS NULL") == 1);
  CHECK(f.count("SELECT count(*) FROM api_calls WHERE kind='create' AND http_status=201 AND intent_id=1") == 1);
  const auto requests = f.transport.requests();
  REQUIRE(requests.size() == 2);
  CHECK_FALSE(requests[1].resend_safe);
  CHECK(submitter.run_once() == payq::worker::Pass::kIdle);
}

TEST_CASE("a 429 requeues without using an attempt, honours Retry-After and halves the process rate") {
  WorkerFixture f(1);
  f.transport.push("/payment/request", http_response(429, "{}", {{"Retry-After", "7"}}));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  const double rate_before = f.limiter.current_rate();
  CHECK(submitter.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-1", "state") == "queued");
  CHECK(f.column("R-1", "attempts") == "0");
  CHECK(f.column("R-1", "throttled") == "1");
  CHECK(f.count("SELECT next_attempt_at - updated_at >= 7000 FROM payment_intents") == 1);
  CHECK(f.limiter.current_rate() < rate_before);
  CHECK(f.count("SELECT count(*) FROM api_calls WHERE outcome='rate_limited' AND http_status=429") == 1);
}

TEST_CASE("a 400 fails the intent with the partner's message verbatim") {
  WorkerFixture f(1);
  f.transport.push("/payment/request", http_response(400, R"({"error":{"message":"redirect_url is not allowed"}})"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-1", "state") == "failed");
  CHECK(f.column("R-1", "last_error") == "redirect_url is not allowed");
}

TEST_CASE("an ambiguous create is flagged and retried with the same reference, then held when attempts run out") {
  WorkerFixture f(1);
  f.transport.push("/payment/request", http_response(503, "upstream down"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  // Each idle pass advances the fake clock by at most idle_check, so a few seconds of backoff take ~50 passes.
  for (int i = 0; i < 500 && f.column("R-1", "state") != "on_hold"; ++i) submitter.run_once();
  CHECK(f.column("R-1", "state") == "on_hold");
  CHECK(f.column("R-1", "ambiguous") == "1");
  CHECK(f.column("R-1", "attempts") == "3");
  CHECK(f.column("R-1", "last_error").find("attempts exhausted (3)") != std::string::npos);
  CHECK(f.transport.count("/payment/request") == 3);
  for (const auto& r : f.transport.requests()) {
    if (r.url.find("/payment/request") == std::string::npos) continue;
    bool keyed = false;
    for (const auto& [name, value] : r.headers) keyed = keyed || (name == "Idempotency-Key" && value == "R-1");
    CHECK(keyed);
  }
  CHECK(f.count("SELECT count(*) FROM api_calls WHERE kind='create' AND ambiguous=1") == 3);
}

TEST_CASE("on_ambiguous: hold parks an ambiguous intent for a person") {
  WorkerFixture f(1);
  f.settings.create.on_ambiguous = payq::config::OnAmbiguous::kHold;
  f.transport.push("/payment/request", payq::testing::transport_error(payq::api::TransportErrorClass::kMaybeSent, "reset"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-1", "state") == "on_hold");
  CHECK(f.column("R-1", "ambiguous") == "1");
}

TEST_CASE("a 2xx that does not echo our reference is ambiguous, never a success") {
  WorkerFixture f(1);
  f.transport.push("/payment/request", payq::testing::created_answer("SOMEONE-ELSE", "pay_x"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-1", "state") == "queued");
  CHECK(f.column("R-1", "remote_id") == "");
  CHECK(f.column("R-1", "ambiguous") == "1");
}

TEST_CASE("an idle submitter takes no permit and makes no request") {
  WorkerFixture f(0);
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  for (int i = 0; i < 5; ++i) CHECK(submitter.run_once() == payq::worker::Pass::kIdle);
  CHECK(f.transport.requests().empty());
  CHECK(f.scheduler.granted().submit == 0);
  f.stop.request_stop();
  CHECK(submitter.run_once() == payq::worker::Pass::kStopped);
}

TEST_CASE("an idle submitter looks again after idle_check, or after listening_idle_check while the bell listens") {
  WorkerFixture f(0);
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  auto start = f.clock.steady_now();
  CHECK(submitter.run_once() == payq::worker::Pass::kIdle);
  CHECK(f.clock.steady_now() - start == f.settings.idle_check);

  f.arrivals.set_listening(true);
  start = f.clock.steady_now();
  CHECK(submitter.run_once() == payq::worker::Pass::kIdle);
  CHECK(f.clock.steady_now() - start == f.settings.listening_idle_check);
  CHECK(f.transport.requests().empty());
}

}  // TEST_SUITE
