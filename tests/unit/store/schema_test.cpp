// store/schema_test.cpp — the schema itself refuses bad rows from a plain-SQL producer (redirect_url by the
// C++ rule), derives amount_minor and the first transition, keeps history append-only and fields immutable.
#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include <string>

#include "payq/intent.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace {

struct Db {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;
  Db() {
    auto opened = payq::store::open_database({.location = dir.file("q.db")});
    REQUIRE(opened.is_ok());
    db = std::move(opened).value();
  }
  // Returns the SQLite error message, or "" when the statement succeeded.
  std::string try_exec(const std::string& sql) {
    try {
      db->exec(sql);
      return "";
    } catch (const SQLite::Exception& e) {
      return e.what();
    }
  }
  std::string insert(const std::string& ref, const std::string& amount, const std::string& currency,
                     const std::string& url = "https://shop.example/r") {
    return try_exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url) VALUES ('" + ref +
                    "', '" + amount + "', '" + currency + "', '" + url + "')");
  }
};

}  // namespace

TEST_CASE("a plain-SQL insert of the four columns is as good as one from the CLI") {
  Db t;
  REQUIRE(t.insert("A-1", "12.5", "USD") == "");
  SQLite::Statement q(*t.db, "SELECT amount_minor, state, attempts, ambiguous, created_at > 0 FROM payment_intents");
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getInt64() == 1250);
  CHECK(q.getColumn(1).getString() == "queued");
  CHECK(q.getColumn(2).getInt() == 0);
  CHECK(q.getColumn(3).getInt() == 0);
  CHECK(q.getColumn(4).getInt() == 1);
  CHECK(t.db->execAndGet("SELECT new_value || '/' || observed_by FROM status_transitions").getString() == "queued/producer");
  REQUIRE(t.insert("J-1", "100", "JPY") == "");
  CHECK(t.db->execAndGet("SELECT amount_minor FROM payment_intents WHERE reference_id='J-1'").getInt64() == 100);
}

TEST_CASE("the schema rejects bad plain-SQL rows with a named constraint") {
  Db t;
  REQUIRE(t.insert("A-1", "1", "USD") == "");
  CHECK(t.insert("A-1", "1", "USD").find("UNIQUE") != std::string::npos);
  for (const char* bad : {"0", "0.00", "-1", "1e3", " 100", "1,000", ".5", "5.", "01", "1.2.3", ""}) {
    CAPTURE(bad);
    // the named CHECK, or the currency trigger (which runs first) for "1.2.3"
    CHECK(t.insert("B", bad, "USD").find("amount") != std::string::npos);
  }
  CHECK(t.insert("B", "1.234", "USD").find("amount: more decimal places") != std::string::npos);
  CHECK(t.insert("B", "1.5", "JPY").find("amount: more decimal places") != std::string::npos);
  CHECK(t.insert("B", "1", "XXX").find("currency: not a known") != std::string::npos);
  CHECK(t.insert("B", "1", "usd").find("currency") != std::string::npos);
  CHECK(t.insert("B", "1", "USD", "ftp://x").find("redirect_url_absolute_http_with_host") != std::string::npos);
  CHECK(t.insert("B", "1", "USD", "https:///x").find("redirect_url_absolute_http_with_host") != std::string::npos);
  CHECK(t.insert("has space", "1", "USD").find("reference_id_1_to_128") != std::string::npos);
  CHECK(t.try_exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, state) "
                   "VALUES ('C', '1', 'USD', 'https://x', 'settled')").find("state: a new intent starts as queued") !=
        std::string::npos);
  CHECK(t.try_exec("INSERT INTO payment_intents (reference_id, amount, amount_minor, currency, redirect_url) "
                   "VALUES ('D', '1.5', 15, 'USD', 'https://x')").find("amount_minor: does not match") !=
        std::string::npos);
  CHECK(t.try_exec("INSERT INTO payment_intents (reference_id, amount, currency) VALUES ('E', '1', 'USD')")
            .find("NOT NULL") != std::string::npos);
  CHECK(t.db->execAndGet("SELECT count(*) FROM payment_intents").getInt() == 1);
}

