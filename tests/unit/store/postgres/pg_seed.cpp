// store/postgres/pg_seed.cpp — each step one parameterised statement in autocommit, so every seeded row is
// committed before the code under test reads.
#include "store/postgres/pg_seed.h"

#include <doctest/doctest.h>

#include "store/postgres/pg_migrator.h"

namespace payq::testing {

PgSeed::PgSeed() : connection_(schema_.connect()) {
  auto migrated = store::postgres::PgMigrator(*connection_).migrate();
  REQUIRE_MESSAGE(migrated.is_ok(), migrated.status().to_string());
}

std::int64_t PgSeed::add(const std::string& ref, const std::string& amount, const std::string& currency,
                         const std::optional<std::string>& batch, std::int64_t created_at) {
  pqxx::nontransaction tx(session());
  return tx
      .exec_params1("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch, created_at,"
                    " updated_at) VALUES ($1, $2, $3, 'https://s.example/r', $4, $5, $5) RETURNING id",
                    ref, amount, currency, batch ? batch->c_str() : nullptr, created_at)[0]
      .as<std::int64_t>();
}

void PgSeed::claim(const std::string& ref, std::int64_t at) {
  pqxx::nontransaction tx(session());
  tx.exec_params0("UPDATE payment_intents SET state = 'submitting', lease_until = $2, claim_epoch = 1, claim_seq = 1,"
                  " first_attempt_at = coalesce(first_attempt_at, $2), updated_at = $2, changed_by = 'submitter'"
                  " WHERE reference_id = $1",
                  ref, at);
}

void PgSeed::submit(const std::string& ref, std::int64_t at, std::int64_t next_poll_at) {
  claim(ref, at);
  pqxx::nontransaction tx(session());
  tx.exec_params0("UPDATE payment_intents SET state = 'submitted', remote_id = 'pr_' || reference_id,"
                  " remote_status = 'pending', lease_until = NULL, claim_epoch = NULL, claim_seq = NULL,"
                  " attempts = attempts + 1, submitted_at = $2::bigint, next_poll_at = $3, updated_at = $2::bigint + 1,"
                  " changed_by = 'submitter' WHERE reference_id = $1",
                  ref, at, next_poll_at);
}

void PgSeed::settle(const std::string& ref, const std::string& remote_status, std::int64_t at) {
  pqxx::nontransaction tx(session());
  tx.exec_params0("UPDATE payment_intents SET state = 'settled', remote_status = $2, settled_at = $3,"
                  " next_poll_at = NULL, polls = polls + 1, updated_at = $3, changed_by = 'reconciler'"
                  " WHERE reference_id = $1",
                  ref, remote_status, at);
}

void PgSeed::fail(const std::string& ref, const std::string& error, std::int64_t at) {
  claim(ref, at);
  pqxx::nontransaction tx(session());
  tx.exec_params0("UPDATE payment_intents SET state = 'failed', last_error = $2, lease_until = NULL,"
                  " attempts = attempts + 1, updated_at = $3::bigint + 1, changed_by = 'submitter'"
                  " WHERE reference_id = $1",
                  ref, error, at);
}

void PgSeed::hold(const std::string& ref, const std::string& error, bool ambiguous, std::int64_t at) {
  claim(ref, at);
  pqxx::nontransaction tx(session());
  tx.exec_params0("UPDATE payment_intents SET state = 'on_hold', last_error = $2, ambiguous = $3,"
                  " lease_until = NULL, attempts = attempts + 1, updated_at = $4::bigint + 1, changed_by = 'submitter'"
                  " WHERE reference_id = $1",
                  ref, error, ambiguous ? 1 : 0, at);
}

void PgSeed::cancel(const std::string& ref, std::int64_t at) {
  pqxx::nontransaction tx(session());
  tx.exec_params0("UPDATE payment_intents SET state = 'cancelled', updated_at = $2, changed_by = 'operator:ann',"
                  " change_reason = 'duplicate order' WHERE reference_id = $1",
                  ref, at);
}

void PgSeed::call(std::optional<std::int64_t> intent_id, const std::string& kind, std::int64_t started_at,
                  std::int64_t latency_ms, std::optional<int> http_status, const std::string& outcome,
                  bool ambiguous) {
  const std::string id_text = intent_id ? std::to_string(*intent_id) : "";
  const std::string status_text = http_status ? std::to_string(*http_status) : "";
  pqxx::nontransaction tx(session());
  tx.exec_params0("INSERT INTO api_calls (intent_id, kind, started_at, latency_ms, http_status, outcome, ambiguous)"
                  " VALUES ($1::bigint, $2, $3, $4, $5::bigint, $6, $7)",
                  intent_id ? id_text.c_str() : nullptr, kind, started_at, latency_ms,
                  http_status ? status_text.c_str() : nullptr, outcome, ambiguous ? 1 : 0);
}

void PgSeed::exec(const std::string& sql) {
  pqxx::nontransaction tx(session());
  tx.exec(sql);
}

std::string PgSeed::one(const std::string& sql) {
  pqxx::nontransaction tx(session());
  const auto value = tx.exec(sql)[0][0];
  return value.is_null() ? "NULL" : value.as<std::string>();
}

}  // namespace payq::testing
