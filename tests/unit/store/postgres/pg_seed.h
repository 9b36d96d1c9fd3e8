// store/postgres/pg_seed.h — a migrated PgTestSchema and plain-SQL seeding for the read-side tests: intents
// inserted as a producer would (the schema derives amount_minor and the first transition) and moved between states
// by UPDATEs, whose transitions the schema's triggers record; API calls appended. Not the write side's code.
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
  // queued -> submitting -> submitted with a pending payment request, as the submitter leaves it.
  void submit(const std::string& ref, std::int64_t at, std::int64_t next_poll_at);
  // submitted -> settled with the partner's terminal status, as a poll leaves it.
  void settle(const std::string& ref, const std::string& remote_status, std::int64_t at);
  // queued -> submitting -> failed / on_hold.
  void fail(const std::string& ref, const std::string& error, std::int64_t at);
  void hold(const std::string& ref, const std::string& error, bool ambiguous, std::int64_t at);
  // queued -> cancelled by an operator.
  void cancel(const std::string& ref, std::int64_t at);
  void call(std::optional<std::int64_t> intent_id, const std::string& kind, std::int64_t started_at,
            std::int64_t latency_ms, std::optional<int> http_status, const std::string& outcome,
            bool ambiguous = false);

  // Runs SQL in its own autocommit statement; one() returns the first value ("NULL" for NULL).
  void exec(const std::string& sql);
  std::string one(const std::string& sql);

 private:
  void claim(const std::string& ref, std::int64_t at);

  PgTestSchema schema_;
  std::unique_ptr<store::postgres::PgConnection> connection_;
};

}  // namespace payq::testing
