// store/contract/queue_contract_test.cpp — the QueueStore contract on both stores: claims oldest due first, every
// outcome fenced by the claim's owner, leases of other epochs recovered, a received remote id never lost, and two
// connections claiming at once never taking the same intent.
#include <doctest/doctest.h>

#include <algorithm>
#include <latch>
#include <set>
#include <thread>
#include <vector>

#include "store/contract/store_under_test.h"

using payq::StatusCode;
using payq::store::ClaimedIntent;
using payq::store::ClaimOwner;
using payq::store::CreatedRecord;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;
constexpr ClaimOwner kOwner{1, 1};

ClaimedIntent claim_one(payq::store::QueueStore& queue, ClaimOwner owner, std::int64_t now, std::int64_t lease) {
  auto claimed = queue.claim(owner, now, lease);
  REQUIRE_MESSAGE(claimed.is_ok(), claimed.status().to_string());
  REQUIRE(claimed->has_value());
  return **claimed;
}

}  // namespace

STORE_CONTRACT("claims take the oldest due intent first, one at a time, each with its transition") {
  s.enqueue("R-2", kNow + 2);
  s.enqueue("R-1", kNow + 1);
  s.enqueue("R-3", kNow + 3);
  auto& queue = s.store().queue();
  CHECK_FALSE(queue.claim(kOwner, kNow, kNow + 60'000)->has_value());  // none due yet
  CHECK(*queue.next_attempt_due() == kNow + 1);
  const auto first = claim_one(queue, kOwner, kNow + 10, kNow + 60'000);
  CHECK(first.reference_id == "R-1");
  CHECK(first.first_attempt_at == kNow + 10);
  CHECK(first.attempts == 0);
  CHECK(first.owner == kOwner);
  CHECK(s.state("R-1") == "submitting");
  CHECK(claim_one(queue, kOwner, kNow + 10, kNow + 60'000).reference_id == "R-2");
  CHECK(claim_one(queue, {1, 2}, kNow + 10, kNow + 60'000).reference_id == "R-3");
  CHECK_FALSE(queue.claim(kOwner, kNow + 10, kNow + 60'000)->has_value());
  CHECK_FALSE(queue.next_attempt_due()->has_value());
  CHECK(s.number("SELECT count(*) FROM status_transitions WHERE field = 'state' AND new_value = 'submitting'") == 3);
  CHECK(s.number("SELECT claim_epoch * 10 + claim_seq FROM payment_intents WHERE reference_id = 'R-3'") == 12);
}

STORE_CONTRACT("a rescheduled intent waits until due; 429s are not attempts; the first attempt's time is kept") {
  s.enqueue("R-1", kNow);
  auto& queue = s.store().queue();
  const auto claimed = claim_one(queue, kOwner, kNow, kNow + 60'000);
  REQUIRE(queue.reschedule(claimed, kNow + 5'000, {.error = "429", .counts = false, .throttled = true}, kNow).is_ok());
  CHECK(s.state("R-1") == "queued");
  CHECK_FALSE(queue.claim(kOwner, kNow + 4'999, kNow + 60'000)->has_value());
  CHECK(*queue.next_attempt_due() == kNow + 5'000);
  const auto again = claim_one(queue, kOwner, kNow + 5'000, kNow + 60'000);
  CHECK(again.attempts == 0);
  CHECK(again.first_attempt_at == kNow);
  REQUIRE(queue.reschedule(again, kNow + 6'000, {.error = "503", .ambiguous = true}, kNow + 5'000).is_ok());
  CHECK(s.number("SELECT attempts * 100 + throttled * 10 + ambiguous FROM payment_intents") == 111);
  CHECK(s.text("SELECT last_error FROM payment_intents") == "503");
  const auto third = claim_one(queue, kOwner, kNow + 6'000, kNow + 60'000);
  CHECK(third.attempts == 1);
  CHECK(third.ambiguous);
}

STORE_CONTRACT("record_created attaches the remote id; a second id for the intent is an orphan, never an overwrite") {
  s.enqueue("R-1", kNow);
  auto& queue = s.store().queue();
  const auto claimed = claim_one(queue, kOwner, kNow, kNow + 60'000);
  auto attached = queue.record_created(claimed, "pr_1", "pending", R"({"id":"pr_1"})", kNow + 1, kNow + 5'000,
                                       std::string("https://pay.example/pr_1"));
  REQUIRE_MESSAGE(attached.is_ok(), attached.status().to_string());
  CHECK(*attached == CreatedRecord::kAttached);
  CHECK(s.state("R-1") == "submitted");
  CHECK(s.text("SELECT remote_id || ' ' || remote_status || ' ' || payment_url FROM payment_intents") ==
        "pr_1 pending https://pay.example/pr_1");
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE claim_epoch IS NULL AND claim_seq IS NULL"
                 " AND lease_until IS NULL AND next_poll_at = submitted_at + 4999") == 1);
  auto second = queue.record_created(claimed, "pr_2", "pending", "{}", kNow + 2, kNow + 5'000);
  REQUIRE(second.is_ok());
  CHECK(*second == CreatedRecord::kOrphan);
  CHECK(s.text("SELECT remote_id FROM payment_intents") == "pr_1");
  CHECK(s.text("SELECT reason FROM orphan_candidates WHERE remote_id = 'pr_2'") ==
        "a second payment request for an intent that holds pr_1");
  CHECK(s.number("SELECT count(*) FROM v_orphan_candidates WHERE reference_id = 'R-1'") == 1);
  CHECK(s.number("SELECT count(*) FROM status_transitions WHERE field = 'remote_status' AND new_value = 'pending'") ==
        1);
  CHECK(s.text("SELECT payment_url FROM v_intents WHERE reference_id = 'R-1'") == "https://pay.example/pr_1");
  CHECK(s.text("SELECT remote_payload FROM payment_intents WHERE reference_id = 'R-1'") == R"({"id":"pr_1"})");
  // A create answer without a payment link leaves the column NULL.
  s.enqueue("R-2", kNow + 3);
  const auto without_link = claim_one(queue, kOwner, kNow + 3, kNow + 60'000);
  REQUIRE(*queue.record_created(without_link, "pr_3", "pending", "{}", kNow + 4, kNow + 5'000) ==
          CreatedRecord::kAttached);
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE reference_id = 'R-2' AND payment_url IS NULL") == 1);
  CHECK(s.number("SELECT count(*) FROM v_intents WHERE reference_id = 'R-2' AND payment_url IS NULL") == 1);
}

STORE_CONTRACT("a stale owner's writes are kConflict and write nothing; what the partner told it becomes an orphan") {
  s.enqueue("R-1", kNow);
  auto& queue = s.store().queue();
  const auto stale = claim_one(queue, kOwner, kNow, kNow + 1'000);
  auto recoverable = queue.claims_to_recover(/*own_epoch=*/2, kNow + 1'000);
  REQUIRE(recoverable.is_ok());
  REQUIRE(recoverable->size() == 1);
  CHECK((*recoverable)[0].owner == kOwner);
  CHECK(queue.claims_to_recover(/*own_epoch=*/1, kNow + 1'000)->empty());  // never a live thread's own claim
  CHECK(queue.claims_to_recover(/*own_epoch=*/2, kNow + 999)->empty());    // the lease has not ended yet
  REQUIRE(queue.reschedule((*recoverable)[0], kNow + 2'000,
                           {.error = "recovered", .ambiguous = true, .observed_by = "rescuer"}, kNow + 1'000)
              .is_ok());
  const auto newer = claim_one(queue, {2, 1}, kNow + 3'000, kNow + 60'000);
  const std::string before = s.text("SELECT state || ' ' || lease_until || ' ' || attempts || ' ' || last_error"
                                    " FROM payment_intents");
  const std::int64_t transitions = s.number("SELECT count(*) FROM status_transitions");
  CHECK(queue.confirm(stale, kNow + 70'000).code() == StatusCode::kConflict);
  CHECK(queue.reschedule(stale, kNow, {.error = "stale"}, kNow + 3'000).code() == StatusCode::kConflict);
  CHECK(queue.fail(stale, {.error = "stale"}, kNow + 3'000).code() == StatusCode::kConflict);
  CHECK(queue.hold(stale, {.error = "stale"}, kNow + 3'000).code() == StatusCode::kConflict);
  CHECK(queue.release(stale, "stale", kNow + 3'000).code() == StatusCode::kConflict);
  CHECK(s.text("SELECT state || ' ' || lease_until || ' ' || attempts || ' ' || last_error FROM payment_intents") ==
        before);
  CHECK(s.number("SELECT count(*) FROM status_transitions") == transitions);
  auto late = queue.record_created(stale, "pr_9", "pending", "{}", kNow + 3'500, kNow + 5'000);
  REQUIRE(late.is_ok());
  CHECK(*late == CreatedRecord::kOrphan);
  CHECK(s.state("R-1") == "submitting");
  CHECK(s.text("SELECT reason FROM orphan_candidates WHERE remote_id = 'pr_9'") ==
        "created after the claim was lost (intent is now submitting)");
  CHECK(queue.confirm(newer, kNow + 70'000).is_ok());
  CHECK(s.number("SELECT lease_until FROM payment_intents") == kNow + 70'000);
  CHECK(*queue.record_created(newer, "pr_10", "pending", "{}", kNow + 4'000, kNow + 5'000) ==
        CreatedRecord::kAttached);
}

STORE_CONTRACT("lease recovery finds expired claims of other epochs and of none, oldest id first") {
  for (const char* ref : {"R-1", "R-2", "R-3", "R-4"}) s.enqueue(ref, kNow);
  auto& queue = s.store().queue();
  claim_one(queue, {1, 1}, kNow, kNow + 1'000);
  claim_one(queue, {3, 1}, kNow, kNow + 1'000);  // this process's own claim
  claim_one(queue, {2, 7}, kNow, kNow + 5'000);  // lease still running
  claim_one(queue, {1, 2}, kNow, kNow + 1'000);
  s.exec("UPDATE payment_intents SET claim_epoch = NULL, claim_seq = NULL WHERE reference_id = 'R-4'");  // pre-owner
  auto recover = queue.claims_to_recover(/*own_epoch=*/3, kNow + 2'000);
  REQUIRE(recover.is_ok());
  REQUIRE(recover->size() == 2);
  CHECK((*recover)[0].reference_id == "R-1");
  CHECK((*recover)[1].reference_id == "R-4");
  CHECK((*recover)[1].owner == ClaimOwner{0, 0});
  // The rescuer owns an owner-less claim as {0, 0}.
  CHECK(queue.release((*recover)[1], "recovered", kNow + 2'000).is_ok());
  CHECK(s.state("R-4") == "queued");
}

STORE_CONTRACT("a remote id another intent holds is kept as an orphan with the reason, not a failure") {
  s.enqueue("R-1", kNow);
  s.enqueue("R-2", kNow + 1);
  auto& queue = s.store().queue();
  const auto a = claim_one(queue, kOwner, kNow + 1, kNow + 60'000);
  const auto b = claim_one(queue, {1, 2}, kNow + 1, kNow + 60'000);
  REQUIRE(*queue.record_created(a, "pr_same", "pending", "{}", kNow + 2, kNow + 5'000) == CreatedRecord::kAttached);
  auto clash = queue.record_created(b, "pr_same", "pending", "{}", kNow + 2, kNow + 5'000);
  REQUIRE_MESSAGE(clash.is_ok(), clash.status().to_string());
  CHECK(*clash == CreatedRecord::kOrphan);
  CHECK(s.state("R-2") == "submitting");
  CHECK(s.number("SELECT count(*) FROM orphan_candidates WHERE intent_id = " + std::to_string(b.id) +
                 " AND remote_id = 'pr_same' AND reason LIKE 'remote id refused on the intent: %'") == 1);
  // The claim is still b's: it can still be left by its owner.
  CHECK(queue.hold(b, {.error = "remote id clash", .ambiguous = true}, kNow + 3).is_ok());
}

STORE_CONTRACT("release puts a claim back as if never sent: due now, no attempt, last error kept, reason recorded") {
  s.enqueue("R-1", kNow);
  auto& queue = s.store().queue();
  const auto first = claim_one(queue, kOwner, kNow, kNow + 60'000);
  REQUIRE(queue.reschedule(first, kNow + 1, {.error = "timeout before sending"}, kNow).is_ok());
  const auto claimed = claim_one(queue, kOwner, kNow + 1, kNow + 60'000);
  REQUIRE(queue.release(claimed, "stopping", kNow + 10).is_ok());
  CHECK(s.state("R-1") == "queued");
  CHECK(s.number("SELECT attempts FROM payment_intents") == 1);
  CHECK(s.number("SELECT next_attempt_at FROM payment_intents") == kNow + 10);
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE lease_until IS NULL AND claim_epoch IS NULL") == 1);
  CHECK(s.text("SELECT last_error FROM payment_intents") == "timeout before sending");
  CHECK(s.number("SELECT count(*) FROM status_transitions WHERE new_value = 'queued'"
                 " AND detail = 'not sent: stopping'") == 1);
  CHECK(queue.release(claimed, "twice", kNow + 11).code() == StatusCode::kConflict);
  // A transition carries the time the caller passed (when it moves updated_at on), not the server's clock.
  CHECK(s.number("SELECT at FROM status_transitions WHERE detail = 'not sent: stopping'") == kNow + 10);
}

STORE_CONTRACT("fail and hold leave submitting with the error and who observed it; a second outcome is refused") {
  s.enqueue("R-1", kNow);
  s.enqueue("R-2", kNow + 1);
  auto& queue = s.store().queue();
  const auto a = claim_one(queue, kOwner, kNow + 1, kNow + 60'000);
  const auto b = claim_one(queue, kOwner, kNow + 1, kNow + 60'000);
  REQUIRE(queue.fail(a, {.error = "amount: must be positive"}, kNow + 2).is_ok());
  REQUIRE(queue.hold(b, {.error = "timeout after sending", .ambiguous = true}, kNow + 2).is_ok());
  CHECK(s.state("R-1") == "failed");
  CHECK(s.state("R-2") == "on_hold");
  CHECK(s.number("SELECT ambiguous FROM payment_intents WHERE reference_id = 'R-2'") == 1);
  CHECK(s.text("SELECT observed_by || ': ' || detail FROM status_transitions WHERE new_value = 'failed'") ==
        "submitter: amount: must be positive");
  CHECK(queue.fail(a, {.error = "again"}, kNow + 3).code() == StatusCode::kConflict);
  CHECK(queue.hold(b, {.error = "again"}, kNow + 3).code() == StatusCode::kConflict);
  CHECK(s.text("SELECT last_error FROM payment_intents WHERE reference_id = 'R-1'") == "amount: must be positive");
}

STORE_CONTRACT("two connections claiming at once never claim the same intent, and together claim every one") {
  constexpr int kIntents = 60;
  auto writer = s.open_another();
  REQUIRE(writer->intent_writer().begin().is_ok());
  for (int i = 0; i < kIntents; ++i) {
    auto intent = payq::validate_intent({"C-" + std::to_string(i), "1.00", "USD", "https://s.example", std::nullopt});
    REQUIRE(writer->intent_writer().insert(*intent, kNow).is_ok());
  }
  REQUIRE(writer->intent_writer().commit().is_ok());
  std::vector<std::unique_ptr<payq::store::Connection>> connections;
  connections.push_back(s.open_another());
  connections.push_back(s.open_another());
  std::vector<std::vector<std::int64_t>> claimed(2);
  std::vector<std::string> errors(2);
  std::latch start(2);
  {
    std::vector<std::jthread> claimers;
    for (std::size_t t = 0; t < 2; ++t) {
      claimers.emplace_back([&, t] {
        auto& queue = connections[t]->queue();
        start.arrive_and_wait();  // both claim from the same moment on
        for (;;) {
          auto next = queue.claim({1, static_cast<std::int64_t>(t + 1)}, kNow, kNow + 60'000);
          if (!next) {
            errors[t] = next.status().to_string();
            return;
          }
          if (!next->has_value()) return;
          claimed[t].push_back((**next).id);
        }
      });
    }
  }
  CHECK(errors[0].empty());
  CHECK(errors[1].empty());
  std::set<std::int64_t> all(claimed[0].begin(), claimed[0].end());
  std::vector<std::int64_t> claimed_twice;
  for (const std::int64_t id : claimed[1]) {
    if (!all.insert(id).second) claimed_twice.push_back(id);
  }
  CHECK(claimed_twice.empty());
  CHECK(all.size() == static_cast<std::size_t>(kIntents));
  CHECK(claimed[0].size() + claimed[1].size() == static_cast<std::size_t>(kIntents));
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE state = 'submitting'") == kIntents);
  CHECK(s.number("SELECT count(*) FROM status_transitions WHERE new_value = 'submitting'") == kIntents);
  CHECK_FALSE(s.store().queue().claim(kOwner, kNow, kNow + 60'000)->has_value());
}
