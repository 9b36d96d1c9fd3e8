// store/queue_store_test.cpp — SQLite's query plans for the queue: claims, due polls and open counts are answered
// from the partial indexes, not a table scan. What the queue does on both stores is in contract/queue_contract_test.cpp.
#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include "payq/producer.h"
#include "store/sqlite/sqlite_database.h"
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
      REQUIRE((*producer)->enqueue({"R-" + std::to_string(i), "1.00", "USD", "https://s.example", std::nullopt})
                  .is_ok());
    }
    db = std::move(open_database({.location = dir.file("q.db")})).value();
  }
};

constexpr std::int64_t kNow = 2'000'000'000'000;

}  // namespace

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
