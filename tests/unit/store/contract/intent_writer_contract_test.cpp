// store/contract/intent_writer_contract_test.cpp — the IntentWriter contract on both stores: idempotent on
// reference_id (same content: already present; other content: kConflict naming the field), the writer's own
// transaction (nothing stored before commit, a refused row leaves it usable), and data_version as each store documents.
#include <doctest/doctest.h>

#include "store/contract/store_under_test.h"

using payq::EnqueueOutcome;
using payq::Intent;
using payq::StatusCode;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;

Intent valid(const std::string& ref, const std::string& amount = "10.00", const std::string& currency = "EUR",
             const std::string& redirect_url = "https://shop.example/back",
             std::optional<std::string> batch = std::nullopt) {
  auto intent = payq::validate_intent({ref, amount, currency, redirect_url, std::move(batch)});
  REQUIRE_MESSAGE(intent.is_ok(), intent.status().to_string());
  return *intent;
}

}  // namespace

STORE_CONTRACT("an insert stores the intent once, queued and due at its creation; the same content again is present") {
  auto& writer = s.store().intent_writer();
  auto first = writer.insert(valid("R-1", "10.00", "EUR", "https://shop.example/back", "b1"), kNow);
  REQUIRE_MESSAGE(first.is_ok(), first.status().to_string());
  CHECK(*first == EnqueueOutcome::kInserted);
  CHECK(s.text("SELECT state || ' ' || amount || ' ' || amount_minor || ' ' || currency || ' ' || batch"
               " FROM payment_intents") == "queued 10.00 1000 EUR b1");
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE created_at = next_attempt_at AND updated_at = "
                 "created_at AND attempts = 0") == 1);
  CHECK(s.number("SELECT created_at FROM payment_intents") == kNow);
  CHECK(s.text("SELECT coalesce(old_value, '-') || ' ' || new_value || ' ' || observed_by FROM status_transitions") ==
        "- queued producer");
  // Another batch tag is bookkeeping, not money: still the same intent.
  auto again = writer.insert(valid("R-1", "10.00", "EUR", "https://shop.example/back", "b2"), kNow + 5);
  REQUIRE(again.is_ok());
  CHECK(*again == EnqueueOutcome::kAlreadyPresent);
  CHECK(s.number("SELECT count(*) FROM payment_intents") == 1);
  CHECK(s.text("SELECT batch FROM payment_intents") == "b1");
  CHECK(s.number("SELECT count(*) FROM status_transitions") == 1);
}

STORE_CONTRACT("the same reference with other content is kConflict naming the field, and the stored row stays") {
  auto& writer = s.store().intent_writer();
  REQUIRE(writer.insert(valid("R-1", "10.00"), kNow).is_ok());
  auto amount = writer.insert(valid("R-1", "11.00"), kNow);
  REQUIRE_FALSE(amount.is_ok());
  CHECK(amount.status().code() == StatusCode::kConflict);
  CHECK(amount.status().message().find("amount 10.00 EUR is stored, 11.00 EUR was given") != std::string::npos);
  auto currency = writer.insert(valid("R-1", "10.00", "USD"), kNow);
  CHECK(currency.status().code() == StatusCode::kConflict);
  CHECK(currency.status().message().find("10.00 EUR is stored, 10.00 USD was given") != std::string::npos);
  auto redirect = writer.insert(valid("R-1", "10.00", "EUR", "https://other.example/"), kNow);
  CHECK(redirect.status().code() == StatusCode::kConflict);
  CHECK(redirect.status().message().find("redirect_url 'https://shop.example/back' is stored, "
                                         "'https://other.example/' was given") != std::string::npos);
  CHECK(s.text("SELECT amount || ' ' || currency || ' ' || redirect_url FROM payment_intents") ==
        "10.00 EUR https://shop.example/back");
}

