// store/intent_writer.h — inserts validated intents inside a transaction the caller owns, idempotent on
// reference_id: an identical row is "already present", a different one with the same reference a conflict.
// Prepared statements are reused across rows; one writer per connection, one thread.
#pragma once

#include <cstdint>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "payq/intent.h"
#include "payq/producer.h"
#include "payq/status.h"

namespace payq::store {

class IntentWriter {
 public:
  explicit IntentWriter(SQLite::Database& db);

  // kConflict when the reference exists with other content (the message says which field differs);
  // kInvalidArgument when the schema refuses the row. The caller's transaction stays usable either way.
  Result<EnqueueOutcome> insert(const Intent& intent, std::int64_t now_ms);

 private:
  Result<EnqueueOutcome> compare_with_stored(const Intent& intent);

  SQLite::Database& db_;
  SQLite::Statement insert_;
  SQLite::Statement find_;
};

}  // namespace payq::store
