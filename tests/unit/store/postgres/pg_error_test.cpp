// store/postgres/pg_error_test.cpp — SQLSTATEs, libpqxx exceptions and failed connections map to payq codes with the
// SQLSTATE in the message; on a real server, a trigger's CHECK violation and a lock_timeout come out as such.
#include <doctest/doctest.h>

#include <pqxx/except>
#include <pqxx/transaction>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_migrator.h"
#include "store/postgres/pg_test_schema.h"

using payq::Status;
using payq::StatusCode;
using payq::store::postgres::code_for_sqlstate;
using payq::store::postgres::connect_failure_status;
using payq::store::postgres::to_status;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Runs `sql` in its own transaction on `connection` and returns what pg_error makes of its failure.
Status status_of(payq::store::postgres::PgConnection& connection, const std::string& sql) {
  try {
    pqxx::work tx(connection.session());
    tx.exec(sql);
    tx.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "test");
  }
}

}  // namespace

TEST_CASE("lock and serialization waits are kBusy, integrity is kInvalidArgument, the rest kDatabase") {
  for (const char* busy : {"40001", "40P01", "55P03", "57014"}) CHECK(code_for_sqlstate(busy) == StatusCode::kBusy);
  for (const char* integrity : {"23000", "23502", "23503", "23505", "23514", "23P01"}) {
    CHECK(code_for_sqlstate(integrity) == StatusCode::kInvalidArgument);
  }
  for (const char* other : {"28P01", "28000", "53100", "53200", "58030", "08006", "42601", "42P01", "57P01", ""}) {
    CHECK(code_for_sqlstate(other) == StatusCode::kDatabase);
  }
}

TEST_CASE("an sql_error keeps the server's message, its DETAIL and the SQLSTATE, without ERROR: or CONTEXT") {
  const pqxx::unique_violation unique(
      "ERROR:  duplicate key value violates unique constraint \"payment_intents_reference_id_key\"\n"
      "DETAIL:  Key (reference_id)=(A-1) already exists.\n",
      "INSERT …", "23505");
  const Status status = to_status(unique, "enqueue ref=A-1");
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.message() ==
        "enqueue ref=A-1: duplicate key value violates unique constraint \"payment_intents_reference_id_key\" "
        "(Key (reference_id)=(A-1) already exists.) (SQLSTATE 23505)");

  const pqxx::sql_error trigger("ERROR:  amount: more decimal places than the currency allows\n"
                                "CONTEXT:  PL/pgSQL function payment_intents_derive() line 9 at RAISE\n",
                                "INSERT …", "23514");
  CHECK(to_status(trigger, "x").message() ==
        "x: amount: more decimal places than the currency allows (SQLSTATE 23514)");

  const pqxx::check_violation check("ERROR:  new row for relation \"payment_intents\" violates check constraint "
                                    "\"amount_positive_plain_decimal\"\n"
                                    "DETAIL:  Failing row contains (2, A-2, -5, null, USD, https://x.example/).\n",
                                    "INSERT …", "23514");
  CHECK(to_status(check, "x").message() == "x: new row for relation \"payment_intents\" violates check constraint "
                                          "\"amount_positive_plain_decimal\" (SQLSTATE 23514)");
}

TEST_CASE("authentication, resources, system and lost-connection codes say what happened") {
  const auto message = [](const char* sqlstate) {
    return to_status(pqxx::sql_error("FATAL:  something\n", "", sqlstate), "c").message();
  };
  CHECK(message("28P01") == "c: authentication failed: something (SQLSTATE 28P01)");
  CHECK(message("53100") == "c: the PostgreSQL server is out of resources: something (SQLSTATE 53100)");
  CHECK(message("58030") == "c: the PostgreSQL server failed at the system level: something (SQLSTATE 58030)");
  CHECK(message("57P01") == "c: connection to the PostgreSQL server was lost: something (SQLSTATE 57P01)");
  CHECK(message("57014") == "c: canceled (lock_timeout or statement_timeout): something (SQLSTATE 57014)");
  CHECK(to_status(pqxx::sql_error("ERROR:  no code\n"), "c").message() == "c: no code");
}

TEST_CASE("a lost connection and a commit of unknown outcome are kDatabase and say so") {
  const Status lost = to_status(pqxx::broken_connection("server closed the connection unexpectedly\n"), "claim");
  CHECK(lost.code() == StatusCode::kDatabase);
  CHECK(lost.message() == "claim: connection to the PostgreSQL server was lost: server closed the connection "
                          "unexpectedly");
  const Status doubt = to_status(pqxx::in_doubt_error("lost during commit"), "record");
  CHECK(doubt.code() == StatusCode::kDatabase);
  CHECK(contains(doubt.message(), "whether it committed is unknown"));
  CHECK(to_status(std::runtime_error("odd"), "c").message() == "c: odd");
}

