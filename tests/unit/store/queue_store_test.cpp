// store/queue_store_test.cpp — claims are atomic and oldest-due first, every outcome lands with its transition,
// a remote id is never lost or overwritten, expired leases are found, and the claim uses an index.
#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include "payq/producer.h"
#include "store/sqlite/sqlite_call_log.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_operator_actions.h"
#include "store/sqlite/sqlite_poll_store.h"
#include "store/sqlite/sqlite_queue_stats.h"
#include "store/sqlite/sqlite_queue_store.h"
#include "support/temp_dir.h"


constexpr payq::store::ClaimOwner kTestOwner{1, 1};
using namespace payq::store;

namespace {

struct Queue {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;
  explicit Queue(int intents) {
    auto producer = payq::Producer::open(dir.file("q.db"));
    REQUIRE(producer.is_ok());
    for (int i = 1; i <= intents; ++i) {
      REQUIRE((*producer)->enqueue({"R-" + std::to_string(i), "1.00", "USD", "https://s.example", std::nullopt}).is_ok());
    }
    db = std::move(open_database({.location = dir.file("q.db")})).value();
  }
  std::string state(const std::string& ref) {
    SQLite::Statement q(*db, "SELECT state FROM payment_intents WHERE reference_id = ?");
    q.bind(1, ref);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getString();
  }
  int count(const std::string& sql) { return db->execAndGet(sql).getInt(); }
};

constexpr std::int64_t kNow = 2'000'000'000'000;

}  // namespace

