// worker/reconciler_test.cpp — polls go oldest due first; each change lands with its transition; terminal
// statuses settle; an unknown status is recorded as is and polling goes on; failures reschedule.
#include <doctest/doctest.h>

#include <limits>

#include "store/sqlite/sqlite_queue_store.h"
#include "worker/reconciler.h"
#include "worker/rescuer.h"
#include "worker_fixture.h"

constexpr payq::store::ClaimOwner kTestOwner{1, 1};

using payq::testing::WorkerFixture;
using payq::worker::Reconciler;

namespace {

// Claims and marks every intent submitted as pay_<n>, first polls due in creation order.
void submit_all(WorkerFixture& f, int n) {
  payq::store::SqliteQueueStore queue(*f.db);
  const std::int64_t now = payq::worker::wall_ms(f.clock);
  for (int i = 1; i <= n; ++i) {
    auto c = *queue.claim(kTestOwner, now, now + 60'000);
    REQUIRE(c.has_value());
    REQUIRE(queue.record_created(*c, "pay_" + std::to_string(i), "pending", "{}", now, now + i).is_ok());
  }
}

}  // namespace

TEST_SUITE("worker") {

TEST_CASE("terminal statuses settle the intent, with one transition per change") {
  WorkerFixture f(2);
  submit_all(f, 2);
  f.transport.push("/payment/request/pay_1", payq::testing::status_answer("pay_1", "paid"));
  f.transport.push("/payment/request/pay_2", payq::testing::status_answer("pay_2", "pending"));
  auto context = f.context();
  Reconciler reconciler(context, f.connection(), f.transport, f.stop.get_token());
  f.clock.advance(std::chrono::seconds(1));
  CHECK(reconciler.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-1", "state") == "settled");
  CHECK(f.column("R-1", "remote_status") == "paid");
  CHECK(f.column("R-1", "settled_at") != "");
  CHECK(reconciler.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-2", "state") == "submitted");
  CHECK(f.column("R-2", "polls") == "1");
  CHECK(f.count("SELECT count(*) FROM status_transitions WHERE field='remote_status' AND new_value='paid'") == 1);
  CHECK(f.count("SELECT count(*) FROM api_calls WHERE kind='poll'") == 2);
  const auto requests = f.transport.requests();
  CHECK(requests[1].url.find("pay_1") != std::string::npos);  // oldest due first (after the token call)
}

TEST_CASE("an unknown status is recorded as is and the request stays polled") {
  WorkerFixture f(1);
  submit_all(f, 1);
  f.transport.push("/payment/request/pay_1", payq::testing::status_answer("pay_1", "refunded_partially"));
  auto context = f.context();
  Reconciler reconciler(context, f.connection(), f.transport, f.stop.get_token());
  f.clock.advance(std::chrono::seconds(1));
  CHECK(reconciler.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-1", "state") == "submitted");
  CHECK(f.column("R-1", "remote_status") == "refunded_partially");
}

TEST_CASE("a remote id the partner answers 404 to max_not_found polls in a row goes on hold; an answer resets it") {
  WorkerFixture f(2);
  f.settings.max_not_found = 3;
  submit_all(f, 2);
  f.transport.push("/payment/request/pay_1", payq::testing::http_response(404, R"({"error":{"message":"not found"}})"));
  f.transport.push("/payment/request/pay_2", payq::testing::http_response(404, R"({"error":{"message":"not found"}})"));
  f.transport.push("/payment/request/pay_2", payq::testing::status_answer("pay_2", "pending"));
  auto context = f.context();
  Reconciler reconciler(context, f.connection(), f.transport, f.stop.get_token());
  for (int i = 0; i < 2000 && f.column("R-1", "state") == "submitted"; ++i) reconciler.run_once();
  CHECK(f.column("R-1", "state") == "on_hold");
  CHECK(f.column("R-1", "not_found_polls") == "3");
  CHECK(f.transport.count("/payment/request/pay_1") == 3);
  CHECK(f.count("SELECT count(*) FROM status_transitions WHERE new_value = 'on_hold' AND observed_by = 'reconciler'"
                " AND detail LIKE '%404 to 3 polls in a row%'") == 1);
  CHECK(f.column("R-2", "state") == "submitted");  // one 404, then an answer: the count starts again
  CHECK(f.column("R-2", "not_found_polls") == "0");
}

TEST_CASE("a failed poll is counted and scheduled again later, the error kept") {
  WorkerFixture f(1);
  submit_all(f, 1);
  f.transport.push("/payment/request/pay_1", payq::testing::http_response(502, "bad gateway"));
  auto context = f.context();
  Reconciler reconciler(context, f.connection(), f.transport, f.stop.get_token());
  f.clock.advance(std::chrono::seconds(1));
  CHECK(reconciler.run_once() == payq::worker::Pass::kWorked);
  CHECK(f.column("R-1", "state") == "submitted");
  CHECK(f.column("R-1", "polls") == "1");
  CHECK(f.column("R-1", "last_error") != "");
  CHECK(f.count("SELECT next_poll_at > updated_at FROM payment_intents") == 1);
}

TEST_CASE("claims of earlier epochs are recovered as ambiguous outcomes; the own epoch's never are") {
  WorkerFixture f(3);
  payq::store::SqliteQueueStore queue(*f.db);
  const std::int64_t now = payq::worker::wall_ms(f.clock);
  REQUIRE(queue.claim(kTestOwner, now, now + 1'000)->has_value());
  REQUIRE(queue.claim(kTestOwner, now, now + 9'000)->has_value());
  REQUIRE(queue.claim({2, 1}, now, now + 1'000)->has_value());  // a live thread of the rescuer's own epoch
  payq::worker::Rescuer rescuer(queue, f.settings.create, /*own_epoch=*/2);
  CHECK(*rescuer.recover(now + 1'000, now + 1'000) == 1);
  CHECK(f.column("R-1", "state") == "queued");
  CHECK(f.column("R-1", "ambiguous") == "1");
  CHECK(f.column("R-1", "attempts") == "1");
  CHECK(f.column("R-2", "state") == "submitting");
  f.settings.create.on_ambiguous = payq::config::OnAmbiguous::kHold;
  CHECK(*rescuer.recover(now + 9'000, now + 9'000) == 1);
  CHECK(f.column("R-2", "state") == "on_hold");
  CHECK(f.count("SELECT count(*) FROM status_transitions WHERE observed_by='rescuer'") == 2);
  CHECK(*rescuer.recover(std::numeric_limits<std::int64_t>::max(), now + 9'000) == 0);
  CHECK(f.column("R-3", "state") == "submitting");
}

// 40 requests paid about 60 s after creation, 20 still pending at 10 min; then R-61, due first but at an age where
// the history shows no change, and R-62, due later, last seen pending before the 60 s mark.
void learned_history_and_two_due(WorkerFixture& f, payq::config::PollPolicy policy) {
  f.settings.polls.policy = policy;
  const std::int64_t now = payq::worker::wall_ms(f.clock);
  const std::int64_t old = now - 3'600'000;
  f.db->exec("UPDATE payment_intents SET state = 'submitted', remote_id = 'pay_' || substr(reference_id, 3),"
             " remote_status = 'pending', changed_by = 'submitter', submitted_at = " + std::to_string(old) +
             ", pending_seen_at = " + std::to_string(old + 600'000) + ", next_poll_at = " + std::to_string(now + 3'600'000));
  f.db->exec("UPDATE payment_intents SET state = 'settled', remote_status = 'paid', changed_by = 'reconciler',"
             " pending_seen_at = " + std::to_string(old + 50'000) + ", settled_at = " + std::to_string(old + 70'000) +
             " WHERE CAST(substr(reference_id, 3) AS INTEGER) <= 40");
  // R-61 was last seen pending at 120 s, after every payment the history shows (a sighting inside the paid
  // brackets would itself narrow where those payments happened).
  f.db->exec("UPDATE payment_intents SET submitted_at = " + std::to_string(now - 600'000) + ", pending_seen_at = " +
             std::to_string(now - 480'000) + ", next_poll_at = " + std::to_string(now - 20'000) +
             " WHERE reference_id = 'R-61'");
  f.db->exec("UPDATE payment_intents SET submitted_at = " + std::to_string(now - 70'000) + ", pending_seen_at = " +
             std::to_string(now - 40'000) + ", next_poll_at = " + std::to_string(now - 10'000) +
             " WHERE reference_id = 'R-62'");
  f.transport.push("/payment/request/pay_61", payq::testing::status_answer("pay_61", "pending"));
  f.transport.push("/payment/request/pay_62", payq::testing::status_answer("pay_62", "pending"));
}

std::string first_poll_url(WorkerFixture& f) {
  auto context = f.context();
  Reconciler reconciler(context, f.connection(), f.transport, f.stop.get_token());
  CHECK(reconciler.run_once() == payq::worker::Pass::kWorked);
  const auto requests = f.transport.requests();
  REQUIRE(requests.size() == 2);  // the token, then one poll
  return requests[1].url;
}

TEST_CASE("adaptive: the due poll likeliest to find a change goes first, not the oldest due") {
  WorkerFixture f(62);
  learned_history_and_two_due(f, payq::config::PollPolicy::kAdaptive);
  CHECK(first_poll_url(f).find("pay_62") != std::string::npos);
  // The poll found R-62 pending: recorded as its latest pending sighting, next poll by the plan (within the gap).
  const std::int64_t now = payq::worker::wall_ms(f.clock);
  CHECK(std::stoll(f.column("R-62", "pending_seen_at")) == now);
  const std::int64_t next = std::stoll(f.column("R-62", "next_poll_at"));
  CHECK(next > now);
  CHECK(next <= now + 3'600'000);
}

TEST_CASE("backoff: the oldest due poll goes first") {
  WorkerFixture f(62);
  learned_history_and_two_due(f, payq::config::PollPolicy::kBackoff);
  CHECK(first_poll_url(f).find("pay_61") != std::string::npos);
}

}  // TEST_SUITE