TEST_CASE("a connection that cannot be opened: unreachable, refused by authentication, no database, bad URL") {
  const std::string url = "postgresql://payq:***@db.example:5432/payq";
  const Status refused = connect_failure_status(
      "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
      "\tIs the server running on that host and accepting TCP/IP connections?\n",
      url);
  CHECK(refused.code() == StatusCode::kDatabase);
  CHECK(refused.message() == "PostgreSQL at " + url + ": server unreachable: connection to server at "
                                                      "\"127.0.0.1\", port 1 failed: Connection refused");
  const Status auth = connect_failure_status(
      "connection to server at \"h\", port 5432 failed: FATAL:  password authentication failed for user \"payq\"\n",
      url);
  CHECK(auth.code() == StatusCode::kDatabase);
  CHECK(contains(auth.message(), ": authentication failed: "));
  CHECK(connect_failure_status("connection to server at \"h\" failed: fe_sendauth: no password supplied\n", url)
            .code() == StatusCode::kDatabase);
  const Status missing = connect_failure_status(
      "connection to server at \"h\", port 5432 failed: FATAL:  database \"nope\" does not exist\n", url);
  CHECK(missing.code() == StatusCode::kDatabase);
  CHECK(contains(missing.message(), ": the database does not exist: "));
  CHECK(connect_failure_status("invalid URI query parameter: \"bogus\"\n", url).code() == StatusCode::kConfig);
}

TEST_SUITE("postgres.error") {
  TEST_CASE("a bad amount refused by the schema's trigger is kInvalidArgument with the trigger's message") {
    payq::testing::PgTestSchema schema;
    auto connection = schema.connect();
    REQUIRE(payq::store::postgres::PgMigrator(*connection).migrate().is_ok());
    const Status status = status_of(*connection, "INSERT INTO payment_intents (reference_id, amount, currency, "
                                                 "redirect_url) VALUES ('A-1', '1.234', 'USD', 'https://x.example/')");
    CHECK(status.code() == StatusCode::kInvalidArgument);
    CHECK(status.message() == "test: amount: more decimal places than the currency allows (SQLSTATE 23514)");
    const Status check = status_of(*connection, "INSERT INTO payment_intents (reference_id, amount, currency, "
                                                "redirect_url) VALUES ('A-2', '-5', 'USD', 'https://x.example/')");
    CHECK(check.code() == StatusCode::kInvalidArgument);
    CHECK(check.message() == "test: new row for relation \"payment_intents\" violates check constraint "
                             "\"amount_positive_plain_decimal\" (SQLSTATE 23514)");
  }

  TEST_CASE("a lock held by another session past lock_timeout is kBusy") {
    payq::testing::PgTestSchema schema;
    auto holder = schema.connect();
    REQUIRE(payq::store::postgres::PgMigrator(*holder).migrate().is_ok());
    auto waiter = schema.connect(std::chrono::milliseconds(50));
    pqxx::work holding(holder->session());
    holding.exec("LOCK TABLE payment_intents IN ACCESS EXCLUSIVE MODE");
    const Status status = status_of(*waiter, "SELECT count(*) FROM payment_intents");
    CHECK(status.code() == StatusCode::kBusy);
    CHECK(contains(status.message(), "lock timeout"));
    CHECK(contains(status.message(), "(SQLSTATE 55P03)"));
    holding.abort();
    CHECK(status_of(*waiter, "SELECT count(*) FROM payment_intents").is_ok());
  }

  TEST_CASE("the migration lock held by another starter past lock_timeout is kBusy") {
    payq::testing::PgTestSchema schema;
    auto holder = schema.connect();
    auto waiter = schema.connect(std::chrono::milliseconds(50));
    pqxx::work holding(holder->session());
    holding.exec("SELECT pg_advisory_xact_lock(" + std::to_string(payq::store::postgres::kMigrationLockKey) + ")");
    auto migrated = payq::store::postgres::PgMigrator(*waiter).migrate();
    REQUIRE_FALSE(migrated.is_ok());
    CHECK(migrated.status().code() == StatusCode::kBusy);
    CHECK(contains(migrated.status().message(), "(SQLSTATE 55P03)"));
  }
}
