// store/postgres/pg_batch_progress_test.cpp — a batch's counts on PostgreSQL follow its intents through every
// final state, other batches do not leak in, and no batch filter counts everything (store/batch_progress_test.cpp).
#include <doctest/doctest.h>

#include "store/postgres/pg_batch_progress.h"
#include "store/postgres/pg_seed.h"

using payq::store::postgres::PgBatchProgress;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;

// R-1..R-6 in batch "B", X-1..X-2 in batch "X", N-1 without a batch.
void seed(payq::testing::PgSeed& db) {
  for (int i = 1; i <= 6; ++i) db.add("R-" + std::to_string(i), "1.00", "USD", "B", kNow - 10'000 + i);
  db.add("X-1", "1.00", "USD", "X", kNow);
  db.add("X-2", "1.00", "USD", "X", kNow);
  db.add("N-1", "1.00", "USD", std::nullopt, kNow);
}

}  // namespace

TEST_SUITE("postgres.batch_progress") {
  TEST_CASE("batch progress counts a fresh batch as nothing final") {
    payq::testing::PgSeed db;
    seed(db);
    auto counts = PgBatchProgress(db.session()).count(std::string("B"));
    REQUIRE_MESSAGE(counts.is_ok(), counts.status().to_string());
    CHECK(counts->total == 6);
    CHECK(counts->final_count == 0);
    CHECK(counts->queued == 6);
    CHECK_FALSE(counts->all_final());
    CHECK(PgBatchProgress(db.session()).count(std::string("nope"))->total == 0);
    CHECK(PgBatchProgress(db.session()).count(std::nullopt)->total == 9);
  }

  TEST_CASE("batch progress separates paid, not paid, failed, on hold and cancelled") {
    payq::testing::PgSeed db;
    seed(db);
    for (const char* ref : {"R-1", "R-2", "R-3"}) db.submit(ref, kNow, kNow + 5'000);
    db.settle("R-1", "paid", kNow);
    db.settle("R-2", "expired", kNow);  // R-3 stays submitted: not final
    db.fail("R-4", "amount too large", kNow);
    db.hold("R-5", "timeout after sending", true, kNow);
    db.cancel("R-6", kNow);

    auto counts = *PgBatchProgress(db.session()).count(std::string("B"));
    CHECK(counts.total == 6);
    CHECK(counts.final_count == 5);
    CHECK(counts.paid == 1);
    CHECK(counts.unpaid == 1);
    CHECK(counts.failed == 1);
    CHECK(counts.on_hold == 1);
    CHECK(counts.cancelled == 1);
    CHECK(counts.submitted == 1);
    CHECK_FALSE(counts.all_final());

    db.settle("R-3", "cancelled", kNow);
    counts = *PgBatchProgress(db.session()).count(std::string("B"));
    CHECK(counts.all_final());
    CHECK(counts.unpaid == 2);
    auto other = *PgBatchProgress(db.session()).count(std::string("X"));
    CHECK(other.total == 2);
    CHECK(other.final_count == 0);
    auto everything = *PgBatchProgress(db.session()).count(std::nullopt);
    CHECK(everything.total == 9);
    CHECK(everything.final_count == 6);
  }
}