TEST_CASE("claims take the oldest due intent, one at a time, with a lease") {
  Queue q(3);
  SqliteQueueStore store(*q.db);
  auto first = store.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(first.is_ok());
  REQUIRE(first->has_value());
  CHECK((*first)->reference_id == "R-1");
  CHECK((*first)->first_attempt_at == kNow);
  CHECK(q.state("R-1") == "submitting");
  CHECK((*store.claim(kTestOwner, kNow, kNow + 60'000))->reference_id == "R-2");
  CHECK((*store.claim(kTestOwner, kNow, kNow + 60'000))->reference_id == "R-3");
  CHECK_FALSE(store.claim(kTestOwner, kNow, kNow + 60'000)->has_value());
  CHECK(q.count("SELECT count(*) FROM status_transitions WHERE new_value = 'submitting'") == 3);
}

TEST_CASE("a rescheduled intent is not claimed before it is due; 429s do not count as attempts") {
  Queue q(1);
  SqliteQueueStore store(*q.db);
  auto claimed = *store.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(store.reschedule(*claimed, kNow + 5'000, {.error = "429", .counts = false, .throttled = true}, kNow).is_ok());
  CHECK_FALSE(store.claim(kTestOwner, kNow + 4'999, kNow + 60'000)->has_value());
  CHECK(*store.next_attempt_due() == kNow + 5'000);
  auto again = *store.claim(kTestOwner, kNow + 5'000, kNow + 60'000);
  REQUIRE(again.has_value());
  CHECK(again->attempts == 0);
  CHECK(again->first_attempt_at == kNow);  // the first attempt's time is kept for the ambiguous window
  REQUIRE(store.reschedule(*again, kNow + 6'000, {.error = "503", .ambiguous = true}, kNow + 5'000).is_ok());
  CHECK(q.count("SELECT attempts * 100 + throttled * 10 + ambiguous FROM payment_intents") == 111);
}

TEST_CASE("submitted commits the remote id; a second remote id for it is kept as an orphan, never an overwrite") {
  Queue q(1);
  SqliteQueueStore store(*q.db);
  auto claimed = *store.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(*store.record_created(*claimed, "pr_1", "pending", "{\"id\":\"pr_1\"}", kNow, kNow + 5'000) ==
          CreatedRecord::kAttached);
  CHECK(q.state("R-1") == "submitted");
  CHECK(q.count("SELECT claim_epoch IS NULL AND claim_seq IS NULL FROM payment_intents") == 1);
  auto second = store.record_created(*claimed, "pr_2", "pending", "{}", kNow, kNow + 5'000);
  REQUIRE(second.is_ok());
  CHECK(*second == CreatedRecord::kOrphan);
  CHECK(q.count("SELECT count(*) FROM payment_intents WHERE remote_id = 'pr_1'") == 1);
  CHECK(q.count("SELECT count(*) FROM orphan_candidates WHERE remote_id = 'pr_2' AND intent_id = 1"
                " AND reason LIKE '%second payment request%pr_1%'") == 1);
  CHECK(q.count("SELECT count(*) FROM v_orphan_candidates WHERE reference_id = 'R-1'") == 1);
  CHECK(q.count("SELECT count(*) FROM status_transitions WHERE field = 'remote_status' AND new_value = 'pending'") == 1);
}

TEST_CASE("a remote id that arrives after the claim was recovered by a new epoch is kept as an orphan candidate") {
  Queue q(1);
  SqliteQueueStore store(*q.db);
  auto stale = *store.claim(kTestOwner, kNow, kNow + 1'000);
  auto recoverable = store.claims_to_recover(/*own_epoch=*/2, kNow + 1'000);
  REQUIRE(recoverable->size() == 1);
  CHECK(store.claims_to_recover(/*own_epoch=*/1, kNow + 1'000)->empty());  // never a live thread's own claim
  REQUIRE(store.reschedule((*recoverable)[0], kNow + 2'000,
                           {.error = "recovered", .ambiguous = true, .observed_by = "rescuer"}, kNow + 1'000).is_ok());
  auto newer = *store.claim({2, 1}, kNow + 3'000, kNow + 60'000);
  REQUIRE(newer.has_value());
  // The stale worker can neither confirm, nor write an outcome over the newer claim...
  CHECK(store.confirm(*stale, kNow + 70'000).code() == payq::StatusCode::kConflict);
  CHECK(store.fail(*stale, {.error = "stale"}, kNow + 3'000).code() == payq::StatusCode::kConflict);
  CHECK(store.release(*stale, "stale", kNow + 3'000).code() == payq::StatusCode::kConflict);
  // ...but what the partner told it is never dropped.
  CHECK(*store.record_created(*stale, "pr_9", "pending", "{}", kNow + 3'500, kNow + 5'000) == CreatedRecord::kOrphan);
  CHECK(q.state("R-1") == "submitting");
  CHECK(q.count("SELECT count(*) FROM orphan_candidates WHERE remote_id = 'pr_9' AND reason LIKE '%claim was lost%'") == 1);
  CHECK(store.confirm(*newer, kNow + 70'000).is_ok());
  CHECK(*store.record_created(*newer, "pr_10", "pending", "{}", kNow + 4'000, kNow + 5'000) == CreatedRecord::kAttached);
}

TEST_CASE("a remote id another intent already holds is kept as an orphan, not a constraint failure") {
  Queue q(2);
  SqliteQueueStore store(*q.db);
  auto a = *store.claim(kTestOwner, kNow, kNow + 60'000);
  auto b = *store.claim({1, 2}, kNow, kNow + 60'000);
  REQUIRE(*store.record_created(*a, "pr_same", "pending", "{}", kNow, kNow + 5'000) == CreatedRecord::kAttached);
  auto clash = store.record_created(*b, "pr_same", "pending", "{}", kNow, kNow + 5'000);
  REQUIRE(clash.is_ok());
  CHECK(*clash == CreatedRecord::kOrphan);
  CHECK(q.state("R-2") == "submitting");
  CHECK(q.count("SELECT count(*) FROM orphan_candidates WHERE intent_id = 2 AND reason LIKE '%refused%'") == 1);
}

TEST_CASE("release puts a claimed intent back as if never sent: due now, no attempt, reason recorded") {
  Queue q(1);
  SqliteQueueStore store(*q.db);
  auto claimed = *store.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(store.release(*claimed, "stopping", kNow + 10).is_ok());
  CHECK(q.state("R-1") == "queued");
  CHECK(q.count("SELECT attempts FROM payment_intents") == 0);
  CHECK(q.count("SELECT next_attempt_at - 2000000000000 FROM payment_intents") == 10);
  CHECK(q.count("SELECT count(*) FROM status_transitions WHERE new_value = 'queued' AND detail = 'not sent: stopping'") == 1);
}

TEST_CASE("fail and hold leave submitting with the error kept; stale outcomes are refused") {
  Queue q(2);
  SqliteQueueStore store(*q.db);
  auto a = *store.claim(kTestOwner, kNow, kNow + 60'000);
  auto b = *store.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(store.fail(*a, {.error = "amount: must be positive"}, kNow).is_ok());
  REQUIRE(store.hold(*b, {.error = "timeout after sending", .ambiguous = true}, kNow).is_ok());
  CHECK(q.state("R-1") == "failed");
  CHECK(q.state("R-2") == "on_hold");
  CHECK(store.fail(*a, {.error = "again"}, kNow).code() == payq::StatusCode::kConflict);
  CHECK(q.db->execAndGet("SELECT last_error FROM payment_intents WHERE reference_id='R-1'").getString() ==
        "amount: must be positive");
}

TEST_CASE("polls: oldest due first, answers recorded with their transitions, terminal statuses settle") {
  Queue q(3);
  SqliteQueueStore queue(*q.db);
  SqlitePollStore polls(*q.db);
  for (int i = 0; i < 3; ++i) {
    auto c = *queue.claim(kTestOwner, kNow, kNow + 60'000);
    REQUIRE(queue.record_created(*c, "pr_" + std::to_string(i), "pending", "{}", kNow, kNow + 3'000 - i * 1'000).is_ok());
  }
  auto due = polls.due(kNow + 2'500, 10);
  REQUIRE(due->size() == 2);
  CHECK((*due)[0].remote_id == "pr_2");
  CHECK((*due)[1].remote_id == "pr_1");
  REQUIRE(polls.record_answer((*due)[0].id, "paid", "{\"status\":\"paid\"}", true, std::nullopt, kNow + 2'500).is_ok());
  REQUIRE(polls.record_answer((*due)[1].id, "pending", "{}", false, kNow + 10'000, kNow + 2'500).is_ok());
  CHECK(q.state("R-3") == "settled");
  CHECK(q.count("SELECT count(*) FROM status_transitions WHERE new_value = 'paid'") == 1);
  CHECK(q.count("SELECT count(*) FROM status_transitions WHERE new_value = 'settled'") == 1);
  CHECK(*polls.next_due() == kNow + 3'000);
  CHECK(polls.record_answer((*due)[0].id, "expired", "{}", true, std::nullopt, kNow).code() == payq::StatusCode::kConflict);
}

TEST_CASE("operator actions are guarded by state and recorded as transitions") {
  Queue q(3);
  SqliteOperatorActions ops(*q.db);
  SqliteQueueStore queue(*q.db);
  const Actor ann{"ann", "customer asked"};
  using payq::store::ActionVerdict;
  using payq::store::OperatorAction;
  REQUIRE(ops.apply(OperatorAction::kCancel, "R-1", ann, kNow).verdict == ActionVerdict::kApplied);
  CHECK(q.state("R-1") == "cancelled");
  CHECK(ops.apply(OperatorAction::kCancel, "R-1", ann, kNow).verdict == ActionVerdict::kAlreadyDone);
  CHECK(ops.apply(OperatorAction::kCancel, "nope", ann, kNow).verdict == ActionVerdict::kNotFound);
  auto c = *queue.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(queue.hold(*c, {.error = "reset after sending", .ambiguous = true}, kNow).is_ok());
  CHECK(ops.apply(OperatorAction::kRequeue, "R-3", ann, kNow).verdict == ActionVerdict::kRefusedState);
  REQUIRE(ops.resolve(**ops.find("R-2"), "pr_found", {"ann", "found in dashboard"}, kNow).verdict ==
          ActionVerdict::kApplied);
  CHECK(q.state("R-2") == "submitted");
  CHECK(q.count("SELECT count(*) FROM status_transitions WHERE observed_by = 'operator:ann'") == 2);
}

TEST_CASE("api calls are appended and pruned in batches") {
  Queue q(1);
  SqliteCallLog log(*q.db);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(log.append({.intent_id = 1, .kind = "create", .started_at_ms = kNow + i, .latency_ms = 12,
                        .http_status = 201, .outcome = "success"}).is_ok());
  }
  REQUIRE(log.append({.kind = "token", .started_at_ms = kNow, .transport_error = "not_sent", .outcome = "retryable"}).is_ok());
  CHECK(*log.prune(kNow + 3, 2) == 2);
  CHECK(*log.prune(kNow + 3, 10) == 2);
  CHECK(q.count("SELECT count(*) FROM api_calls") == 2);
  CHECK_FALSE(log.append({.kind = "bogus", .outcome = "success"}).is_ok());
}

TEST_CASE("claims and due polls use the partial indexes, not a scan") {
  Queue q(1);
  const auto plan = [&](const std::string& sql) {
    SQLite::Statement s(*q.db, "EXPLAIN QUERY PLAN " + sql);
    std::string text;
    while (s.executeStep()) text += s.getColumn(3).getString() + "\n";
    return text;
  };
  CHECK(plan("SELECT id FROM payment_intents WHERE state = 'queued' AND next_attempt_at <= 5 ORDER BY next_attempt_at, id LIMIT 1")
            .find("payment_intents_claimable") != std::string::npos);
  CHECK(plan("SELECT id FROM payment_intents WHERE state = 'submitted' AND next_poll_at <= 5 ORDER BY next_poll_at, id LIMIT 9")
            .find("payment_intents_polls_due") != std::string::npos);
}

TEST_CASE("open counts come from the partial indexes and match the states") {
  Queue q(4);
  SqliteQueueStore queue(*q.db);
  REQUIRE(queue.claim(kTestOwner, kNow, kNow + 60'000)->has_value());
  auto b = *queue.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(queue.record_created(*b, "pr_b", "pending", "{}", kNow, kNow + 1'000).is_ok());
  auto counts = payq::store::SqliteQueueStats(*q.db).count_open();
  REQUIRE(counts.is_ok());
  CHECK(counts->queued == 2);
  CHECK(counts->submitting == 1);
  CHECK(counts->submitted == 1);
  SQLite::Statement plan(*q.db, "EXPLAIN QUERY PLAN SELECT count(*) FROM payment_intents WHERE state = 'submitted'");
  REQUIRE(plan.executeStep());
  CHECK(plan.getColumn(3).getString().find("payment_intents_polls_due") != std::string::npos);
}

TEST_CASE("a retried intent is not starved by intents stored after it was due again") {
  Queue q(1);
  SqliteQueueStore store(*q.db);
  const std::int64_t stored_at = q.db->execAndGet("SELECT created_at FROM payment_intents").getInt64();
  CHECK(q.db->execAndGet("SELECT next_attempt_at = created_at FROM payment_intents").getInt() == 1);
  auto claimed = *store.claim(kTestOwner, stored_at, stored_at + 60'000);
  REQUIRE(store.reschedule(*claimed, stored_at + 100, {.error = "429", .counts = false, .throttled = true},
                           stored_at).is_ok());
  // Plain SQL, leaving next_attempt_at to the schema, later than the retry is due: it queues behind it.
  q.db->exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, created_at, updated_at)"
             " VALUES ('LATER', '1.00', 'USD', 'https://s.example', " + std::to_string(stored_at + 200) + ", " +
             std::to_string(stored_at + 200) + ")");
  CHECK(q.count("SELECT next_attempt_at - created_at FROM payment_intents WHERE reference_id = 'LATER'") == 0);
  auto next = *store.claim(kTestOwner, stored_at + 300, stored_at + 60'000);
  REQUIRE(next.has_value());
  CHECK(next->reference_id == "R-1");
}

TEST_CASE("the create's payment_url is stored in its own column, shown by v_intents, NULL when absent") {
  Queue q(2);
  SqliteQueueStore store(*q.db);
  auto with_link = *store.claim(kTestOwner, kNow, kNow + 60'000);
  auto without = *store.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(store.record_created(*with_link, "pr_1", "pending", R"({"payment_url":"https://pay.example/pr_1"})", kNow,
                               kNow + 5'000, std::string("https://pay.example/pr_1")).is_ok());
  REQUIRE(store.record_created(*without, "pr_2", "pending", "{}", kNow, kNow + 5'000).is_ok());
  CHECK(q.db->execAndGet("SELECT payment_url FROM payment_intents WHERE reference_id = 'R-1'").getString() ==
        "https://pay.example/pr_1");
  CHECK(q.db->execAndGet("SELECT remote_payload FROM payment_intents WHERE reference_id = 'R-1'").getString() ==
        R"({"payment_url":"https://pay.example/pr_1"})");
  CHECK(q.count("SELECT count(*) FROM v_intents WHERE reference_id = 'R-2' AND payment_url IS NULL") == 1);
  CHECK(q.db->execAndGet("SELECT payment_url FROM v_intents WHERE reference_id = 'R-1'").getString() ==
        "https://pay.example/pr_1");
}

TEST_CASE("the schema refuses a payment_url that is not an absolute http(s) URL") {
  Queue q(1);
  CHECK_THROWS(q.db->exec("UPDATE payment_intents SET payment_url = 'javascript:alert(1)'"));
  CHECK_THROWS(q.db->exec("UPDATE payment_intents SET payment_url = 'https://'"));
  CHECK_NOTHROW(q.db->exec("UPDATE payment_intents SET payment_url = 'https://pay.example/x'"));
}
