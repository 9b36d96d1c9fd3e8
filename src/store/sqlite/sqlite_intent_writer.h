// store/sqlite/sqlite_intent_writer.h — IntentWriter on SQLite: prepared INSERT and compare, in the caller's or its
// own IMMEDIATE transaction; data_version tells another writer's commit apart. One instance per connection, one
// thread.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/intent_writer.h"

namespace payq::store {

class SqliteIntentWriter final : public IntentWriter {
 public:
  explicit SqliteIntentWriter(SQLite::Database& db);
  Result<EnqueueOutcome> insert(const Intent& intent, std::int64_t now_ms) override;
  Status begin() override;
  Status commit() override;
  void rollback() override;
  bool in_transaction() const override { return transaction_.has_value(); }
  Result<std::int64_t> data_version() override;

 private:
  Result<EnqueueOutcome> compare_with_stored(const Intent& intent);

  SQLite::Database& db_;
  SQLite::Statement insert_;
  SQLite::Statement find_;
  SQLite::Statement data_version_;
  std::optional<SQLite::Transaction> transaction_;  // the open transaction begin() started, if any
};

}  // namespace payq::store
