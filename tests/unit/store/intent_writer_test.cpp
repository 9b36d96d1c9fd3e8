// store/intent_writer_test.cpp — the producer API's idempotency: identical re-enqueue is "already present",
// the same reference with other content is a conflict, and a batch is all-or-nothing; the writer's own transactions.
#include <doctest/doctest.h>

#include "payq/producer.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_intent_reader.h"
#include "store/sqlite/sqlite_intent_writer.h"
#include "support/temp_dir.h"

using payq::EnqueueOutcome;
using payq::IntentInput;
using payq::Producer;

namespace {

IntentInput intent(std::string ref, std::string amount = "10.00") {
  return {std::move(ref), std::move(amount), "EUR", "https://shop.example/back", std::nullopt};
}

std::size_t count_intents(const std::string& path) {
  auto db = payq::store::open_database({.location = path});
  REQUIRE(db.is_ok());
  std::size_t n = 0;
  REQUIRE(payq::store::SqliteIntentReader(**db).for_each({}, [&](const auto&) { return ++n, true; }).is_ok());
  return n;
}

}  // namespace

TEST_CASE("enqueue stores once; an identical re-enqueue is already present") {
  payq::testing::TempDir dir;
  auto producer = Producer::open(dir.file("q.db"));
  REQUIRE(producer.is_ok());
  auto first = (*producer)->enqueue(intent("R-1"));
  REQUIRE(first.is_ok());
  CHECK(first->outcome == EnqueueOutcome::kInserted);
  auto again = (*producer)->enqueue(intent("R-1"));
  REQUIRE(again.is_ok());
  CHECK(again->outcome == EnqueueOutcome::kAlreadyPresent);
  CHECK(count_intents(dir.file("q.db")) == 1);
}

TEST_CASE("the same reference with another amount is a conflict, never silently ignored") {
  payq::testing::TempDir dir;
  auto producer = Producer::open(dir.file("q.db"));
  REQUIRE((*producer)->enqueue(intent("R-1", "10.00")).is_ok());
  auto conflict = (*producer)->enqueue(intent("R-1", "11.00"));
  REQUIRE_FALSE(conflict.is_ok());
  CHECK(conflict.status().code() == payq::StatusCode::kConflict);
  CHECK(conflict.status().message().find("10.00 EUR is stored, 11.00 EUR was given") != std::string::npos);
}

TEST_CASE("an enqueue without a reference gets a generated one") {
  payq::testing::TempDir dir;
  auto producer = Producer::open(dir.file("q.db"));
  auto receipt = (*producer)->enqueue(intent(""));
  REQUIRE(receipt.is_ok());
  CHECK(receipt->reference_id.rfind("pq-", 0) == 0);
}

TEST_CASE("a batch is all or nothing and names the failing item") {
  payq::testing::TempDir dir;
  auto producer = Producer::open(dir.file("q.db"));
  auto bad = (*producer)->enqueue_batch({intent("B-1"), intent("B-2"), intent("B-3", "1.234")});
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.status().message().find("item 3 (ref=B-3): amount:") == 0);
  CHECK(count_intents(dir.file("q.db")) == 0);
  REQUIRE((*producer)->enqueue(intent("B-2", "5.00")).is_ok());
  auto conflicting = (*producer)->enqueue_batch({intent("B-1"), intent("B-2")});
  REQUIRE_FALSE(conflicting.is_ok());
  CHECK(conflicting.status().code() == payq::StatusCode::kConflict);
  CHECK(count_intents(dir.file("q.db")) == 1);
  auto good = (*producer)->enqueue_batch({intent("B-1"), intent("B-2", "5.00"), intent("B-4")});
  REQUIRE(good.is_ok());
  CHECK((*good)[0].outcome == EnqueueOutcome::kInserted);
  CHECK((*good)[1].outcome == EnqueueOutcome::kAlreadyPresent);
  CHECK(count_intents(dir.file("q.db")) == 3);
}

TEST_CASE("the writer's own transaction holds the write lock from begin to commit; a taken lock is kBusy") {
  payq::testing::TempDir dir;
  auto db = payq::store::open_database({.location = dir.file("q.db"), .busy_timeout = std::chrono::milliseconds(0)});
  REQUIRE(db.is_ok());
  SQLite::Database other(dir.file("q.db"), SQLite::OPEN_READWRITE);
  const auto other_writes = [&] {
    try {
      other.exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url)"
                 " VALUES ('O-' || (SELECT count(*) FROM payment_intents), '1.00', 'EUR', 'https://s.example')");
      return true;
    } catch (const SQLite::Exception&) {
      return false;
    }
  };
  payq::store::SqliteIntentWriter writer(**db);
  CHECK(writer.commit().code() == payq::StatusCode::kInternal);
  REQUIRE(writer.begin().is_ok());
  CHECK(writer.begin().code() == payq::StatusCode::kInternal);
  auto valid = payq::validate_intent(intent("W-1"));
  REQUIRE(valid.is_ok());
  REQUIRE(writer.insert(*valid, 1).is_ok());
  CHECK_FALSE(other_writes());
  REQUIRE(writer.commit().is_ok());
  CHECK_FALSE(writer.in_transaction());
  CHECK(other_writes());
  CHECK(count_intents(dir.file("q.db")) == 2);

  other.exec("BEGIN IMMEDIATE");
  CHECK(writer.begin().code() == payq::StatusCode::kBusy);
  CHECK_FALSE(writer.in_transaction());
  other.exec("ROLLBACK");
  REQUIRE(writer.begin().is_ok());
  writer.rollback();
  CHECK(other_writes());
}
