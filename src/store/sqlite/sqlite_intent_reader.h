// store/sqlite/sqlite_intent_reader.h — IntentReader on SQLite: list/show/wait queries, streamed row by row through
// a statement. Read-only; one instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/intent_reader.h"

namespace payq::store {

class SqliteIntentReader final : public IntentReader {
 public:
  explicit SqliteIntentReader(SQLite::Database& db) : db_(db) {}
  Status for_each(const ListQuery& query, const std::function<bool(const IntentRecord&)>& row) override;
  Result<std::optional<IntentRecord>> find(const std::string& reference_id) override;
  Result<std::vector<TransitionRecord>> transitions(std::int64_t intent_id) override;

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
