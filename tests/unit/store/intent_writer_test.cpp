// store/intent_writer_test.cpp — the producer API's idempotency: identical re-enqueue is "already present",
// the same reference with other content is a conflict, and a batch is all-or-nothing.
#include <doctest/doctest.h>

#include "payq/producer.h"
#include "store/database.h"
#include "store/intent_reader.h"
#include "support/temp_dir.h"

using payq::EnqueueOutcome;
using payq::IntentInput;
using payq::Producer;

namespace {

IntentInput intent(std::string ref, std::string amount = "10.00") {
  return {std::move(ref), std::move(amount), "EUR", "https://shop.example/back", std::nullopt};
}

std::size_t count_intents(const std::string& path) {
  auto db = payq::store::open_database({.path = path});
  REQUIRE(db.is_ok());
  std::size_t n = 0;
  REQUIRE(payq::store::IntentReader(**db).for_each({}, [&](const auto&) { return ++n, true; }).is_ok());
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
