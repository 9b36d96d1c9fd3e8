// store/postgres/pg_seed.h — a migrated PgTestSchema and plain-SQL seeding for the PostgreSQL-only read tests:
// intents inserted as a producer would (the schema derives amount_minor and the first transition), raw SQL in
// autocommit. Not the write side's code; behaviour both stores share is tested through the store in ../contract.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_test_schema.h"

namespace payq::testing {

class PgSeed {
 public:
  PgSeed();  // a fresh schema, migrated; REQUIREs both

  pqxx::connection& session() { return connection_->session(); }
  const PgTestSchema& schema() const { return schema_; }

  // INSERTs an intent created at `created_at` (UTC ms) and returns its id.
  std::int64_t add(const std::string& ref, const std::string& amount = "1.00", const std::string& currency = "USD",
                   const std::optional<std::string>& batch = std::nullopt, std::int64_t created_at = 0);
  // Runs SQL in its own autocommit statement; one() returns the first value ("NULL" for NULL).
  void exec(const std::string& sql);
  std::string one(const std::string& sql);

 private:
  PgTestSchema schema_;
  std::unique_ptr<store::postgres::PgConnection> connection_;
};

}  // namespace payq::testing