TEST_CASE("transitions are append-only and recorded for every state change") {
  Db t;
  REQUIRE(t.insert("A-1", "1", "USD") == "");
  REQUIRE(t.try_exec("UPDATE payment_intents SET state='cancelled', changed_by='operator', change_reason='dup',"
                     " updated_at=updated_at+5") == "");
  SQLite::Statement q(*t.db, "SELECT old_value, new_value, observed_by, detail FROM status_transitions ORDER BY id");
  REQUIRE(q.executeStep());
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getString() == "queued");
  CHECK(q.getColumn(1).getString() == "cancelled");
  CHECK(q.getColumn(2).getString() == "operator");
  CHECK(q.getColumn(3).getString() == "dup");
  CHECK(t.try_exec("UPDATE status_transitions SET new_value='x'").find("append-only") != std::string::npos);
  CHECK(t.try_exec("DELETE FROM status_transitions").find("append-only") != std::string::npos);
}

TEST_CASE("what the merchant asked for never changes and intents are never deleted") {
  Db t;
  REQUIRE(t.insert("A-1", "1", "USD") == "");
  CHECK(t.try_exec("UPDATE payment_intents SET amount='2'").find("never change") != std::string::npos);
  CHECK(t.try_exec("UPDATE payment_intents SET currency='EUR'").find("never change") != std::string::npos);
  CHECK(t.try_exec("DELETE FROM payment_intents").find("never deleted") != std::string::npos);
  CHECK(t.try_exec("UPDATE payment_intents SET state='bogus'").find("state_known") != std::string::npos);
  CHECK(t.try_exec("UPDATE payment_intents SET state='submitted'").find("submitted_has_remote_id") != std::string::npos);
}

TEST_CASE("daily totals sum exact minor units and format them with the currency's digits") {
  Db t;
  REQUIRE(t.insert("A", "0.10", "USD") == "");
  REQUIRE(t.insert("B", "0.20", "USD") == "");
  REQUIRE(t.insert("C", "1.005", "KWD") == "");
  CHECK(t.db->execAndGet("SELECT total FROM v_daily_totals WHERE currency='USD'").getString() == "0.30");
  CHECK(t.db->execAndGet("SELECT total FROM v_daily_totals WHERE currency='KWD'").getString() == "1.005");
}

TEST_CASE("plain SQL cannot store a redirect_url with user information, and says so readably") {
  Db t;
  const std::string error = t.insert("U-1", "1", "USD", "https://:pw@x.example/");
  CHECK(error.find("redirect_url: must not hold user information") != std::string::npos);
  CHECK_FALSE(payq::validate_redirect_url("https://:pw@x.example/").is_ok());
}

TEST_CASE("the schema's redirect_url rule agrees with the C++ rule, URL by URL") {
  Db t;
  int n = 0;
  for (const char* url :
       {"https://a.example", "https://a.example:443/x?y#z", "http://localhost:8080/x", "https://[::1]/",
        "https://[::1]:80/", "https://127.0.0.1./", "https://localhost./", "https://x.example/p@q",
        "https://a.example:00080/", "https://a-b_c~d.example/", "http://shop.example/return?to=https://x@y",
        "https://:pw@x.example/", "https://user@host/p", "https://a.example:0/", "https://a.example:65536/",
        "https://a.example:/", "https://a.example:8x/", "https://a.example:80:90/", "https://[::1", "https://[zz]/",
        "https://[]/", "https://[::1]x/", "http://2130706433/", "http://127.1/", "http://0x7f.1/", "http://256.1.1.1/",
        "http://1.2.3.4.5/", "http://127.000.0.1/", "https://a..b/", "https://.a/", "https://a.1b/", "https://a$b/",
        "https://a%41.example/", "https://a.example\\@b/", "https://a!b.example/", "https://a.example/ok\\path",
        "https://:80/x", "HTTPS://a.example/", "https://a b/", "https://A.Example/x", "https://a.-b/",
        "https://a.example?x=/y", "https://a.example#/y", "https://a.9/", "https://a.b9.c/", "https://a./",
        "https://a.example:8443/p", "https://a.example:8443@b/"}) {
    CAPTURE(url);
    const bool cpp_accepts = payq::validate_redirect_url(url).is_ok();
    const std::string sql_error = t.insert("S-" + std::to_string(++n), "1", "USD", url);
    CAPTURE(sql_error);
    CHECK(cpp_accepts == sql_error.empty());
  }
}
