// worker/submitter_faults_test.cpp — the submit loop on a bad day: bookkeeping that cannot be written, a claim lost
// or paused before the send, a partner that is down or refuses our credentials, a database that is full or locked.
// A received remote id is never lost, nothing is sent on a claim that is not ours, and nothing here is fatal.
#include <doctest/doctest.h>

#include "support/faulty_vfs.h"
#include "worker/submitter.h"
#include "worker_fixture.h"

using payq::testing::http_response;
using payq::testing::transport_error;
using payq::testing::WorkerFixture;
using payq::worker::Pass;
using payq::worker::Submitter;

namespace {

// A connection to the fixture's database through the fault-injecting VFS.
std::unique_ptr<payq::store::Connection> faulty_connection(WorkerFixture& f) {
  return std::move(payq::store::open_store({.location = f.settings.database_location, .migrate = false,
                                            .vfs = payq::testing::kFaultyVfsName}))
      .value();
}

}  // namespace

TEST_SUITE("worker.faults") {

TEST_CASE("a 201 is committed even when api_calls rows cannot be written") {
  WorkerFixture f(1);
  f.db->exec("CREATE TRIGGER refuse_calls BEFORE INSERT ON api_calls BEGIN SELECT RAISE(ABORT, 'no room'); END");
  f.transport.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == Pass::kWorked);
  CHECK(f.column("R-1", "state") == "submitted");
  CHECK(f.column("R-1", "remote_id") == "pay_1");
  CHECK(submitter.run_once() == Pass::kIdle);  // and the thread carries on
}

TEST_CASE("a Retry-After pause that starts while an intent is claimed releases it; nothing is sent") {
  WorkerFixture f(1);
  f.transport.before("/oauth/token", [&] {
    f.clock.advance(std::chrono::milliseconds(10));  // the token fetch takes time: the prepaid permit is stale
    f.limiter.on_throttled(std::chrono::seconds(60));
  });
  f.transport.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == Pass::kWorked);
  CHECK(f.transport.count("/payment/request") == 0);
  CHECK(f.column("R-1", "state") == "queued");
  CHECK(f.column("R-1", "attempts") == "0");
  CHECK(f.count("SELECT count(*) FROM status_transitions WHERE new_value = 'queued' AND detail LIKE 'not sent:%paused%'")
        == 1);
}

TEST_CASE("a claim taken over before the send is never sent and never written over") {
  WorkerFixture f(1);
  f.transport.before("/oauth/token", [&] {
    // Another owner (a newer epoch's recovery and claim) took the intent while this worker fetched a token.
    f.db->exec("UPDATE payment_intents SET claim_epoch = 99, claim_seq = 1");
  });
  f.transport.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == Pass::kWorked);
  CHECK(f.transport.count("/payment/request") == 0);
  CHECK(f.column("R-1", "state") == "submitting");
  CHECK(f.column("R-1", "claim_epoch") == "99");
}

