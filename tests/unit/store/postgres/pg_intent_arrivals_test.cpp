// store/postgres/pg_intent_arrivals_test.cpp — hearing of new intents on PostgreSQL: an insert committed by another
// session is heard, nothing or a rolled-back insert is not, and a session the server ended is an error. Also: an
// SQLite file has no arrivals to hear (the daemon polls).
#include <doctest/doctest.h>

#include <chrono>
#include <memory>

#include <pqxx/pqxx>

#include "store/open_store.h"
#include "store/postgres/pg_seed.h"
#include "support/temp_dir.h"

using payq::StatusCode;
using payq::store::IntentArrivals;
using payq::store::open_intent_arrivals;
using namespace std::chrono_literals;

namespace {

// Long enough for a NOTIFY to travel (wait() returns as soon as it has); short enough to wait out "nothing".
constexpr auto kArrives = 10s;
constexpr auto kNothing = 200ms;

std::unique_ptr<IntentArrivals> listen(const payq::testing::PgSeed& db) {
  auto arrivals = open_intent_arrivals({.location = db.schema().url(), .migrate = false});
  REQUIRE_MESSAGE(arrivals.is_ok(), arrivals.status().to_string());
  REQUIRE(*arrivals != nullptr);
  return std::move(arrivals).value();
}

bool heard(IntentArrivals& arrivals, std::chrono::milliseconds timeout) {
  auto result = arrivals.wait(timeout);
  REQUIRE_MESSAGE(result.is_ok(), result.status().to_string());
  return *result;
}

}  // namespace

TEST_SUITE("postgres.intent_arrivals") {
  TEST_CASE("an insert committed by another session is heard once; with nothing new the wait times out") {
    payq::testing::PgSeed db;
    auto arrivals = listen(db);
    CHECK_FALSE(heard(*arrivals, kNothing));
    {
      pqxx::work tx(db.session());
      for (int i = 1; i <= 3; ++i) {  // three statements, one transaction: folded into one notification
        tx.exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url) VALUES ('R-" +
                std::to_string(i) + "', '1.00', 'EUR', 'https://s.example/r')");
      }
      tx.commit();
    }
    CHECK(heard(*arrivals, kArrives));
    CHECK_FALSE(heard(*arrivals, kNothing));
    db.add("R-4");
    CHECK(heard(*arrivals, kArrives));
  }

  TEST_CASE("an insert rolled back is not heard") {
    payq::testing::PgSeed db;
    auto arrivals = listen(db);
    {
      pqxx::work tx(db.session());
      tx.exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url)"
              " VALUES ('R-1', '1.00', 'EUR', 'https://s.example/r')");
      tx.abort();
    }
    CHECK_FALSE(heard(*arrivals, kNothing));
    CHECK(db.one("SELECT count(*) FROM payment_intents") == "0");
  }

  TEST_CASE("a session the server ended is an error, and stays one") {
    payq::testing::PgSeed db;
    auto arrivals = listen(db);
    CHECK(db.one("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                 " WHERE pid <> pg_backend_pid() AND datname = current_database() AND query ILIKE 'LISTEN%'") == "1");
    // The server's "terminating connection" message may come in a read of its own, before the connection closes:
    // that wait hears nothing, the next one finds the session gone.
    auto broken = arrivals->wait(kArrives);
    for (int more = 0; more < 3 && broken.is_ok(); ++more) {
      CHECK_FALSE(*broken);
      broken = arrivals->wait(kArrives);
    }
    REQUIRE_FALSE(broken.is_ok());
    CHECK(broken.status().code() == StatusCode::kDatabase);
    CHECK(broken.status().message().find("listen for new intents at") != std::string::npos);
    CHECK_FALSE(arrivals->wait(kNothing).is_ok());
  }
}

TEST_CASE("an SQLite file has no arrivals to hear: nullptr, and the daemon keeps polling") {
  payq::testing::TempDir dir;
  auto arrivals = open_intent_arrivals({.location = dir.file("payq.db")});
  REQUIRE(arrivals.is_ok());
  CHECK(*arrivals == nullptr);
}
