// store/postgres/pg_intent_writer_test.cpp — what only the PostgreSQL writer does: batches through a temporary
// staging table, and row by row when the role may not create one. Idempotency and order: ../contract.
#include <doctest/doctest.h>

#include <vector>

#include "store/postgres/pg_intent_writer.h"
#include "store/postgres/pg_seed.h"

using payq::EnqueueOutcome;
using payq::Intent;
using payq::StatusCode;
using payq::store::postgres::PgIntentWriter;

namespace {

Intent valid(const std::string& ref, const std::string& amount = "10.00") {
  auto intent = payq::validate_intent({ref, amount, "EUR", "https://shop.example/back", std::nullopt});
  REQUIRE_MESSAGE(intent.is_ok(), intent.status().to_string());
  return *intent;
}

// Takes TEMPORARY on the test database from everyone (its owner included) and gives it back when it goes.
class TemporaryTablesRevoked {
 public:
  explicit TemporaryTablesRevoked(payq::testing::PgSeed& db) : db_(db) {
    db_.exec("DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, %I', current_database(),"
             " current_user); END $$");
  }
  ~TemporaryTablesRevoked() {
    db_.exec("DO $$ BEGIN EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC, %I', current_database(),"
             " current_user); END $$");
  }
  TemporaryTablesRevoked(const TemporaryTablesRevoked&) = delete;
  TemporaryTablesRevoked& operator=(const TemporaryTablesRevoked&) = delete;

 private:
  payq::testing::PgSeed& db_;
};

}  // namespace

TEST_SUITE("postgres.intent_writer") {
  TEST_CASE("a batch goes through the session's temporary staging table; a single intent does not") {
    payq::testing::PgSeed db;
    auto connection = db.schema().connect();
    const auto staging_exists = [&] {
      pqxx::nontransaction look(connection->session());
      return look.exec("SELECT to_regclass('pg_temp.payq_import_staging') IS NOT NULL")[0][0].as<bool>();
    };
    PgIntentWriter writer(connection->session());
    const std::vector<Intent> one{valid("S-1")};
    REQUIRE(writer.begin().is_ok());
    REQUIRE(writer.insert_all(one, 1).is_ok());
    REQUIRE(writer.commit().is_ok());
    CHECK_FALSE(staging_exists());
    const std::vector<Intent> two{valid("S-2"), valid("S-3")};
    REQUIRE(writer.begin().is_ok());
    REQUIRE(writer.insert_all(two, 1).is_ok());
    REQUIRE(writer.commit().is_ok());
    CHECK(staging_exists());
    CHECK(db.one("SELECT count(*) FROM payment_intents") == "3");
  }

  TEST_CASE("a role that may not create temporary tables still imports: row by row, with the same outcomes") {
    payq::testing::PgSeed db;
    const TemporaryTablesRevoked revoked(db);
    auto connection = db.schema().connect();
    CHECK(db.one("SELECT has_database_privilege(current_database(), 'TEMPORARY')") == "f");
    PgIntentWriter writer(connection->session());
    const std::vector<Intent> batch{valid("T-1"), valid("T-2"), valid("T-1"), valid("T-2", "11.00")};
    for (int round = 0; round < 2; ++round) {  // the second batch goes row by row straight away
      REQUIRE(writer.begin().is_ok());
      auto outcomes = writer.insert_all(batch, 1);
      REQUIRE_MESSAGE(outcomes.is_ok(), outcomes.status().to_string());
      REQUIRE(writer.commit().is_ok());
      REQUIRE(outcomes->size() == 4);
      CHECK(*(*outcomes)[0] == (round == 0 ? EnqueueOutcome::kInserted : EnqueueOutcome::kAlreadyPresent));
      CHECK(*(*outcomes)[1] == (round == 0 ? EnqueueOutcome::kInserted : EnqueueOutcome::kAlreadyPresent));
      CHECK(*(*outcomes)[2] == EnqueueOutcome::kAlreadyPresent);
      CHECK((*outcomes)[3].status().code() == StatusCode::kConflict);
    }
    CHECK(db.one("SELECT count(*) FROM payment_intents") == "2");
  }
}