STORE_CONTRACT("rows of the writer's transaction are stored only at commit and are gone after a rollback") {
  auto reader = s.open_another();  // opened first: an SQLite open may migrate, which waits for the write lock
  auto& writer = s.store().intent_writer();
  CHECK_FALSE(writer.in_transaction());
  CHECK(writer.commit().code() == StatusCode::kInternal);
  REQUIRE(writer.begin().is_ok());
  CHECK(writer.in_transaction());
  CHECK(writer.begin().code() == StatusCode::kInternal);
  REQUIRE(writer.insert(valid("T-1"), kNow).is_ok());
  REQUIRE(writer.insert(valid("T-2"), kNow).is_ok());
  CHECK(*writer.insert(valid("T-1"), kNow) == EnqueueOutcome::kAlreadyPresent);  // sees its own rows
  CHECK_FALSE(reader->intent_reader().find("T-1")->has_value());  // not stored yet
  REQUIRE(writer.commit().is_ok());
  CHECK_FALSE(writer.in_transaction());
  CHECK(reader->intent_reader().find("T-1")->has_value());
  CHECK(s.number("SELECT count(*) FROM payment_intents") == 2);

  REQUIRE(writer.begin().is_ok());
  REQUIRE(writer.insert(valid("T-3"), kNow).is_ok());
  writer.rollback();
  CHECK_FALSE(writer.in_transaction());
  writer.rollback();  // nothing open: nothing to do
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE reference_id = 'T-3'") == 0);
}

STORE_CONTRACT("a row the schema refuses is kInvalidArgument; inside a transaction the others still commit") {
  REQUIRE(s.store().prepare_for_bulk_load().is_ok());  // as payq import readies its connection
  auto& writer = s.store().intent_writer();
  Intent too_precise = valid("BAD");
  too_precise.amount = "1.234";  // past validation: the schema's own rule refuses 3 decimals for EUR
  too_precise.amount_minor = 1234;
  auto alone = writer.insert(too_precise, kNow);
  CHECK(alone.status().code() == StatusCode::kInvalidArgument);
  CHECK(s.number("SELECT count(*) FROM payment_intents") == 0);

  REQUIRE(writer.begin().is_ok());
  REQUIRE(writer.insert(valid("OK-1"), kNow).is_ok());
  auto refused = writer.insert(too_precise, kNow);
  CHECK(refused.status().code() == StatusCode::kInvalidArgument);
  CHECK(writer.in_transaction());
  Intent bad_url = valid("BAD-2");
  bad_url.redirect_url = "ftp://shop.example/";
  CHECK(writer.insert(bad_url, kNow).status().code() == StatusCode::kInvalidArgument);
  auto conflict = writer.insert(valid("OK-1", "99.00"), kNow);
  CHECK(conflict.status().code() == StatusCode::kConflict);
  REQUIRE(writer.insert(valid("OK-2"), kNow).is_ok());
  REQUIRE(writer.commit().is_ok());
  CHECK(s.text("SELECT min(reference_id) || ' ' || max(reference_id) || ' ' || count(*) FROM payment_intents") ==
        "OK-1 OK-2 2");
}

STORE_CONTRACT("data_version: SQLite's changes with another connection's commits only; PostgreSQL's is constant") {
  auto& writer = s.store().intent_writer();
  auto other = s.open_another();
  const auto before = writer.data_version();
  REQUIRE(before.is_ok());
  REQUIRE(writer.insert(valid("OWN"), kNow).is_ok());
  CHECK(*writer.data_version() == *before);  // never for this connection's own commits
  REQUIRE(other->intent_writer().insert(valid("OTHER"), kNow).is_ok());
  if (s.is_postgres()) {
    // Documented in pg_intent_writer.h: row locks, no database-wide write lock to make way for, so always 0.
    CHECK(*writer.data_version() == 0);
  } else {
    // Documented in intent_writer.h: another writer committed in between, so the reading differs.
    CHECK(*writer.data_version() != *before);
  }
}

