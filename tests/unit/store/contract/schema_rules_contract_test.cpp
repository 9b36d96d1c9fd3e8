// store/contract/schema_rules_contract_test.cpp — the rules both schemas enforce on any writer, plain SQL included:
// history append-only, money fields immutable, intents never deleted, a new intent's checks and defaults, the C++
// redirect_url rule, state changes recorded; refused with the same message text where the rule's own words are ours.
#include <doctest/doctest.h>

#include <string>

#include "payq/intent.h"
#include "store/contract/store_under_test.h"

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;

bool refused_with(payq::testing::StoreUnderTest& s, const std::string& sql, const std::string& message) {
  const std::string error = s.error_of(sql);
  INFO("SQL: " << sql << "\nerror: " << error);
  CHECK(error.find(message) != std::string::npos);
  return error.find(message) != std::string::npos;
}

std::string insert_intent(const std::string& ref, const std::string& columns, const std::string& values) {
  return "INSERT INTO payment_intents (reference_id, amount, currency, redirect_url" + columns + ") VALUES ('" + ref +
         "', " + values + ")";
}

}  // namespace

STORE_CONTRACT("history tables are append-only and intents are never deleted nor their money changed") {
  const std::int64_t id = s.enqueue("R-1", kNow);
  auto claimed = s.store().queue().claim({1, 1}, kNow, kNow + 60'000);
  REQUIRE(claimed->has_value());
  REQUIRE(s.store().queue().record_created(**claimed, "pr_1", "pending", "{}", kNow, kNow + 1).is_ok());
  REQUIRE(s.store().queue().record_created(**claimed, "pr_2", "pending", "{}", kNow, kNow + 1).is_ok());  // orphan
  REQUIRE(s.store().pause().pause("alice", "", kNow).is_ok());
  refused_with(s, "UPDATE status_transitions SET detail = 'x'",
               "status_transitions is append-only: rows are never updated");
  refused_with(s, "DELETE FROM status_transitions", "status_transitions is append-only: rows are never deleted");
  refused_with(s, "UPDATE orphan_candidates SET reason = 'x'",
               "orphan_candidates is append-only: rows are never updated");
  refused_with(s, "DELETE FROM orphan_candidates", "orphan_candidates is append-only: rows are never deleted");
  refused_with(s, "UPDATE pause_events SET actor = 'mallory'", "pause_events is append-only: rows are never updated");
  refused_with(s, "DELETE FROM pause_events", "pause_events is append-only: rows are never deleted");
  refused_with(s, "DELETE FROM payment_intents", "payment_intents: intents are never deleted (cancel them instead)");
  for (const char* change : {"amount = '2.00'", "currency = 'EUR'", "reference_id = 'R-2'",
                             "redirect_url = 'https://other.example'", "created_at = 1"}) {
    refused_with(s, std::string("UPDATE payment_intents SET ") + change + " WHERE id = " + std::to_string(id),
                 "payment_intents: reference_id, amount, currency, redirect_url and created_at never change");
  }
  CHECK(s.number("SELECT count(*) FROM status_transitions") > 0);
  CHECK(s.number("SELECT count(*) FROM orphan_candidates") == 1);
  CHECK(s.text("SELECT amount || ' ' || currency FROM payment_intents") == "1.00 USD");
}

STORE_CONTRACT("a new intent is checked by the schema: currency, decimals, state; amount_minor and due time derived") {
  refused_with(s, insert_intent("A", "", "'1.00', 'ZZZ', 'https://s.example'"), "currency: not a known ISO 4217 code");
  refused_with(s, insert_intent("B", "", "'1.234', 'USD', 'https://s.example'"),
               "amount: more decimal places than the currency allows");
  refused_with(s, insert_intent("C", ", amount_minor", "'1.00', 'USD', 'https://s.example', 99"),
               "amount_minor: does not match amount in the currency's minor units");
  refused_with(s, insert_intent("D", ", state", "'1.00', 'USD', 'https://s.example', 'submitted'"),
               "state: a new intent starts as queued");
  refused_with(s, insert_intent("E", "", "'1.00', 'USD', 'https://user:pw@s.example'"),
               "redirect_url: must not hold user information");
  refused_with(s, insert_intent("E2", "", "'1.00', 'USD', 'https://:pw@s.example/'"),
               "redirect_url: must not hold user information");
  CHECK_FALSE(payq::validate_redirect_url("https://:pw@s.example/").is_ok());
  CHECK_FALSE(s.error_of(insert_intent("F", "", "'1.00', 'USD', 'ftp://s.example'")).empty());
  for (const char* bad : {"0", "0.00", "-1", "1e3", " 100", "1,000", ".5", "5.", "01", "1.2.3", ""}) {
    CAPTURE(bad);
    refused_with(s, insert_intent("H", "", std::string("'") + bad + "', 'USD', 'https://s.example'"), "amount");
  }
  refused_with(s, insert_intent("H", "", "'1.5', 'JPY', 'https://s.example'"),
               "amount: more decimal places than the currency allows");
  refused_with(s, insert_intent("H", "", "'1', 'usd', 'https://s.example'"), "currency");
  refused_with(s, insert_intent("H", "", "'1', 'USD', 'ftp://x'"), "redirect_url_absolute_http_with_host");
  refused_with(s, insert_intent("H", "", "'1', 'USD', 'https:///x'"), "redirect_url_absolute_http_with_host");
  refused_with(s, insert_intent("has space", "", "'1', 'USD', 'https://s.example'"), "reference_id_1_to_128");
  // Each dialect words a missing column its own way; both name it.
  refused_with(s, "INSERT INTO payment_intents (reference_id, amount, currency) VALUES ('H', '1', 'USD')",
               "redirect_url");
  CHECK(s.number("SELECT count(*) FROM payment_intents") == 0);
  // Plain SQL as a producer of another language writes it: the schema fills in the rest.
  s.exec(insert_intent("G", ", created_at, updated_at", "'12.5', 'KWD', 'https://s.example', 1000, 1000"));
  CHECK(s.text("SELECT amount_minor || ' ' || next_attempt_at || ' ' || state FROM payment_intents") ==
        "12500 1000 queued");
  CHECK(s.text("SELECT observed_by || ' ' || new_value FROM status_transitions") == "producer queued");
  CHECK(s.text("SELECT attempts || ' ' || ambiguous FROM payment_intents") == "0 0");
  s.exec(insert_intent("J", "", "'100', 'JPY', 'https://s.example'"));  // created_at left to the schema too
  CHECK(s.text("SELECT amount_minor || ' ' || state FROM payment_intents WHERE reference_id = 'J'") == "100 queued");
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE reference_id = 'J' AND created_at > 1000") == 1);
  // Each dialect words a duplicate its own way; both say unique.
  const std::string duplicate = s.error_of(insert_intent("J", "", "'100', 'JPY', 'https://s.example'"));
  CHECK((duplicate.find("UNIQUE") != std::string::npos || duplicate.find("unique") != std::string::npos));
  CHECK_FALSE(s.error_of("UPDATE payment_intents SET payment_url = 'javascript:alert(1)'").empty());
  CHECK_FALSE(s.error_of("UPDATE payment_intents SET payment_url = 'https://'").empty());
  CHECK(s.error_of("UPDATE payment_intents SET payment_url = 'https://pay.example/x'").empty());
}

STORE_CONTRACT("a plain-SQL state change is recorded with who and why; unknown and inconsistent states are refused") {
  s.exec(insert_intent("A-1", "", "'1', 'USD', 'https://s.example'"));
  refused_with(s, "UPDATE payment_intents SET state = 'bogus'", "state_known");
  refused_with(s, "UPDATE payment_intents SET state = 'submitted'", "submitted_has_remote_id");
  s.exec("UPDATE payment_intents SET state = 'cancelled', changed_by = 'operator', change_reason = 'dup',"
         " updated_at = updated_at + 5");
  CHECK(s.number("SELECT count(*) FROM status_transitions") == 2);
  CHECK(s.text("SELECT old_value || ' ' || new_value || ' ' || observed_by || ' ' || detail FROM status_transitions"
               " ORDER BY id DESC LIMIT 1") == "queued cancelled operator dup");
}

STORE_CONTRACT("the schema's redirect_url rule agrees with the C++ rule, URL by URL") {
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
    const std::string sql_error =
        s.error_of(insert_intent("S-" + std::to_string(++n), "", std::string("'1', 'USD', '") + url + "'"));
    CAPTURE(sql_error);
    CHECK(cpp_accepts == sql_error.empty());
  }
}
