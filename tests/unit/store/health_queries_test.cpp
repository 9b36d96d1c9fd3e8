// store/health_queries_test.cpp — the status figures: oldest queued intent, earliest due poll, latest successful
// call, calls and 429s inside the window, ambiguous intents (all empty on a fresh database); the recent calls.
#include <doctest/doctest.h>

#include "payq/producer.h"
#include "store/sqlite/sqlite_call_log.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_health_queries.h"
#include "store/sqlite/sqlite_queue_store.h"
#include "support/temp_dir.h"


constexpr payq::store::ClaimOwner kTestOwner{1, 1};
using namespace payq::store;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;
constexpr std::int64_t kHour = 3'600'000;

struct Queue {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;
  explicit Queue(int intents) {
    auto producer = payq::Producer::open(dir.file("q.db"));
    REQUIRE(producer.is_ok());
    for (int i = 1; i <= intents; ++i) {
      const std::string ref = "R-" + std::to_string(i);
      REQUIRE((*producer)->enqueue({ref, "1.00", "USD", "https://s.example", std::nullopt}).is_ok());
    }
    db = std::move(open_database({.location = dir.file("q.db")})).value();
  }
};

CallRow call(std::int64_t started_at, const char* outcome, std::optional<int> http_status) {
  return {.kind = "create", .started_at_ms = started_at, .latency_ms = 40, .http_status = http_status,
          .outcome = outcome};
}

}  // namespace

TEST_CASE("health figures of an empty queue are all absent or zero") {
  Queue q(0);
  auto f = SqliteHealthQueries(*q.db).figures(kNow - kHour);
  REQUIRE(f.is_ok());
  CHECK_FALSE(f->oldest_queued_at.has_value());
  CHECK_FALSE(f->oldest_poll_due_at.has_value());
  CHECK_FALSE(f->last_success_at.has_value());
  CHECK(f->calls_in_window == 0);
  CHECK(f->rate_limited_in_window == 0);
  CHECK(f->ambiguous_intents == 0);
}

TEST_CASE("health figures: oldest queued, earliest poll due, last success, window counts, ambiguous") {
  Queue q(3);
  SqliteQueueStore queue(*q.db);
  auto first = *queue.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(queue.record_created(*first, "pr_1", "pending", "{}", kNow, kNow + 5'000).is_ok());
  auto second = *queue.claim(kTestOwner, kNow, kNow + 60'000);
  REQUIRE(queue.reschedule(*second, kNow + 1'000, {.error = "503", .ambiguous = true}, kNow).is_ok());

  SqliteCallLog log(*q.db);
  REQUIRE(log.append(call(kNow - 2 * kHour, "success", 201)).is_ok());  // outside the window
  REQUIRE(log.append(call(kNow - 30'000, "success", 201)).is_ok());
  REQUIRE(log.append(call(kNow - 20'000, "rate_limited", 429)).is_ok());
  REQUIRE(log.append(call(kNow - 10'000, "ambiguous", 503)).is_ok());

  auto f = *SqliteHealthQueries(*q.db).figures(kNow - kHour);
  // R-2, queued again with a later due time than R-3, is still the oldest by creation.
  CHECK(f.oldest_queued_at ==
        q.db->execAndGet("SELECT created_at FROM payment_intents WHERE reference_id = 'R-2'").getInt64());
  CHECK(f.oldest_poll_due_at == kNow + 5'000);
  CHECK(f.last_success_at == kNow - 30'000 + 40);  // when the call finished
  CHECK(f.calls_in_window == 3);
  CHECK(f.rate_limited_in_window == 1);
  CHECK(f.ambiguous_intents == 1);
}

TEST_CASE("recent calls: outcomes in the window, the latest answered ones newest first, the last minute's count") {
  Queue q(0);
  SqliteCallLog log(*q.db);
  REQUIRE(log.append(call(kNow - 10 * 60'000, "success", 201)).is_ok());  // before the 5 min window
  REQUIRE(log.append(call(kNow - 4 * 60'000, "success", 201)).is_ok());
  REQUIRE(log.append(call(kNow - 3 * 60'000, "unauthorized", 401)).is_ok());
  REQUIRE(log.append(call(kNow - 50'000, "rate_limited", 429)).is_ok());
  REQUIRE(log.append(call(kNow - 40'000, "retryable", std::nullopt)).is_ok());
  REQUIRE(log.append(call(kNow - 30'000, "rate_limited", 429)).is_ok());

  auto r = SqliteHealthQueries(*q.db).recent_calls(kNow - 5 * 60'000, 2, kNow - 60'000);
  REQUIRE(r.is_ok());
  CHECK(r->by_outcome == std::map<std::string, std::int64_t>{
                             {"success", 1}, {"unauthorized", 1}, {"rate_limited", 2}, {"retryable", 1}});
  CHECK(r->latest_outcomes == std::vector<std::string>{"retryable", "unauthorized"});
  CHECK(r->calls_last_minute == 3);

  auto none = SqliteHealthQueries(*q.db).recent_calls(kNow + 1, 5, kNow + 1);
  REQUIRE(none.is_ok());
  CHECK(none->by_outcome.empty());
  CHECK(none->latest_outcomes.empty());
  CHECK(none->calls_last_minute == 0);
}
