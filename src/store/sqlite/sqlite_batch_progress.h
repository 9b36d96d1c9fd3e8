// store/sqlite/sqlite_batch_progress.h — BatchProgress on SQLite: one indexed COUNT per state over the batch (or all
// intents). One instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/batch_progress.h"

namespace payq::store {

class SqliteBatchProgress final : public BatchProgress {
 public:
  explicit SqliteBatchProgress(SQLite::Database& db) : db_(db) {}
  Result<BatchCounts> count(const std::optional<std::string>& batch) override;

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
