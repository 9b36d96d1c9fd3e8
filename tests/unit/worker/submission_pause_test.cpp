// worker/submission_pause_test.cpp — the operator's pause as the submitters see it: while it is set a submitter
// claims and sends nothing (its intents stay queued, time passes on the fake clock); once lifted, it submits.
#include <doctest/doctest.h>

#include "worker/submission_pause.h"
#include "worker/submitter.h"
#include "worker_fixture.h"

using payq::store::PauseState;
using payq::testing::WorkerFixture;
using payq::worker::Pass;
using payq::worker::Submitter;
using payq::worker::SubmissionPause;

TEST_SUITE("worker") {

TEST_CASE("a paused submitter claims and sends nothing; after the resume it submits") {
  WorkerFixture f(2);
  f.transport.push("/payment/request", payq::testing::created_answer("R-1", "pay_1"));
  f.pause.update(PauseState{1000, "alice", "partner maintenance"});
  auto context = f.context();
  Submitter submitter(context, f.connection(), f.transport, f.stop.get_token());
  const auto start = f.clock.steady_now();
  for (int i = 0; i < 50; ++i) CHECK(submitter.run_once() == Pass::kIdle);
  CHECK(f.clock.steady_now() - start >= std::chrono::seconds(5));  // it waited in idle_check steps, no busy loop
  CHECK(f.transport.count("/payment/request") == 0);
  CHECK(f.count("SELECT count(*) FROM payment_intents WHERE state = 'queued'") == 2);
  CHECK(f.count("SELECT count(*) FROM status_transitions WHERE field = 'state' AND new_value = 'submitting'") == 0);

  f.pause.update(std::nullopt);
  CHECK(submitter.run_once() == Pass::kWorked);
  CHECK(f.column("R-1", "state") == "submitted");
  CHECK(f.transport.count("/payment/request") == 1);
}

TEST_CASE("a pause started paused holds claims until the first read, then follows the database") {
  SubmissionPause pause(/*start_paused=*/true);
  CHECK(pause.paused());
  CHECK(pause.describe().has_value());
  CHECK(pause.update(std::nullopt));  // the first read is a change: claims may start
  CHECK_FALSE(pause.paused());
  CHECK_FALSE(pause.describe().has_value());
  CHECK_FALSE(pause.update(std::nullopt));
  CHECK(pause.update(PauseState{0, "bob", "month end"}));
  CHECK_FALSE(pause.update(PauseState{0, "bob", "month end"}));
  CHECK(pause.paused());
  REQUIRE(pause.describe().has_value());
  CHECK(pause.describe()->find("paused by bob since 1970-01-01T00:00:00.000Z: month end") != std::string::npos);
  CHECK_FALSE(SubmissionPause().paused());
}

}  // TEST_SUITE