namespace {

std::string stored_in_id_order(payq::testing::StoreUnderTest& s) {
  std::string stored;
  const std::int64_t rows = s.number("SELECT count(*) FROM payment_intents");
  for (std::int64_t row = 0; row < rows; ++row) {
    stored += (row > 0 ? "," : "") +
              s.text("SELECT reference_id || '=' || amount || coalesce('/' || batch, '') FROM payment_intents"
                     " ORDER BY id LIMIT 1 OFFSET " + std::to_string(row));
  }
  return stored;
}

}  // namespace

STORE_CONTRACT("insert_all gives each intent the outcome insert() would, in order, references repeated included") {
  auto& writer = s.store().intent_writer();
  CHECK(writer.batch_rows() >= 1);
  const std::vector<Intent> none_open{valid("X-1")};
  CHECK(writer.insert_all(none_open, kNow).status().code() == StatusCode::kInternal);
  REQUIRE(writer.insert(valid("OLD-SAME", "5.00"), kNow).is_ok());
  REQUIRE(writer.insert(valid("OLD-OTHER", "5.00"), kNow).is_ok());

  const std::vector<Intent> batch{
      valid("NEW-1", "1.00", "EUR", "https://shop.example/back", "run 1"),
      valid("OLD-SAME", "5.00"),                          // stored before, same content
      valid("OLD-OTHER", "6.00"),                         // stored before, other amount
      valid("NEW-2", "2.00"),
      valid("NEW-1", "1.00", "EUR", "https://shop.example/back", "run 2"),  // again in the batch: present
      valid("NEW-2", "2.00", "EUR", "https://other.example/"),             // again, other redirect: conflict
      valid("OLD-OTHER", "5.00"),                         // again, now matching what is stored
  };
  REQUIRE(writer.begin().is_ok());
  auto outcomes = writer.insert_all(batch, kNow);
  REQUIRE_MESSAGE(outcomes.is_ok(), outcomes.status().to_string());
  REQUIRE(writer.commit().is_ok());
  REQUIRE(outcomes->size() == batch.size());
  const auto& o = *outcomes;
  CHECK(*o[0] == EnqueueOutcome::kInserted);
  CHECK(*o[1] == EnqueueOutcome::kAlreadyPresent);
  CHECK(o[2].status().code() == StatusCode::kConflict);
  CHECK(o[2].status().message().find("amount 5.00 EUR is stored, 6.00 EUR was given") != std::string::npos);
  CHECK(*o[3] == EnqueueOutcome::kInserted);
  CHECK(*o[4] == EnqueueOutcome::kAlreadyPresent);
  CHECK(o[5].status().code() == StatusCode::kConflict);
  CHECK(o[5].status().message().find("redirect_url 'https://shop.example/back' is stored, "
                                     "'https://other.example/' was given") != std::string::npos);
  CHECK(*o[6] == EnqueueOutcome::kAlreadyPresent);
  CHECK(stored_in_id_order(s) == "OLD-SAME=5.00,OLD-OTHER=5.00,NEW-1=1.00/run 1,NEW-2=2.00");
  CHECK(s.number("SELECT count(*) FROM status_transitions") == 4);
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE created_at = " + std::to_string(kNow) +
                 " AND next_attempt_at = created_at AND state = 'queued'") == 4);
}

