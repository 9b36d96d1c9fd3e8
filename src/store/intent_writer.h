// store/intent_writer.h — inserts validated intents, idempotent on reference_id: an identical row is "already
// present", a different one with the same reference a conflict. Inside a transaction the caller owns, or in the
// writer's own IMMEDIATE transactions (begin/commit, for chunked imports). One writer per connection, one thread.
#pragma once

#include <cstdint>
#include <optional>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

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

  // Opens the writer's own IMMEDIATE transaction (taking the database's write lock); kBusy when another
  // writer kept the lock past the connection's busy timeout, and nothing is open then. Callers that own
  // their transaction (the Producer) never call these.
  Status begin();
  // Commits the open transaction; only then are its rows stored. kInternal when none is open.
  Status commit();
  // Rolls back the open transaction, if any (also done by the destructor).
  void rollback();
  bool in_transaction() const { return transaction_.has_value(); }
  // SQLite's data_version: it changes when another connection commits (never for this one's own commits), so
  // two different readings mean another writer got the lock in between.
  Result<std::int64_t> data_version();

 private:
  Result<EnqueueOutcome> compare_with_stored(const Intent& intent);

  SQLite::Database& db_;
  SQLite::Statement insert_;
  SQLite::Statement find_;
  SQLite::Statement data_version_;
  std::optional<SQLite::Transaction> transaction_;  // the open transaction begin() started, if any
};

}  // namespace payq::store
