// store/batch_progress_test.cpp — a batch's counts follow its intents through every final state, other batches
// do not leak in, and no batch filter counts everything.
#include <doctest/doctest.h>

#include "payq/producer.h"
#include "store/sqlite/sqlite_batch_progress.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_operator_actions.h"
#include "store/sqlite/sqlite_poll_store.h"
#include "store/sqlite/sqlite_queue_store.h"
#include "support/temp_dir.h"


constexpr payq::store::ClaimOwner kTestOwner{1, 1};
using namespace payq::store;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;

struct Batches {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;
  // R-1..R-6 in batch "B" (claimed first, oldest), X-1..X-2 in batch "X", N-1 without a batch.
  Batches() {
    auto producer = payq::Producer::open(dir.file("q.db"));
    REQUIRE(producer.is_ok());
    auto add = [&](const std::string& ref, std::optional<std::string> batch) {
      REQUIRE((*producer)->enqueue({ref, "1.00", "USD", "https://s.example", std::move(batch)}).is_ok());
    };
    for (int i = 1; i <= 6; ++i) add("R-" + std::to_string(i), "B");
    add("X-1", "X");
    add("X-2", "X");
    add("N-1", std::nullopt);
    db = std::move(open_database({.location = dir.file("q.db")})).value();
  }
};

// Claims the next intent (oldest first) and submits it with the given remote id.
std::int64_t submit_next(QueueStore& queue, const std::string& remote_id) {
  auto claimed = *queue.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(claimed.has_value());
  REQUIRE(queue.record_created(*claimed, remote_id, "pending", "{}", kNow, kNow + 5'000).is_ok());
  return claimed->id;
}

}  // namespace

TEST_CASE("batch progress counts a fresh batch as nothing final") {
  Batches b;
  auto counts = SqliteBatchProgress(*b.db).count(std::string("B"));
  REQUIRE(counts.is_ok());
  CHECK(counts->total == 6);
  CHECK(counts->final_count == 0);
  CHECK_FALSE(counts->all_final());
  CHECK(SqliteBatchProgress(*b.db).count(std::string("nope"))->total == 0);
  CHECK(SqliteBatchProgress(*b.db).count(std::nullopt)->total == 9);
}

TEST_CASE("batch progress separates paid, not paid, failed, on hold and cancelled") {
  Batches b;
  SqliteQueueStore queue(*b.db);
  SqlitePollStore polls(*b.db);
  REQUIRE(polls.record_answer(submit_next(queue, "pr_1"), "paid", "{}", true, std::nullopt, kNow).is_ok());
  REQUIRE(polls.record_answer(submit_next(queue, "pr_2"), "expired", "{}", true, std::nullopt, kNow).is_ok());
  submit_next(queue, "pr_3");  // R-3 stays submitted: not final
  auto failing = *queue.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(queue.fail(*failing, {.error = "amount too large"}, kNow).is_ok());
  auto held = *queue.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(queue.hold(*held, {.error = "timeout after sending", .ambiguous = true}, kNow).is_ok());
  REQUIRE(SqliteOperatorActions(*b.db).apply(payq::store::OperatorAction::kCancel, "R-6", {"ann", "duplicate order"}, kNow)
              .verdict == payq::store::ActionVerdict::kApplied);

  auto counts = *SqliteBatchProgress(*b.db).count(std::string("B"));
  CHECK(counts.total == 6);
  CHECK(counts.final_count == 5);
  CHECK(counts.paid == 1);
  CHECK(counts.unpaid == 1);
  CHECK(counts.failed == 1);
  CHECK(counts.on_hold == 1);
  CHECK(counts.cancelled == 1);
  CHECK_FALSE(counts.all_final());

  REQUIRE(polls.record_answer(3, "cancelled", "{}", true, std::nullopt, kNow).is_ok());
  counts = *SqliteBatchProgress(*b.db).count(std::string("B"));
  CHECK(counts.all_final());
  CHECK(counts.unpaid == 2);
  auto other = *SqliteBatchProgress(*b.db).count(std::string("X"));
  CHECK(other.total == 2);
  CHECK(other.final_count == 0);
  auto everything = *SqliteBatchProgress(*b.db).count(std::nullopt);
  CHECK(everything.total == 9);
  CHECK(everything.final_count == 6);
}
