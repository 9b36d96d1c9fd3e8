// store/contract/schema_rules_contract_test.cpp — the rules both schemas enforce on any writer, plain SQL included:
// history tables append-only, an intent's money fields immutable and never deleted, a new intent's checks; refused
// with the same message text on both stores.
#include <doctest/doctest.h>

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
  CHECK_FALSE(s.error_of(insert_intent("F", "", "'1.00', 'USD', 'ftp://s.example'")).empty());
  CHECK(s.number("SELECT count(*) FROM payment_intents") == 0);
  // Plain SQL as a producer of another language writes it: the schema fills in the rest.
  s.exec(insert_intent("G", ", created_at, updated_at", "'12.5', 'KWD', 'https://s.example', 1000, 1000"));
  CHECK(s.text("SELECT amount_minor || ' ' || next_attempt_at || ' ' || state FROM payment_intents") ==
        "12500 1000 queued");
  CHECK(s.text("SELECT observed_by || ' ' || new_value FROM status_transitions") == "producer queued");
  CHECK_FALSE(s.error_of("UPDATE payment_intents SET payment_url = 'javascript:alert(1)'").empty());
  CHECK_FALSE(s.error_of("UPDATE payment_intents SET payment_url = 'https://'").empty());
  CHECK(s.error_of("UPDATE payment_intents SET payment_url = 'https://pay.example/x'").empty());
}
