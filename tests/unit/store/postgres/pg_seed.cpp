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