STORE_CONTRACT("insert_all stores text as given: backslashes, \\N and quotes are data, not escapes") {
  auto& writer = s.store().intent_writer();
  const std::vector<Intent> batch{
      valid("\\N", "1.00", "EUR", "https://shop.example/a\\b?x='y'", "\\N"),
      valid("R\\t\\\\", "2.00", "EUR", "https://shop.example/back", "tab\\there \"quoted\" 100%"),
      valid("R,;|", "3.00"),
  };
  REQUIRE(writer.begin().is_ok());
  auto outcomes = writer.insert_all(batch, kNow);
  REQUIRE_MESSAGE(outcomes.is_ok(), outcomes.status().to_string());
  REQUIRE(writer.commit().is_ok());
  for (const auto& outcome : *outcomes) CHECK(*outcome == EnqueueOutcome::kInserted);
  CHECK(s.text("SELECT redirect_url || ' ' || batch FROM payment_intents WHERE reference_id = '\\N'") ==
        "https://shop.example/a\\b?x='y' \\N");
  CHECK(s.text("SELECT batch FROM payment_intents WHERE reference_id = 'R\\t\\\\'") == "tab\\there \"quoted\" 100%");
  CHECK(s.text("SELECT coalesce(batch, 'NULL') FROM payment_intents WHERE reference_id = 'R,;|'") == "NULL");
  // The same again is present, not a conflict: what was stored is exactly what was given.
  REQUIRE(writer.begin().is_ok());
  auto again = writer.insert_all(batch, kNow);
  REQUIRE(writer.commit().is_ok());
  for (const auto& outcome : *again) CHECK(*outcome == EnqueueOutcome::kAlreadyPresent);
}

STORE_CONTRACT("insert_all: a row the schema refuses is that row's outcome; the others are stored") {
  auto& writer = s.store().intent_writer();
  Intent too_precise = valid("BAD");
  too_precise.amount = "1.234";  // past validation: the schema's own rule refuses 3 decimals for EUR
  too_precise.amount_minor = 1234;
  const std::vector<Intent> batch{valid("OK-1"), too_precise, valid("OK-2"), valid("OK-1", "9.00")};
  REQUIRE(writer.begin().is_ok());
  auto outcomes = writer.insert_all(batch, kNow);
  REQUIRE_MESSAGE(outcomes.is_ok(), outcomes.status().to_string());
  CHECK(*(*outcomes)[0] == EnqueueOutcome::kInserted);
  CHECK((*outcomes)[1].status().code() == StatusCode::kInvalidArgument);
  CHECK(*(*outcomes)[2] == EnqueueOutcome::kInserted);
  CHECK((*outcomes)[3].status().code() == StatusCode::kConflict);
  REQUIRE(writer.commit().is_ok());
  CHECK(stored_in_id_order(s) == "OK-1=10.00,OK-2=10.00");
}

STORE_CONTRACT("insert_all: several calls in one transaction, a rollback, then more: each call sees only its own") {
  auto& writer = s.store().intent_writer();
  std::vector<Intent> first;
  std::vector<Intent> second;
  for (int i = 0; i < 2500; ++i) first.push_back(valid("A-" + std::to_string(i)));
  for (int i = 0; i < 3; ++i) second.push_back(valid("B-" + std::to_string(i)));
  REQUIRE(writer.begin().is_ok());
  auto big = writer.insert_all(first, kNow);
  REQUIRE_MESSAGE(big.is_ok(), big.status().to_string());
  CHECK(big->size() == first.size());
  auto small = writer.insert_all(second, kNow);
  REQUIRE_MESSAGE(small.is_ok(), small.status().to_string());
  for (const auto& outcome : *small) CHECK(*outcome == EnqueueOutcome::kInserted);
  writer.rollback();
  CHECK(s.number("SELECT count(*) FROM payment_intents") == 0);

  REQUIRE(writer.begin().is_ok());
  auto after = writer.insert_all(second, kNow);
  REQUIRE_MESSAGE(after.is_ok(), after.status().to_string());
  for (const auto& outcome : *after) CHECK(*outcome == EnqueueOutcome::kInserted);
  REQUIRE(writer.commit().is_ok());
  REQUIRE(writer.begin().is_ok());
  auto present = writer.insert_all(first, kNow);
  REQUIRE(present.is_ok());
  for (const auto& outcome : *present) CHECK(*outcome == EnqueueOutcome::kInserted);
  REQUIRE(writer.commit().is_ok());
  CHECK(s.number("SELECT count(*) FROM payment_intents") == 2503);
  CHECK(s.text("SELECT reference_id FROM payment_intents ORDER BY id LIMIT 1 OFFSET 3") == "A-0");
}
