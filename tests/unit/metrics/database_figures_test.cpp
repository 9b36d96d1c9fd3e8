// metrics/database_figures_test.cpp — the database-derived metrics on a real database: intents by state derived
// from the transitions (and equal to a count of the table), refreshed incrementally, oldest queued age, and the
// last hour of api_calls.
#include <doctest/doctest.h>

#include <algorithm>

#include "metrics/database_figures.h"
#include "payq/producer.h"
#include "store/sqlite/sqlite_call_log.h"
#include "store/sqlite/sqlite_metrics_queries.h"
#include "store/sqlite/sqlite_pause_store.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace payq::metrics {
namespace {

const Family& find(const std::vector<Family>& families, std::string_view name) {
  auto it = std::find_if(families.begin(), families.end(), [&](const Family& f) { return f.name == name; });
  REQUIRE(it != families.end());
  return *it;
}

double value_of(const std::vector<Family>& families, std::string_view name, const std::vector<std::string>& labels) {
  for (const Sample& sample : find(families, name).samples) {
    if (sample.labels == labels) return sample.value;
  }
  return -1;  // absent
}

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
    db = std::move(store::open_database({.location = dir.file("q.db")})).value();
  }
  std::int64_t created_at(const char* ref) {
    SQLite::Statement q(*db, "SELECT created_at FROM payment_intents WHERE reference_id = ?");
    q.bind(1, ref);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getInt64();
  }
};

TEST_SUITE_BEGIN("metrics");

TEST_CASE("database figures: intents by state follow the transitions, read incrementally") {
  Queue queue(3);
  store::SqliteMetricsQueries queries(*queue.db);
  store::SqlitePauseStore pause(*queue.db);
  DatabaseFigures figures;
  const std::int64_t now = queue.created_at("R-1") + 90'000;
  REQUIRE(figures.refresh(queries, pause, now).is_ok());
  auto families = figures.families();
  CHECK(value_of(families, "payq_intents", {"queued"}) == 3);
  CHECK(value_of(families, "payq_intents", {"settled"}) == 0);
  CHECK(value_of(families, "payq_intent_transitions", {"none", "queued"}) == 3);
  CHECK(value_of(families, "payq_in_flight", {}) == 0);
  CHECK(value_of(families, "payq_paused", {}) == 0);
  REQUIRE(pause.pause("ops", "month end", now).is_ok());
  CHECK(value_of(families, "payq_oldest_queued_age_seconds", {}) == doctest::Approx(90.0));

  queue.db->exec("UPDATE payment_intents SET state = 'cancelled', changed_by = 'test', updated_at = updated_at + 1"
                 " WHERE reference_id IN ('R-1', 'R-2')");
  REQUIRE(figures.refresh(queries, pause, now).is_ok());
  families = figures.families();
  CHECK(value_of(families, "payq_intents", {"queued"}) == 1);
  CHECK(value_of(families, "payq_intents", {"cancelled"}) == 2);
  CHECK(value_of(families, "payq_paused", {}) == 1);
  CHECK(value_of(families, "payq_intent_transitions", {"none", "queued"}) == 3);  // not counted twice
  CHECK(value_of(families, "payq_intent_transitions", {"queued", "cancelled"}) == 2);
  CHECK(find(families, "payq_intent_transitions").type == MetricType::kCounter);
  for (const Sample& sample : find(families, "payq_intents").samples) {
    CAPTURE(sample.labels[0]);
    SQLite::Statement q(*queue.db, "SELECT count(*) FROM payment_intents WHERE state = ?");
    q.bind(1, sample.labels[0]);
    REQUIRE(q.executeStep());
    CHECK(sample.value == q.getColumn(0).getInt64());
  }
}

TEST_CASE("database figures: nothing queued is age 0; the last hour of api_calls by kind and outcome") {
  Queue queue(1);
  queue.db->exec("UPDATE payment_intents SET state = 'cancelled', changed_by = 'test' WHERE reference_id = 'R-1'");
  const std::int64_t now = queue.created_at("R-1") + 10'000;
  store::SqliteCallLog log(*queue.db);
  store::CallRow recent{.kind = "poll", .started_at_ms = now - 1000, .latency_ms = 3, .http_status = 429,
                        .outcome = "rate_limited"};
  REQUIRE(log.append(recent).is_ok());
  store::CallRow old = recent;
  old.started_at_ms = now - 2 * DatabaseFigures::kRecentWindowMs;
  REQUIRE(log.append(old).is_ok());
  store::SqliteMetricsQueries queries(*queue.db);
  store::SqlitePauseStore pause(*queue.db);
  DatabaseFigures figures;
  REQUIRE(figures.refresh(queries, pause, now).is_ok());
  const auto families = figures.families();
  CHECK(value_of(families, "payq_oldest_queued_age_seconds", {}) == 0);
  CHECK(value_of(families, "payq_api_calls_last_hour", {"poll", "rate_limited"}) == 1);
  CHECK(value_of(families, "payq_api_rate_limited_last_hour", {}) == 1);
  CHECK(value_of(families, "payq_ambiguous_outcomes_last_hour", {}) == 0);
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::metrics
