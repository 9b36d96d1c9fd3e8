// store/postgres/pg_health_queries_test.cpp — the status figures on PostgreSQL, as store/health_queries_test.cpp
// asserts them on SQLite: empty figures on a fresh schema, then oldest queued, earliest due poll, latest success,
// window counts and ambiguous intents; the recent calls.
#include <doctest/doctest.h>

#include "store/postgres/pg_health_queries.h"
#include "store/postgres/pg_seed.h"

using payq::store::postgres::PgHealthQueries;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;
constexpr std::int64_t kHour = 3'600'000;

}  // namespace

TEST_SUITE("postgres.health_queries") {
  TEST_CASE("health figures of an empty queue are all absent or zero") {
    payq::testing::PgSeed db;
    auto f = PgHealthQueries(db.session()).figures(kNow - kHour);
    REQUIRE_MESSAGE(f.is_ok(), f.status().to_string());
    CHECK_FALSE(f->oldest_queued_at.has_value());
    CHECK_FALSE(f->oldest_poll_due_at.has_value());
    CHECK_FALSE(f->last_success_at.has_value());
    CHECK(f->calls_in_window == 0);
    CHECK(f->rate_limited_in_window == 0);
    CHECK(f->ambiguous_intents == 0);
  }

  TEST_CASE("health figures: oldest queued, earliest poll due, last success, window counts, ambiguous") {
    payq::testing::PgSeed db;
    db.add("R-1", "1.00", "USD", std::nullopt, kNow - 3'000);
    db.add("R-2", "1.00", "USD", std::nullopt, kNow - 2'000);
    db.add("R-3", "1.00", "USD", std::nullopt, kNow - 1'000);
    db.submit("R-1", kNow, kNow + 5'000);
    // R-2 went out, may have reached the partner, and is queued again with a later due time than R-3.
    db.exec("UPDATE payment_intents SET ambiguous = 1, next_attempt_at = " + std::to_string(kNow + 1'000) +
            " WHERE reference_id = 'R-2'");
    db.call(std::nullopt, "create", kNow - 2 * kHour, 40, 201, "success");  // outside the window
    db.call(std::nullopt, "create", kNow - 30'000, 40, 201, "success");
    db.call(std::nullopt, "create", kNow - 20'000, 40, 429, "rate_limited");
    db.call(std::nullopt, "create", kNow - 10'000, 40, 503, "ambiguous");

    auto f = *PgHealthQueries(db.session()).figures(kNow - kHour);
    CHECK(f.oldest_queued_at == kNow - 2'000);  // R-2 is still the oldest by creation
    CHECK(f.oldest_poll_due_at == kNow + 5'000);
    CHECK(f.last_success_at == kNow - 30'000 + 40);  // when the call finished
    CHECK(f.calls_in_window == 3);
    CHECK(f.rate_limited_in_window == 1);
    CHECK(f.ambiguous_intents == 1);
  }

  TEST_CASE("recent calls: outcomes in the window, the latest answered ones newest first, the last minute's count") {
    payq::testing::PgSeed db;
    db.call(std::nullopt, "create", kNow - 10 * 60'000, 40, 201, "success");  // before the 5 min window
    db.call(std::nullopt, "create", kNow - 4 * 60'000, 40, 201, "success");
    db.call(std::nullopt, "create", kNow - 3 * 60'000, 40, 401, "unauthorized");
    db.call(std::nullopt, "create", kNow - 50'000, 40, 429, "rate_limited");
    db.call(std::nullopt, "create", kNow - 40'000, 40, std::nullopt, "retryable");
    db.call(std::nullopt, "create", kNow - 30'000, 40, 429, "rate_limited");

    auto r = PgHealthQueries(db.session()).recent_calls(kNow - 5 * 60'000, 2, kNow - 60'000);
    REQUIRE_MESSAGE(r.is_ok(), r.status().to_string());
    CHECK(r->by_outcome == std::map<std::string, std::int64_t>{
                               {"success", 1}, {"unauthorized", 1}, {"rate_limited", 2}, {"retryable", 1}});
    CHECK(r->latest_outcomes == std::vector<std::string>{"retryable", "unauthorized"});
    CHECK(r->calls_last_minute == 3);

    auto none = PgHealthQueries(db.session()).recent_calls(kNow + 1, 5, kNow + 1);
    REQUIRE(none.is_ok());
    CHECK(none->by_outcome.empty());
    CHECK(none->latest_outcomes.empty());
    CHECK(none->calls_last_minute == 0);
  }

  TEST_CASE("a failing query is a Status naming what was read, not an exception") {
    payq::testing::PgSeed db;
    db.exec("ALTER TABLE api_calls RENAME TO api_calls_elsewhere");
    auto f = PgHealthQueries(db.session()).figures(kNow);
    REQUIRE_FALSE(f.is_ok());
    CHECK(f.status().code() == payq::StatusCode::kDatabase);
    CHECK(f.status().message().find("read the health figures") != std::string::npos);
    CHECK(f.status().message().find("SQLSTATE 42P01") != std::string::npos);
  }
}