TEST_CASE("an outage longer than the whole retry budget fails no intent; all are created once it ends") {
  WorkerFixture f(3);
  f.settings.create.retry.max_attempts = 2;
  f.transport.push("/payment/request", transport_error(payq::api::TransportErrorClass::kNotSent, "connection refused"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  for (int i = 0; i < 400; ++i) submitter.run_once();  // ~40 s of fake time: 2 attempts would have failed all
  CHECK(f.count("SELECT count(*) FROM payment_intents WHERE state IN ('failed', 'on_hold')") == 0);
  CHECK(f.count("SELECT sum(attempts) FROM payment_intents") == 0);
  CHECK(f.partner.problem().has_value());
  // The breaker probes with one request at a time, backing off: far fewer creates than passes.
  const int tried = f.transport.count("/payment/request");
  CHECK(tried < 15);
  payq::testing::FakeTransport healthy;
  healthy.push("/oauth/token", payq::testing::token_ok());
  for (int i = 1; i <= 3; ++i) {
    healthy.push("/payment/request", payq::testing::created_answer("R-" + std::to_string(i), "pay_" + std::to_string(i)));
  }
  Submitter after(context, f.connection(), healthy, f.stop.get_token());
  for (int i = 0; i < 800 && f.count("SELECT count(*) FROM payment_intents WHERE state = 'submitted'") < 3; ++i) {
    after.run_once();
  }
  CHECK(f.count("SELECT count(*) FROM payment_intents WHERE state = 'submitted'") == 3);
  CHECK_FALSE(f.partner.problem().has_value());
}

TEST_CASE("a token endpoint outage uses no attempt of any intent") {
  WorkerFixture f(1);
  payq::testing::FakeTransport down;
  down.push("/oauth/token", http_response(503, "{}"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), down, f.stop.get_token());
  for (int i = 0; i < 100; ++i) submitter.run_once();
  CHECK(f.column("R-1", "state") == "queued");
  CHECK(f.column("R-1", "attempts") == "0");
  CHECK(down.count("/payment/request") == 0);
  CHECK(down.count("/oauth/token") < 10);  // probed, backing off, not hammered
  CHECK(f.partner.problem().has_value());
}

TEST_CASE("rejected credentials stop claims until a reload, then one probe resumes the work") {
  WorkerFixture f(2);
  f.transport.push("/payment/request", http_response(401, R"({"error":"invalid_token"})"));
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == Pass::kWorked);
  CHECK(f.transport.count("/payment/request") == 2);  // the call and its one repeat with a fresh token
  REQUIRE(f.partner.problem().has_value());
  CHECK(f.partner.problem()->find("credentials rejected") != std::string::npos);
  for (int i = 0; i < 50; ++i) CHECK(submitter.run_once() == Pass::kIdle);
  CHECK(f.transport.count("/payment/request") == 2);
  CHECK(f.count("SELECT sum(attempts) FROM payment_intents") == 0);
  payq::testing::FakeTransport fixed;
  fixed.push("/oauth/token", payq::testing::token_ok());
  fixed.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  f.partner.credentials_reloaded();
  Submitter after(context, f.connection(), fixed, f.stop.get_token());
  for (int i = 0; i < 100 && f.column("R-1", "state") != "submitted"; ++i) after.run_once();
  CHECK(f.column("R-1", "state") == "submitted");
  CHECK_FALSE(f.partner.problem().has_value());
}

TEST_CASE("a full disk after the 201: no claims meanwhile, the remote id is committed once writes succeed") {
  auto& faults = payq::testing::faulty_vfs();
  faults.clear();
  WorkerFixture f(2);
  f.transport.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  f.transport.before("/payment/request", [&] {
    faults.write_code = SQLITE_FULL;
    faults.writes_to_fail = 6;  // the commit of the outcome fails a few times over
  });
  auto context = f.context();
  Submitter submitter(context, faulty_connection(f), f.transport, f.stop.get_token());
  CHECK(submitter.run_once() == Pass::kWorked);
  faults.clear();
  CHECK(faults.faults_injected > 0);
  CHECK(f.column("R-1", "state") == "submitted");
  CHECK(f.column("R-1", "remote_id") == "pay_1");
  CHECK(f.column("R-2", "state") == "queued");
  CHECK(f.store_health.claims_allowed());
}

TEST_CASE("a durability failure of a claim stops claiming until a write succeeds; nothing is fatal") {
  auto& faults = payq::testing::faulty_vfs();
  faults.clear();
  WorkerFixture f(1);
  f.transport.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  auto context = f.context();
  Submitter submitter(context, faulty_connection(f), f.transport, f.stop.get_token());
  faults.sync_code = SQLITE_IOERR_FSYNC;
  faults.syncs_to_fail = 1000;
  CHECK(submitter.run_once() == Pass::kIdle);
  CHECK_FALSE(f.store_health.claims_allowed());
  REQUIRE(f.store_health.problem().has_value());
  for (int i = 0; i < 5; ++i) CHECK(submitter.run_once() == Pass::kIdle);
  faults.clear();
  f.store_health.write_succeeded();  // the maintenance loop's heartbeat does this once the disk is back
  for (int i = 0; i < 20 && f.column("R-1", "state") != "submitted"; ++i) submitter.run_once();
  CHECK(f.column("R-1", "state") == "submitted");
  CHECK(f.transport.count("/payment/request") == 1);
}

TEST_CASE("a write lock held by another process is waited out: the claim goes through when it is released") {
  auto& faults = payq::testing::faulty_vfs();
  faults.clear();
  WorkerFixture f(1);
  f.transport.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  auto context = f.context();
  Submitter submitter(context, faulty_connection(f), f.transport, f.stop.get_token());
  faults.write_locks_to_fail = 100000;  // well past the busy timeout: the claim answers SQLITE_BUSY
  for (int i = 0; i < 3; ++i) CHECK(submitter.run_once() == Pass::kIdle);
  CHECK(f.column("R-1", "state") == "queued");
  CHECK(f.store_health.claims_allowed());  // a held lock is not a durability failure
  faults.clear();
  for (int i = 0; i < 20 && f.column("R-1", "state") != "submitted"; ++i) submitter.run_once();
  CHECK(f.column("R-1", "state") == "submitted");
}

}  // TEST_SUITE
