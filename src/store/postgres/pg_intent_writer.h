// store/postgres/pg_intent_writer.h — IntentWriter on PostgreSQL: each insert its own transaction, or a savepoint
// inside the writer's open transaction so a refused row leaves it usable; batches through COPY (pg_batch_insert.h).
// One instance per connection, one thread; while its transaction is open, no other concern may use the connection.
#pragma once

#include <memory>
#include <optional>

#include <pqxx/connection>
#include <pqxx/transaction>

#include "store/intent_writer.h"

namespace payq::store::postgres {

class PgIntentWriter final : public IntentWriter {
 public:
  explicit PgIntentWriter(pqxx::connection& session);
  ~PgIntentWriter() override;

  Result<EnqueueOutcome> insert(const Intent& intent, std::int64_t now_ms) override;
  Result<Outcomes> insert_all(std::span<const Intent> intents, std::int64_t now_ms) override;
  // A round trip per row is what makes row-by-row slow here; a thousand rows go in a few.
  std::size_t batch_rows() const override { return kBatchRows; }
  static constexpr std::size_t kBatchRows = 1000;
  Status begin() override;
  Status commit() override;
  void rollback() override;
  bool in_transaction() const override { return transaction_ != nullptr; }
  // PostgreSQL's writers take row locks, not one database lock, so an import has no other writer to make way for:
  // always 0 (the import's pacing then never sees contention).
  Result<std::int64_t> data_version() override { return std::int64_t{0}; }

 private:
  Result<EnqueueOutcome> insert_in(pqxx::transaction_base& transaction, const Intent& intent, std::int64_t now_ms);

  pqxx::connection& session_;
  std::unique_ptr<pqxx::work> transaction_;  // the open transaction begin() started, if any
  std::optional<bool> may_stage_;  // whether the role may create the staging table, once asked
};

}  // namespace payq::store::postgres
